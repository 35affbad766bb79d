import type { AwsProvider } from "@cdktf/provider-aws/lib/provider";
import { Route } from "@cdktf/provider-aws/lib/route";
import { VpcPeeringConnection } from "@cdktf/provider-aws/lib/vpc-peering-connection";
import { VpcPeeringConnectionAccepterA } from "@cdktf/provider-aws/lib/vpc-peering-connection-accepter";
import { VpcPeeringConnectionOptions } from "@cdktf/provider-aws/lib/vpc-peering-connection-options";
import { Construct } from "constructs";
import { type PropProblem, throwIfInvalid } from "../core/validation";
import { cidrsOverlap, parseCidr } from "./cidr";

/** One side of a peering link. */
export interface PeeringSide {
  /** Region of the VPC. */
  readonly region: string;
  /** AWS provider configured for that region. */
  readonly provider: AwsProvider;
  readonly vpcId: string;
  /** The VPC block (from config: known at synth time, so overlap is checked before any apply). */
  readonly vpcCidr: string;
  /**
   * Route tables that get a route to the other side, keyed by a stable name (zone name,
   * `database`). Only private and database tables belong here: public subnets have no
   * business reaching the other region privately.
   */
  readonly routeTableIds: Readonly<Record<string, string>>;
}

/** Properties of {@link RegionPeering}. */
export interface RegionPeeringProps {
  /** Name for tags, e.g. `orders-production-sa-east-1-us-east-1`. */
  readonly name: string;
  /** Account owning both VPCs. */
  readonly accountId: string;
  /** The side that requests the connection. */
  readonly requester: PeeringSide;
  /** The side that accepts it (another region). */
  readonly accepter: PeeringSide;
  /**
   * Let each side resolve the other's private DNS names (RDS endpoints, internal load
   * balancers) to private addresses. @default true
   */
  readonly remoteDnsResolution?: boolean;
}

/**
 * Inter-region VPC peering inside one account, owned entirely by one stack: the request
 * (requester's region), the acceptance (accepter's region), DNS resolution options on
 * both sides, and routes to exactly the peer's VPC block in the given route tables on
 * each side. Routes are keyed by side and table name so addresses never shift.
 *
 * @example
 * ```ts
 * import type { AwsProvider } from "@cdktf/provider-aws/lib/provider";
 * import { type RegionalNetwork, RegionPeering } from "@plataforma/infra/constructs/network";
 *
 * declare const saEast1: AwsProvider;
 * declare const usEast1: AwsProvider;
 * declare const saNet: RegionalNetwork; // 10.50.0.0/16
 * declare const usNet: RegionalNetwork; // 10.60.0.0/16
 *
 * // Private and database route tables only: public subnets never reach the other region.
 * const tables = (net: RegionalNetwork) => ({
 *   ...Object.fromEntries(Object.entries(net.privateRouteTables).map(([zone, table]) => [zone, table.id])),
 *   database: net.databaseRouteTable.id,
 * });
 *
 * new RegionPeering(stack, "peering-sa-east-1-us-east-1", {
 *   name: "orders-production-sa-east-1-us-east-1",
 *   accountId: "123456789012",
 *   requester: {
 *     region: "sa-east-1",
 *     provider: saEast1,
 *     vpcId: saNet.vpc.id,
 *     vpcCidr: "10.50.0.0/16",
 *     routeTableIds: tables(saNet),
 *   },
 *   accepter: {
 *     region: "us-east-1",
 *     provider: usEast1,
 *     vpcId: usNet.vpc.id,
 *     vpcCidr: "10.60.0.0/16",
 *     routeTableIds: tables(usNet),
 *   },
 * });
 * ```
 */
export class RegionPeering extends Construct {
  /** The connection, as the requester's region sees it. */
  readonly connection: VpcPeeringConnection;
  /** The acceptance, in the accepter's region; its id is the active connection's. */
  readonly accepterConnection: VpcPeeringConnectionAccepterA;
  /** Routes by `<side>-<table name>`. */
  readonly routes: Readonly<Record<string, Route>>;

  constructor(scope: Construct, id: string, props: RegionPeeringProps) {
    super(scope, id);
    const { requester, accepter } = props;
    const problems: PropProblem[] = [];
    for (const [label, side] of [
      ["requester", requester],
      ["accepter", accepter],
    ] as const) {
      if (!parseCidr(side.vpcCidr)) {
        problems.push({
          prop: `${label}.vpcCidr`,
          message: `of ${side.region} is not a canonical IPv4 CIDR block`,
          received: side.vpcCidr,
          fix: "write it as a.b.c.d/n with the host bits zero",
        });
      }
      if (Object.keys(side.routeTableIds).length === 0) {
        problems.push({
          prop: `${label}.routeTableIds`,
          message: `of ${side.region} names no route table to route through the link`,
          received: side.routeTableIds,
          fix: "pass the private and database route tables",
        });
      }
    }
    if (requester.region === accepter.region) {
      problems.push({
        prop: "accepter.region",
        message: "is the requester's region; this construct links two regions",
        received: accepter.region,
        fix: "peer with a VPC in another region",
      });
    }
    if (problems.length === 0 && cidrsOverlap(requester.vpcCidr, accepter.vpcCidr)) {
      problems.push({
        prop: "accepter.vpcCidr",
        message: `overlaps ${requester.vpcCidr} (${requester.region}); peering cannot route between overlapping blocks`,
        received: accepter.vpcCidr,
        fix: "renumber one VPC so the blocks are disjoint",
      });
    }
    throwIfInvalid(this, problems);
    const dns = props.remoteDnsResolution ?? true;

    this.connection = new VpcPeeringConnection(this, "connection", {
      provider: requester.provider,
      vpcId: requester.vpcId,
      peerVpcId: accepter.vpcId,
      peerRegion: accepter.region,
      peerOwnerId: props.accountId,
      // Cross-region requests cannot auto-accept; the accepter resource does it.
      autoAccept: false,
      tags: { Name: props.name, Side: "requester" },
    });
    this.accepterConnection = new VpcPeeringConnectionAccepterA(this, "accepter", {
      provider: accepter.provider,
      vpcPeeringConnectionId: this.connection.id,
      autoAccept: true,
      tags: { Name: props.name, Side: "accepter" },
    });
    // Options can only be set on an active connection, each side from its own region.
    new VpcPeeringConnectionOptions(this, "requester-options", {
      provider: requester.provider,
      vpcPeeringConnectionId: this.accepterConnection.id,
      requester: { allowRemoteVpcDnsResolution: dns },
    });
    new VpcPeeringConnectionOptions(this, "accepter-options", {
      provider: accepter.provider,
      vpcPeeringConnectionId: this.accepterConnection.id,
      accepter: { allowRemoteVpcDnsResolution: dns },
    });

    const routes: Record<string, Route> = {};
    const addRoutes = (side: PeeringSide, other: PeeringSide, label: "requester" | "accepter") => {
      for (const [tableName, tableId] of Object.entries(side.routeTableIds)) {
        routes[`${label}-${tableName}`] = new Route(this, `${label}-route-${tableName}`, {
          provider: side.provider,
          routeTableId: tableId,
          destinationCidrBlock: other.vpcCidr,
          // The accepter's id is the connection's id once accepted; using it orders the routes after acceptance.
          vpcPeeringConnectionId: this.accepterConnection.id,
        });
      }
    };
    addRoutes(requester, accepter, "requester");
    addRoutes(accepter, requester, "accepter");
    this.routes = routes;
  }
}
