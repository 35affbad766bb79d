import { EksNodeGroup } from "@cdktf/provider-aws/lib/eks-node-group";
import { LaunchTemplate } from "@cdktf/provider-aws/lib/launch-template";
import { type ITerraformDependable, Token } from "cdktf";
import { Construct } from "constructs";
import { type PropProblem, throwIfInvalid } from "../core/validation";
import { DEFAULT_NODE_VOLUME_GIB, MIN_NODE_VOLUME_GIB } from "./cluster-settings";
import { type InstanceTypeInfo, instanceType, unknownInstanceType } from "./instance-types";

/** EC2 capacity a node group buys. */
export type CapacityType = "ON_DEMAND" | "SPOT";

/** Kubernetes taint effects, as written in manifests. */
export type TaintEffect = "NoSchedule" | "PreferNoSchedule" | "NoExecute";

/** One taint, keyed by its key in {@link ManagedNodeGroupProps.taints}. */
export interface NodeTaint {
  readonly value: string;
  readonly effect: TaintEffect;
}

const NODE_GROUP_NAME = /^[a-z][a-z0-9-]{0,30}[a-z0-9]$/;

/** Share of nodes replaced at once during a rolling update: a third keeps two thirds serving. */
export const DEFAULT_MAX_UNAVAILABLE_PERCENTAGE = 33;

const EKS_TAINT_EFFECTS: Readonly<Record<TaintEffect, string>> = {
  NoSchedule: "NO_SCHEDULE",
  PreferNoSchedule: "PREFER_NO_SCHEDULE",
  NoExecute: "NO_EXECUTE",
};

/** Properties of {@link ManagedNodeGroup}. */
export interface ManagedNodeGroupProps {
  /** Name of the EKS cluster the nodes join. */
  readonly clusterName: string;
  /**
   * The group's name, e.g. `main`: prefix of the node group name (EKS allows 37
   * characters of prefix) and, after the cluster name, of the launch template and tags.
   */
  readonly name: string;
  /** Role the nodes run as (needs the EKS worker and ECR pull policies). */
  readonly nodeRoleArn: string;
  /** Private subnets to spread the nodes over, one per zone. */
  readonly subnetIds: readonly string[];
  /** Security groups of the nodes (the cluster security group first). */
  readonly securityGroupIds: readonly string[];
  /** KMS key encrypting the root volumes. */
  readonly volumeKmsKeyArn: string;
  /** Instance types, preferred first; all of one architecture and GPU kind. */
  readonly instanceTypes: readonly string[];
  /** @default "ON_DEMAND" */
  readonly capacityType?: CapacityType;
  readonly minSize: number;
  /** Initial size; afterwards owned by the cluster autoscaler (changes are ignored). */
  readonly desiredSize: number;
  readonly maxSize: number;
  /** Root volume size in GiB (gp3, encrypted). @default 50 */
  readonly diskSizeGiB?: number;
  /** Kubernetes labels. @default {} */
  readonly labels?: Readonly<Record<string, string>>;
  /** Taints keyed by taint key. @default {} */
  readonly taints?: Readonly<Record<string, NodeTaint>>;
  /** Resources that must exist before nodes join, e.g. the CNI add-on. @default [] */
  readonly after?: readonly ITerraformDependable[];
}

/** The EKS AMI type for a set of (validated, uniform) instance types: AL2023 only, no AMI ids. */
function amiTypeFor(info: InstanceTypeInfo): string {
  if (info.gpus > 0) return "AL2023_x86_64_NVIDIA";
  return info.architecture === "arm64" ? "AL2023_ARM_64_STANDARD" : "AL2023_x86_64_STANDARD";
}

/** The sizing and placement options of a node group, as {@link checkNodeGroup} reads them. */
export type NodeGroupOptions = Pick<
  ManagedNodeGroupProps,
  "instanceTypes" | "capacityType" | "minSize" | "desiredSize" | "maxSize" | "diskSizeGiB" | "labels" | "taints"
>;

/**
 * Every problem of a node group's options: unknown or mixed instance types, bounds out of
 * order, a root volume too small. Props are named relative to `prefix` (`nodeGroups.main.`
 * inside a cluster). Empty when valid.
 */
export function checkNodeGroup(options: NodeGroupOptions, prefix = ""): PropProblem[] {
  const problems: PropProblem[] = [];
  const infos: InstanceTypeInfo[] = [];
  const types = options.instanceTypes;
  const prop = (name: string) => `${prefix}${name}`;
  if (types.length === 0) {
    problems.push({
      prop: prop("instanceTypes"),
      message: "is empty",
      received: types,
      fix: "list at least one instance type",
    });
  }
  for (const type of types) {
    const info = instanceType(type);
    const unknown = unknownInstanceType(type);
    if (info) infos.push(info);
    if (unknown) problems.push({ prop: prop("instanceTypes"), received: type, ...unknown });
  }
  const kinds = new Set(infos.map((i) => amiTypeFor(i)));
  if (kinds.size > 1) {
    problems.push({
      prop: prop("instanceTypes"),
      message: `need different AMI types (${[...kinds].join(", ")})`,
      received: types,
      fix: "split them into separate node groups",
    });
  }
  const { minSize, desiredSize, maxSize } = options;
  const sizes = { minSize, desiredSize, maxSize };
  if (![minSize, desiredSize, maxSize].every((n) => Number.isInteger(n) && n >= 0)) {
    problems.push({
      prop: prop("minSize"),
      message: "sizes must be whole numbers >= 0",
      received: sizes,
      fix: "use whole numbers",
    });
  }
  if (maxSize < 1) {
    problems.push({
      prop: prop("maxSize"),
      message: "allows no node",
      received: maxSize,
      fix: "allow at least one node",
    });
  }
  if (minSize > maxSize) {
    problems.push({
      prop: prop("minSize"),
      message: `is above maxSize ${maxSize}`,
      received: minSize,
      fix: "make minSize <= maxSize",
    });
  }
  if (desiredSize < minSize || desiredSize > maxSize) {
    problems.push({
      prop: prop("desiredSize"),
      message: `is outside [${minSize}, ${maxSize}]`,
      received: desiredSize,
      fix: "pick a desiredSize from minSize to maxSize",
    });
  }
  const disk = options.diskSizeGiB ?? DEFAULT_NODE_VOLUME_GIB;
  if (!Number.isInteger(disk) || disk < MIN_NODE_VOLUME_GIB) {
    problems.push({
      prop: prop("diskSizeGiB"),
      message: `is below ${MIN_NODE_VOLUME_GIB}`,
      received: disk,
      fix: `use at least ${MIN_NODE_VOLUME_GIB} GiB`,
    });
  }
  return problems;
}

/**
 * An EKS managed node group on Amazon Linux 2023 with its own launch template: IMDSv2
 * required with a hop limit of 1 (pods cannot borrow the node's credentials), encrypted
 * gp3 root volumes with a customer key, no SSH key. Names are prefixes and the group is
 * created before the old one is destroyed, so a change of instance types rolls nodes
 * instead of failing on a name clash.
 *
 * @example
 * ```ts
 * import { type EksCluster, ManagedNodeGroup } from "@plataforma/infra/constructs/cluster";
 * import type { RegionalNetwork } from "@plataforma/infra/constructs/network";
 *
 * declare const net: RegionalNetwork;
 * declare const eks: EksCluster;
 *
 * new ManagedNodeGroup(stack, "batch", {
 *   clusterName: eks.cluster.name,
 *   name: "batch",
 *   nodeRoleArn: eks.nodeRole.arn,
 *   subnetIds: Object.values(net.subnets.private).map((s) => s.id),
 *   securityGroupIds: [eks.cluster.vpcConfig.clusterSecurityGroupId, eks.nodeSecurityGroup.id],
 *   volumeKmsKeyArn: eks.volumeKey.key.arn,
 *   instanceTypes: ["c7g.xlarge", "c6g.xlarge"],
 *   capacityType: "SPOT",
 *   minSize: 0,
 *   desiredSize: 1,
 *   maxSize: 10,
 *   labels: { workload: "batch" },
 *   taints: { workload: { value: "batch", effect: "NoSchedule" } },
 * });
 * ```
 */
export class ManagedNodeGroup extends Construct {
  /** The EKS managed node group. */
  readonly nodeGroup: EksNodeGroup;
  /** Its launch template (metadata options, root volume, security groups). */
  readonly launchTemplate: LaunchTemplate;
  /** The AMI type chosen from the instance types. */
  readonly amiType: string;

  constructor(scope: Construct, id: string, props: ManagedNodeGroupProps) {
    super(scope, id);
    const problems: PropProblem[] = [];
    if (!NODE_GROUP_NAME.test(props.name)) {
      problems.push({
        prop: "name",
        message: "is not 2-32 lowercase letters, digits and dashes",
        received: props.name,
        fix: 'use a short name such as "main"',
      });
    }
    problems.push(...checkNodeGroup(props));
    if (props.subnetIds.length === 0) {
      problems.push({
        prop: "subnetIds",
        message: "is empty",
        received: props.subnetIds,
        fix: "pass the private subnets",
      });
    }
    throwIfInvalid(this, problems);
    const disk = props.diskSizeGiB ?? DEFAULT_NODE_VOLUME_GIB;
    const { minSize, desiredSize, maxSize } = props;
    this.amiType = amiTypeFor(instanceType(props.instanceTypes[0])!);

    const name = `${props.clusterName}-${props.name}`;
    this.launchTemplate = new LaunchTemplate(this, "launch-template", {
      namePrefix: `${name}-`,
      description: `Nodes of ${name}: IMDSv2 only, encrypted gp3 root volume`,
      updateDefaultVersion: true,
      vpcSecurityGroupIds: [...props.securityGroupIds],
      metadataOptions: {
        httpEndpoint: "enabled",
        httpTokens: "required",
        // One hop: the node reaches IMDS, a pod (one more hop through the veth) does not.
        httpPutResponseHopLimit: 1,
        instanceMetadataTags: "disabled",
      },
      blockDeviceMappings: [
        {
          deviceName: "/dev/xvda",
          ebs: {
            volumeSize: disk,
            volumeType: "gp3",
            encrypted: "true",
            kmsKeyId: props.volumeKmsKeyArn,
            deleteOnTermination: "true",
          },
        },
      ],
      tagSpecifications: [
        { resourceType: "instance", tags: { Name: name } },
        { resourceType: "volume", tags: { Name: name } },
      ],
      lifecycle: { createBeforeDestroy: true },
    });

    this.nodeGroup = new EksNodeGroup(this, "node-group", {
      clusterName: props.clusterName,
      nodeGroupNamePrefix: `${props.name}-`,
      nodeRoleArn: props.nodeRoleArn,
      subnetIds: [...props.subnetIds],
      amiType: this.amiType,
      capacityType: props.capacityType ?? "ON_DEMAND",
      instanceTypes: [...props.instanceTypes],
      scalingConfig: { minSize, desiredSize, maxSize },
      updateConfig: { maxUnavailablePercentage: DEFAULT_MAX_UNAVAILABLE_PERCENTAGE },
      // EKS replaces nodes that report unhealthy (kubelet, network, disk) instead of leaving them in.
      nodeRepairConfig: { enabled: true },
      launchTemplate: { id: this.launchTemplate.id, version: Token.asString(this.launchTemplate.latestVersion) },
      labels: { ...(props.labels ?? {}) },
      taint: Object.entries(props.taints ?? {}).map(([key, t]) => ({
        key,
        value: t.value,
        effect: EKS_TAINT_EFFECTS[t.effect],
      })),
      // The autoscaler owns the size between min and max once the group exists.
      lifecycle: { createBeforeDestroy: true, ignoreChanges: ["scaling_config[0].desired_size"] },
      ...(props.after && props.after.length > 0 ? { dependsOn: [...props.after] } : {}),
      tags: { Name: name },
    });
  }
}
