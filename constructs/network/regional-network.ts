import { DefaultSecurityGroup } from "@cdktf/provider-aws/lib/default-security-group";
import { Eip } from "@cdktf/provider-aws/lib/eip";
import { InternetGateway } from "@cdktf/provider-aws/lib/internet-gateway";
import { NatGateway } from "@cdktf/provider-aws/lib/nat-gateway";
import { Route } from "@cdktf/provider-aws/lib/route";
import { RouteTable } from "@cdktf/provider-aws/lib/route-table";
import { RouteTableAssociation } from "@cdktf/provider-aws/lib/route-table-association";
import { Subnet } from "@cdktf/provider-aws/lib/subnet";
import { Vpc } from "@cdktf/provider-aws/lib/vpc";
import { VpcEndpoint } from "@cdktf/provider-aws/lib/vpc-endpoint";
import { Construct } from "constructs";
import {
  AWS_REGION_NAME,
  checkAccountId,
  checkNonEmpty,
  checkRegionName,
  checkRequired,
  type PropProblem,
  throwIfInvalid,
} from "../core/validation";
import { SUBNET_TIERS, type SubnetPlan, type SubnetTier } from "./cidr";
import { s3GatewayEndpointPolicy } from "./endpoint-policies";
import { InterfaceEndpoints } from "./interface-endpoints";
import { DEFAULT_NAT_GATEWAY_MODE, type InterfaceEndpointService, type NatGatewayMode } from "./network-settings";
import { checkNetworkLayout, resolveSubnetPlan } from "./subnet-plan";
import { VpcFlowLogs } from "./vpc-flow-logs";

/** Properties of {@link RegionalNetwork}. */
export interface RegionalNetworkProps {
  /**
   * Name prefix for every resource, e.g. `orders-production-sa-east-1`: 1-54 letters, digits,
   * `-` and `_` (it prefixes the flow-log IAM role and KMS alias names).
   */
  readonly name: string;
  /** Account id, used in ARNs and key policies (no data source lookups). */
  readonly accountId: string;
  /** Region of the VPC; names the S3 endpoint service. */
  readonly region: string;
  /** The VPC block, /16 to /20. */
  readonly vpcCidr: string;
  /** Zones to span, from config (never from the `aws_availability_zones` data source). */
  readonly availabilityZones: readonly string[];
  /**
   * Explicit subnets per tier and zone.
   * @default - carved from `vpcCidr` (private /19, public /22, database /24 for a /16)
   */
  readonly subnets?: SubnetPlan;
  /** NAT layout. @default "per-az" */
  readonly natGateways?: NatGatewayMode;
  /** Flow log retention in days. @default 90 */
  readonly flowLogRetentionDays?: number;
  /** Flow log traffic filter. @default "ALL" */
  readonly flowLogTrafficType?: "ALL" | "ACCEPT" | "REJECT";
  /** EKS cluster names whose load balancers may use these subnets (discovery tags). @default - none */
  readonly clusterNames?: readonly string[];
  /**
   * Interface endpoints to create in the private subnets (private DNS, HTTPS from the VPC
   * only). @default - none: traffic to AWS APIs leaves through NAT
   */
  readonly interfaceEndpoints?: readonly InterfaceEndpointService[];
}

/** The subnets of one tier, keyed by availability zone. */
export type SubnetsByZone = Readonly<Record<string, Subnet>>;

/** Longest `name`: it prefixes the `<name>-flow-logs` IAM role, and role names stop at 64 characters. */
const MAX_NETWORK_NAME_LENGTH = 54;

/** Characters both IAM role names and KMS alias names (which `name` prefixes) accept. */
const NETWORK_NAME = /^[A-Za-z0-9_-]+$/;

/** Problems of `name`, which prefixes every resource name. */
function checkNetworkName(name: unknown): PropProblem[] {
  const fix = "use a name such as orders-production-sa-east-1";
  const empty = checkNonEmpty("name", name, fix);
  if (empty.length > 0) return empty;
  const text = String(name);
  if (NETWORK_NAME.test(text) && text.length <= MAX_NETWORK_NAME_LENGTH) return [];
  const message = `must be 1-${MAX_NETWORK_NAME_LENGTH} letters, digits, dashes or underscores`;
  return [{ prop: "name", message, received: name, fix: `${fix} (it prefixes IAM role and KMS alias names)` }];
}

/** Every problem with the props, each prop checked only once it is present. */
function checkRegionalNetworkProps(props: Partial<RegionalNetworkProps>): PropProblem[] {
  const problems: PropProblem[] = [
    ...checkNetworkName(props.name),
    ...checkAccountId("accountId", props.accountId),
    ...checkRegionName("region", props.region),
    ...checkRequired("vpcCidr", props.vpcCidr, "pass the VPC block, e.g. 10.50.0.0/16"),
    ...checkRequired(
      "availabilityZones",
      props.availabilityZones,
      "list the region's zones, e.g. sa-east-1a, sa-east-1b",
    ),
  ];
  const zones = props.availabilityZones;
  if (zones === undefined || zones === null) return problems;
  if (!Array.isArray(zones)) {
    problems.push({
      prop: "availabilityZones",
      message: "must be a list of zone names",
      received: zones,
      fix: "list the region's zones, e.g. sa-east-1a, sa-east-1b, sa-east-1c",
    });
    return problems;
  }
  problems.push(...checkZones(zones, props.region));
  if (typeof props.vpcCidr === "string") {
    for (const p of checkNetworkLayout(props.vpcCidr, zones, props.subnets)) {
      problems.push({ prop: p.path.join("."), message: p.message, received: p.input, fix: p.fix });
    }
  }
  return problems;
}

/** A zone is its region's name plus one letter; anything else synthesizes and fails at apply. */
function isZoneOf(zone: unknown, region: string): boolean {
  return typeof zone === "string" && zone.startsWith(region) && /^[a-z]$/.test(zone.slice(region.length));
}

/** Problems of the zone list: enough zones, each of `region` (when it is a region name), none twice. */
function checkZones(zones: readonly string[], region: unknown): PropProblem[] {
  const problems: PropProblem[] = [];
  if (zones.length < 2) {
    problems.push({
      prop: "availabilityZones",
      message: "a highly available VPC needs at least 2 zones (3 recommended)",
      received: zones,
      fix: "list the region's zones, e.g. sa-east-1a, sa-east-1b, sa-east-1c",
    });
  }
  // A region given as a token cannot be compared with zone names until apply.
  const regional = typeof region === "string" && AWS_REGION_NAME.test(region);
  zones.forEach((zone, i) => {
    if (regional && !isZoneOf(zone, region)) {
      problems.push({
        prop: `availabilityZones.${i}`,
        message: `must be a zone of region ${region} (the region name plus one letter)`,
        received: zone,
        fix: `use e.g. ${region}a, ${region}b, ${region}c, or change region`,
      });
    }
    if (zones.indexOf(zone) !== i) {
      problems.push({
        prop: `availabilityZones.${i}`,
        message: `repeats availabilityZones.${zones.indexOf(zone)} (each zone keys its subnets, so once only)`,
        received: zone,
        fix: "list each zone once",
      });
    }
  });
  return problems;
}

/**
 * One region's VPC: public, private and database subnet tiers over the given zones,
 * NAT per zone or single, private route tables per zone, an isolated database tier with
 * no internet route, an S3 gateway endpoint, optional interface endpoints (see
 * {@link InterfaceEndpoints}), flow logs, and a default security group stripped of every rule.
 *
 * Every keyed resource is keyed by zone name, so adding a zone or switching the NAT
 * layout never renumbers existing addresses.
 *
 * @example
 * ```ts
 * import { RegionalNetwork } from "@plataforma/infra/constructs/network";
 *
 * const net = new RegionalNetwork(stack, "net", {
 *   name: "orders-dev-sa-east-1",
 *   accountId: "123456789012",
 *   region: "sa-east-1",
 *   vpcCidr: "10.50.0.0/16",
 *   availabilityZones: ["sa-east-1a", "sa-east-1b", "sa-east-1c"],
 * });
 * const databaseSubnetIds = Object.values(net.subnets.database).map((s) => s.id);
 * ```
 */
export class RegionalNetwork extends Construct {
  /** The VPC. */
  readonly vpc: Vpc;
  /** Subnets by tier and zone. */
  readonly subnets: Readonly<Record<SubnetTier, SubnetsByZone>>;
  /** The plan the subnets were built from. */
  readonly subnetPlan: SubnetPlan;
  /** Private route tables by zone (each routes to a NAT gateway). */
  readonly privateRouteTables: Readonly<Record<string, RouteTable>>;
  /** Public route table (default route to the internet gateway). */
  readonly publicRouteTable: RouteTable;
  /** Database route table: local routes only. */
  readonly databaseRouteTable: RouteTable;
  /** NAT gateways by the zone they sit in. */
  readonly natGateways: Readonly<Record<string, NatGateway>>;
  /** Flow logs of the VPC. */
  readonly flowLogs: VpcFlowLogs;
  /** Zones, in the order given. */
  readonly availabilityZones: readonly string[];
  /** Interface endpoints, when any were requested. */
  readonly interfaceEndpoints?: InterfaceEndpoints;

  constructor(scope: Construct, id: string, props: RegionalNetworkProps) {
    super(scope, id);
    throwIfInvalid(this, checkRegionalNetworkProps(props ?? {}));
    const zones = props.availabilityZones;
    this.availabilityZones = zones;
    this.subnetPlan = resolveSubnetPlan(props.vpcCidr, zones, props.subnets);
    const natMode = props.natGateways ?? DEFAULT_NAT_GATEWAY_MODE;
    const name = props.name;

    this.vpc = new Vpc(this, "vpc", {
      cidrBlock: props.vpcCidr,
      enableDnsHostnames: true,
      enableDnsSupport: true,
      tags: { Name: name },
    });

    // The default security group cannot be deleted; owning it with no rules means
    // anything launched without an explicit group can reach nothing and be reached by nothing.
    new DefaultSecurityGroup(this, "default-security-group", {
      vpcId: this.vpc.id,
      ingress: [],
      egress: [],
      tags: { Name: `${name}-default-deny` },
    });

    const clusterTags = Object.fromEntries(
      (props.clusterNames ?? []).map((c) => [`kubernetes.io/cluster/${c}`, "shared"]),
    );
    const tierTags: Record<SubnetTier, Record<string, string>> = {
      public: { "kubernetes.io/role/elb": "1", ...clusterTags },
      private: { "kubernetes.io/role/internal-elb": "1", ...clusterTags },
      database: {},
    };
    const subnets = {} as Record<SubnetTier, Record<string, Subnet>>;
    for (const tier of SUBNET_TIERS) {
      subnets[tier] = {};
      for (const zone of zones) {
        subnets[tier][zone] = new Subnet(this, `${tier}-${zone}`, {
          vpcId: this.vpc.id,
          cidrBlock: this.subnetPlan[tier][zone],
          availabilityZone: zone,
          mapPublicIpOnLaunch: false,
          tags: { Name: `${name}-${tier}-${zone}`, Tier: tier, ...tierTags[tier] },
        });
      }
    }
    this.subnets = subnets;

    const igw = new InternetGateway(this, "internet-gateway", { vpcId: this.vpc.id, tags: { Name: name } });
    this.publicRouteTable = new RouteTable(this, "public-route-table", {
      vpcId: this.vpc.id,
      tags: { Name: `${name}-public` },
    });
    new Route(this, "public-default-route", {
      routeTableId: this.publicRouteTable.id,
      destinationCidrBlock: "0.0.0.0/0",
      gatewayId: igw.id,
    });

    const natZones = natMode === "per-az" ? zones : zones.slice(0, 1);
    const natGateways: Record<string, NatGateway> = {};
    for (const zone of natZones) {
      const eip = new Eip(this, `nat-eip-${zone}`, { domain: "vpc", tags: { Name: `${name}-nat-${zone}` } });
      natGateways[zone] = new NatGateway(this, `nat-${zone}`, {
        allocationId: eip.allocationId,
        subnetId: subnets.public[zone].id,
        tags: { Name: `${name}-${zone}` },
        dependsOn: [igw],
      });
    }
    this.natGateways = natGateways;

    this.databaseRouteTable = new RouteTable(this, "database-route-table", {
      vpcId: this.vpc.id,
      tags: { Name: `${name}-database` },
    });
    const privateRouteTables: Record<string, RouteTable> = {};
    for (const zone of zones) {
      new RouteTableAssociation(this, `public-${zone}-association`, {
        subnetId: subnets.public[zone].id,
        routeTableId: this.publicRouteTable.id,
      });
      const table = new RouteTable(this, `private-route-table-${zone}`, {
        vpcId: this.vpc.id,
        tags: { Name: `${name}-private-${zone}` },
      });
      new Route(this, `private-default-route-${zone}`, {
        routeTableId: table.id,
        destinationCidrBlock: "0.0.0.0/0",
        natGatewayId: (natGateways[zone] ?? natGateways[natZones[0]]).id,
      });
      new RouteTableAssociation(this, `private-${zone}-association`, {
        subnetId: subnets.private[zone].id,
        routeTableId: table.id,
      });
      new RouteTableAssociation(this, `database-${zone}-association`, {
        subnetId: subnets.database[zone].id,
        routeTableId: this.databaseRouteTable.id,
      });
      privateRouteTables[zone] = table;
    }
    this.privateRouteTables = privateRouteTables;

    // S3 traffic (ECR layers, backups, state) stays on the AWS network and skips NAT charges.
    new VpcEndpoint(this, "s3-endpoint", {
      vpcId: this.vpc.id,
      serviceName: `com.amazonaws.${props.region}.s3`,
      vpcEndpointType: "Gateway",
      // This account's buckets and the AWS-owned ones nodes need (ECR layers, OS packages) only.
      policy: s3GatewayEndpointPolicy(props.accountId, props.region),
      routeTableIds: [...zones.map((z) => privateRouteTables[z].id), this.databaseRouteTable.id],
      tags: { Name: `${name}-s3` },
    });

    const endpointServices = props.interfaceEndpoints ?? [];
    if (endpointServices.length > 0) {
      this.interfaceEndpoints = new InterfaceEndpoints(this, "interface-endpoints", {
        name,
        region: props.region,
        accountId: props.accountId,
        vpcId: this.vpc.id,
        vpcCidr: props.vpcCidr,
        subnetIds: zones.map((z) => subnets.private[z].id),
        services: endpointServices,
      });
    }

    this.flowLogs = new VpcFlowLogs(this, "flow-logs", {
      name,
      vpcId: this.vpc.id,
      accountId: props.accountId,
      region: props.region,
      retentionDays: props.flowLogRetentionDays,
      trafficType: props.flowLogTrafficType,
    });
  }

  /** Subnet ids of one tier, in zone order. */
  subnetIds(tier: SubnetTier): string[] {
    return this.availabilityZones.map((zone) => this.subnets[tier][zone].id);
  }

  /** Private route table ids, in zone order. */
  privateRouteTableIds(): string[] {
    return this.availabilityZones.map((zone) => this.privateRouteTables[zone].id);
  }
}
