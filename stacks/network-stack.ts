import { TerraformOutput } from "cdktf";
import type { Construct } from "constructs";
import { RegionalNetwork } from "../constructs/network/regional-network";
import { eksClusterName, resourcePrefix } from "../naming/derived";
import type { BaseStackProps } from "./base-stack";
import { LayerStack } from "./layer-stack";
import { NETWORK_OUTPUTS } from "./network-outputs";

/** `<env>-<region>-network`: the region's VPC and everything attached to it. */
export class NetworkStack extends LayerStack {
  /** The region's VPC and its attachments. */
  readonly network: RegionalNetwork;

  constructor(scope: Construct, props: BaseStackProps) {
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
    out(
      NETWORK_OUTPUTS.privateSubnetIds,
      this.network.subnetIds("private"),
      "Private subnet ids, in zone order (nodes, pods, internal load balancers)",
    );
    out(
      NETWORK_OUTPUTS.publicSubnetIds,
      this.network.subnetIds("public"),
      "Public subnet ids, in zone order (internet-facing load balancers, NAT)",
    );
    out(
      NETWORK_OUTPUTS.databaseSubnetIds,
      this.network.subnetIds("database"),
      "Database subnet ids, in zone order (no internet route)",
    );
    out(
      NETWORK_OUTPUTS.privateRouteTableIds,
      this.network.privateRouteTableIds(),
      "Private route table ids, in zone order",
    );
    out(NETWORK_OUTPUTS.databaseRouteTableId, this.network.databaseRouteTable.id, "Database route table id");
  }
}
