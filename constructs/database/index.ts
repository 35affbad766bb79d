export * from "./aurora-postgres";
export * from "./cockroachdb-backup-access";
export * from "./cockroachdb-cluster";
export * from "./cross-region-backups";
export * from "./monitoring-role";
export * from "./postgres-settings";
export * from "./rds-postgres";
export * from "./replication";
