import { GLOBAL_SCOPE, stackName } from "../naming/derived";
import type { BaseStack } from "./base-stack";
import type { OutputPlaceholders } from "./remote-outputs";

/**
 * Output names of the `<env>-global-edge` stack: the contract the cloudflare stack reads
 * through {@link readEdgeOutputs} (and DR drills read from state).
 */
export const EDGE_OUTPUTS = {
  zoneId: "zone_id",
  nameServers: "name_servers",
  apiHostname: "api_hostname",
  publicApiHostname: "public_api_hostname",
  distributionId: "distribution_id",
  distributionDomainName: "distribution_domain_name",
  webAclArn: "web_acl_arn",
  healthCheckIds: "health_check_ids",
} as const;

/**
 * Values downstream stacks plan with before the edge stack has state. A Route 53
 * delegation set always has four name servers, so the placeholder has four too.
 */
export function edgePlaceholders(): OutputPlaceholders {
  return {
    [EDGE_OUTPUTS.zoneId]: "Z00000000000000000000",
    [EDGE_OUTPUTS.nameServers]: [
      "ns-0.awsdns-00.com",
      "ns-512.awsdns-00.net",
      "ns-1024.awsdns-00.org",
      "ns-1536.awsdns-00.co.uk",
    ],
    [EDGE_OUTPUTS.apiHostname]: "api.placeholder.invalid",
    [EDGE_OUTPUTS.publicApiHostname]: "api.placeholder.invalid",
    [EDGE_OUTPUTS.distributionId]: "E000000000000",
    [EDGE_OUTPUTS.distributionDomainName]: "d0000000000000.cloudfront.net",
    [EDGE_OUTPUTS.webAclArn]:
      "arn:aws:wafv2:us-east-1:000000000000:global/webacl/placeholder/00000000-0000-0000-0000-000000000000",
    [EDGE_OUTPUTS.healthCheckIds]: [],
  };
}

/** The environment's edge as downstream stacks see it (references to the edge stack's state). */
export interface EdgeOutputs {
  readonly zoneId: string;
  /** The Route 53 zone's four name servers, for delegation. */
  readonly nameServers: string[];
  readonly apiHostname: string;
  readonly publicApiHostname: string;
  readonly distributionId: string;
  readonly distributionDomainName: string;
  readonly webAclArn: string;
  readonly healthCheckIds: string[];
}

/**
 * Reads the outputs of the environment's edge stack. Placeholders stand in until that
 * stack is applied; calling it again returns the same data source.
 */
export function readEdgeOutputs(stack: BaseStack): EdgeOutputs {
  const remote = stack.upstream(stackName(stack.env, GLOBAL_SCOPE, "edge"), edgePlaceholders());
  return {
    zoneId: remote.getString(EDGE_OUTPUTS.zoneId),
    nameServers: remote.getList(EDGE_OUTPUTS.nameServers),
    apiHostname: remote.getString(EDGE_OUTPUTS.apiHostname),
    publicApiHostname: remote.getString(EDGE_OUTPUTS.publicApiHostname),
    distributionId: remote.getString(EDGE_OUTPUTS.distributionId),
    distributionDomainName: remote.getString(EDGE_OUTPUTS.distributionDomainName),
    webAclArn: remote.getString(EDGE_OUTPUTS.webAclArn),
    healthCheckIds: remote.getList(EDGE_OUTPUTS.healthCheckIds),
  };
}
