import { CloudwatchEventRule } from "@cdktf/provider-aws/lib/cloudwatch-event-rule";
import { CloudwatchEventTarget } from "@cdktf/provider-aws/lib/cloudwatch-event-target";
import { EksAccessEntry } from "@cdktf/provider-aws/lib/eks-access-entry";
import { IamRole } from "@cdktf/provider-aws/lib/iam-role";
import { IamRolePolicyAttachment } from "@cdktf/provider-aws/lib/iam-role-policy-attachment";
import { SqsQueue } from "@cdktf/provider-aws/lib/sqs-queue";
import { SqsQueuePolicy } from "@cdktf/provider-aws/lib/sqs-queue-policy";
import { Construct } from "constructs";
import { type PolicyStatement, renderPolicy, serviceTrustPolicy } from "../iam/policy-document";
import { suppressPolicy } from "../policy/suppress-policy";
import { IrsaRole } from "./irsa-role";

/** Namespace and service account the Karpenter chart runs its controller as. */
export const KARPENTER_SERVICE_ACCOUNT = { namespace: "kube-system", name: "karpenter" } as const;

/**
 * EventBridge rules feeding the interruption queue, by rule key: source, detail type and the
 * rule name's suffix (short: EventBridge rule names stop at 64 characters, and the cluster
 * name before it takes up to 31 in the shipped environments).
 */
export const KARPENTER_INTERRUPTION_EVENTS = {
  "scheduled-change": { source: "aws.health", detailType: "AWS Health Event", suffix: "scheduled" },
  "spot-interruption": { source: "aws.ec2", detailType: "EC2 Spot Instance Interruption Warning", suffix: "spot" },
  rebalance: { source: "aws.ec2", detailType: "EC2 Instance Rebalance Recommendation", suffix: "rebalance" },
  "instance-state-change": {
    source: "aws.ec2",
    detailType: "EC2 Instance State-change Notification",
    suffix: "state",
  },
  "capacity-reservation-interruption": {
    source: "aws.ec2",
    detailType: "EC2 Capacity Reservation Instance Interruption Warning",
    suffix: "capacity",
  },
} as const;

/** Properties of {@link KarpenterAws}. */
export interface KarpenterAwsProps {
  /** The EKS cluster name (tag conditions, the queue's name). */
  readonly clusterName: string;
  /** The cluster's ARN (endpoint discovery, zonal shift). */
  readonly clusterArn: string;
  readonly accountId: string;
  readonly region: string;
  /** IRSA of the cluster. */
  readonly oidcProviderArn: string;
  readonly oidcIssuer: string;
  /** Controller role name. */
  readonly controllerRoleName: string;
  /** Interruption queue name (the chart's `settings.interruptionQueue`). @default - the cluster name */
  readonly interruptionQueueName?: string;
  /** Node role name (EC2NodeClass `role`). */
  readonly nodeRoleName: string;
}

/**
 * Karpenter's AWS side (v1.14, statements from its CloudFormation): an SQS interruption queue
 * (SSE, 5-minute retention, TLS only) fed by EventBridge rules for spot interruptions, rebalance
 * recommendations, instance state changes, scheduled health events and capacity reservation
 * interruptions; the node role with an `EC2_LINUX` access entry (Karpenter creates the instance
 * profiles); and the controller's IRSA role, scoped by the `kubernetes.io/cluster/<name>` and
 * `karpenter.sh/nodepool` tags so it can only launch, tag and terminate its own nodes.
 * All AWS: the cluster stack validates and plans it offline.
 *
 * @example
 * ```ts
 * import { type EksCluster, KarpenterAws } from "@plataforma/infra/constructs/cluster";
 *
 * declare const eks: EksCluster;
 *
 * new KarpenterAws(stack, "karpenter", {
 *   clusterName: "orders-production-sa-east-1",
 *   clusterArn: eks.cluster.arn,
 *   accountId: "123456789012",
 *   region: "sa-east-1",
 *   oidcProviderArn: eks.oidcProvider.arn,
 *   oidcIssuer: eks.oidcIssuer,
 *   controllerRoleName: "orders-production-sa-east-1-karpenter",
 *   nodeRoleName: "orders-production-sa-east-1-karpenter-node",
 * });
 * ```
 */
export class KarpenterAws extends Construct {
  /** The interruption queue. */
  readonly queue: SqsQueue;
  /** The role Karpenter's nodes run as. */
  readonly nodeRole: IamRole;
  /** The controller's IRSA role. */
  readonly controllerRole: IrsaRole;

  constructor(scope: Construct, id: string, props: KarpenterAwsProps) {
    super(scope, id);
    this.queue = this.interruptionQueue(props);
    this.nodeRole = this.createNodeRole(props);
    this.controllerRole = new IrsaRole(this, "controller", {
      roleName: props.controllerRoleName,
      oidcProviderArn: props.oidcProviderArn,
      oidcIssuer: props.oidcIssuer,
      namespace: KARPENTER_SERVICE_ACCOUNT.namespace,
      serviceAccount: KARPENTER_SERVICE_ACCOUNT.name,
      statements: controllerStatements(props, this.queue.arn, this.nodeRole.arn),
    });
    if (this.controllerRole.policy) {
      suppressPolicy(this.controllerRole.policy, {
        ruleId: "SEC-IAM-WILDCARD-RESOURCE",
        reason:
          "Karpenter's upstream policy: EC2 Describe*, pricing:GetProducts and iam:ListInstanceProfiles have no " +
          "resource-level permissions (AWS service authorization reference); Describe* are bound to the region by " +
          "aws:RequestedRegion, and every mutating statement is scoped by ARN and cluster/nodepool tags",
      });
    }
  }

  private interruptionQueue(props: KarpenterAwsProps): SqsQueue {
    const queue = new SqsQueue(this, "interruption-queue", {
      name: props.interruptionQueueName ?? props.clusterName,
      messageRetentionSeconds: 300,
      sqsManagedSseEnabled: true,
    });
    new SqsQueuePolicy(this, "interruption-queue-policy", {
      queueUrl: queue.url,
      policy: renderPolicy([
        {
          Sid: "EventBridgeWrites",
          Effect: "Allow",
          Principal: { Service: ["events.amazonaws.com", "sqs.amazonaws.com"] },
          Action: "sqs:SendMessage",
          Resource: queue.arn,
        },
        {
          Sid: "DenyHTTP",
          Effect: "Deny",
          Principal: "*",
          Action: "sqs:*",
          Resource: queue.arn,
          Condition: { Bool: { "aws:SecureTransport": false } },
        },
      ]),
    });
    for (const [key, event] of Object.entries(KARPENTER_INTERRUPTION_EVENTS)) {
      const rule = new CloudwatchEventRule(this, `rule-${key}`, {
        name: `${props.clusterName}-karpenter-${event.suffix}`,
        description: `Karpenter interruption handling of ${props.clusterName}: ${event.detailType}`,
        eventPattern: JSON.stringify({ source: [event.source], "detail-type": [event.detailType] }),
      });
      new CloudwatchEventTarget(this, `target-${key}`, { rule: rule.name, arn: queue.arn, targetId: "karpenter" });
    }
    return queue;
  }

  private createNodeRole(props: KarpenterAwsProps): IamRole {
    const role = new IamRole(this, "node-role", {
      name: props.nodeRoleName,
      assumeRolePolicy: serviceTrustPolicy("ec2.amazonaws.com", props.accountId),
    });
    const policies = {
      worker: "arn:aws:iam::aws:policy/AmazonEKSWorkerNodePolicy",
      "ecr-pull": "arn:aws:iam::aws:policy/AmazonEC2ContainerRegistryPullOnly",
      cni: "arn:aws:iam::aws:policy/AmazonEKS_CNI_Policy",
      ssm: "arn:aws:iam::aws:policy/AmazonSSMManagedInstanceCore",
    };
    for (const [key, arn] of Object.entries(policies)) {
      new IamRolePolicyAttachment(this, `node-role-${key}`, { role: role.name, policyArn: arn });
    }
    // Nodes join through an access entry (the cluster uses API authentication, no aws-auth).
    new EksAccessEntry(this, "node-access", {
      clusterName: props.clusterName,
      principalArn: role.arn,
      type: "EC2_LINUX",
    });
    return role;
  }
}

/** The controller's permissions, statement for statement Karpenter 1.14's CloudFormation policy. */
function controllerStatements(props: KarpenterAwsProps, queueArn: string, nodeRoleArn: string): PolicyStatement[] {
  const { clusterName: c, region, accountId } = props;
  const ec2 = (type: string) => `arn:aws:ec2:${region}:*:${type}`;
  const owned = { [`aws:ResourceTag/kubernetes.io/cluster/${c}`]: "owned" };
  const requestOwned = {
    [`aws:RequestTag/kubernetes.io/cluster/${c}`]: "owned",
    "aws:RequestTag/eks:eks-cluster-name": c,
  };
  const launched = ["fleet", "instance", "volume", "network-interface", "launch-template", "spot-instances-request"];
  const profileTags = {
    [`aws:ResourceTag/kubernetes.io/cluster/${c}`]: "owned",
    "aws:ResourceTag/topology.kubernetes.io/region": region,
  };
  return [
    {
      Sid: "AllowScopedEC2InstanceAccessActions",
      Effect: "Allow",
      Action: ["ec2:RunInstances", "ec2:CreateFleet"],
      // Images and snapshots are owned by no account in their ARNs.
      Resource: [
        `arn:aws:ec2:${region}::image/*`,
        `arn:aws:ec2:${region}::snapshot/*`,
        ...["security-group", "subnet", "capacity-reservation", "placement-group"].map((t) => ec2(`${t}/*`)),
      ],
    },
    {
      Sid: "AllowScopedEC2LaunchTemplateAccessActions",
      Effect: "Allow",
      Action: ["ec2:RunInstances", "ec2:CreateFleet"],
      Resource: ec2("launch-template/*"),
      Condition: { StringEquals: owned, StringLike: { "aws:ResourceTag/karpenter.sh/nodepool": "*" } },
    },
    {
      Sid: "AllowScopedEC2InstanceActionsWithTags",
      Effect: "Allow",
      Action: ["ec2:RunInstances", "ec2:CreateFleet", "ec2:CreateLaunchTemplate"],
      Resource: launched.map((t) => ec2(`${t}/*`)),
      Condition: { StringEquals: requestOwned, StringLike: { "aws:RequestTag/karpenter.sh/nodepool": "*" } },
    },
    {
      Sid: "AllowScopedResourceCreationTagging",
      Effect: "Allow",
      Action: "ec2:CreateTags",
      Resource: launched.map((t) => ec2(`${t}/*`)),
      Condition: {
        StringEquals: { ...requestOwned, "ec2:CreateAction": ["RunInstances", "CreateFleet", "CreateLaunchTemplate"] },
        StringLike: { "aws:RequestTag/karpenter.sh/nodepool": "*" },
      },
    },
    {
      Sid: "AllowScopedResourceTagging",
      Effect: "Allow",
      Action: "ec2:CreateTags",
      Resource: ec2("instance/*"),
      Condition: {
        StringEquals: owned,
        StringLike: { "aws:ResourceTag/karpenter.sh/nodepool": "*" },
        StringEqualsIfExists: { "aws:RequestTag/eks:eks-cluster-name": c },
        "ForAllValues:StringEquals": { "aws:TagKeys": ["eks:eks-cluster-name", "karpenter.sh/nodeclaim", "Name"] },
      },
    },
    {
      Sid: "AllowScopedDeletion",
      Effect: "Allow",
      Action: ["ec2:TerminateInstances", "ec2:DeleteLaunchTemplate"],
      Resource: [ec2("instance/*"), ec2("launch-template/*")],
      Condition: { StringEquals: owned, StringLike: { "aws:ResourceTag/karpenter.sh/nodepool": "*" } },
    },
    {
      Sid: "AllowRegionalReadActions",
      Effect: "Allow",
      Action: [
        "ec2:DescribeCapacityReservations",
        "ec2:DescribeImages",
        "ec2:DescribeInstances",
        "ec2:DescribeInstanceStatus",
        "ec2:DescribeInstanceTypeOfferings",
        "ec2:DescribeInstanceTypes",
        "ec2:DescribeLaunchTemplates",
        "ec2:DescribePlacementGroups",
        "ec2:DescribeSecurityGroups",
        "ec2:DescribeSpotPriceHistory",
        "ec2:DescribeSubnets",
      ],
      // Describe calls support no resource-level permissions; the region condition bounds them.
      Resource: "*",
      Condition: { StringEquals: { "aws:RequestedRegion": region } },
    },
    {
      Sid: "AllowSSMReadActions",
      Effect: "Allow",
      Action: "ssm:GetParameter",
      Resource: `arn:aws:ssm:${region}::parameter/aws/service/*`,
    },
    // The Pricing API has no resource-level permissions.
    { Sid: "AllowPricingReadActions", Effect: "Allow", Action: "pricing:GetProducts", Resource: "*" },
    {
      Sid: "AllowInterruptionQueueActions",
      Effect: "Allow",
      Action: ["sqs:DeleteMessage", "sqs:GetQueueUrl", "sqs:ReceiveMessage"],
      Resource: queueArn,
    },
    {
      Sid: "AllowPassingInstanceRole",
      Effect: "Allow",
      Action: "iam:PassRole",
      Resource: nodeRoleArn,
      Condition: { StringEquals: { "iam:PassedToService": "ec2.amazonaws.com" } },
    },
    {
      Sid: "AllowScopedInstanceProfileCreationActions",
      Effect: "Allow",
      Action: "iam:CreateInstanceProfile",
      Resource: `arn:aws:iam::${accountId}:instance-profile/*`,
      Condition: {
        StringEquals: { ...requestOwned, "aws:RequestTag/topology.kubernetes.io/region": region },
        StringLike: { "aws:RequestTag/karpenter.k8s.aws/ec2nodeclass": "*" },
      },
    },
    {
      Sid: "AllowScopedInstanceProfileTagActions",
      Effect: "Allow",
      Action: "iam:TagInstanceProfile",
      Resource: `arn:aws:iam::${accountId}:instance-profile/*`,
      Condition: {
        StringEquals: { ...profileTags, ...requestOwned, "aws:RequestTag/topology.kubernetes.io/region": region },
        StringLike: {
          "aws:ResourceTag/karpenter.k8s.aws/ec2nodeclass": "*",
          "aws:RequestTag/karpenter.k8s.aws/ec2nodeclass": "*",
        },
      },
    },
    {
      Sid: "AllowScopedInstanceProfileActions",
      Effect: "Allow",
      Action: ["iam:AddRoleToInstanceProfile", "iam:RemoveRoleFromInstanceProfile", "iam:DeleteInstanceProfile"],
      Resource: `arn:aws:iam::${accountId}:instance-profile/*`,
      Condition: {
        StringEquals: profileTags,
        StringLike: { "aws:ResourceTag/karpenter.k8s.aws/ec2nodeclass": "*" },
      },
    },
    // ListInstanceProfiles supports no resource-level permissions.
    {
      Sid: "AllowUnscopedInstanceProfileListAction",
      Effect: "Allow",
      Action: "iam:ListInstanceProfiles",
      Resource: "*",
    },
    {
      Sid: "AllowInstanceProfileReadActions",
      Effect: "Allow",
      Action: "iam:GetInstanceProfile",
      Resource: `arn:aws:iam::${accountId}:instance-profile/*`,
    },
    {
      Sid: "AllowAPIServerEndpointDiscovery",
      Effect: "Allow",
      Action: "eks:DescribeCluster",
      Resource: props.clusterArn,
    },
    {
      Sid: "AllowZonalShiftRead",
      Effect: "Allow",
      Action: "arc-zonal-shift:GetManagedResource",
      Resource: props.clusterArn,
    },
  ];
}
