import type { EnvironmentConfig } from "../environments/schema";
import { eksClusterName, stackName } from "../naming/derived";
import type { BaseStack } from "./base-stack";
import type { OutputPlaceholders } from "./remote-outputs";

/**
 * Output names of the `<env>-<region>-cluster` stack: the contract the data and
 * platform stacks read through {@link readClusterOutputs}.
 */
export const CLUSTER_OUTPUTS = {
  clusterName: "cluster_name",
  clusterEndpoint: "cluster_endpoint",
  clusterCaCertificate: "cluster_ca_certificate",
  oidcProviderArn: "oidc_provider_arn",
  /** Issuer without `https://`, as IAM condition keys need it. */
  oidcIssuer: "oidc_issuer",
  /** Security group of the worker nodes (and so of pods using the node's ENIs). */
  nodeSecurityGroupId: "node_security_group_id",
  /** The EKS-managed cluster security group (control plane and managed nodes). */
  clusterSecurityGroupId: "cluster_security_group_id",
} as const;

/** Placeholder cluster outputs, shaped like real values, for plans before the cluster exists. */
export function clusterPlaceholders(
  env: Pick<EnvironmentConfig, "account" | "project" | "name">,
  region: string,
): OutputPlaceholders {
  const issuer = `oidc.eks.${region}.amazonaws.com/id/00000000000000000000000000000000`;
  return {
    [CLUSTER_OUTPUTS.clusterName]: eksClusterName(env, region),
    [CLUSTER_OUTPUTS.clusterEndpoint]: `https://00000000000000000000000000000000.gr7.${region}.eks.amazonaws.com`,
    [CLUSTER_OUTPUTS.clusterCaCertificate]: "cGxhY2Vob2xkZXI=",
    [CLUSTER_OUTPUTS.oidcProviderArn]: `arn:aws:iam::${env.account.id}:oidc-provider/${issuer}`,
    [CLUSTER_OUTPUTS.oidcIssuer]: issuer,
    [CLUSTER_OUTPUTS.nodeSecurityGroupId]: "sg-00000000000000001",
    [CLUSTER_OUTPUTS.clusterSecurityGroupId]: "sg-00000000000000002",
  };
}

/** A region's EKS cluster as downstream stacks see it (references to the cluster stack's state). */
export interface ClusterOutputs {
  readonly clusterName: string;
  readonly clusterEndpoint: string;
  /** Base64 PEM of the cluster certificate authority. */
  readonly clusterCaCertificate: string;
  readonly oidcProviderArn: string;
  /** Issuer without `https://`, as IAM condition keys need it. */
  readonly oidcIssuer: string;
  readonly nodeSecurityGroupId: string;
  readonly clusterSecurityGroupId: string;
}

/**
 * Reads the outputs of `region`'s cluster stack, in `stack`'s environment. Placeholders
 * stand in until that stack is applied; calling it again returns the same data source.
 */
export function readClusterOutputs(stack: BaseStack, region: string): ClusterOutputs {
  const remote = stack.upstream(stackName(stack.env, region, "cluster"), clusterPlaceholders(stack.env, region));
  return {
    clusterName: remote.getString(CLUSTER_OUTPUTS.clusterName),
    clusterEndpoint: remote.getString(CLUSTER_OUTPUTS.clusterEndpoint),
    clusterCaCertificate: remote.getString(CLUSTER_OUTPUTS.clusterCaCertificate),
    oidcProviderArn: remote.getString(CLUSTER_OUTPUTS.oidcProviderArn),
    oidcIssuer: remote.getString(CLUSTER_OUTPUTS.oidcIssuer),
    nodeSecurityGroupId: remote.getString(CLUSTER_OUTPUTS.nodeSecurityGroupId),
    clusterSecurityGroupId: remote.getString(CLUSTER_OUTPUTS.clusterSecurityGroupId),
  };
}
