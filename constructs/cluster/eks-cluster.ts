import type { CloudwatchLogGroup } from "@cdktf/provider-aws/lib/cloudwatch-log-group";
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
import { type PropProblem, throwIfInvalid } from "../core/validation";
import { renderPolicy } from "../iam/policy-document";
import { EncryptionKey } from "../kms/encryption-key";
import { encryptedLogGroup } from "../monitoring/encrypted-log-group";
import { parseCidr } from "../network/cidr";
import {
  CLUSTER_LOG_TYPES,
  type ClusterLogType,
  DEFAULT_CLUSTER_LOG_RETENTION_DAYS,
  DEFAULT_SERVICE_IPV4_CIDR,
  REQUIRED_CLUSTER_LOG_TYPES,
  serviceIpv4CidrProblem,
} from "./cluster-settings";
import { IrsaRole } from "./irsa-role";
import {
  KUBERNETES_VERSIONS,
  LATEST_KUBERNETES_VERSION,
  MANAGED_ADDONS,
  type ManagedAddonName,
  unsupportedKubernetesVersion,
} from "./kubernetes-versions";
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

/** Add-on configuration values: the CNI also enforces NetworkPolicies (module workloads are default-deny). */
const ADDON_SETTINGS: Partial<Record<ManagedAddonName, string>> = {
  "vpc-cni": JSON.stringify({ enableNetworkPolicy: "true" }),
};

/** Properties of {@link EksCluster}. */
export interface EksClusterProps {
  /** Cluster name, also the prefix of every resource name, e.g. `orders-production-sa-east-1`. */
  readonly name: string;
  /** Account and region: ARNs, key policies, log group names (no data source lookups). */
  readonly accountId: string;
  readonly region: string;
  /**
   * Kubernetes minor version; must have pinned add-ons.
   * @default - the newest supported ({@link LATEST_KUBERNETES_VERSION})
   */
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
 *
 * @example
 * ```ts
 * import { EksCluster } from "@plataforma/infra/constructs/cluster";
 * import type { RegionalNetwork } from "@plataforma/infra/constructs/network";
 *
 * declare const net: RegionalNetwork;
 *
 * const eks = new EksCluster(stack, "eks", {
 *   name: "orders-production-sa-east-1",
 *   accountId: "123456789012",
 *   region: "sa-east-1",
 *   vpcId: net.vpc.id,
 *   subnetIds: Object.values(net.subnets.private).map((s) => s.id),
 *   privateAccessCidrs: ["10.0.0.0/24"],
 *   admins: { platform: "arn:aws:iam::123456789012:role/platform-admin" },
 *   viewers: { support: "arn:aws:iam::123456789012:role/support-readonly" },
 *   nodeGroups: {
 *     main: { instanceTypes: ["m7g.large", "m6g.large"], minSize: 3, desiredSize: 3, maxSize: 9 },
 *   },
 * });
 * const issuer = eks.oidcIssuer;
 * ```
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
    this.kubernetesVersion = props.kubernetesVersion ?? LATEST_KUBERNETES_VERSION;
    this.validate(props);
    this.secretsKey = this.createSecretsKey(props);
    this.logGroup = this.createLogGroup(props);
    this.volumeKey = this.createVolumeKey(props);
    const control = this.createClusterRole(props.name);
    this.clusterRole = control.role;
    this.cluster = this.createCluster(props, control.policies);
    this.allowPrivateApiAccess(props.privateAccessCidrs ?? []);
    this.oidcProvider = this.createOidcProvider(props.name);
    this.oidcIssuer = Fn.replace(this.cluster.identity.get(0).oidc.get(0).issuer, "https://", "");
    const addonRoles = this.createAddonRoles(props.name);
    const nodes = this.createNodeRole(props.name);
    this.nodeRole = nodes.role;
    this.nodeSecurityGroup = this.createNodeSecurityGroup(props);
    // Networking add-ons before the nodes, node groups, then the add-ons that need nodes.
    const addons = this.createAddons(props, addonRoles, BEFORE_NODES, []);
    this.nodeGroups = this.createNodeGroups(props, [...nodes.policies, ...BEFORE_NODES.map((a) => addons[a])]);
    const onNodes = MANAGED_ADDONS.filter((a) => !BEFORE_NODES.includes(a));
    const groups = Object.values(this.nodeGroups).map((g) => g.nodeGroup);
    this.addons = { ...addons, ...this.createAddons(props, addonRoles, onNodes, groups) };
    this.grantAccess(props);
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

  private createSecretsKey(props: EksClusterProps): EncryptionKey {
    return new EncryptionKey(this, "secrets-key", {
      alias: `${props.name}-eks-secrets`,
      purpose: `Envelope encryption of Kubernetes secrets in EKS cluster ${props.name}`,
      accountId: props.accountId,
    });
  }

  /** EKS would create this group itself, unencrypted and kept forever; owning it first sets both. */
  private createLogGroup(props: EksClusterProps): CloudwatchLogGroup {
    return encryptedLogGroup(this, {
      name: `/aws/eks/${props.name}/cluster`,
      retentionDays: props.logRetentionDays ?? DEFAULT_CLUSTER_LOG_RETENTION_DAYS,
      accountId: props.accountId,
      region: props.region,
      keyId: "logs-key",
      keyAlias: `${props.name}-eks-logs`,
      keyPurpose: `Encrypts control-plane logs of EKS cluster ${props.name}`,
    }).logGroup;
  }

  private createVolumeKey(props: EksClusterProps): EncryptionKey {
    return new EncryptionKey(this, "volume-key", {
      alias: `${props.name}-eks-volumes`,
      purpose: `Encrypts node and persistent volumes of EKS cluster ${props.name}`,
      accountId: props.accountId,
      // Auto Scaling's service-linked role launches the nodes; its policy cannot name this key.
      viaServices: [
        {
          viaService: `ec2.${props.region}.amazonaws.com`,
          actions: ["kms:Encrypt", "kms:Decrypt", "kms:ReEncrypt*", "kms:GenerateDataKey*", "kms:DescribeKey"],
          allowGrantsForAwsResources: true,
        },
      ],
    });
  }

  /** The control plane's role: AmazonEKSClusterPolicy and use of the secrets key only. */
  private createClusterRole(name: string): { role: IamRole; policies: ITerraformDependable[] } {
    const role = new IamRole(this, "cluster-role", {
      name: `${name}-cluster`,
      // No aws:SourceAccount condition: EKS does not document it for the cluster role.
      assumeRolePolicy: renderPolicy([
        { Effect: "Allow", Principal: { Service: "eks.amazonaws.com" }, Action: "sts:AssumeRole" },
      ]),
    });
    const eks = new IamRolePolicyAttachment(this, "cluster-role-eks", { role: role.name, policyArn: POLICY.cluster });
    const kms = new IamRolePolicy(this, "cluster-role-secrets-key", {
      role: role.id,
      name: "encrypt-secrets",
      policy: renderPolicy([
        {
          Effect: "Allow",
          Action: ["kms:Encrypt", "kms:Decrypt", "kms:ListGrants", "kms:DescribeKey"],
          Resource: this.secretsKey.key.arn,
        },
      ]),
    });
    return { role, policies: [eks, kms] };
  }

  private createCluster(props: EksClusterProps, rolePolicies: ITerraformDependable[]): EksClusterResource {
    const publicCidrs = props.publicAccessCidrs ?? [];
    return new EksClusterResource(this, "cluster", {
      name: props.name,
      version: this.kubernetesVersion,
      roleArn: this.clusterRole.arn,
      vpcConfig: {
        subnetIds: [...props.subnetIds],
        endpointPrivateAccess: true,
        endpointPublicAccess: publicCidrs.length > 0,
        ...(publicCidrs.length > 0 ? { publicAccessCidrs: [...publicCidrs] } : {}),
      },
      accessConfig: { authenticationMode: "API", bootstrapClusterCreatorAdminPermissions: false },
      encryptionConfig: { provider: { keyArn: this.secretsKey.key.arn }, resources: ["secrets"] },
      enabledClusterLogTypes: [...(props.logTypes ?? CLUSTER_LOG_TYPES)],
      kubernetesNetworkConfig: {
        ipFamily: "ipv4",
        serviceIpv4Cidr: props.serviceIpv4Cidr ?? DEFAULT_SERVICE_IPV4_CIDR,
      },
      // The managed add-ons below replace the unmanaged defaults EKS would install.
      bootstrapSelfManagedAddons: false,
      // Never drift into paid extended support: the version table only lists standard-support versions.
      upgradePolicy: { supportType: "STANDARD" },
      // ARC zonal shift moves traffic away from an impaired zone (Karpenter honours it too).
      zonalShiftConfig: { enabled: true },
      dependsOn: [this.logGroup, ...rolePolicies],
    });
  }

  /** HTTPS to the private API endpoint from each listed CIDR, one rule each (keyed by CIDR). */
  private allowPrivateApiAccess(cidrs: readonly string[]): void {
    for (const cidr of cidrs) {
      new VpcSecurityGroupIngressRule(this, `private-api-${cidr.replace(/[./]/g, "-")}`, {
        securityGroupId: this.cluster.vpcConfig.clusterSecurityGroupId,
        description: `Kubernetes API from ${cidr}`,
        ipProtocol: "tcp",
        fromPort: 443,
        toPort: 443,
        cidrIpv4: cidr,
      });
    }
  }

  private createOidcProvider(name: string): IamOpenidConnectProvider {
    return new IamOpenidConnectProvider(this, "oidc-provider", {
      url: this.cluster.identity.get(0).oidc.get(0).issuer,
      clientIdList: ["sts.amazonaws.com"],
      tags: { Name: `${name}-irsa` },
    });
  }

  /** IRSA roles of the add-ons that call AWS, so the node role needs none of their policies. */
  private createAddonRoles(name: string): Partial<Record<ManagedAddonName, string>> {
    const irsa = (roleId: string, serviceAccount: string, policyArn: string) =>
      new IrsaRole(this, roleId, {
        roleName: `${name}-${roleId}`,
        oidcProviderArn: this.oidcProvider.arn,
        oidcIssuer: this.oidcIssuer,
        namespace: "kube-system",
        serviceAccount,
        managedPolicyArns: { [roleId]: policyArn },
      }).role.arn;
    return {
      "vpc-cni": irsa("vpc-cni", "aws-node", POLICY.cni),
      "aws-ebs-csi-driver": irsa("ebs-csi", "ebs-csi-controller-sa", POLICY.ebsCsi),
    };
  }

  /** The nodes' role: worker and ECR pull policies only. */
  private createNodeRole(name: string): { role: IamRole; policies: ITerraformDependable[] } {
    const role = new IamRole(this, "node-role", {
      name: `${name}-node`,
      assumeRolePolicy: renderPolicy([
        { Effect: "Allow", Principal: { Service: "ec2.amazonaws.com" }, Action: "sts:AssumeRole" },
      ]),
    });
    const policies = [
      new IamRolePolicyAttachment(this, "node-role-worker", { role: role.name, policyArn: POLICY.worker }),
      new IamRolePolicyAttachment(this, "node-role-ecr-pull", { role: role.name, policyArn: POLICY.ecrPull }),
    ];
    return { role, policies };
  }

  private createNodeSecurityGroup(props: EksClusterProps): SecurityGroup {
    return new SecurityGroup(this, "node-security-group", {
      name: `${props.name}-nodes`,
      description: `Identifies the nodes of ${props.name}; other groups reference it to let nodes in`,
      vpcId: props.vpcId,
      tags: { Name: `${props.name}-nodes` },
    });
  }

  /** Managed add-ons `names`, pinned for the cluster's version, created after `after`. */
  private createAddons(
    props: EksClusterProps,
    roles: Partial<Record<ManagedAddonName, string>>,
    names: readonly ManagedAddonName[],
    after: ITerraformDependable[],
  ): Record<ManagedAddonName, EksAddon> {
    const pins = { ...KUBERNETES_VERSIONS[this.kubernetesVersion].addons, ...(props.addonVersions ?? {}) };
    const addons = {} as Record<ManagedAddonName, EksAddon>;
    for (const addonName of names) {
      addons[addonName] = new EksAddon(this, `addon-${addonName}`, {
        clusterName: this.cluster.name,
        addonName,
        addonVersion: pins[addonName],
        resolveConflictsOnCreate: "OVERWRITE",
        resolveConflictsOnUpdate: "OVERWRITE",
        ...(roles[addonName] ? { serviceAccountRoleArn: roles[addonName] } : {}),
        ...(ADDON_SETTINGS[addonName] ? { configurationValues: ADDON_SETTINGS[addonName] } : {}),
        ...(after.length > 0 ? { dependsOn: after } : {}),
      });
    }
    return addons;
  }

  private createNodeGroups(props: EksClusterProps, after: ITerraformDependable[]): Record<string, ManagedNodeGroup> {
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
        after,
      });
    }
    return nodeGroups;
  }

  /** Access entries: admins and viewers, each keyed by a stable name. */
  private grantAccess(props: EksClusterProps): void {
    const grant = (kind: "admin" | "viewer", key: string, principalArn: string, policyArn: string) => {
      const entry = new EksAccessEntry(this, `access-${kind}-${key}`, {
        clusterName: this.cluster.name,
        principalArn,
        type: "STANDARD",
      });
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

  private validate(props: EksClusterProps): void {
    const problems: PropProblem[] = [];
    const versionProblem = unsupportedKubernetesVersion(this.kubernetesVersion);
    if (versionProblem)
      problems.push({
        prop: "kubernetesVersion",
        received: this.kubernetesVersion,
        ...versionProblem,
      });
    const logTypes = props.logTypes ?? CLUSTER_LOG_TYPES;
    const missing = REQUIRED_CLUSTER_LOG_TYPES.filter((t) => !logTypes.includes(t));
    if (missing.length > 0) {
      problems.push({
        prop: "logTypes",
        message: `leaves out ${missing.join(", ")}`,
        received: logTypes,
        fix: `ship at least ${REQUIRED_CLUSTER_LOG_TYPES.join(", ")}`,
      });
    }
    const serviceCidr = props.serviceIpv4Cidr ?? DEFAULT_SERVICE_IPV4_CIDR;
    if (!parseCidr(serviceCidr)) {
      problems.push({
        prop: "serviceIpv4Cidr",
        message: "is not a canonical IPv4 CIDR block",
        received: serviceCidr,
        fix: `use e.g. ${DEFAULT_SERVICE_IPV4_CIDR}`,
      });
    }
    const rangeProblem = serviceIpv4CidrProblem(serviceCidr);
    if (rangeProblem) problems.push({ prop: "serviceIpv4Cidr", received: serviceCidr, ...rangeProblem });
    for (const prop of ["publicAccessCidrs", "privateAccessCidrs"] as const) {
      for (const cidr of props[prop] ?? []) {
        const block = parseCidr(cidr);
        if (!block) {
          problems.push({
            prop,
            message: "has an entry that is not a canonical IPv4 CIDR block",
            received: cidr,
            fix: "write it as a.b.c.d/n",
          });
        } else if (prop === "privateAccessCidrs" && block.prefix === 0) {
          problems.push({
            prop,
            message: "admits every address",
            received: cidr,
            fix: "list the runner, bastion or peer VPC blocks",
          });
        }
      }
    }
    if (Object.keys(props.admins).length === 0) {
      problems.push({
        prop: "admins",
        message: "is empty: with access entries nobody could administer the cluster",
        received: props.admins,
        fix: "give at least one role ARN",
      });
    }
    if (props.subnetIds.length < 2) {
      problems.push({
        prop: "subnetIds",
        message: "EKS needs subnets in at least two zones",
        received: props.subnetIds,
        fix: "pass the private subnets of every zone",
      });
    }
    if (Object.keys(props.nodeGroups).length === 0) {
      problems.push({
        prop: "nodeGroups",
        message: "is empty",
        received: props.nodeGroups,
        fix: "add at least one node group",
      });
    }
    for (const [groupName, group] of Object.entries(props.nodeGroups)) {
      problems.push(...checkNodeGroup(group, `nodeGroups.${groupName}.`));
    }
    for (const [addonName, version] of Object.entries(props.addonVersions ?? {})) {
      if (!(MANAGED_ADDONS as readonly string[]).includes(addonName)) {
        problems.push({
          prop: "addonVersions",
          message: `names an unknown add-on ${addonName}`,
          received: addonName,
          fix: `use one of ${MANAGED_ADDONS.join(", ")}`,
        });
      } else if (!/^v\d+\.\d+\.\d+-eksbuild\.\d+$/.test(String(version))) {
        problems.push({
          prop: `addonVersions.${addonName}`,
          message: "is not an EKS add-on version",
          received: version,
          fix: "use the form v1.2.3-eksbuild.4",
        });
      }
    }
    throwIfInvalid(this, problems);
  }
}
