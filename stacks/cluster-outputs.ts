import type { EnvironmentConfig } from "../environments/schema";
import { eksClusterName } from "../naming/derived";
import type { OutputPlaceholders } from "./remote-outputs";

/**
 * Output names of the `<env>-<region>-cluster` stack: the contract the data and
 * platform stacks read through `PlatformStack.upstream`.
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
export function clusterPlaceholders(env: Pick<EnvironmentConfig, "account" | "project" | "name">, region: string): OutputPlaceholders {
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
