/**
 * Defaults and fixed sets of the AWS Backup constructs, in a file without provider imports
 * so config validation can use them without loading the provider bindings.
 */

/** Vault lock modes: `compliance` cannot be removed by anyone once its grace period ends. */
export const VAULT_LOCK_MODES = ["governance", "compliance"] as const;

/** One of {@link VAULT_LOCK_MODES}. */
export type VaultLockMode = (typeof VAULT_LOCK_MODES)[number];

/** Days a compliance lock can still be removed after it is set (AWS minimum: 3). */
export const COMPLIANCE_LOCK_GRACE_DAYS = 3;

/** Longest a locked vault lets a recovery point be kept, days (bounds the cost of a mistyped rule). */
export const MAX_VAULT_RETENTION_DAYS = 3650;

/** Recovery points kept when none is given, days (seed 001's 30, rounded to Aurora's 35-day PITR). */
export const DEFAULT_BACKUP_RETENTION_DAYS = 35;

/** Daily backup time when none is given: 05:00 UTC, after the databases' 03:00-04:00 window. */
export const DEFAULT_BACKUP_SCHEDULE = "cron(0 5 * * ? *)";
