import { z } from "zod";
import {
  CLUSTER_LOG_TYPES,
  DEFAULT_CLUSTER_LOG_RETENTION_DAYS,
  DEFAULT_NODE_VOLUME_GIB,
  DEFAULT_SERVICE_IPV4_CIDR,
  REQUIRED_CLUSTER_LOG_TYPES,
  serviceIpv4CidrProblem,
} from "../../constructs/cluster/cluster-settings";
import { instanceType, unknownInstanceTypeReason } from "../../constructs/cluster/instance-types";
import {
  LATEST_KUBERNETES_VERSION,
  MANAGED_ADDONS,
  unsupportedKubernetesVersionReason,
} from "../../constructs/cluster/kubernetes-versions";
import { cidrsOverlap, parseCidr } from "../../constructs/network/cidr";
import { CidrSchema, LogRetentionSchema, shortProductionRetention } from "./primitives";

/** A name usable as a node group key, label value and resource name part. */
const NameSchema = z.string().regex(/^[a-z][a-z0-9-]{0,30}[a-z0-9]$/, {
  error: (issue) =>
    `${JSON.stringify(issue.input)} is not a valid name. ` +
    `Fix: use 2-32 lowercase letters, digits and dashes, starting with a letter`,
});

/** An IAM role ARN (users and root are refused: access goes through assumable roles). */
export const RoleArnSchema = z.string().regex(/^arn:aws:iam::\d{12}:role\/[\w+=,.@/-]{1,512}$/, {
  error: (issue) =>
    `${JSON.stringify(issue.input)} is not an IAM role ARN. ` +
    `Fix: use arn:aws:iam::<account id>:role/<name> ` +
    `(grant people access through an assumable role, not users)`,
});

/** A Kubernetes label or taint key (`role`, `nvidia.com/gpu`). */
const LabelKeySchema = z.string().regex(/^([a-z0-9.-]{1,253}\/)?[A-Za-z0-9]([A-Za-z0-9_.-]{0,61}[A-Za-z0-9])?$/, {
  error: (issue) =>
    `${JSON.stringify(issue.input)} is not a Kubernetes label key. ` +
    `Fix: use [prefix/]name with letters, digits, "-", "_", "."`,
});

/** A Kubernetes label or taint value. */
const LabelValueSchema = z.string().regex(/^([A-Za-z0-9]([A-Za-z0-9_.-]{0,61}[A-Za-z0-9])?)?$/, {
  error: (issue) =>
    `${JSON.stringify(issue.input)} is not a Kubernetes label value. Fix: use up to 63 letters, digits, "-", "_", "."`,
});

/** One taint, keyed by its key in {@link NodeGroupSchema}. */
export const TaintSchema = z.strictObject({
  value: LabelValueSchema,
  effect: z.enum(["NoSchedule", "PreferNoSchedule", "NoExecute"]),
});

/** One EKS managed node group. */
export const NodeGroupSchema = z.strictObject({
  /** Instance types, preferred first; all must share one architecture and GPU kind. */
  instanceTypes: z.array(z.string()).min(1),
  /** `SPOT` is cheaper and can be reclaimed with two minutes' notice. @default "ON_DEMAND" */
  capacityType: z.enum(["ON_DEMAND", "SPOT"]).default("ON_DEMAND"),
  minSize: z.number().int().min(0),
  desiredSize: z.number().int().min(0),
  maxSize: z.number().int().min(1),
  /** Root volume (gp3, encrypted) in GiB. @default 50 */
  diskSizeGiB: z.number().int().min(20).max(1024).default(DEFAULT_NODE_VOLUME_GIB),
  /** Kubernetes labels on every node. @default {} */
  labels: z.record(LabelKeySchema, LabelValueSchema).default({}),
  /** Taints keyed by taint key, e.g. `{ workload: { value: "modules", effect: "NoSchedule" } }`. @default {} */
  taints: z.record(LabelKeySchema, TaintSchema).default({}),
});

/** The API server endpoint. */
export const EndpointSchema = z.strictObject({
  /**
   * CIDRs allowed to reach the public endpoint; empty turns the public endpoint off and
   * leaves only the private one (reachable from the VPC and peered networks). @default []
   */
  publicAccessCidrs: z.array(CidrSchema).default([]),
  /**
   * Private CIDRs allowed to reach the private endpoint over HTTPS (CI runners, bastions,
   * peered VPCs); the cluster security group otherwise admits only the cluster. @default []
   */
  privateAccessCidrs: z.array(CidrSchema).default([]),
});

/** One region's EKS cluster. */
export const ClusterSchema = z.strictObject({
  /** Kubernetes minor version; must be one with pinned add-ons. @default the newest supported */
  kubernetesVersion: z.string().default(LATEST_KUBERNETES_VERSION),
  endpoint: EndpointSchema.default({ publicAccessCidrs: [], privateAccessCidrs: [] }),
  /** Control-plane log types; must include api, audit and authenticator. @default all five */
  logTypes: z.array(z.enum(CLUSTER_LOG_TYPES)).default([...CLUSTER_LOG_TYPES]),
  /** Days CloudWatch keeps control-plane logs. @default 90 */
  logRetentionDays: LogRetentionSchema.default(DEFAULT_CLUSTER_LOG_RETENTION_DAYS),
  /**
   * Kubernetes service range: a /12 to /24 inside 10.0.0.0/8, 172.16.0.0/12 or
   * 192.168.0.0/16, clear of every VPC of the environment; fixed when the cluster is
   * created. @default "172.20.0.0/16"
   */
  serviceIpv4Cidr: CidrSchema.default(DEFAULT_SERVICE_IPV4_CIDR),
  /** Cluster administrators (EKS access entries with the cluster admin policy), keyed by name. */
  admins: z.record(NameSchema, RoleArnSchema),
  /** Read-only access entries (EKS view policy), keyed by name. @default {} */
  viewers: z.record(NameSchema, RoleArnSchema).default({}),
  /** Quota: the sum of every node group's maxSize may not exceed it (EC2 limits, budget). */
  maxNodesPerRegion: z.number().int().positive(),
  /**
   * Node autoscaler: Karpenter adds nodes for pending pods, per node group (the managed
   * groups keep their desired size as the floor), up to `maxSize` and `maxNodesPerRegion`.
   * @default "karpenter"
   */
  nodeAutoscaler: z.enum(["karpenter", "none"]).default("karpenter"),
  /** Managed node groups keyed by name; the key is part of resource names and addresses. */
  nodeGroups: z.record(NameSchema, NodeGroupSchema),
  /**
   * EKS managed add-on builds overriding the pins of the Kubernetes version (e.g. a
   * security fix rolled to dev first). Spelled `addon` as the EKS API spells it
   * (`aws_eks_addon`, `describe-addon-versions`), like every addon in code.
   * @default {} - the pins of constructs/cluster/kubernetes-versions.ts
   */
  addonVersions: z
    .partialRecord(
      z.enum(MANAGED_ADDONS),
      z.string().regex(/^v\d+\.\d+\.\d+-eksbuild\.\d+$/, {
        error: (issue) =>
          `${JSON.stringify(issue.input)} is not an EKS add-on version. ` +
          `Fix: use the form v1.2.3-eksbuild.4 (aws eks describe-addon-versions)`,
      }),
    )
    .default({}),
});

/** Parsed cluster config. */
export type ClusterConfig = z.output<typeof ClusterSchema>;

/** Parsed node group config. */
export type NodeGroupConfig = z.output<typeof NodeGroupSchema>;

/** A cluster config problem, with a path relative to the cluster section. */
export interface ClusterProblem {
  readonly path: (string | number)[];
  readonly message: string;
  readonly input?: unknown;
}

/** What {@link checkCluster} needs to know about the environment around the cluster. */
export interface ClusterContext {
  /** `production` refuses a public endpoint open to the whole internet. */
  readonly tier: string;
  /** Region name, for messages. */
  readonly region: string;
  /** Every VPC block of the environment (own and peered), by region name. */
  readonly vpcCidrs: Readonly<Record<string, string>>;
  /**
   * The environment's account: access entries must name its roles. @default - unknown
   * (the account section did not parse): the account of role ARNs is not checked
   */
  readonly accountId?: string;
}

/**
 * Cross-field rules of one cluster: supported version, required log types, node group
 * bounds, the region's node quota, known instance types of one architecture, somewhere
 * for system pods to run, the service range clear of every VPC, and (production) no
 * public endpoint open to 0.0.0.0/0 and a year of audit logs. Returns every problem,
 * each with its path.
 */
export function checkCluster(cluster: ClusterConfig, context: ClusterContext): ClusterProblem[] {
  const problems: ClusterProblem[] = [];
  const add = (path: (string | number)[], message: string, input: unknown) => problems.push({ path, message, input });

  const versionProblem = unsupportedKubernetesVersionReason(cluster.kubernetesVersion);
  if (versionProblem) add(["kubernetesVersion"], versionProblem, cluster.kubernetesVersion);

  const missingLogs = REQUIRED_CLUSTER_LOG_TYPES.filter((t) => !cluster.logTypes.includes(t));
  if (missingLogs.length > 0) {
    add(
      ["logTypes"],
      `control-plane logs must include ${REQUIRED_CLUSTER_LOG_TYPES.join(", ")}; ` +
        `missing ${missingLogs.join(", ")}. ` +
        `Fix: add ${missingLogs.map((t) => `"${t}"`).join(", ")} to logTypes`,
      cluster.logTypes,
    );
  }

  const shortLogs = shortProductionRetention(
    context.tier,
    "control-plane (audit) logs",
    "logRetentionDays",
    cluster.logRetentionDays,
  );
  if (shortLogs) add(["logRetentionDays"], shortLogs, cluster.logRetentionDays);

  if (Object.keys(cluster.admins).length === 0) {
    add(
      ["admins"],
      "no cluster administrator is configured; with access entries nobody could reach the cluster. " +
        "Fix: add at least one role ARN under admins",
      cluster.admins,
    );
  }

  cluster.endpoint.publicAccessCidrs.forEach((cidr, i) => {
    if (context.tier === "production" && parseCidr(cidr)?.prefix === 0) {
      add(
        ["endpoint", "publicAccessCidrs", i],
        `production exposes the Kubernetes API to the whole internet with ${cidr}. ` +
          `Fix: list only your office/VPN egress CIDRs, ` +
          `or leave publicAccessCidrs empty to keep the endpoint private`,
        cidr,
      );
    }
  });

  // Malformed blocks were already reported by their own schemas; refinements still run.
  const wellFormed = (cidr: string) => parseCidr(cidr) !== undefined;
  cluster.endpoint.privateAccessCidrs.forEach((cidr, i) => {
    if (parseCidr(cidr)?.prefix === 0) {
      add(
        ["endpoint", "privateAccessCidrs", i],
        `${cidr} admits every address to the private endpoint. Fix: list the CI runner, bastion or peer VPC blocks`,
        cidr,
      );
    }
  });

  for (const [other, vpcCidr] of Object.entries(context.vpcCidrs)) {
    if (wellFormed(cluster.serviceIpv4Cidr) && wellFormed(vpcCidr) && cidrsOverlap(cluster.serviceIpv4Cidr, vpcCidr)) {
      add(
        ["serviceIpv4Cidr"],
        `service range ${cluster.serviceIpv4Cidr} overlaps the VPC block ${vpcCidr} of ${other}; ` +
          `pods could not reach those addresses. ` +
          `Fix: use a range outside every VPC, e.g. ${DEFAULT_SERVICE_IPV4_CIDR}`,
        cluster.serviceIpv4Cidr,
      );
    }
  }

  const rangeProblem = serviceIpv4CidrProblem(cluster.serviceIpv4Cidr);
  if (rangeProblem) {
    add(
      ["serviceIpv4Cidr"],
      `service range ${cluster.serviceIpv4Cidr} ${rangeProblem.message}. Fix: ${rangeProblem.fix}`,
      cluster.serviceIpv4Cidr,
    );
  }

  for (const kind of ["admins", "viewers"] as const) {
    for (const [name, arn] of Object.entries(cluster[kind])) {
      const problem = foreignRoleProblem(arn, context.accountId);
      if (problem) add([kind, name], `${kind} entry ${name}: ${problem}`, arn);
    }
  }

  let totalMax = 0;
  let schedulable = 0;
  for (const [name, group] of Object.entries(cluster.nodeGroups)) {
    const base = ["nodeGroups", name];
    totalMax += group.maxSize;
    if (group.minSize > group.maxSize) {
      add(
        [...base, "minSize"],
        `node group ${name} has minSize ${group.minSize} above maxSize ${group.maxSize}. Fix: make minSize <= maxSize`,
        group.minSize,
      );
    }
    if (group.desiredSize < group.minSize || group.desiredSize > group.maxSize) {
      add(
        [...base, "desiredSize"],
        `node group ${name} has desiredSize ${group.desiredSize} outside [${group.minSize}, ${group.maxSize}]. ` +
          `Fix: pick a desiredSize from minSize to maxSize`,
        group.desiredSize,
      );
    }
    const kinds = new Set<string>();
    group.instanceTypes.forEach((type, i) => {
      const reason = unknownInstanceTypeReason(type);
      if (reason) {
        add([...base, "instanceTypes", i], reason, type);
        return;
      }
      const info = instanceType(type)!;
      kinds.add(`${info.architecture}${info.gpus > 0 ? "+gpu" : ""}`);
    });
    if (kinds.size > 1) {
      add(
        [...base, "instanceTypes"],
        `node group ${name} mixes ${[...kinds].join(" and ")} instance types; ` +
          `one node group boots one AMI type. ` +
          `Fix: split them into separate node groups`,
        group.instanceTypes,
      );
    }
    if (new Set(group.instanceTypes).size !== group.instanceTypes.length) {
      add(
        [...base, "instanceTypes"],
        `node group ${name} lists an instance type twice. Fix: list each type once`,
        group.instanceTypes,
      );
    }
    const blocking = Object.values(group.taints).some((t) => t.effect !== "PreferNoSchedule");
    if (!blocking && group.maxSize > 0) schedulable++;
  }
  if (Object.keys(cluster.nodeGroups).length === 0) {
    add(
      ["nodeGroups"],
      "no node group is configured. Fix: add at least a general-purpose group, e.g. main",
      cluster.nodeGroups,
    );
  } else if (schedulable === 0) {
    add(
      ["nodeGroups"],
      "every node group is tainted, so CoreDNS and the EBS CSI controller have nowhere to run. " +
        "Fix: keep one general-purpose group without NoSchedule/NoExecute taints",
      Object.keys(cluster.nodeGroups),
    );
  }
  if (totalMax > cluster.maxNodesPerRegion) {
    add(
      ["maxNodesPerRegion"],
      `node groups in ${context.region} may grow to ${totalMax} nodes (sum of maxSize) ` +
        `but maxNodesPerRegion is ${cluster.maxNodesPerRegion}. ` +
        `Fix: lower some maxSize or raise maxNodesPerRegion (and the EC2 quota behind it)`,
      cluster.maxNodesPerRegion,
    );
  }
  return problems;
}

/**
 * Why an access-entry role of another account is refused (a dev-account role would
 * administer this cluster), or undefined when it is this account's or cannot be told.
 * The schema has no cross-account access field: such access is a deliberate design
 * change, not a copied line.
 */
function foreignRoleProblem(arn: string, accountId: string | undefined): string | undefined {
  const roleAccount = /^arn:aws:iam::(\d{12}):role\//.exec(arn)?.[1];
  // Malformed ARNs and account ids were reported by their own fields.
  if (roleAccount === undefined || accountId === undefined || !/^\d{12}$/.test(accountId)) return undefined;
  if (roleAccount === accountId) return undefined;
  return (
    `role ${arn} belongs to account ${roleAccount}, not this environment's account ${accountId}; ` +
    "another account's people would get access to this cluster. " +
    `Fix: use a role of account ${accountId} (arn:aws:iam::${accountId}:role/<name>)`
  );
}
