/**
 * What one node of the `modules` node group can give to pods. Module limits above it
 * can never schedule, so they are config errors rather than pods stuck Pending.
 * Instance figures come from the cluster's table (constructs/cluster/instance-types.ts),
 * so node groups and workloads agree on what a node is.
 */
import { allocatableMemoryMiB, type InstanceTypeInfo, instanceType } from "../cluster/instance-types";

/** Allocatable resources of one node. */
export interface NodeCapacity {
  /** CPU pods may request, in millicores. */
  readonly cpuMillicores: number;
  /** Memory pods may request, in MiB. */
  readonly memoryMiB: number;
}

/**
 * CPU the EKS AMIs reserve for the kubelet and runtime: 6% of the first core, 1% of the
 * second, 0.5% of cores 3-4 and 0.25% of the rest (the GKE/EKS formula).
 */
function kubeReservedCpuMillicores(vcpus: number): number {
  const steps = [60, 10, 5, 5];
  let reserved = 0;
  for (let core = 0; core < vcpus; core++) reserved += core < steps.length ? steps[core] : 2.5;
  return Math.ceil(reserved);
}

/**
 * Allocatable capacity of one node of an instance type: vCPUs less the kubelet's CPU
 * reservation, and the cluster table's conservative allocatable memory.
 */
function allocatableCapacity(info: InstanceTypeInfo): NodeCapacity {
  return {
    cpuMillicores: info.vcpu * 1000 - kubeReservedCpuMillicores(info.vcpu),
    memoryMiB: allocatableMemoryMiB(info),
  };
}

/**
 * Capacity one node of a group is sure to have: the smallest of its instance types on
 * each axis (a group with several types may get any of them). `undefined` when a type is
 * unknown (the cluster config reports that) or none is listed.
 */
export function smallestNodeCapacity(instanceTypes: readonly string[]): NodeCapacity | undefined {
  const infos = instanceTypes.map(instanceType);
  if (infos.length === 0 || infos.some((info) => !info)) return undefined;
  const capacities = (infos as InstanceTypeInfo[]).map(allocatableCapacity);
  return {
    cpuMillicores: Math.min(...capacities.map((c) => c.cpuMillicores)),
    memoryMiB: Math.min(...capacities.map((c) => c.memoryMiB)),
  };
}
