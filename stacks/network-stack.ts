import { TerraformOutput } from "cdktf";
import type { Construct } from "constructs";
import { RegionalNetwork } from "../constructs/network/regional-network";
import type { RegionConfig } from "../environments/schema";
import { eksClusterName, resourcePrefix } from "../naming/derived";
import { LayerStack, type PlatformStackProps } from "./platform-stack";
import type { OutputPlaceholders } from "./remote-outputs";

/** Output names of the network stack: the contract downstream stacks read. */
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
  const ids = (prefix: string) => region.availabilityZones.map((_, i) => `${prefix}-${String(i + 1).padStart(17, "0")}`);
  return {
    [NETWORK_OUTPUTS.vpcId]: "vpc-00000000000000000",
    [NETWORK_OUTPUTS.privateSubnetIds]: ids("subnet"),
    [NETWORK_OUTPUTS.publicSubnetIds]: ids("subnet").map((id) => id.replace("subnet-0", "subnet-1")),
    [NETWORK_OUTPUTS.databaseSubnetIds]: ids("subnet").map((id) => id.replace("subnet-0", "subnet-2")),
    [NETWORK_OUTPUTS.privateRouteTableIds]: ids("rtb"),
    [NETWORK_OUTPUTS.databaseRouteTableId]: "rtb-10000000000000000",
  };
}

/** `<env>-<region>-network`: the region's VPC and everything attached to it. */
export class NetworkStack extends LayerStack {
  /** The region's VPC and its attachments. */
  readonly network: RegionalNetwork;

  constructor(scope: Construct, props: PlatformStackProps) {
    super(scope, { ...props, scopeName: props.region, layer: "network" });
    const region = this.env.regions[props.region];
    if (!region) throw new Error(`region ${props.region} is not configured for environment ${this.env.name}`);
    this.network = new RegionalNetwork(this, "network", {
      name: resourcePrefix(this.env, props.region),
      accountId: this.env.account.id,
      region: props.region,
      vpcCidr: region.network.vpcCidr,
      availabilityZones: region.availabilityZones,
      subnets: region.network.subnets,
      natGateways: region.network.natGateways,
      flowLogRetentionDays: region.network.flowLogs.retentionDays,
      flowLogTrafficType: region.network.flowLogs.trafficType,
      clusterNames: [eksClusterName(this.env, props.region)],
      interfaceEndpoints: region.network.interfaceEndpoints,
    });
    const out = (name: string, value: string | string[], description: string) =>
      new TerraformOutput(this, name, { value, description });
    out(NETWORK_OUTPUTS.vpcId, this.network.vpc.id, "VPC id");
    out(NETWORK_OUTPUTS.privateSubnetIds, this.network.subnetIds("private"), "Private subnet ids, in zone order (nodes, pods, internal load balancers)");
    out(NETWORK_OUTPUTS.publicSubnetIds, this.network.subnetIds("public"), "Public subnet ids, in zone order (internet-facing load balancers, NAT)");
    out(NETWORK_OUTPUTS.databaseSubnetIds, this.network.subnetIds("database"), "Database subnet ids, in zone order (no internet route)");
    out(NETWORK_OUTPUTS.privateRouteTableIds, this.network.privateRouteTableIds(), "Private route table ids, in zone order");
    out(NETWORK_OUTPUTS.databaseRouteTableId, this.network.databaseRouteTable.id, "Database route table id");
  }
}
