/**
 * Defaults and fixed sets of the cluster constructs, in a file without provider imports so
 * config validation can use them without loading the provider bindings.
 */

/** Control-plane log types EKS can ship to CloudWatch. */
export const CLUSTER_LOG_TYPES = ["api", "audit", "authenticator", "controllerManager", "scheduler"] as const;

/** One of {@link CLUSTER_LOG_TYPES}. */
export type ClusterLogType = (typeof CLUSTER_LOG_TYPES)[number];

/** Log types every cluster ships: who called the API, what they did, how they authenticated. */
export const REQUIRED_CLUSTER_LOG_TYPES: readonly ClusterLogType[] = ["api", "audit", "authenticator"];

/**
 * Kubernetes service range when none is given. Outside 10.0.0.0/8, where this project's
 * VPCs live, so a service IP never shadows an address across a peering link.
 */
export const DEFAULT_SERVICE_IPV4_CIDR = "172.20.0.0/16";

/** Control-plane log retention when none is given, in days (seed 002: audit logs >= 90 days). */
export const DEFAULT_CLUSTER_LOG_RETENTION_DAYS = 90;

/** Root volume size when none is given, in GiB (seed 001's main group). */
export const DEFAULT_NODE_VOLUME_GIB = 50;

/** Smallest root volume accepted: the AL2023 EKS AMI needs 20 GiB. */
export const MIN_NODE_VOLUME_GIB = 20;
