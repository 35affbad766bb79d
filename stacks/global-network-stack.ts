import { Fn, TerraformOutput } from "cdktf";
import type { Construct } from "constructs";
import { RegionPeering } from "../constructs/network/region-peering";
import type { EnvironmentConfig } from "../environments/schema";
import { GLOBAL_SCOPE, regionLinks, resourcePrefix } from "../naming/derived";
import { peeringKey, peeringOutputName } from "./global-network-outputs";
import { LayerStack } from "./layer-stack";
import { readNetworkOutputs } from "./network-outputs";
import type { StackSettings } from "./settings";

/** Properties of {@link GlobalNetworkStack}. */
export interface GlobalNetworkStackProps {
  readonly env: EnvironmentConfig;
  readonly settings: StackSettings;
}

/**
 * `<env>-global-network`: the private links between an environment's regions, VPC
 * peering with requester, accepter, DNS options and routes (private and database tables
 * only, to exactly the peer's VPC block) on both sides.
 *
 * Why peering rather than Transit Gateway: with at most three regions a full mesh is
 * three connections, each with no hourly or per-GB processing charge (a TGW costs an
 * attachment per VPC and per peering, plus $0.02/GB, and adds a hop); peering's limits
 * (no transitive routing, one connection per pair) do not bite at this size. Past four or
 * five regions, or with on-premises links, a TGW per region becomes the simpler graph.
 *
 * Why one global stack: links need both sides' VPCs and route tables. Reading them from
 * the regional network stacks' outputs keeps the dependency one-way (network -> global
 * network); a regional stack owning its links would need its peer's outputs and the peer
 * its outputs, a cycle.
 */
export class GlobalNetworkStack extends LayerStack {
  /** Links keyed `<requester>--<accepter>`. */
  readonly peerings: Readonly<Record<string, RegionPeering>>;

  constructor(scope: Construct, props: GlobalNetworkStackProps) {
    const global = { region: props.env.primaryRegion, scopeName: GLOBAL_SCOPE, layer: "network" } as const;
    super(scope, { env: props.env, settings: props.settings, ...global });
    const env = this.env;
    const side = (region: string) => {
      const config = env.regions[region];
      const network = readNetworkOutputs(this, region);
      const privateTables = config.availabilityZones.map((zone, i) => [
        zone,
        Fn.element(network.privateRouteTableIds, i),
      ]);
      return {
        region,
        provider: this.awsIn(region),
        vpcId: network.vpcId,
        vpcCidr: config.network.vpcCidr,
        // Keyed by zone: the network stack exports private tables in zone order.
        routeTableIds: {
          ...Object.fromEntries(privateTables),
          database: network.databaseRouteTableId,
        },
      };
    };

    const peerings: Record<string, RegionPeering> = {};
    for (const link of regionLinks(env)) {
      const key = peeringKey(link);
      peerings[key] = new RegionPeering(this, `peering-${key}`, {
        name: `${resourcePrefix(env, link.requester)}-to-${link.accepter}`,
        accountId: env.account.id,
        requester: side(link.requester),
        accepter: side(link.accepter),
      });
      new TerraformOutput(this, peeringOutputName(link), {
        value: peerings[key].connection.id,
        description: `VPC peering connection between ${link.requester} (requester) and ${link.accepter} (accepter)`,
      });
    }
    this.peerings = peerings;
  }
}
