/**
 * How a PostgreSQL database reaches the DR region, with the worst data loss (RPO, in
 * minutes) each choice can honestly promise in a regional failover:
 *
 * - `none`: nothing leaves the region; only for environments without a DR region.
 * - `automated-backups`: RDS cross-region automated backup replication
 *   (`aws_db_instance_automated_backups_replication`): snapshots plus transaction logs
 *   shipped about every 5 minutes; restore to a point in time in the DR region. 10 min
 *   leaves margin for shipping delay. Fits pilot light (seed 003: RPO 15 min).
 * - `global-database`: Aurora Global Database, storage-level replication with typical
 *   lag under 1 s (seed 003: RPO 1 s); managed failover. Fits RPO 1 min (seed 000).
 *
 * Cross-region RDS read replicas are not offered: RDS refuses read replicas of an
 * instance whose master password it manages in Secrets Manager, and this project never
 * writes a database password into Terraform.
 */
export const DR_REPLICATION_MIN_RPO_MINUTES = {
  none: Number.POSITIVE_INFINITY,
  "automated-backups": 10,
  "global-database": 1,
} as const;

/** One of the keys of {@link DR_REPLICATION_MIN_RPO_MINUTES}. */
export type DrReplication = keyof typeof DR_REPLICATION_MIN_RPO_MINUTES;
