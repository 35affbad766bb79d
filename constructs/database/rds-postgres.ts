import { CloudwatchLogGroup } from "@cdktf/provider-aws/lib/cloudwatch-log-group";
import { DbInstance } from "@cdktf/provider-aws/lib/db-instance";
import { DbParameterGroup } from "@cdktf/provider-aws/lib/db-parameter-group";
import { DbSubnetGroup } from "@cdktf/provider-aws/lib/db-subnet-group";
import { Construct } from "constructs";
import { EnhancedMonitoringRole } from "./monitoring-role";
import {
  checkPostgresSettings,
  DEFAULT_BACKUP_WINDOW,
  DEFAULT_DATABASE_LOG_RETENTION_DAYS,
  DEFAULT_LOG_EXPORTS,
  DEFAULT_MAINTENANCE_WINDOW,
  DEFAULT_MASTER_USERNAME,
  DEFAULT_MONITORING_INTERVAL_SECONDS,
  DEFAULT_PERFORMANCE_INSIGHTS_RETENTION_DAYS,
  POSTGRES_PORT,
  type PostgresBaseProps,
  postgresFamily,
} from "./postgres-settings";

/** Default instance storage, GiB (seed 001). */
export const DEFAULT_ALLOCATED_STORAGE_GB = 100;
/** Default storage autoscaling ceiling, GiB (seed 001). */
export const DEFAULT_MAX_ALLOCATED_STORAGE_GB = 1000;

/** Properties of {@link RdsPostgres}. */
export interface RdsPostgresProps extends PostgresBaseProps {
  readonly region: string;
  /** @default 100 */
  readonly allocatedStorageGb?: number;
  /** @default 1000 */
  readonly maxAllocatedStorageGb?: number;
  readonly multiAz: boolean;
}

/**
 * PostgreSQL on one RDS instance (with a Multi-AZ standby when asked): gp3 storage with
 * autoscaling, KMS encryption, master password generated and rotated by RDS in Secrets
 * Manager (never in Terraform), TLS forced by the parameter group, IAM authentication,
 * Performance Insights and Enhanced Monitoring, KMS-encrypted log groups created before
 * the instance (so RDS never creates unencrypted, never-expiring ones), deletion
 * protection, a final snapshot and `prevent_destroy`.
 */
export class RdsPostgres extends Construct {
  /** The instance. */
  readonly instance: DbInstance;
  /** The parameter group (rds.force_ssl = 1). */
  readonly parameterGroup: DbParameterGroup;
  /** Exported log groups by log type. */
  readonly logGroups: Readonly<Record<string, CloudwatchLogGroup>>;
  /** Enhanced Monitoring role, when monitoring is on. */
  readonly monitoringRole?: EnhancedMonitoringRole;

  constructor(scope: Construct, id: string, props: RdsPostgresProps) {
    super(scope, id);
    const allocated = props.allocatedStorageGb ?? DEFAULT_ALLOCATED_STORAGE_GB;
    const maxAllocated = props.maxAllocatedStorageGb ?? DEFAULT_MAX_ALLOCATED_STORAGE_GB;
    const monitoring = props.monitoringIntervalSeconds ?? DEFAULT_MONITORING_INTERVAL_SECONDS;
    const piRetention = props.performanceInsightsRetentionDays ?? DEFAULT_PERFORMANCE_INSIGHTS_RETENTION_DAYS;
    const problems = checkPostgresSettings({
      backupRetentionDays: props.backupRetentionDays,
      monitoringIntervalSeconds: monitoring,
      performanceInsightsRetentionDays: piRetention,
      engineVersion: props.engineVersion,
    });
    if (maxAllocated < allocated) problems.push(`maxAllocatedStorageGb ${maxAllocated} is below allocatedStorageGb ${allocated}. Fix: raise it`);
    if (!/^[a-z][a-z0-9-]{0,62}$/.test(props.identifier)) problems.push(`identifier ${JSON.stringify(props.identifier)} must be lowercase letters, digits and dashes`);
    if (problems.length > 0) throw new Error(`${this.node.path}: ${problems.join("; ")}`);

    const subnetGroup = new DbSubnetGroup(this, "subnets", {
      name: props.identifier,
      description: `Database subnets of ${props.identifier}`,
      subnetIds: props.subnetIds,
    });
    this.parameterGroup = new DbParameterGroup(this, "parameters", {
      name: props.identifier,
      family: postgresFamily(props.engineVersion, false),
      description: `TLS-only PostgreSQL for ${props.identifier}`,
      parameter: [{ name: "rds.force_ssl", value: "1", applyMethod: "pending-reboot" }],
      lifecycle: { createBeforeDestroy: true },
    });
    const exports = [...(props.logExports ?? DEFAULT_LOG_EXPORTS)];
    const logGroups: Record<string, CloudwatchLogGroup> = {};
    for (const type of exports) {
      logGroups[type] = new CloudwatchLogGroup(this, `log-${type}`, {
        name: `/aws/rds/instance/${props.identifier}/${type}`,
        retentionInDays: props.logRetentionDays ?? DEFAULT_DATABASE_LOG_RETENTION_DAYS,
        kmsKeyId: props.logKey.key.arn,
      });
    }
    this.logGroups = logGroups;
    if (monitoring > 0) {
      this.monitoringRole = new EnhancedMonitoringRole(this, "monitoring", { roleName: `${props.identifier}-rds-monitoring`, accountId: props.accountId });
    }
    this.instance = new DbInstance(this, "instance", {
      identifier: props.identifier,
      engine: "postgres",
      engineVersion: props.engineVersion,
      instanceClass: props.instanceClass,
      storageType: "gp3",
      allocatedStorage: allocated,
      maxAllocatedStorage: maxAllocated,
      storageEncrypted: true,
      kmsKeyId: props.key.key.arn,
      username: props.masterUsername ?? DEFAULT_MASTER_USERNAME,
      manageMasterUserPassword: true,
      masterUserSecretKmsKeyId: props.key.key.arn,
      iamDatabaseAuthenticationEnabled: true,
      port: POSTGRES_PORT,
      multiAz: props.multiAz,
      dbSubnetGroupName: subnetGroup.name,
      vpcSecurityGroupIds: [props.securityGroup.id],
      publiclyAccessible: false,
      parameterGroupName: this.parameterGroup.name,
      backupRetentionPeriod: props.backupRetentionDays,
      backupWindow: props.backupWindow ?? DEFAULT_BACKUP_WINDOW,
      maintenanceWindow: props.maintenanceWindow ?? DEFAULT_MAINTENANCE_WINDOW,
      deleteAutomatedBackups: false,
      copyTagsToSnapshot: true,
      deletionProtection: props.deletionProtection ?? true,
      skipFinalSnapshot: false,
      finalSnapshotIdentifier: `${props.identifier}-final`,
      performanceInsightsEnabled: true,
      performanceInsightsKmsKeyId: props.key.key.arn,
      performanceInsightsRetentionPeriod: piRetention,
      monitoringInterval: monitoring,
      monitoringRoleArn: this.monitoringRole?.role.arn,
      enabledCloudwatchLogsExports: exports,
      autoMinorVersionUpgrade: true,
      // Minor upgrades land in the maintenance window; the version in config is a floor.
      lifecycle: { preventDestroy: true, ignoreChanges: ["engine_version"] },
      dependsOn: Object.values(logGroups),
    });
  }
}
