import { CloudwatchLogGroup } from "@cdktf/provider-aws/lib/cloudwatch-log-group";
import { DbParameterGroup } from "@cdktf/provider-aws/lib/db-parameter-group";
import { DbSubnetGroup } from "@cdktf/provider-aws/lib/db-subnet-group";
import type { AwsProvider } from "@cdktf/provider-aws/lib/provider";
import { RdsClusterParameterGroup } from "@cdktf/provider-aws/lib/rds-cluster-parameter-group";
import type { SecurityGroup } from "@cdktf/provider-aws/lib/security-group";
import { Token } from "cdktf";
import { Construct } from "constructs";
import { checkAccountId, checkRequired, type PropProblem, throwIfInvalid } from "../core/validation";
import type { EncryptionKey } from "../kms/encryption-key";
import { EnhancedMonitoringRole } from "./monitoring-role";
import {
  DEFAULT_DATABASE_LOG_RETENTION_DAYS,
  DEFAULT_LOG_EXPORTS,
  DEFAULT_MONITORING_INTERVAL_SECONDS,
  DEFAULT_PERFORMANCE_INSIGHTS_RETENTION_DAYS,
  DEFAULT_SLOW_STATEMENT_MS,
  ENHANCED_MONITORING_INTERVALS,
  POSTGRES_PORT,
} from "./postgres-settings";

/** What RDS and Aurora PostgreSQL constructs share. */
export interface PostgresBaseProps {
  /**
   * Instance or cluster identifier, and the prefix of every companion resource (subnet
   * and parameter groups, log groups, monitoring role, final snapshot), e.g.
   * `orders-production-sa-east-1`.
   */
  readonly name: string;
  /** Account id: ARNs and the monitoring role trust (no data source lookups). */
  readonly accountId: string;
  /** Database subnets (no internet route), at least two zones. */
  readonly subnetIds: string[];
  /** The security group clients reach the database through. */
  readonly securityGroup: SecurityGroup;
  /** Encrypts storage, snapshots, Performance Insights and the master secret. */
  readonly key: EncryptionKey;
  /** Encrypts the exported log groups. */
  readonly logKey: EncryptionKey;
  /** RDS instance class, starting with `db.`, e.g. `db.m7g.large` (Aurora Serverless v2: `db.serverless`). */
  readonly instanceClass: string;
  /** Engine version, major.minor (config default "16.6"). */
  readonly engineVersion: string;
  /** Automated backup and PITR retention, 1-35 days. */
  readonly backupRetentionDays: number;
  /** @default "03:00-04:00" */
  readonly backupWindow?: string;
  /** @default "sun:04:00-sun:05:00" */
  readonly maintenanceWindow?: string;
  /** @default true */
  readonly deletionProtection?: boolean;
  /** @default 7 */
  readonly performanceInsightsRetentionDays?: number;
  /** Enhanced Monitoring interval; 0 turns it (and its role) off. @default 60 */
  readonly monitoringIntervalSeconds?: number;
  /** @default ["postgresql"] */
  readonly logExports?: readonly string[];
  /** @default 90 */
  readonly logRetentionDays?: number;
  /** Master user name; RDS cannot change it after creation. @default DEFAULT_MASTER_USERNAME */
  readonly masterUsername?: string;
  /**
   * Statements running at least this long are logged with their duration
   * (`log_min_duration_statement`); -1 turns slow-statement logging off.
   * @default 1000
   */
  readonly slowStatementMs?: number;
}

/** How a subclass deploys PostgreSQL: one RDS instance or an Aurora cluster. */
export interface PostgresDeployment {
  /** `instance` (RDS) or `cluster` (Aurora): decides the parameter group kind and log group paths. */
  readonly kind: "instance" | "cluster";
  /** Checks of the subclass's own props, reported with the shared ones in one error. */
  readonly problems: readonly PropProblem[];
  /** Provider of the database's region. @default - the scope's default provider */
  readonly provider?: AwsProvider;
}

const IDENTIFIER = /^[a-z][a-z0-9-]{0,62}$/;

/** Every problem with the props both deployments share (empty when fine). */
function checkPostgresProps(props: PostgresBaseProps, monitoring: number, piRetention: number): PropProblem[] {
  const problems: PropProblem[] = [];
  const retention = props.backupRetentionDays;
  if (!Number.isInteger(retention) || retention < 1 || retention > 35) {
    problems.push({
      prop: "backupRetentionDays",
      message: "must be 1-35 (0 would turn off backups and point-in-time recovery)",
      received: retention,
      fix: "use 7-35",
    });
  }
  if (!(ENHANCED_MONITORING_INTERVALS as readonly number[]).includes(monitoring)) {
    problems.push({
      prop: "monitoringIntervalSeconds",
      message: `must be one of ${ENHANCED_MONITORING_INTERVALS.join(", ")}`,
      received: monitoring,
      fix: `use ${DEFAULT_MONITORING_INTERVAL_SECONDS}, or 0 to turn Enhanced Monitoring off`,
    });
  }
  if (!(piRetention === 7 || (piRetention % 31 === 0 && piRetention >= 31 && piRetention <= 731))) {
    problems.push({
      prop: "performanceInsightsRetentionDays",
      message: "must be 7 or a multiple of 31 up to 731",
      received: piRetention,
      fix: `use ${DEFAULT_PERFORMANCE_INSIGHTS_RETENTION_DAYS} (free tier) or a number of months times 31`,
    });
  }
  if (!/^\d{2}\.\d+$/.test(props.engineVersion)) {
    problems.push({
      prop: "engineVersion",
      message: "must be major.minor",
      received: props.engineVersion,
      fix: 'use e.g. "16.6"',
    });
  }
  const slow = props.slowStatementMs ?? DEFAULT_SLOW_STATEMENT_MS;
  if (!Number.isInteger(slow) || slow < -1 || slow > 2_147_483_647) {
    problems.push({
      prop: "slowStatementMs",
      message: "must be a whole number of milliseconds, or -1 to turn slow-statement logging off",
      received: slow,
      fix: `use ${DEFAULT_SLOW_STATEMENT_MS}`,
    });
  }
  const subnets = props.subnetIds;
  // A list token (another stack's subnet ids) counts once but stands for the whole list.
  if (!Array.isArray(subnets) || (subnets.length < 2 && !Token.isUnresolved(subnets))) {
    problems.push({
      prop: "subnetIds",
      message: "must list at least 2 subnets: a DB subnet group spans at least two zones",
      received: subnets,
      fix: "pass the database subnets of every zone, e.g. Object.values(network.subnets.database).map((s) => s.id)",
    });
  }
  if (typeof props.instanceClass !== "string" || !/^db\.[a-z0-9.-]+$/.test(props.instanceClass)) {
    problems.push({
      prop: "instanceClass",
      message: 'must be an RDS instance class, which starts with "db."',
      received: props.instanceClass,
      fix: 'use e.g. "db.m7g.large" (not the EC2 name "m7g.large")',
    });
  }
  problems.push(
    ...checkAccountId("accountId", props.accountId),
    ...checkRequired(
      "securityGroup",
      props.securityGroup,
      "pass the security group clients reach the database through",
    ),
    ...checkRequired("key", props.key, "pass the EncryptionKey of storage, snapshots and the master secret"),
    ...checkRequired("logKey", props.logKey, "pass the EncryptionKey of the exported log groups"),
  );
  if (!IDENTIFIER.test(props.name)) {
    problems.push({
      prop: "name",
      message: "must be 1-63 lowercase letters, digits and dashes, starting with a letter",
      received: props.name,
      fix: "use a name such as orders-production-sa-east-1",
    });
  }
  return problems;
}

/**
 * Audit-grade statement logging, exported to CloudWatch with the `postgresql` log: every
 * DDL statement (schema changes are what an investigation asks for first; `all` would log
 * data and cost), slow statements with their duration, and every connection and
 * disconnection (who reached the database, from where, for how long). All are dynamic
 * parameters: they apply without a reboot.
 */
function statementLogging(slowStatementMs: number) {
  return [
    { name: "log_statement", value: "ddl", applyMethod: "immediate" },
    { name: "log_min_duration_statement", value: String(slowStatementMs), applyMethod: "immediate" },
    { name: "log_connections", value: "1", applyMethod: "immediate" },
    { name: "log_disconnections", value: "1", applyMethod: "immediate" },
  ];
}

/**
 * What every PostgreSQL deployment of this project has, whichever engine runs it (the
 * pattern of aws-cdk-lib's `DatabaseClusterNew`): validated props, a subnet group, a
 * parameter group forcing TLS and logging DDL, slow statements and connections, KMS-encrypted
 * log groups created before the database (so RDS never creates unencrypted, never-expiring
 * ones) and the Enhanced Monitoring role.
 * Subclasses add the instance ({@link RdsPostgres}) or the cluster ({@link AuroraPostgres}).
 *
 * @example
 * ```ts
 * import type { PostgresDatabase } from "@plataforma/infra/constructs/database";
 *
 * // RdsPostgres and AuroraPostgres share this base: code that needs only the companion
 * // resources accepts either engine.
 * function postgresLogGroupNames(db: PostgresDatabase): string[] {
 *   return Object.values(db.logGroups).map((group) => group.name);
 * }
 * ```
 */
export abstract class PostgresDatabase extends Construct {
  /** The subnet group, named after the database. */
  readonly subnetGroup: DbSubnetGroup;
  /** The parameter group (rds.force_ssl = 1): per instance on RDS, per cluster on Aurora. */
  readonly parameterGroup: DbParameterGroup | RdsClusterParameterGroup;
  /** Exported log groups by log type. */
  readonly logGroups: Readonly<Record<string, CloudwatchLogGroup>>;
  /** Enhanced Monitoring role, when monitoring is on. */
  readonly monitoringRole?: EnhancedMonitoringRole;
  /** Enhanced Monitoring interval in force (0: off). */
  protected readonly monitoringIntervalSeconds: number;
  /** Performance Insights retention in force, days. */
  protected readonly performanceInsightsRetentionDays: number;

  protected constructor(scope: Construct, id: string, props: PostgresBaseProps, deployment: PostgresDeployment) {
    super(scope, id);
    this.monitoringIntervalSeconds = props.monitoringIntervalSeconds ?? DEFAULT_MONITORING_INTERVAL_SECONDS;
    this.performanceInsightsRetentionDays =
      props.performanceInsightsRetentionDays ?? DEFAULT_PERFORMANCE_INSIGHTS_RETENTION_DAYS;
    throwIfInvalid(this, [
      ...checkPostgresProps(props, this.monitoringIntervalSeconds, this.performanceInsightsRetentionDays),
      ...deployment.problems,
    ]);
    const { name } = props;
    const provider = deployment.provider;
    const aurora = deployment.kind === "cluster";

    this.subnetGroup = new DbSubnetGroup(this, "subnets", {
      name,
      description: `Database subnets of ${name}`,
      subnetIds: props.subnetIds,
      provider,
    });
    const parameterGroup = {
      name,
      family: `${aurora ? "aurora-postgresql" : "postgres"}${props.engineVersion.split(".")[0]}`,
      description: `TLS-only ${aurora ? "Aurora " : ""}PostgreSQL for ${name}`,
      parameter: [
        { name: "rds.force_ssl", value: "1", applyMethod: "pending-reboot" },
        ...statementLogging(props.slowStatementMs ?? DEFAULT_SLOW_STATEMENT_MS),
      ],
      provider,
      lifecycle: { createBeforeDestroy: true },
    };
    this.parameterGroup = aurora
      ? new RdsClusterParameterGroup(this, "parameters", parameterGroup)
      : new DbParameterGroup(this, "parameters", parameterGroup);
    const logGroups: Record<string, CloudwatchLogGroup> = {};
    for (const type of props.logExports ?? DEFAULT_LOG_EXPORTS) {
      logGroups[type] = new CloudwatchLogGroup(this, `log-${type}`, {
        name: `/aws/rds/${deployment.kind}/${name}/${type}`,
        retentionInDays: props.logRetentionDays ?? DEFAULT_DATABASE_LOG_RETENTION_DAYS,
        kmsKeyId: props.logKey.key.arn,
        provider,
      });
    }
    this.logGroups = logGroups;
    if (this.monitoringIntervalSeconds > 0) {
      this.monitoringRole = new EnhancedMonitoringRole(this, "monitoring", {
        roleName: `${name}-rds-monitoring`,
        accountId: props.accountId,
      });
    }
  }

  /**
   * Arguments the RDS instance and the Aurora cluster spell the same way: encryption,
   * IAM authentication, network, backups, deletion protection, final snapshot and log
   * exports (after their log groups).
   */
  protected databaseArguments(props: PostgresBaseProps) {
    return {
      engineVersion: props.engineVersion,
      storageEncrypted: true,
      kmsKeyId: props.key.key.arn,
      iamDatabaseAuthenticationEnabled: true,
      port: POSTGRES_PORT,
      dbSubnetGroupName: this.subnetGroup.name,
      vpcSecurityGroupIds: [props.securityGroup.id],
      backupRetentionPeriod: props.backupRetentionDays,
      copyTagsToSnapshot: true,
      deletionProtection: props.deletionProtection ?? true,
      skipFinalSnapshot: false,
      finalSnapshotIdentifier: `${props.name}-final`,
      enabledCloudwatchLogsExports: Object.keys(this.logGroups),
      dependsOn: Object.values(this.logGroups),
    };
  }

  /** Arguments of every database instance (RDS's one, Aurora's writer and readers): insights and monitoring. */
  protected instanceArguments(props: PostgresBaseProps) {
    return {
      publiclyAccessible: false,
      copyTagsToSnapshot: true,
      autoMinorVersionUpgrade: true,
      performanceInsightsEnabled: true,
      performanceInsightsKmsKeyId: props.key.key.arn,
      performanceInsightsRetentionPeriod: this.performanceInsightsRetentionDays,
      monitoringInterval: this.monitoringIntervalSeconds,
      monitoringRoleArn: this.monitoringRole?.role.arn,
    };
  }
}
