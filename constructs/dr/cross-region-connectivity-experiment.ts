import { Construct } from "constructs";
import { type PropProblem, throwIfInvalid } from "../core/validation";
import type { PolicyStatement } from "../iam/policy-document";
import type { EncryptionKey } from "../kms/encryption-key";
import { type FisAction, FisExperiment, type FisTarget, prefixListEntries } from "./fis-experiment";
import { DEFAULT_GAME_DAY_DURATION_MINUTES, durationProblems, isoMinutes } from "./game-day-settings";

/** Properties of {@link CrossRegionConnectivityExperiment}. */
export interface CrossRegionConnectivityExperimentProps {
  /** Experiment name (see {@link FisExperiment}). */
  readonly name: string;
  readonly accountId: string;
  /** The region whose subnets lose their path to {@link isolatedRegion}. */
  readonly region: string;
  /** The region cut off, e.g. the DR region. */
  readonly isolatedRegion: string;
  /** Alarms that stop the experiment; at least one. */
  readonly stopConditionAlarmArns: readonly string[];
  /** Tags of the subnets whose route tables stop reaching the isolated region (VPC peering, endpoints). */
  readonly subnetTags: Readonly<Record<string, string>>;
  /**
   * Tags of transit gateways whose peering with the isolated region is cut too.
   * @default - none: the estate peers VPCs directly
   */
  readonly transitGatewayTags?: Readonly<Record<string, string>>;
  /** Minutes the regions stay apart. @default {@link DEFAULT_GAME_DAY_DURATION_MINUTES} */
  readonly durationMinutes?: number;
  /** Key of the experiment's log group. */
  readonly logKey: EncryptionKey;
  /** Days the log group keeps events. @default - {@link FisExperiment}'s default */
  readonly logRetentionDays?: number;
}

/**
 * AWS FIS's "Cross-Region: Connectivity" scenario as a template: the tagged subnets of
 * this region lose every route to the isolated region (FIS swaps in route tables without
 * the peering and cross-region endpoint routes, then restores them), and, when given,
 * the tagged transit gateways lose their peering with it. Replication and failover
 * paths that cross regions stall; the stop-condition alarms end the experiment early.
 *
 * @example
 * ```ts
 * import { CrossRegionConnectivityExperiment } from "@plataforma/infra/constructs/dr";
 * import { EncryptionKey } from "@plataforma/infra/constructs/kms";
 *
 * const logKey = new EncryptionKey(stack, "fis-logs-key", {
 *   alias: "orders-staging-fis-logs",
 *   purpose: "Encrypts FIS experiment logs",
 *   accountId: "123456789012",
 * });
 * new CrossRegionConnectivityExperiment(stack, "cross-region", {
 *   name: "orders-staging-sa-east-1-cross-region",
 *   accountId: "123456789012",
 *   region: "sa-east-1",
 *   isolatedRegion: "us-east-1",
 *   stopConditionAlarmArns: ["arn:aws:cloudwatch:sa-east-1:123456789012:alarm:staging-api-errors"],
 *   subnetTags: { Environment: "staging", Stack: "staging-sa-east-1-network" },
 *   logKey,
 * });
 * ```
 */
export class CrossRegionConnectivityExperiment extends Construct {
  /** The experiment template, its role and log group. */
  readonly experiment: FisExperiment;

  constructor(scope: Construct, id: string, props: CrossRegionConnectivityExperimentProps) {
    super(scope, id);
    const minutes = props.durationMinutes ?? DEFAULT_GAME_DAY_DURATION_MINUTES;
    throwIfInvalid(this, crossRegionProblems(props, minutes));
    const parameters = { region: props.isolatedRegion, duration: isoMinutes(minutes) };
    const actions: Record<string, FisAction> = {
      "disrupt-route-tables": {
        actionId: "aws:network:route-table-disrupt-cross-region-connectivity",
        description: `Cut the subnets' routes to ${props.isolatedRegion}`,
        parameters,
        target: { key: "Subnets", name: "subnets" },
      },
    };
    const targets: Record<string, FisTarget> = {
      subnets: { resourceType: "aws:ec2:subnet", resourceTags: props.subnetTags },
    };
    const statements = routeTableStatements(props.region, props.accountId);
    if (props.transitGatewayTags) {
      actions["disrupt-transit-gateways"] = {
        actionId: "aws:network:transit-gateway-disrupt-cross-region-connectivity",
        description: `Cut the transit gateways' peering with ${props.isolatedRegion}`,
        parameters,
        target: { key: "TransitGateways", name: "transit-gateways" },
      };
      targets["transit-gateways"] = { resourceType: "aws:ec2:transit-gateway", resourceTags: props.transitGatewayTags };
      statements.push(...transitGatewayStatements(props.region, props.accountId));
    }
    this.experiment = new FisExperiment(this, "experiment", {
      name: props.name,
      description: `Cross-region connectivity: ${props.region} cut off from ${props.isolatedRegion} for ${minutes} min`,
      accountId: props.accountId,
      region: props.region,
      stopConditionAlarmArns: props.stopConditionAlarmArns,
      actions,
      targets,
      statements,
      logKey: props.logKey,
      logRetentionDays: props.logRetentionDays,
      tags: { GameDay: "cross-region-connectivity", IsolatedRegion: props.isolatedRegion },
    });
  }
}

/** What `aws:network:route-table-disrupt-cross-region-connectivity` needs, per the FIS actions reference. */
function routeTableStatements(region: string, accountId: string): PolicyStatement[] {
  return [
    {
      // FIS creates route tables (and prefix lists, interfaces) without the cross-region
      // routes, swaps them in, and undoes it when the experiment ends.
      Sid: "SwapRouteTables",
      Effect: "Allow",
      Action: [
        "ec2:AssociateRouteTable",
        "ec2:CreateManagedPrefixList",
        "ec2:CreateNetworkInterface",
        "ec2:CreateRoute",
        "ec2:CreateRouteTable",
        "ec2:CreateTags",
        "ec2:DeleteManagedPrefixList",
        "ec2:DeleteNetworkInterface",
        "ec2:DeleteRouteTable",
        "ec2:DisassociateRouteTable",
        "ec2:ModifyManagedPrefixList",
        "ec2:ModifyVpcEndpoint",
        "ec2:ReplaceRouteTableAssociation",
      ],
      Resource: `arn:aws:ec2:${region}:${accountId}:*`,
    },
    {
      Sid: "FindRoutes",
      Effect: "Allow",
      Action: [
        "ec2:DescribeManagedPrefixLists",
        "ec2:DescribeNetworkInterfaces",
        "ec2:DescribeRouteTables",
        "ec2:DescribeSubnets",
        "ec2:DescribeVpcPeeringConnections",
        "ec2:DescribeVpcs",
      ],
      Resource: "*",
    },
    prefixListEntries(region),
  ];
}

/** What `aws:network:transit-gateway-disrupt-cross-region-connectivity` needs. */
function transitGatewayStatements(region: string, accountId: string): PolicyStatement[] {
  return [
    {
      Sid: "SwapTransitGatewayRouteTables",
      Effect: "Allow",
      Action: ["ec2:AssociateTransitGatewayRouteTable", "ec2:DisassociateTransitGatewayRouteTable"],
      Resource: `arn:aws:ec2:${region}:${accountId}:*`,
    },
    {
      Sid: "FindTransitGateways",
      Effect: "Allow",
      Action: [
        "ec2:DescribeTransitGatewayAttachments",
        "ec2:DescribeTransitGatewayPeeringAttachments",
        "ec2:DescribeTransitGateways",
      ],
      Resource: "*",
    },
  ];
}

/** Every problem with the props of a {@link CrossRegionConnectivityExperiment}. */
function crossRegionProblems(props: CrossRegionConnectivityExperimentProps, minutes: number): PropProblem[] {
  const problems: PropProblem[] = [];
  if (props.isolatedRegion === props.region) {
    problems.push({
      prop: "isolatedRegion",
      message: "is the experiment's own region",
      received: props.isolatedRegion,
      fix: "isolate another region, e.g. the DR region",
    });
  }
  for (const [prop, tags] of [
    ["subnetTags", props.subnetTags],
    ["transitGatewayTags", props.transitGatewayTags],
  ] as const) {
    if (tags && Object.keys(tags).length === 0) {
      problems.push({
        prop,
        message: "is empty: it would select every resource of the type in the region",
        received: tags,
        fix: "name at least one tag that only the estate's resources carry",
      });
    }
  }
  problems.push(...durationProblems(minutes));
  return problems;
}
