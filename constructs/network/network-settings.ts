/**
 * Defaults and fixed sets of the network constructs ({@link RegionalNetwork},
 * {@link InterfaceEndpoints}, {@link VpcFlowLogs}), in a file without provider imports so
 * config validation can use them without loading the provider bindings.
 */

/**
 * AWS services an EKS cluster in private subnets calls, by the short name used in config
 * (the part after `com.amazonaws.<region>.`): image pulls (ECR API and registry), IRSA
 * token exchange (STS), secrets, log shipping, and S3 for pods: image layers reach S3
 * through the VPC's gateway endpoint, but network policies can only admit private
 * addresses, so module pods reach S3 through this interface endpoint.
 */
export const INTERFACE_ENDPOINT_SERVICES = ["ecr.api", "ecr.dkr", "sts", "secretsmanager", "logs", "s3"] as const;

/** One of {@link INTERFACE_ENDPOINT_SERVICES}. */
export type InterfaceEndpointService = (typeof INTERFACE_ENDPOINT_SERVICES)[number];

/** NAT layout: one gateway per zone (zone-independent egress) or one shared gateway. */
export type NatGatewayMode = "per-az" | "single";

/** Default NAT layout: per zone, so losing a zone never cuts egress of the others. */
export const DEFAULT_NAT_GATEWAY_MODE: NatGatewayMode = "per-az";

/** Flow log retention when none is given, in days (seed 002: audit logs >= 90 days). */
export const DEFAULT_FLOW_LOG_RETENTION_DAYS = 90;

/** Traffic recorded when none is given: accepted and rejected, for investigations. */
export const DEFAULT_FLOW_LOG_TRAFFIC_TYPE = "ALL";
