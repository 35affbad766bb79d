import { DbInstance } from "@cdktf/provider-aws/lib/db-instance";
import type { Construct } from "constructs";
import type { PropProblem } from "../core/validation";
import { type PostgresBaseProps, PostgresDatabase } from "./postgres-database";
import { DEFAULT_BACKUP_WINDOW, DEFAULT_MAINTENANCE_WINDOW, DEFAULT_MASTER_USERNAME } from "./postgres-settings";

/** Default instance storage, GiB (seed 001). */
export const DEFAULT_ALLOCATED_STORAGE_GB = 100;
/** Default storage autoscaling ceiling, GiB (seed 001). */
export const DEFAULT_MAX_ALLOCATED_STORAGE_GB = 1000;

/** Properties of {@link RdsPostgres}. */
export interface RdsPostgresProps extends PostgresBaseProps {
  /** Storage, 20-65536 GiB (gp3). @default 100 */
  readonly allocatedStorageGb?: number;
  /** Storage autoscaling ceiling, at least `allocatedStorageGb`, up to 65536 GiB. @default 1000 */
  readonly maxAllocatedStorageGb?: number;
  readonly multiAz: boolean;
}

/** Smallest gp3 volume RDS for PostgreSQL takes, GiB. */
export const MIN_ALLOCATED_STORAGE_GB = 20;
/** Largest gp3 volume RDS for PostgreSQL takes, GiB. */
export const MAX_ALLOCATED_STORAGE_GB = 65536;

function storageProblems(allocated: number, maxAllocated: number): PropProblem[] {
  const range = `${MIN_ALLOCATED_STORAGE_GB} to ${MAX_ALLOCATED_STORAGE_GB}`;
  const problems: PropProblem[] = [];
  if (
    !(Number.isInteger(allocated) && allocated >= MIN_ALLOCATED_STORAGE_GB && allocated <= MAX_ALLOCATED_STORAGE_GB)
  ) {
    problems.push({
      prop: "allocatedStorageGb",
      message: `must be a whole number of GiB from ${range} (gp3 limits for PostgreSQL)`,
      received: allocated,
      fix: `use ${DEFAULT_ALLOCATED_STORAGE_GB}, or at least ${MIN_ALLOCATED_STORAGE_GB}`,
    });
  }
  if (!(Number.isInteger(maxAllocated) && maxAllocated <= MAX_ALLOCATED_STORAGE_GB)) {
    problems.push({
      prop: "maxAllocatedStorageGb",
      message: `must be a whole number of GiB up to ${MAX_ALLOCATED_STORAGE_GB} (gp3 limit for PostgreSQL)`,
      received: maxAllocated,
      fix: `use ${DEFAULT_MAX_ALLOCATED_STORAGE_GB}`,
    });
  } else if (maxAllocated < allocated) {
    problems.push({
      prop: "maxAllocatedStorageGb",
      message: `is below allocatedStorageGb ${allocated}, so storage autoscaling could never grow`,
      received: maxAllocated,
      fix: `raise it to at least ${allocated}`,
    });
  }
  return problems;
}

/**
 * PostgreSQL on one RDS instance (with a Multi-AZ standby when asked): gp3 storage with
 * autoscaling, KMS encryption, master password generated and rotated by RDS in Secrets
 * Manager (never in Terraform), TLS forced by the parameter group, IAM authentication,
 * Performance Insights and Enhanced Monitoring, KMS-encrypted log groups created before
 * the instance (so RDS never creates unencrypted, never-expiring ones), deletion
 * protection, a final snapshot and `prevent_destroy`.
 *
 * @example
 * ```ts
 * import { RdsPostgres } from "@plataforma/infra/constructs/database";
 * import type { EncryptionKey } from "@plataforma/infra/constructs/kms";
 * import type { RegionalNetwork, ServiceSecurityGroup } from "@plataforma/infra/constructs/network";
 *
 * declare const net: RegionalNetwork;
 * declare const dbClients: ServiceSecurityGroup; // port 5432, open to the cluster nodes
 * declare const dataKey: EncryptionKey;
 * declare const logsKey: EncryptionKey;
 *
 * const db = new RdsPostgres(stack, "db", {
 *   name: "orders-staging-sa-east-1",
 *   accountId: "123456789012",
 *   subnetIds: Object.values(net.subnets.database).map((s) => s.id),
 *   securityGroup: dbClients.securityGroup,
 *   key: dataKey,
 *   logKey: logsKey,
 *   instanceClass: "db.m7g.large",
 *   engineVersion: "16.6",
 *   backupRetentionDays: 7,
 *   multiAz: true,
 *   allocatedStorageGb: 100,
 * });
 * const address = db.instance.address;
 * ```
 */
export class RdsPostgres extends PostgresDatabase {
  /** The instance. */
  readonly instance: DbInstance;

  constructor(scope: Construct, id: string, props: RdsPostgresProps) {
    const allocated = props.allocatedStorageGb ?? DEFAULT_ALLOCATED_STORAGE_GB;
    const maxAllocated = props.maxAllocatedStorageGb ?? DEFAULT_MAX_ALLOCATED_STORAGE_GB;
    super(scope, id, props, { kind: "instance", problems: storageProblems(allocated, maxAllocated) });
    this.instance = new DbInstance(this, "instance", {
      ...this.databaseArguments(props),
      ...this.instanceArguments(props),
      identifier: props.name,
      engine: "postgres",
      instanceClass: props.instanceClass,
      storageType: "gp3",
      allocatedStorage: allocated,
      maxAllocatedStorage: maxAllocated,
      username: props.masterUsername ?? DEFAULT_MASTER_USERNAME,
      manageMasterUserPassword: true,
      masterUserSecretKmsKeyId: props.key.key.arn,
      multiAz: props.multiAz,
      parameterGroupName: this.parameterGroup.name,
      backupWindow: props.backupWindow ?? DEFAULT_BACKUP_WINDOW,
      maintenanceWindow: props.maintenanceWindow ?? DEFAULT_MAINTENANCE_WINDOW,
      deleteAutomatedBackups: false,
      // Minor upgrades land in the maintenance window; the version in config is a floor.
      lifecycle: { preventDestroy: true, ignoreChanges: ["engine_version"] },
    });
  }
}
