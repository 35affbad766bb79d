import type { AwsProvider } from "@cdktf/provider-aws/lib/provider";
import { CloudwatchLogGroup } from "@cdktf/provider-aws/lib/cloudwatch-log-group";
import { DbSubnetGroup } from "@cdktf/provider-aws/lib/db-subnet-group";
import { RdsCluster } from "@cdktf/provider-aws/lib/rds-cluster";
import { RdsClusterInstance } from "@cdktf/provider-aws/lib/rds-cluster-instance";
import { RdsClusterParameterGroup } from "@cdktf/provider-aws/lib/rds-cluster-parameter-group";
import { RdsGlobalCluster } from "@cdktf/provider-aws/lib/rds-global-cluster";
import { TerraformVariable } from "cdktf";
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

/**
 * The cluster's place in an Aurora Global Database:
 * - `standalone`: a regional cluster; RDS manages the master password in Secrets Manager.
 * - `global-primary`: creates the global cluster and is its writer.
 * - `global-secondary`: joins `globalClusterIdentifier` (created by the primary's stack)
 *   as a read-only secondary; promoted on regional failover.
 */
export type AuroraGlobalRole =
  | { readonly kind: "standalone" }
  | { readonly kind: "global-primary"; readonly globalClusterIdentifier: string }
  | { readonly kind: "global-secondary"; readonly globalClusterIdentifier: string; readonly sourceRegion: string };

/** Properties of {@link AuroraPostgres}. */
export interface AuroraPostgresProps extends PostgresBaseProps {
  /** Readers besides the writer; Multi-AZ failover needs at least one. @default 0 */
  readonly readers?: number;
  /** @default { kind: "standalone" } */
  readonly globalRole?: AuroraGlobalRole;
  /** Provider of the cluster's region. @default - the scope's default provider */
  readonly provider?: AwsProvider;
}

/**
 * Aurora PostgreSQL: a cluster (KMS-encrypted, TLS forced by the cluster parameter
 * group, IAM authentication, backups with PITR, deletion protection, final snapshot,
 * `prevent_destroy`), a writer and readers spread by Aurora over the subnet group's
 * zones, Performance Insights and Enhanced Monitoring, KMS-encrypted log groups, and
 * optionally an Aurora Global Database for cross-region replication (lag < 1 s).
 *
 * Master password: standalone clusters let RDS generate and rotate it in Secrets
 * Manager. AWS does not offer that for clusters in a global database, so a global
 * primary takes it from an ephemeral, sensitive input variable into the write-only
 * `master_password_wo` argument: it is never written to the plan, the state or the
 * synthesized JSON. The deploy pipeline passes `TF_VAR_<id>_master_password` from the
 * vault with `TF_VAR_<id>_master_password_version` (1 on first apply, +1 to rotate);
 * offline plans leave both null.
 */
export class AuroraPostgres extends Construct {
  /** The regional cluster. */
  readonly cluster: RdsCluster;
  /** Instances by name: `writer`, `reader-1`, ... */
  readonly instances: Readonly<Record<string, RdsClusterInstance>>;
  /** The global cluster, on a global primary. */
  readonly globalCluster?: RdsGlobalCluster;
  /** The ephemeral variable carrying the master password, on a global primary. */
  readonly masterPasswordVariable?: TerraformVariable;
  /** The (non-secret) version of that password, on a global primary. */
  readonly masterPasswordVersionVariable?: TerraformVariable;
  readonly logGroups: Readonly<Record<string, CloudwatchLogGroup>>;
  readonly monitoringRole?: EnhancedMonitoringRole;

  constructor(scope: Construct, id: string, props: AuroraPostgresProps) {
    super(scope, id);
    const role = props.globalRole ?? { kind: "standalone" };
    const monitoring = props.monitoringIntervalSeconds ?? DEFAULT_MONITORING_INTERVAL_SECONDS;
    const piRetention = props.performanceInsightsRetentionDays ?? DEFAULT_PERFORMANCE_INSIGHTS_RETENTION_DAYS;
    const readers = props.readers ?? 0;
    const problems = checkPostgresSettings({
      backupRetentionDays: props.backupRetentionDays,
      monitoringIntervalSeconds: monitoring,
      performanceInsightsRetentionDays: piRetention,
      engineVersion: props.engineVersion,
    });
    if (!Number.isInteger(readers) || readers < 0 || readers > 15) problems.push(`readers must be 0-15, got ${readers}`);
    if (!/^[a-z][a-z0-9-]{0,62}$/.test(props.identifier)) problems.push(`identifier ${JSON.stringify(props.identifier)} must be lowercase letters, digits and dashes`);
    if (problems.length > 0) throw new Error(`${this.node.path}: ${problems.join("; ")}`);
    const provider = props.provider;

    const subnetGroup = new DbSubnetGroup(this, "subnets", {
      name: props.identifier,
      description: `Database subnets of ${props.identifier}`,
      subnetIds: props.subnetIds,
      provider,
    });
    const parameters = new RdsClusterParameterGroup(this, "parameters", {
      name: props.identifier,
      family: postgresFamily(props.engineVersion, true),
      description: `TLS-only Aurora PostgreSQL for ${props.identifier}`,
      parameter: [{ name: "rds.force_ssl", value: "1", applyMethod: "pending-reboot" }],
      provider,
      lifecycle: { createBeforeDestroy: true },
    });
    const exports = [...(props.logExports ?? DEFAULT_LOG_EXPORTS)];
    const logGroups: Record<string, CloudwatchLogGroup> = {};
    for (const type of exports) {
      logGroups[type] = new CloudwatchLogGroup(this, `log-${type}`, {
        name: `/aws/rds/cluster/${props.identifier}/${type}`,
        retentionInDays: props.logRetentionDays ?? DEFAULT_DATABASE_LOG_RETENTION_DAYS,
        kmsKeyId: props.logKey.key.arn,
        provider,
      });
    }
    this.logGroups = logGroups;
    if (monitoring > 0) {
      this.monitoringRole = new EnhancedMonitoringRole(this, "monitoring", { roleName: `${props.identifier}-rds-monitoring`, accountId: props.accountId });
    }

    if (role.kind === "global-primary") {
      this.globalCluster = new RdsGlobalCluster(this, "global", {
        globalClusterIdentifier: role.globalClusterIdentifier,
        engine: "aurora-postgresql",
        engineVersion: props.engineVersion,
        storageEncrypted: true,
        deletionProtection: props.deletionProtection ?? true,
        provider,
        lifecycle: { preventDestroy: true, ignoreChanges: ["engine_version"] },
      });
      const base = props.identifier.replace(/-/g, "_");
      const variable = new TerraformVariable(this, "master-password", {
        type: "string",
        sensitive: true,
        nullable: true,
        description: `Master password of ${props.identifier}, passed by the deploy pipeline (TF_VAR_${base}_master_password) on first apply; ephemeral: never in plan or state`,
      });
      variable.overrideLogicalId(`${base}_master_password`);
      variable.addOverride("ephemeral", true);
      variable.addOverride("default", null);
      // Not ephemeral (Terraform stores it): bumping it makes Terraform send the password again.
      const version = new TerraformVariable(this, "master-password-version", {
        type: "number",
        nullable: true,
        description: `Version of ${base}_master_password; set with it (1 on first apply, +1 to rotate). Null in offline plans.`,
      });
      version.overrideLogicalId(`${base}_master_password_version`);
      version.addOverride("default", null);
      this.masterPasswordVariable = variable;
      this.masterPasswordVersionVariable = version;
    }

    const credentials =
      role.kind === "standalone"
        ? { masterUsername: props.masterUsername ?? DEFAULT_MASTER_USERNAME, manageMasterUserPassword: true, masterUserSecretKmsKeyId: props.key.key.arn }
        : role.kind === "global-primary"
          ? { masterUsername: props.masterUsername ?? DEFAULT_MASTER_USERNAME, masterPasswordWo: this.masterPasswordVariable!.stringValue, masterPasswordWoVersion: this.masterPasswordVersionVariable!.numberValue }
          : {};
    this.cluster = new RdsCluster(this, "cluster", {
      clusterIdentifier: props.identifier,
      engine: "aurora-postgresql",
      engineVersion: props.engineVersion,
      ...credentials,
      globalClusterIdentifier:
        role.kind === "global-primary" ? this.globalCluster!.id : role.kind === "global-secondary" ? role.globalClusterIdentifier : undefined,
      sourceRegion: role.kind === "global-secondary" ? role.sourceRegion : undefined,
      // Serving regions route users to their local cluster; a secondary is read-only, so
      // it forwards writes to the primary instead of failing them.
      enableGlobalWriteForwarding: role.kind === "global-secondary" ? true : undefined,
      port: POSTGRES_PORT,
      dbSubnetGroupName: subnetGroup.name,
      vpcSecurityGroupIds: [props.securityGroup.id],
      dbClusterParameterGroupName: parameters.name,
      storageEncrypted: true,
      kmsKeyId: props.key.key.arn,
      iamDatabaseAuthenticationEnabled: true,
      backupRetentionPeriod: props.backupRetentionDays,
      preferredBackupWindow: props.backupWindow ?? DEFAULT_BACKUP_WINDOW,
      preferredMaintenanceWindow: props.maintenanceWindow ?? DEFAULT_MAINTENANCE_WINDOW,
      copyTagsToSnapshot: true,
      deletionProtection: props.deletionProtection ?? true,
      skipFinalSnapshot: false,
      finalSnapshotIdentifier: `${props.identifier}-final`,
      enabledCloudwatchLogsExports: exports,
      provider,
      dependsOn: Object.values(logGroups),
      // A secondary's replication source is managed by the global cluster; minor
      // upgrades land in the maintenance window.
      lifecycle: { preventDestroy: true, ignoreChanges: role.kind === "global-secondary" ? ["engine_version", "replication_source_identifier"] : ["engine_version"] },
    });

    const instances: Record<string, RdsClusterInstance> = {};
    const names = ["writer", ...Array.from({ length: readers }, (_, i) => `reader-${i + 1}`)];
    for (const [i, name] of names.entries()) {
      instances[name] = new RdsClusterInstance(this, name, {
        identifier: `${props.identifier}-${name}`,
        clusterIdentifier: this.cluster.id,
        engine: "aurora-postgresql",
        instanceClass: props.instanceClass,
        dbSubnetGroupName: subnetGroup.name,
        publiclyAccessible: false,
        // Failover picks the lowest tier: any reader (tier 1) equally; tier 0 marks the intended writer.
        promotionTier: i === 0 ? 0 : 1,
        copyTagsToSnapshot: true,
        autoMinorVersionUpgrade: true,
        performanceInsightsEnabled: true,
        performanceInsightsKmsKeyId: props.key.key.arn,
        performanceInsightsRetentionPeriod: piRetention,
        monitoringInterval: monitoring,
        monitoringRoleArn: this.monitoringRole?.role.arn,
        provider,
        lifecycle: { preventDestroy: true },
      });
    }
    this.instances = instances;
  }
}
