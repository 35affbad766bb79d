import { CloudwatchLogGroup } from "@cdktf/provider-aws/lib/cloudwatch-log-group";
import { FisExperimentTemplate } from "@cdktf/provider-aws/lib/fis-experiment-template";
import { IamRole } from "@cdktf/provider-aws/lib/iam-role";
import { IamRolePolicy } from "@cdktf/provider-aws/lib/iam-role-policy";
import { Token } from "cdktf";
import { Construct } from "constructs";
import { type PropProblem, throwIfInvalid } from "../core/validation";
import { type PolicyStatement, renderPolicy } from "../iam/policy-document";
import type { EncryptionKey } from "../kms/encryption-key";
import { suppressPolicy } from "../policy/suppress-policy";
import { ALARM_ARN_PATTERN, DEFAULT_GAME_DAY_LOG_RETENTION_DAYS } from "./game-day-settings";

/** One fault of an experiment: a FIS action id, its parameters and the target it acts on. */
export interface FisAction {
  /** FIS action id, e.g. `aws:ec2:stop-instances`. */
  readonly actionId: string;
  /** What the action does, shown in the FIS console. */
  readonly description: string;
  /** Action parameters, e.g. `{ duration: "PT30M" }`. @default - none */
  readonly parameters?: Readonly<Record<string, string>>;
  /** The action's target key (e.g. `Instances`) and the name of a target in {@link FisExperimentProps.targets}. */
  readonly target: { readonly key: string; readonly name: string };
}

/** A set of resources an action acts on, chosen by tags or ARNs, narrowed by filters. */
export interface FisTarget {
  /** FIS resource type, e.g. `aws:ec2:instance`. */
  readonly resourceType: string;
  /** Tags every target resource carries (all must match). Give these or `resourceArns`. @default - none */
  readonly resourceTags?: Readonly<Record<string, string>>;
  /** The target resources by ARN. @default - none */
  readonly resourceArns?: readonly string[];
  /** Attribute filters by API path, e.g. `{ "Placement.AvailabilityZone": ["sa-east-1a"] }`. @default - none */
  readonly filters?: Readonly<Record<string, readonly string[]>>;
  /** Resource-type parameters, e.g. ElastiCache's `availabilityZoneIdentifier`. @default - none */
  readonly parameters?: Readonly<Record<string, string>>;
}

/** Properties of {@link FisExperiment}. */
export interface FisExperimentProps {
  /** Name of the experiment: its role is `<name>-fis`, its log group `/aws/fis/<name>`. */
  readonly name: string;
  /** What the game day rehearses; the template's description. */
  readonly description: string;
  /** Account and region of the experiment (trust policy and log group ARN). */
  readonly accountId: string;
  readonly region: string;
  /**
   * CloudWatch alarms that stop the experiment when they fire. At least one: a game day
   * without a stop condition is refused.
   */
  readonly stopConditionAlarmArns: readonly string[];
  /** The faults, keyed by action name. */
  readonly actions: Readonly<Record<string, FisAction>>;
  /** What the faults act on, keyed by target name. */
  readonly targets: Readonly<Record<string, FisTarget>>;
  /** What the role may do: exactly the permissions the actions need. */
  readonly statements: readonly PolicyStatement[];
  /** Key of the log group; its policy must admit CloudWatch Logs for this region. */
  readonly logKey: EncryptionKey;
  /** Days the log group keeps events. @default {@link DEFAULT_GAME_DAY_LOG_RETENTION_DAYS} */
  readonly logRetentionDays?: number;
  /** Extra tags of the template, e.g. `{ GameDay: "az-power" }`. @default - none */
  readonly tags?: Readonly<Record<string, string>>;
}

/**
 * Reading the entries of the region's prefix lists, which FIS network actions need; the
 * AWS-managed lists (S3, DynamoDB) belong to AWS's account, hence any owner.
 */
export function prefixListEntries(region: string): PolicyStatement {
  return {
    Sid: "ReadPrefixLists",
    Effect: "Allow",
    Action: "ec2:GetManagedPrefixListEntries",
    Resource: `arn:aws:ec2:${region}:*:prefix-list/*`,
  };
}

/** IAM role names are at most 64 characters; the role adds `-fis`. */
const MAX_NAME_LENGTH = 60;

/**
 * An AWS FIS experiment template with the pieces every game day needs: a role FIS alone
 * may assume (from this account's experiments) holding only the statements given, stop
 * conditions on CloudWatch alarms (required), and logs to a KMS-encrypted log group with
 * bounded retention. Scenario constructs such as {@link AzPowerInterruptionExperiment}
 * build on it; use it directly for a scenario they do not cover.
 *
 * @example
 * ```ts
 * import { FisExperiment } from "@plataforma/infra/constructs/dr";
 * import { EncryptionKey } from "@plataforma/infra/constructs/kms";
 *
 * const logKey = new EncryptionKey(stack, "fis-logs-key", {
 *   alias: "orders-staging-fis-logs",
 *   purpose: "Encrypts FIS experiment logs",
 *   accountId: "123456789012",
 * });
 * new FisExperiment(stack, "reboot-database", {
 *   name: "orders-staging-reboot-database",
 *   description: "Force a Multi-AZ failover of the staging database",
 *   accountId: "123456789012",
 *   region: "sa-east-1",
 *   stopConditionAlarmArns: ["arn:aws:cloudwatch:sa-east-1:123456789012:alarm:staging-api-errors"],
 *   actions: {
 *     "failover-database": {
 *       actionId: "aws:rds:reboot-db-instances",
 *       description: "Reboot the writer onto its standby",
 *       parameters: { forceFailover: "true" },
 *       target: { key: "DBInstances", name: "database" },
 *     },
 *   },
 *   targets: {
 *     database: {
 *       resourceType: "aws:rds:db",
 *       resourceArns: ["arn:aws:rds:sa-east-1:123456789012:db:orders-staging"],
 *     },
 *   },
 *   statements: [
 *     {
 *       Effect: "Allow",
 *       Action: "rds:RebootDBInstance",
 *       Resource: "arn:aws:rds:sa-east-1:123456789012:db:orders-staging",
 *     },
 *   ],
 *   logKey,
 * });
 * ```
 */
export class FisExperiment extends Construct {
  /** The role FIS assumes to run the experiment. */
  readonly role: IamRole;
  /** Where FIS writes the experiment's log. */
  readonly logGroup: CloudwatchLogGroup;
  /** The experiment template a person (or the drill) starts. */
  readonly template: FisExperimentTemplate;

  constructor(scope: Construct, id: string, props: FisExperimentProps) {
    super(scope, id);
    const retentionDays = props.logRetentionDays ?? DEFAULT_GAME_DAY_LOG_RETENTION_DAYS;
    throwIfInvalid(this, fisExperimentProblems(props, retentionDays));
    this.role = this.createRole(props);
    this.logGroup = new CloudwatchLogGroup(this, "log-group", {
      name: `/aws/fis/${props.name}`,
      retentionInDays: retentionDays,
      kmsKeyId: props.logKey.key.arn,
    });
    this.template = this.createTemplate(props);
  }

  /** The role FIS assumes, trusted only for this account's experiments: the given statements, target lookup, logs. */
  private createRole(props: FisExperimentProps): IamRole {
    const role = new IamRole(this, "role", {
      name: `${props.name}-fis`,
      description: `Runs the FIS game day ${props.name}`,
      assumeRolePolicy: renderPolicy([
        {
          Effect: "Allow",
          Principal: { Service: "fis.amazonaws.com" },
          Action: "sts:AssumeRole",
          Condition: {
            StringEquals: { "aws:SourceAccount": props.accountId },
            ArnLike: { "aws:SourceArn": `arn:aws:fis:${props.region}:${props.accountId}:experiment/*` },
          },
        },
      ]),
    });
    new IamRolePolicy(this, "policy", {
      name: "fault-injection",
      role: role.id,
      policy: renderPolicy([...props.statements]),
    });
    // Kept apart from the faults' policy so the suppression below covers these calls only.
    const unscoped = new IamRolePolicy(this, "unscoped-policy", {
      name: "targets-and-logs",
      role: role.id,
      policy: renderPolicy([
        { Sid: "ResolveTargets", Effect: "Allow", Action: "tag:GetResources", Resource: "*" },
        {
          Sid: "DeliverExperimentLogs",
          Effect: "Allow",
          Action: [
            "logs:CreateLogDelivery",
            "logs:PutResourcePolicy",
            "logs:DescribeResourcePolicies",
            "logs:DescribeLogGroups",
          ],
          Resource: "*",
        },
      ]),
    });
    suppressPolicy(unscoped, {
      ruleId: "SEC-IAM-WILDCARD-RESOURCE",
      reason:
        "tag:GetResources (FIS resolves targets with it) and the vended log delivery calls accept no " +
        "resource-level scope; the faults themselves are in the scoped fault-injection policy",
    });
    return role;
  }

  private createTemplate(props: FisExperimentProps): FisExperimentTemplate {
    return new FisExperimentTemplate(this, "template", {
      description: props.description,
      roleArn: this.role.arn,
      stopCondition: props.stopConditionAlarmArns.map((value) => ({ source: "aws:cloudwatch:alarm", value })),
      action: Object.entries(props.actions).map(([name, action]) => ({
        name,
        actionId: action.actionId,
        description: action.description,
        parameter: action.parameters
          ? Object.entries(action.parameters).map(([key, value]) => ({ key, value }))
          : undefined,
        target: { key: action.target.key, value: action.target.name },
      })),
      target: Object.entries(props.targets).map(([name, target]) => ({
        name,
        resourceType: target.resourceType,
        selectionMode: "ALL",
        resourceArns: target.resourceArns ? [...target.resourceArns] : undefined,
        resourceTag: target.resourceTags
          ? Object.entries(target.resourceTags).map(([key, value]) => ({ key, value }))
          : undefined,
        filter: target.filters
          ? Object.entries(target.filters).map(([path, values]) => ({ path, values: [...values] }))
          : undefined,
        parameters: target.parameters ? { ...target.parameters } : undefined,
      })),
      logConfiguration: { logSchemaVersion: 2, cloudwatchLogsConfiguration: { logGroupArn: `${this.logGroup.arn}:*` } },
      // A game day that finds none of its targets has not rehearsed anything: fail it.
      experimentOptions: { accountTargeting: "single-account", emptyTargetResolutionMode: "fail" },
      tags: { Name: props.name, ...props.tags },
    });
  }
}

/** Every problem with the props of a {@link FisExperiment}. */
function fisExperimentProblems(props: FisExperimentProps, retentionDays: number): PropProblem[] {
  const problems: PropProblem[] = [];
  if (!/^[a-z0-9][a-z0-9-]*$/.test(props.name) || props.name.length > MAX_NAME_LENGTH) {
    problems.push({
      prop: "name",
      message: `must be lowercase letters, digits and dashes, at most ${MAX_NAME_LENGTH} characters`,
      received: props.name,
      fix: 'use the environment prefix and the scenario, e.g. "orders-staging-sa-east-1-az-power"',
    });
  }
  if (props.stopConditionAlarmArns.length === 0) {
    problems.push({
      prop: "stopConditionAlarmArns",
      message: "is empty: a game day without a stop condition is refused",
      received: props.stopConditionAlarmArns,
      fix: "pass the ARN of at least one CloudWatch alarm that fires when customers are hurt",
    });
  }
  props.stopConditionAlarmArns.forEach((arn, i) => {
    if (!Token.isUnresolved(arn) && !ALARM_ARN_PATTERN.test(arn)) {
      problems.push({
        prop: `stopConditionAlarmArns.${i}`,
        message: "is not a CloudWatch alarm ARN",
        received: arn,
        fix: "pass an alarm's arn, e.g. arn:aws:cloudwatch:sa-east-1:123456789012:alarm:name",
      });
    }
  });
  if (Object.keys(props.actions).length === 0) {
    problems.push({ prop: "actions", message: "is empty", received: props.actions, fix: "give at least one fault" });
  }
  for (const [name, action] of Object.entries(props.actions)) {
    if (!props.targets[action.target.name]) {
      problems.push({
        prop: `actions.${name}.target.name`,
        message: "names no target of the experiment",
        received: action.target.name,
        fix: `use one of: ${Object.keys(props.targets).join(", ") || "(add a target first)"}`,
      });
    }
  }
  for (const [name, target] of Object.entries(props.targets)) {
    if (!target.resourceArns?.length && !Object.keys(target.resourceTags ?? {}).length) {
      problems.push({
        prop: `targets.${name}`,
        message: "selects no resources: neither resourceTags nor resourceArns",
        received: target,
        fix: "choose the resources by tags or list their ARNs",
      });
    }
  }
  if (props.statements.length === 0) {
    problems.push({
      prop: "statements",
      message: "is empty: the role could not inject any fault",
      received: props.statements,
      fix: "grant the permissions the FIS actions reference lists for each action",
    });
  }
  if (!Number.isInteger(retentionDays) || retentionDays < 1) {
    problems.push({
      prop: "logRetentionDays",
      message: "must be a positive whole number of days",
      received: retentionDays,
      fix: `use ${DEFAULT_GAME_DAY_LOG_RETENTION_DAYS}`,
    });
  }
  return problems;
}
