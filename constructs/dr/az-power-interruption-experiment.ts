import { Construct } from "constructs";
import { type PropProblem, throwIfInvalid } from "../core/validation";
import type { PolicyStatement } from "../iam/policy-document";
import type { EncryptionKey } from "../kms/encryption-key";
import { type FisAction, FisExperiment, type FisTarget, prefixListEntries } from "./fis-experiment";
import { DEFAULT_GAME_DAY_DURATION_MINUTES, durationProblems, isoMinutes, isZoneOfRegion } from "./game-day-settings";

/** The relational database to fail over: an RDS Multi-AZ instance or an Aurora cluster. */
export type GameDayDatabase =
  | { readonly kind: "instance"; readonly arn: string }
  | { readonly kind: "cluster"; readonly arn: string };

/** Properties of {@link AzPowerInterruptionExperiment}. */
export interface AzPowerInterruptionExperimentProps {
  /** Experiment name (see {@link FisExperiment}). */
  readonly name: string;
  readonly accountId: string;
  readonly region: string;
  /** The zone that loses power, e.g. `sa-east-1a`. */
  readonly availabilityZone: string;
  /** Alarms that stop the experiment; at least one. */
  readonly stopConditionAlarmArns: readonly string[];
  /** Tags of the EC2 instances to stop in the zone (e.g. an EKS cluster's nodes). @default - no instances */
  readonly instanceTags?: Readonly<Record<string, string>>;
  /** Tags of the subnets whose traffic is cut in the zone. @default - no subnets */
  readonly subnetTags?: Readonly<Record<string, string>>;
  /** The database to fail over to another zone. @default - none */
  readonly database?: GameDayDatabase;
  /** ARN of the ElastiCache replication group whose nodes in the zone lose power. @default - none */
  readonly cacheReplicationGroupArn?: string;
  /** Minutes the zone stays down. @default {@link DEFAULT_GAME_DAY_DURATION_MINUTES} */
  readonly durationMinutes?: number;
  /** Key of the experiment's log group. */
  readonly logKey: EncryptionKey;
  /** Days the log group keeps events. @default - {@link FisExperiment}'s default */
  readonly logRetentionDays?: number;
}

/**
 * AWS FIS's "AZ Availability: Power Interruption" scenario as a template: in one zone,
 * stop the tagged instances (restarted when the zone comes back), cut the tagged subnets
 * off, force the database onto a standby in another zone and cut power to the cache's
 * nodes there, all for the same duration. Each part is included when its target is given.
 * The role may touch only this account and region, and only those resources where the
 * API allows a narrower scope.
 *
 * An RDS instance is failed over with `aws:rds:reboot-db-instances` and `forceFailover`:
 * RDS moves the writer to its standby whichever zone it was in.
 *
 * @example
 * ```ts
 * import { AzPowerInterruptionExperiment } from "@plataforma/infra/constructs/dr";
 * import { EncryptionKey } from "@plataforma/infra/constructs/kms";
 *
 * const logKey = new EncryptionKey(stack, "fis-logs-key", {
 *   alias: "orders-staging-fis-logs",
 *   purpose: "Encrypts FIS experiment logs",
 *   accountId: "123456789012",
 * });
 * new AzPowerInterruptionExperiment(stack, "az-power", {
 *   name: "orders-staging-sa-east-1-az-power",
 *   accountId: "123456789012",
 *   region: "sa-east-1",
 *   availabilityZone: "sa-east-1a",
 *   stopConditionAlarmArns: ["arn:aws:cloudwatch:sa-east-1:123456789012:alarm:staging-api-errors"],
 *   instanceTags: { "eks:cluster-name": "orders-staging-sa-east-1" },
 *   subnetTags: { Environment: "staging", Stack: "staging-sa-east-1-network" },
 *   database: { kind: "instance", arn: "arn:aws:rds:sa-east-1:123456789012:db:orders-staging" },
 *   logKey,
 * });
 * ```
 */
export class AzPowerInterruptionExperiment extends Construct {
  /** The experiment template, its role and log group. */
  readonly experiment: FisExperiment;

  constructor(scope: Construct, id: string, props: AzPowerInterruptionExperimentProps) {
    super(scope, id);
    const minutes = props.durationMinutes ?? DEFAULT_GAME_DAY_DURATION_MINUTES;
    throwIfInvalid(this, azPowerProblems(props, minutes));
    const parts = [
      this.instances(props, minutes),
      this.subnets(props, minutes),
      this.database(props),
      this.cache(props, minutes),
    ].filter((part): part is ScenarioPart => part !== undefined);
    this.experiment = new FisExperiment(this, "experiment", {
      name: props.name,
      description: `AZ power interruption: ${props.availabilityZone} down for ${minutes} minutes`,
      accountId: props.accountId,
      region: props.region,
      stopConditionAlarmArns: props.stopConditionAlarmArns,
      actions: Object.fromEntries(parts.map((p) => [p.actionName, p.action])),
      targets: Object.fromEntries(parts.map((p) => [p.action.target.name, p.target])),
      statements: parts.flatMap((p) => p.statements),
      logKey: props.logKey,
      logRetentionDays: props.logRetentionDays,
      tags: { GameDay: "az-power-interruption", AvailabilityZone: props.availabilityZone },
    });
  }

  private instances(props: AzPowerInterruptionExperimentProps, minutes: number): ScenarioPart | undefined {
    if (!props.instanceTags) return undefined;
    const { region, accountId } = props;
    return {
      actionName: "stop-instances",
      action: {
        actionId: "aws:ec2:stop-instances",
        description: `Stop the instances in ${props.availabilityZone}, start them when the zone returns`,
        parameters: { startInstancesAfterDuration: isoMinutes(minutes), completeIfInstancesTerminated: "true" },
        target: { key: "Instances", name: "instances" },
      },
      target: {
        resourceType: "aws:ec2:instance",
        resourceTags: props.instanceTags,
        filters: { "Placement.AvailabilityZone": [props.availabilityZone], "State.Name": ["running"] },
      },
      statements: [
        {
          Sid: "StopInstances",
          Effect: "Allow",
          Action: ["ec2:StopInstances", "ec2:StartInstances"],
          Resource: `arn:aws:ec2:${region}:${accountId}:instance/*`,
        },
        { Sid: "FindInstances", Effect: "Allow", Action: "ec2:DescribeInstances", Resource: "*" },
        {
          // Starting an instance with encrypted volumes grants EC2 its volume key again.
          Sid: "RestartEncryptedVolumes",
          Effect: "Allow",
          Action: "kms:CreateGrant",
          Resource: `arn:aws:kms:${region}:${accountId}:key/*`,
          Condition: { Bool: { "kms:GrantIsForAWSResource": true } },
        },
      ],
    };
  }

  private subnets(props: AzPowerInterruptionExperimentProps, minutes: number): ScenarioPart | undefined {
    if (!props.subnetTags) return undefined;
    const { region, accountId } = props;
    return {
      actionName: "disrupt-subnets",
      action: {
        actionId: "aws:network:disrupt-connectivity",
        description: `Deny all traffic in and out of the subnets in ${props.availabilityZone}`,
        parameters: { scope: "all", duration: isoMinutes(minutes) },
        target: { key: "Subnets", name: "subnets" },
      },
      target: {
        resourceType: "aws:ec2:subnet",
        resourceTags: props.subnetTags,
        filters: { AvailabilityZone: [props.availabilityZone] },
      },
      statements: [
        {
          // FIS swaps in a deny-all network ACL it creates, then restores the original.
          Sid: "SwapNetworkAcls",
          Effect: "Allow",
          Action: [
            "ec2:CreateNetworkAcl",
            "ec2:CreateNetworkAclEntry",
            "ec2:CreateTags",
            "ec2:DeleteNetworkAcl",
            "ec2:ReplaceNetworkAclAssociation",
          ],
          Resource: [
            `arn:aws:ec2:${region}:${accountId}:network-acl/*`,
            `arn:aws:ec2:${region}:${accountId}:subnet/*`,
            `arn:aws:ec2:${region}:${accountId}:vpc/*`,
          ],
        },
        {
          Sid: "FindSubnets",
          Effect: "Allow",
          Action: [
            "ec2:DescribeManagedPrefixLists",
            "ec2:DescribeNetworkAcls",
            "ec2:DescribeSubnets",
            "ec2:DescribeVpcs",
          ],
          Resource: "*",
        },
        prefixListEntries(region),
      ],
    };
  }

  private database(props: AzPowerInterruptionExperimentProps): ScenarioPart | undefined {
    const db = props.database;
    if (!db) return undefined;
    const instance = db.kind === "instance";
    return {
      actionName: "failover-database",
      action: instance
        ? {
            actionId: "aws:rds:reboot-db-instances",
            description: "Reboot the database writer onto its standby in another zone",
            parameters: { forceFailover: "true" },
            target: { key: "DBInstances", name: "database" },
          }
        : {
            actionId: "aws:rds:failover-db-cluster",
            description: "Fail the Aurora writer over to a reader in another zone",
            target: { key: "Clusters", name: "database" },
          },
      target: { resourceType: instance ? "aws:rds:db" : "aws:rds:cluster", resourceArns: [db.arn] },
      statements: [
        {
          Sid: "FailOverDatabase",
          Effect: "Allow",
          Action: instance ? "rds:RebootDBInstance" : "rds:FailoverDBCluster",
          Resource: db.arn,
        },
        {
          Sid: "FindDatabase",
          Effect: "Allow",
          Action: instance ? "rds:DescribeDBInstances" : "rds:DescribeDBClusters",
          Resource: "*",
        },
      ],
    };
  }

  private cache(props: AzPowerInterruptionExperimentProps, minutes: number): ScenarioPart | undefined {
    const arn = props.cacheReplicationGroupArn;
    if (!arn) return undefined;
    return {
      actionName: "interrupt-cache",
      action: {
        actionId: "aws:elasticache:replicationgroup-interrupt-az-power",
        description: `Cut power to the cache nodes in ${props.availabilityZone}`,
        parameters: { duration: isoMinutes(minutes) },
        target: { key: "ReplicationGroups", name: "cache" },
      },
      target: {
        resourceType: "aws:elasticache:replicationgroup",
        resourceArns: [arn],
        parameters: { availabilityZoneIdentifier: props.availabilityZone },
      },
      statements: [
        {
          Sid: "InterruptCachePower",
          Effect: "Allow",
          Action: "elasticache:InterruptClusterAzPower",
          Resource: [arn, `arn:aws:elasticache:${props.region}:${props.accountId}:cluster:*`],
        },
        {
          Sid: "FindCache",
          Effect: "Allow",
          Action: "elasticache:DescribeReplicationGroups",
          Resource: "*",
        },
      ],
    };
  }
}

/** One fault of the scenario with its target and the permissions it needs. */
interface ScenarioPart {
  readonly actionName: string;
  readonly action: FisAction;
  readonly target: FisTarget;
  readonly statements: readonly PolicyStatement[];
}

/** Every problem with the props of an {@link AzPowerInterruptionExperiment}. */
function azPowerProblems(props: AzPowerInterruptionExperimentProps, minutes: number): PropProblem[] {
  const problems: PropProblem[] = [];
  if (!isZoneOfRegion(props.availabilityZone, props.region)) {
    problems.push({
      prop: "availabilityZone",
      message: `is not a zone of ${props.region}`,
      received: props.availabilityZone,
      fix: `use a zone of the region, e.g. ${props.region}a`,
    });
  }
  const targets = [props.instanceTags, props.subnetTags, props.database, props.cacheReplicationGroupArn];
  if (targets.every((t) => t === undefined)) {
    problems.push({
      prop: "instanceTags",
      message: "no target given: the experiment would interrupt nothing",
      received: undefined,
      fix: "give instanceTags, subnetTags, database or cacheReplicationGroupArn",
    });
  }
  for (const [prop, tags] of [
    ["instanceTags", props.instanceTags],
    ["subnetTags", props.subnetTags],
  ] as const) {
    if (tags && Object.keys(tags).length === 0) {
      problems.push({
        prop,
        message: "is empty: it would select every resource of the type in the zone",
        received: tags,
        fix: "name at least one tag that only the estate's resources carry",
      });
    }
  }
  problems.push(...durationProblems(minutes));
  return problems;
}
