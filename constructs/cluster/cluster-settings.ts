/**
 * Defaults and fixed sets of the cluster constructs, in a file without provider imports so
 * config validation can use them without loading the provider bindings.
 */
import { cidrContains, parseCidr } from "../network/cidr";

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

/** Private blocks an EKS service range must fall in (EKS `kubernetesNetworkConfig.serviceIpv4Cidr`). */
export const SERVICE_IPV4_CIDR_PARENTS = ["10.0.0.0/8", "172.16.0.0/12", "192.168.0.0/16"] as const;

/** Largest (shortest prefix) and smallest (longest prefix) service range EKS accepts. */
export const SERVICE_IPV4_CIDR_PREFIX = { min: 12, max: 24 } as const;

/**
 * Why EKS would refuse `cidr` as the service range (outside the private blocks, or larger
 * than /12 or smaller than /24), as a message and a fix; undefined when it is acceptable
 * or not a CIDR at all (reported elsewhere). The range is fixed at cluster creation.
 */
export function serviceIpv4CidrProblem(cidr: string): { message: string; fix: string } | undefined {
  const block = parseCidr(cidr);
  if (!block) return undefined;
  const { min, max } = SERVICE_IPV4_CIDR_PREFIX;
  const fix =
    `use a /${min} to /${max} inside ${SERVICE_IPV4_CIDR_PARENTS.join(", ")} clear of every VPC, ` +
    `e.g. ${DEFAULT_SERVICE_IPV4_CIDR} (EKS cannot change it after creation: decide before the first apply)`;
  if (!SERVICE_IPV4_CIDR_PARENTS.some((parent) => cidrContains(parent, cidr))) {
    return { message: `is not inside ${SERVICE_IPV4_CIDR_PARENTS.join(", ")}, so EKS refuses it`, fix };
  }
  if (block.prefix < min || block.prefix > max) {
    return { message: `is a /${block.prefix}; EKS accepts /${min} to /${max}`, fix };
  }
  return undefined;
}

/** Control-plane log retention when none is given, in days (seed 002: audit logs >= 90 days). */
export const DEFAULT_CLUSTER_LOG_RETENTION_DAYS = 90;

/** Root volume size when none is given, in GiB (seed 001's main group). */
export const DEFAULT_NODE_VOLUME_GIB = 50;

/** Smallest root volume accepted: the AL2023 EKS AMI needs 20 GiB. */
export const MIN_NODE_VOLUME_GIB = 20;
