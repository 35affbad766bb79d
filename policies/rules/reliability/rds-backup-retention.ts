import { resourcesOf } from "../../lib/stack";
import { isProductionLike } from "../../lib/tier";
import { literalNumber, show } from "../../lib/values";
import type { StackCheck, Violation } from "../../types";

/**
 * Least automated backup retention in production, in days: the point-in-time recovery
 * window (seed 000: PITR 30 days; seed 004: daily backups kept 30 days). The one source
 * of the production floor: the environment schema rejects a production config below it
 * before synth, this rule checks what was synthesized.
 */
export const PRODUCTION_MIN_BACKUP_RETENTION_DAYS = 30;

/** Least retention outside production: backups on (0 turns automated backups off). */
export const BACKUPS_ON_MIN_RETENTION_DAYS = 1;

/** DB instances (not replicas) and clusters keep automated backups: 30 days in production, at least a day elsewhere. */
export const rdsBackupRetention: StackCheck = (stack) => {
  const min = isProductionLike(stack) ? PRODUCTION_MIN_BACKUP_RETENTION_DAYS : BACKUPS_ON_MIN_RETENTION_DAYS;
  return resourcesOf(stack, "aws_db_instance", "aws_rds_cluster")
    .filter((db) => db.values.replicate_source_db === undefined)
    .flatMap((db): Violation[] => {
      const days = literalNumber(db.values.backup_retention_period);
      return days !== undefined && days >= min
        ? []
        : [
            {
              address: db.address,
              message: `backup_retention_period is ${show(db.values.backup_retention_period)}; needs ${min} or more`,
            },
          ];
    });
};
