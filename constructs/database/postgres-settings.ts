/**
 * Defaults and fixed sets of the PostgreSQL constructs ({@link RdsPostgres},
 * {@link AuroraPostgres}), in a file without provider imports so config validation can
 * use them without loading the provider bindings.
 */

/** Enhanced Monitoring intervals RDS accepts, in seconds (0: off). */
export const ENHANCED_MONITORING_INTERVALS = [0, 1, 5, 10, 15, 30, 60] as const;

/**
 * Default master user name (neutral: `admin`, `postgres` and `rdsadmin` are reserved or
 * refused by RDS); the password never appears in Terraform.
 */
export const DEFAULT_MASTER_USERNAME = "dbadmin";

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

/**
 * Default slow-statement threshold, ms: statements running longer are logged with their
 * duration (`log_min_duration_statement`). One second catches what users feel without
 * logging every query of a busy OLTP workload.
 */
export const DEFAULT_SLOW_STATEMENT_MS = 1000;
