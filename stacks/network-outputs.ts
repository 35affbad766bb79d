import type { RegionConfig } from "../environments/schema";
import { stackName } from "../naming/derived";
import type { BaseStack } from "./base-stack";
import type { OutputPlaceholders } from "./remote-outputs";

/**
 * Output names of the `<env>-<region>-network` stack: the contract the global network,
 * cluster, data and platform stacks read through {@link readNetworkOutputs}.
 */
export const NETWORK_OUTPUTS = {
  vpcId: "vpc_id",
  privateSubnetIds: "private_subnet_ids",
  publicSubnetIds: "public_subnet_ids",
  databaseSubnetIds: "database_subnet_ids",
  privateRouteTableIds: "private_route_table_ids",
  databaseRouteTableId: "database_route_table_id",
} as const;

/**
 * Values downstream stacks plan with before the network stack has state: shaped like
 * real ids (so provider-side format checks pass), pointing at nothing.
 */
export function networkPlaceholders(region: RegionConfig): OutputPlaceholders {
  const ids = (prefix: string) =>
    region.availabilityZones.map((_, i) => `${prefix}-${String(i + 1).padStart(17, "0")}`);
  return {
    [NETWORK_OUTPUTS.vpcId]: "vpc-00000000000000000",
    [NETWORK_OUTPUTS.privateSubnetIds]: ids("subnet"),
    [NETWORK_OUTPUTS.publicSubnetIds]: ids("subnet").map((id) => id.replace("subnet-0", "subnet-1")),
    [NETWORK_OUTPUTS.databaseSubnetIds]: ids("subnet").map((id) => id.replace("subnet-0", "subnet-2")),
    [NETWORK_OUTPUTS.privateRouteTableIds]: ids("rtb"),
    [NETWORK_OUTPUTS.databaseRouteTableId]: "rtb-10000000000000000",
  };
}

/** A region's network as downstream stacks see it (references to the network stack's state). */
export interface NetworkOutputs {
  readonly vpcId: string;
  /** One per zone, in the region's zone order (nodes, pods, internal load balancers). */
  readonly privateSubnetIds: string[];
  /** One per zone, in zone order (internet-facing load balancers, NAT). */
  readonly publicSubnetIds: string[];
  /** One per zone, in zone order (no internet route). */
  readonly databaseSubnetIds: string[];
  /** One per zone, in zone order. */
  readonly privateRouteTableIds: string[];
  readonly databaseRouteTableId: string;
}

/**
 * Reads the outputs of `region`'s network stack, in `stack`'s environment. Placeholders
 * stand in until that stack is applied; calling it again returns the same data source.
 */
export function readNetworkOutputs(stack: BaseStack, region: string): NetworkOutputs {
  const config = stack.env.regions[region];
  if (!config) throw new Error(`region ${region} is not configured for environment ${stack.env.name}`);
  const remote = stack.upstream(stackName(stack.env, region, "network"), networkPlaceholders(config));
  return {
    vpcId: remote.getString(NETWORK_OUTPUTS.vpcId),
    privateSubnetIds: remote.getList(NETWORK_OUTPUTS.privateSubnetIds),
    publicSubnetIds: remote.getList(NETWORK_OUTPUTS.publicSubnetIds),
    databaseSubnetIds: remote.getList(NETWORK_OUTPUTS.databaseSubnetIds),
    privateRouteTableIds: remote.getList(NETWORK_OUTPUTS.privateRouteTableIds),
    databaseRouteTableId: remote.getString(NETWORK_OUTPUTS.databaseRouteTableId),
  };
}
