import { CloudwatchLogGroup } from "@cdktf/provider-aws/lib/cloudwatch-log-group";
import { EksAccessEntry } from "@cdktf/provider-aws/lib/eks-access-entry";
import { EksAccessPolicyAssociation } from "@cdktf/provider-aws/lib/eks-access-policy-association";
import { EksAddon } from "@cdktf/provider-aws/lib/eks-addon";
import { EksCluster as EksClusterResource } from "@cdktf/provider-aws/lib/eks-cluster";
import { IamOpenidConnectProvider } from "@cdktf/provider-aws/lib/iam-openid-connect-provider";
import { IamRole } from "@cdktf/provider-aws/lib/iam-role";
import { IamRolePolicy } from "@cdktf/provider-aws/lib/iam-role-policy";
import { IamRolePolicyAttachment } from "@cdktf/provider-aws/lib/iam-role-policy-attachment";
import { SecurityGroup } from "@cdktf/provider-aws/lib/security-group";
import { VpcSecurityGroupIngressRule } from "@cdktf/provider-aws/lib/vpc-security-group-ingress-rule";
import { Fn, type ITerraformDependable } from "cdktf";
import { Construct } from "constructs";
import { renderPolicy } from "../iam/policy-document";
import { EncryptionKey } from "../kms/encryption-key";
import { parseCidr } from "../network/cidr";
import { IrsaRole } from "./irsa-role";
import { KUBERNETES_VERSIONS, LATEST_KUBERNETES_VERSION, type ManagedAddonName, MANAGED_ADDONS, unsupportedKubernetesVersionReason } from "./kubernetes-versions";
import {
  CLUSTER_LOG_TYPES,
  type ClusterLogType,
  DEFAULT_CLUSTER_LOG_RETENTION_DAYS,
  DEFAULT_SERVICE_IPV4_CIDR,
  REQUIRED_CLUSTER_LOG_TYPES,
} from "./cluster-settings";
import { checkNodeGroup, ManagedNodeGroup, type NodeGroupOptions } from "./managed-node-group";

/** AWS managed policies, by what they are for. */
const POLICY = {
  cluster: "arn:aws:iam::aws:policy/AmazonEKSClusterPolicy",
  worker: "arn:aws:iam::aws:policy/AmazonEKSWorkerNodePolicy",
  // Pull-only: the node role can fetch images, never list or describe repositories.
  ecrPull: "arn:aws:iam::aws:policy/AmazonEC2ContainerRegistryPullOnly",
  cni: "arn:aws:iam::aws:policy/AmazonEKS_CNI_Policy",
  ebsCsi: "arn:aws:iam::aws:policy/service-role/AmazonEBSCSIDriverPolicy",
  clusterAdmin: "arn:aws:eks::aws:cluster-access-policy/AmazonEKSClusterAdminPolicy",
  view: "arn:aws:eks::aws:cluster-access-policy/AmazonEKSViewPolicy",
} as const;

/** Add-ons that run as DaemonSets and must be in place before nodes join (the CNI gives pods their IPs). */
const BEFORE_NODES: readonly ManagedAddonName[] = ["vpc-cni", "kube-proxy", "eks-pod-identity-agent"];

/** Properties of {@link EksCluster}. */
export interface EksClusterProps {
  /** Cluster name, also the prefix of every resource name, e.g. `plataforma-production-sa-east-1`. */
  readonly name: string;
  /** Account and region: ARNs, key policies, log group names (no data source lookups). */
  readonly accountId: string;
  readonly region: string;
  /** Kubernetes minor version; must have pinned add-ons. @default - the newest supported ({@link LATEST_KUBERNETES_VERSION}) */
  readonly kubernetesVersion?: string;
  /** VPC of the cluster (for the node security group). */
  readonly vpcId: string;
  /** Private subnets for the control-plane interfaces and the nodes, one per zone. */
  readonly subnetIds: readonly string[];
  /** CIDRs allowed to reach the public API endpoint. @default [] - public endpoint off, private only */
  readonly publicAccessCidrs?: readonly string[];
  /**
   * Private CIDRs (CI runners, bastions, peered VPCs) allowed to reach the private API
   * endpoint over HTTPS; the EKS cluster security group otherwise admits only the cluster
   * itself. @default [] - only the control plane and nodes
   */
  readonly privateAccessCidrs?: readonly string[];
  /** Control-plane log types; must include api, audit and authenticator. @default - all five */
  readonly logTypes?: readonly ClusterLogType[];
  /** Days CloudWatch keeps control-plane logs. @default 90 */
  readonly logRetentionDays?: number;
  /** Kubernetes service range. @default "172.20.0.0/16" */
  readonly serviceIpv4Cidr?: string;
  /** Cluster administrators: IAM role ARNs keyed by a stable name (EKS access entries). */
  readonly admins: Readonly<Record<string, string>>;
  /** Read-only users: IAM role ARNs keyed by a stable name. @default {} */
  readonly viewers?: Readonly<Record<string, string>>;
  /** Managed node groups keyed by name (the key is part of names and addresses). */
  readonly nodeGroups: Readonly<Record<string, NodeGroupOptions>>;
  /** Add-on builds overriding the pins of the Kubernetes version. @default - the pins of {@link KUBERNETES_VERSIONS} */
  readonly addonVersions?: Readonly<Partial<Record<ManagedAddonName, string>>>;
}

/**
 * An EKS cluster with the platform's secure defaults:
 * - private API endpoint; the public one off unless CIDRs are listed;
 * - secrets envelope-encrypted with a customer KMS key (rotation on);
 * - api, audit and authenticator logs (by default all five types) into a log group this
 *   construct owns, KMS-encrypted with bounded retention;
 * - access entries (authentication mode API, no aws-auth ConfigMap, no implicit admin
 *   for whoever ran the apply), admins and viewers from props;
 * - an IAM OIDC provider for IRSA and the Pod Identity agent;
 * - managed add-ons pinned per Kubernetes version; the VPC CNI and EBS CSI driver get their
 *   AWS permissions through IRSA, so the node role holds only the worker and ECR pull policies;
 * - managed node groups keyed by name (IMDSv2, encrypted gp3, AL2023).
 */
export class EksCluster extends Construct {
  /** The EKS cluster resource. */
  readonly cluster: EksClusterResource;
  /** Role of the control plane (AmazonEKSClusterPolicy and use of the secrets key only). */
  readonly clusterRole: IamRole;
  /** Role of every node (worker and ECR pull policies only). */
  readonly nodeRole: IamRole;
  /** Extra security group of every node: reference it to let nodes (and their pods) in elsewhere. */
  readonly nodeSecurityGroup: SecurityGroup;
  /** IAM OIDC provider of the cluster's issuer, trusted by IRSA roles. */
  readonly oidcProvider: IamOpenidConnectProvider;
  /** The OIDC issuer without `https://`, as IAM condition keys need it. */
  readonly oidcIssuer: string;
  /** Control-plane log group. */
  readonly logGroup: CloudwatchLogGroup;
  /** Envelope key of Kubernetes secrets. */
  readonly secretsKey: EncryptionKey;
  /** Key of node root volumes; usable for persistent volumes too (any principal of the account, through EC2 only). */
  readonly volumeKey: EncryptionKey;
  /** Node groups by name. */
  readonly nodeGroups: Readonly<Record<string, ManagedNodeGroup>>;
  /** Managed add-ons by name. */
  readonly addons: Readonly<Record<ManagedAddonName, EksAddon>>;
  /** The Kubernetes version the cluster runs. */
  readonly kubernetesVersion: string;

  constructor(scope: Construct, id: string, props: EksClusterProps) {
    super(scope, id);
    const version = props.kubernetesVersion ?? LATEST_KUBERNETES_VERSION;
    const logTypes = props.logTypes ?? CLUSTER_LOG_TYPES;
    const retention = props.logRetentionDays ?? DEFAULT_CLUSTER_LOG_RETENTION_DAYS;
    const serviceCidr = props.serviceIpv4Cidr ?? DEFAULT_SERVICE_IPV4_CIDR;
    const publicCidrs = props.publicAccessCidrs ?? [];
    const privateCidrs = props.privateAccessCidrs ?? [];
    this.validate(props, version, logTypes, serviceCidr, [...publicCidrs, ...privateCidrs]);
    const openPrivate = privateCidrs.filter((c) => parseCidr(c)?.prefix === 0);
    if (openPrivate.length > 0) {
      throw new Error(`${this.node.path}: invalid EKS cluster:\n  - privateAccessCidrs: ${openPrivate.join(", ")} admits every address. Fix: list the runner, bastion or peer VPC blocks`);
    }
    this.kubernetesVersion = version;
    const name = props.name;

    this.secretsKey = new EncryptionKey(this, "secrets-key", {
      alias: `${name}-eks-secrets`,
      purpose: `Envelope encryption of Kubernetes secrets in EKS cluster ${name}`,
      accountId: props.accountId,
    });

    const logGroupName = `/aws/eks/${name}/cluster`;
    const logGroupArn = `arn:aws:logs:${props.region}:${props.accountId}:log-group:${logGroupName}`;
    const logsKey = new EncryptionKey(this, "logs-key", {
      alias: `${name}-eks-logs`,
      purpose: `Encrypts control-plane logs of EKS cluster ${name}`,
      accountId: props.accountId,
      services: [{
        principal: `logs.${props.region}.amazonaws.com`,
        actions: ["kms:Encrypt*", "kms:Decrypt*", "kms:ReEncrypt*", "kms:GenerateDataKey*", "kms:Describe*"],
        condition: { ArnEquals: { "kms:EncryptionContext:aws:logs:arn": logGroupArn } },
      }],
    });
    // EKS would create this group itself, unencrypted and kept forever; owning it first sets both.
    this.logGroup = new CloudwatchLogGroup(this, "log-group", {
      name: logGroupName,
      retentionInDays: retention,
      kmsKeyId: logsKey.key.arn,
    });

    this.volumeKey = new EncryptionKey(this, "volume-key", {
      alias: `${name}-eks-volumes`,
      purpose: `Encrypts node and persistent volumes of EKS cluster ${name}`,
      accountId: props.accountId,
      // Auto Scaling's service-linked role launches the nodes; its policy cannot name this key.
      viaServices: [{
        viaService: `ec2.${props.region}.amazonaws.com`,
        actions: ["kms:Encrypt", "kms:Decrypt", "kms:ReEncrypt*", "kms:GenerateDataKey*", "kms:DescribeKey"],
        allowGrantsForAwsResources: true,
      }],
    });

    this.clusterRole = new IamRole(this, "cluster-role", {
      name: `${name}-cluster`,
      // No aws:SourceAccount condition: EKS does not document it for the cluster role.
      assumeRolePolicy: renderPolicy([{ Effect: "Allow", Principal: { Service: "eks.amazonaws.com" }, Action: "sts:AssumeRole" }]),
    });
    const clusterPolicy = new IamRolePolicyAttachment(this, "cluster-role-eks", { role: this.clusterRole.name, policyArn: POLICY.cluster });
    const clusterKms = new IamRolePolicy(this, "cluster-role-secrets-key", {
      role: this.clusterRole.id,
      name: "encrypt-secrets",
      policy: renderPolicy([{
        Effect: "Allow",
        Action: ["kms:Encrypt", "kms:Decrypt", "kms:ListGrants", "kms:DescribeKey"],
        Resource: this.secretsKey.key.arn,
      }]),
    });

    this.cluster = new EksClusterResource(this, "cluster", {
      name,
      version,
      roleArn: this.clusterRole.arn,
      vpcConfig: {
        subnetIds: [...props.subnetIds],
        endpointPrivateAccess: true,
        endpointPublicAccess: publicCidrs.length > 0,
        ...(publicCidrs.length > 0 ? { publicAccessCidrs: [...publicCidrs] } : {}),
      },
      accessConfig: { authenticationMode: "API", bootstrapClusterCreatorAdminPermissions: false },
      encryptionConfig: { provider: { keyArn: this.secretsKey.key.arn }, resources: ["secrets"] },
      enabledClusterLogTypes: [...logTypes],
      kubernetesNetworkConfig: { ipFamily: "ipv4", serviceIpv4Cidr: serviceCidr },
      // The managed add-ons below replace the unmanaged defaults EKS would install.
      bootstrapSelfManagedAddons: false,
      // Never drift into paid extended support: the version table only lists standard-support versions.
      upgradePolicy: { supportType: "STANDARD" },
      dependsOn: [this.logGroup, clusterPolicy, clusterKms],
    });

    for (const cidr of privateCidrs) {
      new VpcSecurityGroupIngressRule(this, `private-api-${cidr.replace(/[./]/g, "-")}`, {
        securityGroupId: this.cluster.vpcConfig.clusterSecurityGroupId,
        description: `Kubernetes API from ${cidr}`,
        ipProtocol: "tcp",
        fromPort: 443,
        toPort: 443,
        cidrIpv4: cidr,
      });
    }

    this.oidcProvider = new IamOpenidConnectProvider(this, "oidc-provider", {
      url: this.cluster.identity.get(0).oidc.get(0).issuer,
      clientIdList: ["sts.amazonaws.com"],
      tags: { Name: `${name}-irsa` },
    });
    this.oidcIssuer = Fn.replace(this.cluster.identity.get(0).oidc.get(0).issuer, "https://", "");

    const irsa = (id: string, serviceAccount: string, policyArn: string) =>
      new IrsaRole(this, id, {
        roleName: `${name}-${id}`,
        oidcProviderArn: this.oidcProvider.arn,
        oidcIssuer: this.oidcIssuer,
        namespace: "kube-system",
        serviceAccount,
        managedPolicyArns: { [id]: policyArn },
      });
    const cniRole = irsa("vpc-cni", "aws-node", POLICY.cni);
    const ebsRole = irsa("ebs-csi", "ebs-csi-controller-sa", POLICY.ebsCsi);

    this.nodeRole = new IamRole(this, "node-role", {
      name: `${name}-node`,
      assumeRolePolicy: renderPolicy([{ Effect: "Allow", Principal: { Service: "ec2.amazonaws.com" }, Action: "sts:AssumeRole" }]),
    });
    const nodePolicies = [
      new IamRolePolicyAttachment(this, "node-role-worker", { role: this.nodeRole.name, policyArn: POLICY.worker }),
      new IamRolePolicyAttachment(this, "node-role-ecr-pull", { role: this.nodeRole.name, policyArn: POLICY.ecrPull }),
    ];

    this.nodeSecurityGroup = new SecurityGroup(this, "node-security-group", {
      name: `${name}-nodes`,
      description: `Identifies the nodes of ${name}; other groups reference it to let nodes in`,
      vpcId: props.vpcId,
      tags: { Name: `${name}-nodes` },
    });

    const pins = { ...KUBERNETES_VERSIONS[version].addons, ...(props.addonVersions ?? {}) };
    const roles: Partial<Record<ManagedAddonName, string>> = { "vpc-cni": cniRole.role.arn, "aws-ebs-csi-driver": ebsRole.role.arn };
    // The CNI also enforces Kubernetes NetworkPolicies (module workloads are default-deny).
    const settings: Partial<Record<ManagedAddonName, string>> = { "vpc-cni": JSON.stringify({ enableNetworkPolicy: "true" }) };
    const addon = (addonName: ManagedAddonName, after: ITerraformDependable[]) =>
      new EksAddon(this, `addon-${addonName}`, {
        clusterName: this.cluster.name,
        addonName,
        addonVersion: pins[addonName],
        resolveConflictsOnCreate: "OVERWRITE",
        resolveConflictsOnUpdate: "OVERWRITE",
        ...(roles[addonName] ? { serviceAccountRoleArn: roles[addonName] } : {}),
        ...(settings[addonName] ? { configurationValues: settings[addonName] } : {}),
        ...(after.length > 0 ? { dependsOn: after } : {}),
      });
    const addons = {} as Record<ManagedAddonName, EksAddon>;
    for (const addonName of BEFORE_NODES) addons[addonName] = addon(addonName, []);

    const nodeGroups: Record<string, ManagedNodeGroup> = {};
    for (const [groupName, group] of Object.entries(props.nodeGroups)) {
      nodeGroups[groupName] = new ManagedNodeGroup(this, `node-group-${groupName}`, {
        ...group,
        clusterName: this.cluster.name,
        name: groupName,
        nodeRoleArn: this.nodeRole.arn,
        subnetIds: props.subnetIds,
        securityGroupIds: [this.cluster.vpcConfig.clusterSecurityGroupId, this.nodeSecurityGroup.id],
        volumeKmsKeyArn: this.volumeKey.key.arn,
        after: [...nodePolicies, ...BEFORE_NODES.map((a) => addons[a])],
      });
    }
    this.nodeGroups = nodeGroups;

    // CoreDNS and the EBS CSI controller are Deployments: they only become healthy on nodes.
    const groups = Object.values(nodeGroups).map((g) => g.nodeGroup);
    for (const addonName of MANAGED_ADDONS) {
      if (!addons[addonName]) addons[addonName] = addon(addonName, groups);
    }
    this.addons = addons;

    const grant = (kind: "admin" | "viewer", key: string, principalArn: string, policyArn: string) => {
      const entry = new EksAccessEntry(this, `access-${kind}-${key}`, { clusterName: this.cluster.name, principalArn, type: "STANDARD" });
      new EksAccessPolicyAssociation(this, `access-${kind}-${key}-policy`, {
        clusterName: this.cluster.name,
        principalArn: entry.principalArn,
        policyArn,
        accessScope: { type: "cluster" },
      });
    };
    for (const [key, arn] of Object.entries(props.admins)) grant("admin", key, arn, POLICY.clusterAdmin);
    for (const [key, arn] of Object.entries(props.viewers ?? {})) grant("viewer", key, arn, POLICY.view);
  }

  /** Cluster API endpoint URL. */
  get endpoint(): string {
    return this.cluster.endpoint;
  }

  /** Base64 PEM of the cluster CA. */
  get certificateAuthorityData(): string {
    return this.cluster.certificateAuthority.get(0).data;
  }

  /** The security group EKS creates for the control plane and managed nodes. */
  get clusterSecurityGroupId(): string {
    return this.cluster.vpcConfig.clusterSecurityGroupId;
  }

  private validate(props: EksClusterProps, version: string, logTypes: readonly string[], serviceCidr: string, accessCidrs: readonly string[]): void {
    const problems: string[] = [];
    const versionProblem = unsupportedKubernetesVersionReason(version);
    if (versionProblem) problems.push(`kubernetesVersion: ${versionProblem}`);
    const missing = REQUIRED_CLUSTER_LOG_TYPES.filter((t) => !logTypes.includes(t));
    if (missing.length > 0) problems.push(`logTypes: ${missing.join(", ")} missing. Fix: ship at least ${REQUIRED_CLUSTER_LOG_TYPES.join(", ")}`);
    if (!parseCidr(serviceCidr)) problems.push(`serviceIpv4Cidr: ${JSON.stringify(serviceCidr)} is not a canonical IPv4 CIDR block. Fix: e.g. ${DEFAULT_SERVICE_IPV4_CIDR}`);
    for (const cidr of accessCidrs) {
      if (!parseCidr(cidr)) problems.push(`access CIDR ${JSON.stringify(cidr)} is not a canonical IPv4 CIDR block. Fix: write it as a.b.c.d/n`);
    }
    if (Object.keys(props.admins).length === 0) problems.push("admins is empty: with access entries nobody could administer the cluster. Fix: give at least one role ARN");
    if (props.subnetIds.length < 2) problems.push(`subnetIds: ${props.subnetIds.length} given; EKS needs subnets in at least two zones. Fix: pass the private subnets of every zone`);
    if (Object.keys(props.nodeGroups).length === 0) problems.push("nodeGroups is empty. Fix: add at least one node group");
    for (const [groupName, group] of Object.entries(props.nodeGroups)) {
      for (const p of checkNodeGroup(group)) problems.push(`nodeGroups.${groupName}: ${p}`);
    }
    for (const [addonName, v] of Object.entries(props.addonVersions ?? {})) {
      if (!(MANAGED_ADDONS as readonly string[]).includes(addonName)) problems.push(`addonVersions: unknown add-on ${addonName}. Fix: use one of ${MANAGED_ADDONS.join(", ")}`);
      else if (!/^v\d+\.\d+\.\d+-eksbuild\.\d+$/.test(String(v))) problems.push(`addonVersions.${addonName}: ${JSON.stringify(v)} is not an EKS add-on version. Fix: use the form v1.2.3-eksbuild.4`);
    }
    if (problems.length > 0) throw new Error(`${this.node.path}: invalid EKS cluster:\n  - ${problems.join("\n  - ")}`);
  }
}
