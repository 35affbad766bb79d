import { join } from "node:path";
import { Release } from "@cdktf/provider-helm/lib/release";
import { AssetType, TerraformAsset } from "cdktf";
import { Construct } from "constructs";
import { instanceType } from "../cluster/instance-types";
import { KARPENTER_SERVICE_ACCOUNT } from "../cluster/karpenter-aws";
import { type PropProblem, throwIfInvalid } from "../core/validation";
import type { HelmChart } from "./helm-addon";

/**
 * Karpenter 1.14.1: supports Kubernetes 1.35 (needs >= 1.9) and 1.36 (needs >= 1.13). The
 * controller and CRD charts move together (1.14 added a CRD), from Karpenter's OCI registry.
 */
export const KARPENTER_CHARTS = {
  crd: { repository: "oci://public.ecr.aws/karpenter", chart: "karpenter-crd", version: "1.14.1" },
  controller: { repository: "oci://public.ecr.aws/karpenter", chart: "karpenter", version: "1.14.1" },
} as const satisfies Record<string, HelmChart>;

/** Node image of Karpenter's nodes: EKS-optimized Amazon Linux 2023, newest for the cluster version. */
export const DEFAULT_KARPENTER_AMI_ALIAS = "al2023@latest";

/** The local chart holding the NodePools and EC2NodeClasses (shipped with the library). */
export const KARPENTER_NODEPOOLS_CHART_DIR = join(__dirname, "charts", "karpenter-nodepools");

/** One Karpenter node pool, from a managed node group's config. */
export interface KarpenterNodePool {
  /** Instance types of the node group: their families and sizes (vCPU counts) bound the pool. */
  readonly instanceTypes: readonly string[];
  /** `ON_DEMAND` or `SPOT`. @default "ON_DEMAND" */
  readonly capacityType?: "ON_DEMAND" | "SPOT";
  /** Nodes Karpenter may add to this pool (on top of the managed group's). */
  readonly maxNodes: number;
  /** Root volume, GiB. @default 20 */
  readonly diskSizeGiB?: number;
  /** Node labels. @default {} */
  readonly labels?: Readonly<Record<string, string>>;
  /** Taints, keyed by taint key. @default {} */
  readonly taints?: Readonly<Record<string, { readonly value: string; readonly effect: string }>>;
}

/** Properties of {@link Karpenter}. */
export interface KarpenterProps {
  readonly clusterName: string;
  /** The controller's IRSA role (the cluster stack creates it). */
  readonly controllerRoleArn: string;
  /** The nodes' role name (EC2NodeClass `role`). */
  readonly nodeRoleName: string;
  /** SQS queue Karpenter reads interruption events from. */
  readonly interruptionQueueName: string;
  /** Security groups of Karpenter's nodes: the cluster's and the extra node group. */
  readonly nodeSecurityGroupIds: readonly string[];
  /** Node pools by name (the managed node groups' names). */
  readonly nodePools: Readonly<Record<string, KarpenterNodePool>>;
  /** @default "al2023@latest" */
  readonly amiAlias?: string;
}

/**
 * Karpenter on the cluster: the pinned CRD chart, then the controller (IRSA, interruption
 * queue, zonal shift, node repair, two replicas on the managed node groups it does not
 * manage), then the NodePools and EC2NodeClasses as a local chart. Shipping the objects in a
 * chart (never `kubernetes_manifest`) keeps the platform stack plannable with no cluster.
 *
 * @example
 * ```ts
 * import { Karpenter } from "@plataforma/infra/constructs/workloads";
 *
 * new Karpenter(stack, "karpenter", {
 *   clusterName: "orders-production-sa-east-1",
 *   controllerRoleArn: "arn:aws:iam::123456789012:role/orders-production-sa-east-1-karpenter",
 *   nodeRoleName: "orders-production-sa-east-1-karpenter-node",
 *   interruptionQueueName: "orders-production-sa-east-1",
 *   nodeSecurityGroupIds: ["sg-0123456789abcdef0"],
 *   nodePools: { main: { instanceTypes: ["m6i.xlarge"], maxNodes: 7 } },
 * });
 * ```
 */
export class Karpenter extends Construct {
  /** Releases: `crd`, `controller`, `node-pools`. */
  readonly releases: Readonly<Record<"crd" | "controller" | "nodePools", Release>>;

  constructor(scope: Construct, id: string, props: KarpenterProps) {
    super(scope, id);
    throwIfInvalid(this, poolProblems(props.nodePools));
    const namespace = KARPENTER_SERVICE_ACCOUNT.namespace;
    const release = (rid: string, chart: HelmChart, values: unknown, extra: Record<string, unknown> = {}) =>
      new Release(this, rid, {
        name: chart.chart,
        repository: chart.repository,
        chart: chart.chart,
        version: chart.version,
        namespace,
        atomic: true,
        cleanupOnFail: true,
        values: [JSON.stringify(values)],
        ...extra,
      });
    const crd = release("crd", KARPENTER_CHARTS.crd, {});
    const controller = release("controller", KARPENTER_CHARTS.controller, controllerValues(props), {
      // CRDs come from the karpenter-crd release, which Helm upgrades (crds/ folders it never does).
      skipCrds: true,
      dependsOn: [crd],
    });
    const chart = new TerraformAsset(this, "node-pools-chart", {
      path: KARPENTER_NODEPOOLS_CHART_DIR,
      type: AssetType.DIRECTORY,
    });
    const nodePools = new Release(this, "node-pools", {
      name: "karpenter-nodepools",
      chart: chart.path,
      namespace,
      atomic: true,
      cleanupOnFail: true,
      values: [JSON.stringify(nodePoolValues(props))],
      dependsOn: [controller],
    });
    this.releases = { crd, controller, nodePools };
  }
}

function controllerValues(props: KarpenterProps) {
  return {
    serviceAccount: {
      name: KARPENTER_SERVICE_ACCOUNT.name,
      annotations: { "eks.amazonaws.com/role-arn": props.controllerRoleArn },
    },
    settings: {
      clusterName: props.clusterName,
      interruptionQueue: props.interruptionQueueName,
      enableZonalShift: true,
      featureGates: { nodeRepair: true },
    },
    replicas: 2,
    // Never on nodes Karpenter manages: it would drain itself. Managed node groups carry this label.
    affinity: {
      nodeAffinity: {
        requiredDuringSchedulingIgnoredDuringExecution: {
          nodeSelectorTerms: [{ matchExpressions: [{ key: "eks.amazonaws.com/nodegroup", operator: "Exists" }] }],
        },
      },
    },
    controller: { resources: { requests: { cpu: "1", memory: "1Gi" }, limits: { cpu: "1", memory: "1Gi" } } },
  };
}

function nodePoolValues(props: KarpenterProps) {
  const pools = Object.keys(props.nodePools)
    .sort()
    .map((name) => {
      const pool = props.nodePools[name];
      const types = pool.instanceTypes.map((t) => ({ name: t, info: instanceType(t) }));
      const maxCpu = Math.max(...types.map((t) => t.info?.vcpu ?? 0));
      const maxMemoryMiB = Math.max(...types.map((t) => t.info?.memoryMiB ?? 0));
      return {
        name,
        amiAlias: props.amiAlias ?? DEFAULT_KARPENTER_AMI_ALIAS,
        families: [...new Set(pool.instanceTypes.map((t) => t.split(".")[0]))],
        instanceCpus: [...new Set(types.map((t) => String(t.info?.vcpu)))],
        capacityTypes: [(pool.capacityType ?? "ON_DEMAND") === "SPOT" ? "spot" : "on-demand"],
        // Limits are in resources: the pool's node budget times its largest instance type.
        cpuLimit: String(pool.maxNodes * maxCpu),
        memoryLimit: `${pool.maxNodes * maxMemoryMiB}Mi`,
        diskSizeGiB: pool.diskSizeGiB ?? 20,
        labels: { ...(pool.labels ?? {}) },
        taints: Object.entries(pool.taints ?? {}).map(([key, t]) => ({ key, value: t.value, effect: t.effect })),
      };
    });
  return {
    clusterName: props.clusterName,
    nodeRole: props.nodeRoleName,
    securityGroupIds: [...props.nodeSecurityGroupIds],
    nodePools: pools,
  };
}

function poolProblems(pools: KarpenterProps["nodePools"]): PropProblem[] {
  const problems: PropProblem[] = [];
  for (const [name, pool] of Object.entries(pools)) {
    const unknown = pool.instanceTypes.filter((t) => !instanceType(t));
    if (pool.instanceTypes.length === 0 || unknown.length > 0) {
      problems.push({
        prop: `nodePools.${name}.instanceTypes`,
        message: "must list known instance types (their vCPU and memory size the pool's limits)",
        received: pool.instanceTypes,
        fix: 'use types such as "m6i.large"',
      });
    }
    if (!Number.isInteger(pool.maxNodes) || pool.maxNodes < 0) {
      problems.push({
        prop: `nodePools.${name}.maxNodes`,
        message: "must be a whole number of nodes, 0 or more",
        received: pool.maxNodes,
        fix: "use the node group's maxSize minus its desiredSize",
      });
    }
  }
  return problems;
}
