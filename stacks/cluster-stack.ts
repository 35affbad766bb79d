import { Fn, TerraformOutput } from "cdktf";
import type { Construct } from "constructs";
import { EksCluster } from "../constructs/cluster/eks-cluster";
import { KarpenterAws } from "../constructs/cluster/karpenter-aws";
import { eksClusterName, karpenterNames } from "../naming/derived";
import type { BaseStackProps } from "./base-stack";
import { CLUSTER_OUTPUTS } from "./cluster-outputs";
import { LayerStack } from "./layer-stack";
import { readNetworkOutputs } from "./network-outputs";

/**
 * `<env>-<region>-cluster`: the region's EKS cluster, node groups, identity (OIDC for
 * IRSA, Pod Identity agent) and managed add-ons, in the VPC the network stack exported.
 * Exports every output of {@link CLUSTER_OUTPUTS} for the data and platform stacks.
 */
export class ClusterStack extends LayerStack {
  /** The region's cluster. */
  readonly cluster: EksCluster;
  /** Karpenter's AWS side, when the region's nodes autoscale with it. */
  readonly karpenter?: KarpenterAws;

  constructor(scope: Construct, props: BaseStackProps) {
    super(scope, { ...props, scopeName: props.region, layer: "cluster" });
    const region = this.env.regions[props.region];
    if (!region) throw new Error(`region ${props.region} is not configured for environment ${this.env.name}`);
    const config = region.cluster;
    if (!config)
      throw new Error(
        `region ${props.region} of environment ${this.env.name} has no cluster section. ` +
          `Fix: add regions.${props.region}.cluster or build no cluster stack for it`,
      );
    const network = readNetworkOutputs(this, props.region);
    const name = eksClusterName(this.env, props.region);

    this.cluster = new EksCluster(this, "eks", {
      name,
      accountId: this.env.account.id,
      region: props.region,
      kubernetesVersion: config.kubernetesVersion,
      vpcId: network.vpcId,
      // One element per zone: a token list has no length at synth time, the zones do.
      subnetIds: region.availabilityZones.map((_, i) => Fn.element(network.privateSubnetIds, i)),
      publicAccessCidrs: config.endpoint.publicAccessCidrs,
      privateAccessCidrs: config.endpoint.privateAccessCidrs,
      logTypes: config.logTypes,
      logRetentionDays: config.logRetentionDays,
      serviceIpv4Cidr: config.serviceIpv4Cidr,
      admins: config.admins,
      viewers: config.viewers,
      nodeGroups: config.nodeGroups,
      addonVersions: config.addonVersions,
    });

    if (config.nodeAutoscaler === "karpenter") this.karpenter = this.addKarpenter(props.region);

    const out = (key: keyof typeof CLUSTER_OUTPUTS, value: string, description: string) =>
      new TerraformOutput(this, CLUSTER_OUTPUTS[key], { value, description });
    out("clusterName", this.cluster.cluster.name, "EKS cluster name");
    out(
      "clusterEndpoint",
      this.cluster.endpoint,
      "Kubernetes API endpoint (private unless public CIDRs are configured)",
    );
    out(
      "clusterCaCertificate",
      this.cluster.certificateAuthorityData,
      "Base64 PEM of the cluster certificate authority",
    );
    out("oidcProviderArn", this.cluster.oidcProvider.arn, "ARN of the IAM OIDC provider, for IRSA trust policies");
    out("oidcIssuer", this.cluster.oidcIssuer, "OIDC issuer without https://, as IAM condition keys use it");
    out(
      "nodeSecurityGroupId",
      this.cluster.nodeSecurityGroup.id,
      "Extra security group of every node; reference it to let nodes and pods in",
    );
    out(
      "clusterSecurityGroupId",
      this.cluster.clusterSecurityGroupId,
      "EKS-managed cluster security group (control plane and managed nodes)",
    );
  }

  /** Karpenter's queue, rules and roles; the platform stack installs the controller with the same names. */
  private addKarpenter(region: string): KarpenterAws {
    const names = karpenterNames(this.env, region);
    return new KarpenterAws(this, "karpenter", {
      clusterName: this.cluster.cluster.name,
      clusterArn: this.cluster.cluster.arn,
      accountId: this.env.account.id,
      region,
      oidcProviderArn: this.cluster.oidcProvider.arn,
      oidcIssuer: this.cluster.oidcIssuer,
      controllerRoleName: names.controllerRole,
      nodeRoleName: names.nodeRole,
      interruptionQueueName: names.interruptionQueue,
    });
  }
}
