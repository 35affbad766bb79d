import type { SecurityGroup } from "@cdktf/provider-aws/lib/security-group";
import type { EncryptionKey } from "../kms/encryption-key";
/**
 * Settings and checks shared by the RDS and Aurora PostgreSQL constructs (a helper
 * module, not a construct).
 */

/** Enhanced Monitoring intervals RDS accepts, in seconds (0: off). */
export const ENHANCED_MONITORING_INTERVALS = [0, 1, 5, 10, 15, 30, 60] as const;

/** Default master user name; the password never appears in Terraform. */
export const DEFAULT_MASTER_USERNAME = "plataforma_admin";

/** PostgreSQL port. */
export const POSTGRES_PORT = 5432;

/** Default Performance Insights retention (days; 7 is the free tier). */
export const DEFAULT_PERFORMANCE_INSIGHTS_RETENTION_DAYS = 7;

/** Default Enhanced Monitoring interval (seed 001: 60 s). */
export const DEFAULT_MONITORING_INTERVAL_SECONDS = 60;

/** Default backup window (seed 001). */
export const DEFAULT_BACKUP_WINDOW = "03:00-04:00";

/** Default maintenance window (seed 001). */
export const DEFAULT_MAINTENANCE_WINDOW = "sun:04:00-sun:05:00";

/** Default exported logs (seed 003). */
export const DEFAULT_LOG_EXPORTS: readonly string[] = ["postgresql"];

/** Default retention of exported logs, days. */
export const DEFAULT_DATABASE_LOG_RETENTION_DAYS = 90;

/** Parameter group family for a version such as `16.6`: `postgres16` / `aurora-postgresql16`. */
export function postgresFamily(engineVersion: string, aurora: boolean): string {
  const major = engineVersion.split(".")[0];
  return `${aurora ? "aurora-postgresql" : "postgres"}${major}`;
}

/** Problems with settings both constructs share (empty when fine). */
export function checkPostgresSettings(s: {
  readonly backupRetentionDays: number;
  readonly monitoringIntervalSeconds: number;
  readonly performanceInsightsRetentionDays: number;
  readonly engineVersion: string;
}): string[] {
  const problems: string[] = [];
  if (!Number.isInteger(s.backupRetentionDays) || s.backupRetentionDays < 1 || s.backupRetentionDays > 35) {
    problems.push(`backupRetentionDays must be 1-35 (0 would turn off backups and point-in-time recovery), got ${s.backupRetentionDays}. Fix: use 7-35`);
  }
  if (!(ENHANCED_MONITORING_INTERVALS as readonly number[]).includes(s.monitoringIntervalSeconds)) {
    problems.push(`monitoringIntervalSeconds must be one of ${ENHANCED_MONITORING_INTERVALS.join(", ")}, got ${s.monitoringIntervalSeconds}`);
  }
  const pi = s.performanceInsightsRetentionDays;
  if (!(pi === 7 || (pi % 31 === 0 && pi >= 31 && pi <= 731))) {
    problems.push(`performanceInsightsRetentionDays must be 7 or a multiple of 31 up to 731, got ${pi}`);
  }
  if (!/^\d{2}\.\d+$/.test(s.engineVersion)) problems.push(`engineVersion must be major.minor such as "16.6", got ${JSON.stringify(s.engineVersion)}`);
  return problems;
}

/** What RDS and Aurora PostgreSQL constructs share. */
export interface PostgresBaseProps {
  /** Instance or cluster identifier, e.g. `plataforma-production-sa-east-1`. */
  readonly identifier: string;
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
  /** @default "plataforma_admin" */
  readonly masterUsername?: string;
}
