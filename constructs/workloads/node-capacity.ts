/**
 * What one node of the `modules` node group can give to pods. Module limits above it
 * can never schedule, so they are config errors rather than pods stuck Pending.
 *
 * The cluster engineer owns the node groups; until the cluster config is wired in, the
 * environment names the instance type (or the allocatable figures directly).
 */

/** Allocatable resources of one node. */
export interface NodeCapacity {
  /** CPU pods may request, in millicores. */
  readonly cpuMillicores: number;
  /** Memory pods may request, in MiB. */
  readonly memoryMiB: number;
}

/** vCPUs, memory and the VPC CNI pod limit of an instance type. */
export interface InstanceShape {
  /** vCPUs of the instance. */
  readonly vcpus: number;
  /** Memory of the instance, in MiB. */
  readonly memoryMiB: number;
  /** Max pods with the VPC CNI (ENIs x (IPs per ENI - 1) + 2), as in eni-max-pods.txt. */
  readonly maxPods: number;
}

/**
 * Instance types the node groups use or the seeds name (seed 001: modules on c5.large,
 * main on m5.xlarge). Figures from the EC2 instance type pages and the EKS AMI's
 * eni-max-pods.txt.
 */
export const INSTANCE_SHAPES = {
  "t3.medium": { vcpus: 2, memoryMiB: 4096, maxPods: 17 },
  "t3.large": { vcpus: 2, memoryMiB: 8192, maxPods: 35 },
  "c5.large": { vcpus: 2, memoryMiB: 4096, maxPods: 29 },
  "c5.xlarge": { vcpus: 4, memoryMiB: 8192, maxPods: 58 },
  "c6i.large": { vcpus: 2, memoryMiB: 4096, maxPods: 29 },
  "c6i.xlarge": { vcpus: 4, memoryMiB: 8192, maxPods: 58 },
  "m5.large": { vcpus: 2, memoryMiB: 8192, maxPods: 29 },
  "m5.xlarge": { vcpus: 4, memoryMiB: 16384, maxPods: 58 },
  "m6i.large": { vcpus: 2, memoryMiB: 8192, maxPods: 29 },
  "m6i.xlarge": { vcpus: 4, memoryMiB: 16384, maxPods: 58 },
} as const satisfies Record<string, InstanceShape>;

/** An instance type of {@link INSTANCE_SHAPES}. */
export type InstanceType = keyof typeof INSTANCE_SHAPES;

/** Instance type names, for schema enums. */
export const INSTANCE_TYPES = Object.keys(INSTANCE_SHAPES) as [InstanceType, ...InstanceType[]];

/** The seeds' modules node group instance type (seed 001). */
export const DEFAULT_MODULES_INSTANCE_TYPE: InstanceType = "c5.large";

/** Kubelet hard eviction threshold the EKS AMIs set (`memory.available<100Mi`). */
export const EVICTION_HARD_MIB = 100;

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
 * Allocatable capacity of one node of an instance type, with the EKS AMI reservations:
 * CPU per {@link kubeReservedCpuMillicores}, memory `11 MiB x maxPods + 255 MiB` plus the
 * eviction threshold. Real nodes report slightly less memory (the kernel keeps some), so
 * a limit right at this figure may still not fit; leave headroom for daemon sets.
 */
export function allocatableCapacity(instanceType: InstanceType): NodeCapacity {
  const shape: InstanceShape = INSTANCE_SHAPES[instanceType];
  return {
    cpuMillicores: shape.vcpus * 1000 - kubeReservedCpuMillicores(shape.vcpus),
    memoryMiB: shape.memoryMiB - (11 * shape.maxPods + 255) - EVICTION_HARD_MIB,
  };
}
