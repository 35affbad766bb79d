import { AppautoscalingPolicy } from "@cdktf/provider-aws/lib/appautoscaling-policy";
import { AppautoscalingTarget } from "@cdktf/provider-aws/lib/appautoscaling-target";
import type { AwsProvider } from "@cdktf/provider-aws/lib/provider";
import { RdsCluster } from "@cdktf/provider-aws/lib/rds-cluster";
import { RdsClusterInstance } from "@cdktf/provider-aws/lib/rds-cluster-instance";
import { RdsGlobalCluster } from "@cdktf/provider-aws/lib/rds-global-cluster";
import { TerraformVariable } from "cdktf";
import type { Construct } from "constructs";
import type { PropProblem } from "../core/validation";
import { type PostgresBaseProps, PostgresDatabase } from "./postgres-database";
import { DEFAULT_BACKUP_WINDOW, DEFAULT_MAINTENANCE_WINDOW, DEFAULT_MASTER_USERNAME } from "./postgres-settings";

/** Most readers an Aurora cluster takes besides its writer. */
const MAX_READERS = 15;

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

/** Default average reader CPU Application Auto Scaling keeps the readers at, percent. */
export const DEFAULT_READER_TARGET_CPU_PERCENT = 70;

/** Reader autoscaling: Application Auto Scaling adds readers above the configured ones. */
export interface ReaderAutoscaling {
  /** Most readers in total (configured plus added), up to 15. */
  readonly maxReaders: number;
  /** Average reader CPU to track, 10-90 percent. @default 70 */
  readonly targetCpuPercent?: number;
}

/** Properties of {@link AuroraPostgres}. */
export interface AuroraPostgresProps extends PostgresBaseProps {
  /** Readers besides the writer; Multi-AZ failover needs at least one. @default 0 */
  readonly readers?: number;
  /** @default { kind: "standalone" } */
  readonly globalRole?: AuroraGlobalRole;
  /**
   * Scale readers on their average CPU between `readers` (the minimum) and `maxReaders`.
   * @default - a fixed number of readers
   */
  readonly readerAutoscaling?: ReaderAutoscaling;
  /** Provider of the cluster's region. @default - the scope's default provider */
  readonly provider?: AwsProvider;
}

function readerProblems(readers: number, autoscaling?: ReaderAutoscaling): PropProblem[] {
  const problems: PropProblem[] = [];
  if (!(Number.isInteger(readers) && readers >= 0 && readers <= MAX_READERS)) {
    problems.push({
      prop: "readers",
      message: `must be 0-${MAX_READERS}`,
      received: readers,
      fix: "use 1 or 2 for Multi-AZ failover",
    });
  }
  if (!autoscaling) return problems;
  const max = autoscaling.maxReaders;
  if (!(Number.isInteger(max) && max >= Math.max(readers, 1) && max <= MAX_READERS)) {
    problems.push({
      prop: "readerAutoscaling.maxReaders",
      message: `must be from readers (${readers}, at least 1) to ${MAX_READERS}`,
      received: max,
      fix: `use e.g. ${Math.min(MAX_READERS, Math.max(readers, 1) * 2)}`,
    });
  }
  const cpu = autoscaling.targetCpuPercent ?? DEFAULT_READER_TARGET_CPU_PERCENT;
  if (!(cpu >= 10 && cpu <= 90)) {
    problems.push({
      prop: "readerAutoscaling.targetCpuPercent",
      message: "must be 10-90",
      received: cpu,
      fix: `use ${DEFAULT_READER_TARGET_CPU_PERCENT}`,
    });
  }
  return problems;
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
 *
 * @example
 * ```ts
 * import { AuroraPostgres } from "@plataforma/infra/constructs/database";
 * import type { EncryptionKey } from "@plataforma/infra/constructs/kms";
 * import type { RegionalNetwork, ServiceSecurityGroup } from "@plataforma/infra/constructs/network";
 *
 * declare const net: RegionalNetwork;
 * declare const dbClients: ServiceSecurityGroup; // port 5432, open to the cluster nodes
 * declare const dataKey: EncryptionKey;
 * declare const logsKey: EncryptionKey;
 *
 * const db = new AuroraPostgres(stack, "db", {
 *   name: "orders-production-sa-east-1",
 *   accountId: "123456789012",
 *   subnetIds: Object.values(net.subnets.database).map((s) => s.id),
 *   securityGroup: dbClients.securityGroup,
 *   key: dataKey,
 *   logKey: logsKey,
 *   instanceClass: "db.r7g.large",
 *   engineVersion: "16.6",
 *   backupRetentionDays: 14,
 *   readers: 1,
 * });
 * const writerEndpoint = db.cluster.endpoint;
 * ```
 */
export class AuroraPostgres extends PostgresDatabase {
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
  /** Application Auto Scaling target of the reader count, when readers autoscale. */
  readonly readerScalingTarget?: AppautoscalingTarget;

  constructor(scope: Construct, id: string, props: AuroraPostgresProps) {
    const readers = props.readers ?? 0;
    super(scope, id, props, {
      kind: "cluster",
      problems: readerProblems(readers, props.readerAutoscaling),
      provider: props.provider,
    });
    const role = props.globalRole ?? { kind: "standalone" };
    const provider = props.provider;
    const name = props.name;

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
      const base = name.replace(/-/g, "_");
      const variable = new TerraformVariable(this, "master-password", {
        type: "string",
        sensitive: true,
        nullable: true,
        description:
          `Master password of ${name}, passed by the deploy pipeline (TF_VAR_${base}_master_password) ` +
          "on first apply; ephemeral: never in plan or state",
      });
      variable.overrideLogicalId(`${base}_master_password`);
      variable.addOverride("ephemeral", true);
      variable.addOverride("default", null);
      // Not ephemeral (Terraform stores it): bumping it makes Terraform send the password again.
      const version = new TerraformVariable(this, "master-password-version", {
        type: "number",
        nullable: true,
        description:
          `Version of ${base}_master_password; set with it (1 on first apply, +1 to rotate). ` +
          "Null in offline plans.",
      });
      version.overrideLogicalId(`${base}_master_password_version`);
      version.addOverride("default", null);
      this.masterPasswordVariable = variable;
      this.masterPasswordVersionVariable = version;
    }

    const masterUsername = props.masterUsername ?? DEFAULT_MASTER_USERNAME;
    const credentials =
      role.kind === "standalone"
        ? { masterUsername, manageMasterUserPassword: true, masterUserSecretKmsKeyId: props.key.key.arn }
        : role.kind === "global-primary"
          ? {
              masterUsername,
              masterPasswordWo: this.masterPasswordVariable!.stringValue,
              masterPasswordWoVersion: this.masterPasswordVersionVariable!.numberValue,
            }
          : {};
    this.cluster = new RdsCluster(this, "cluster", {
      ...this.databaseArguments(props),
      clusterIdentifier: name,
      engine: "aurora-postgresql",
      ...credentials,
      globalClusterIdentifier:
        role.kind === "global-primary"
          ? this.globalCluster!.id
          : role.kind === "global-secondary"
            ? role.globalClusterIdentifier
            : undefined,
      sourceRegion: role.kind === "global-secondary" ? role.sourceRegion : undefined,
      // Serving regions route users to their local cluster; a secondary is read-only, so
      // it forwards writes to the primary instead of failing them.
      enableGlobalWriteForwarding: role.kind === "global-secondary" ? true : undefined,
      dbClusterParameterGroupName: this.parameterGroup.name,
      preferredBackupWindow: props.backupWindow ?? DEFAULT_BACKUP_WINDOW,
      preferredMaintenanceWindow: props.maintenanceWindow ?? DEFAULT_MAINTENANCE_WINDOW,
      provider,
      // A secondary's replication source is managed by the global cluster; minor
      // upgrades land in the maintenance window.
      lifecycle: {
        preventDestroy: true,
        ignoreChanges:
          role.kind === "global-secondary" ? ["engine_version", "replication_source_identifier"] : ["engine_version"],
      },
    });

    const instances: Record<string, RdsClusterInstance> = {};
    const names = ["writer", ...Array.from({ length: readers }, (_, i) => `reader-${i + 1}`)];
    for (const [i, instanceName] of names.entries()) {
      instances[instanceName] = new RdsClusterInstance(this, instanceName, {
        ...this.instanceArguments(props),
        identifier: `${name}-${instanceName}`,
        clusterIdentifier: this.cluster.id,
        engine: "aurora-postgresql",
        instanceClass: props.instanceClass,
        dbSubnetGroupName: this.subnetGroup.name,
        // Failover picks the lowest tier: any reader (tier 1) equally; tier 0 marks the intended writer.
        promotionTier: i === 0 ? 0 : 1,
        provider,
        lifecycle: { preventDestroy: true },
      });
    }
    this.instances = instances;
    this.readerScalingTarget = props.readerAutoscaling
      ? this.scaleReaders(props.readerAutoscaling, readers, provider)
      : undefined;
  }

  /**
   * Application Auto Scaling of the reader count on average reader CPU (target tracking),
   * never below the configured readers. Readers it adds are not Terraform's: they carry the
   * `application-autoscaling-` prefix and leave when load drops.
   */
  private scaleReaders(autoscaling: ReaderAutoscaling, readers: number, provider?: AwsProvider): AppautoscalingTarget {
    const dimension = {
      serviceNamespace: "rds",
      scalableDimension: "rds:cluster:ReadReplicaCount",
      resourceId: `cluster:${this.cluster.clusterIdentifier}`,
    };
    const target = new AppautoscalingTarget(this, "reader-scaling", {
      ...dimension,
      minCapacity: Math.max(readers, 1),
      maxCapacity: autoscaling.maxReaders,
      provider,
      // The target needs the configured readers to exist first.
      dependsOn: Object.values(this.instances),
    });
    new AppautoscalingPolicy(this, "reader-cpu", {
      name: `${this.cluster.clusterIdentifier}-reader-cpu`,
      policyType: "TargetTrackingScaling",
      ...dimension,
      resourceId: target.resourceId,
      targetTrackingScalingPolicyConfiguration: {
        predefinedMetricSpecification: { predefinedMetricType: "RDSReaderAverageCPUUtilization" },
        targetValue: autoscaling.targetCpuPercent ?? DEFAULT_READER_TARGET_CPU_PERCENT,
        scaleInCooldown: 300,
        scaleOutCooldown: 300,
      },
      provider,
    });
    return target;
  }
}
