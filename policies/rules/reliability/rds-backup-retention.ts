import { isProductionLike } from "../../lib/context";
import { resourcesOf } from "../../lib/stack";
import { literalNumber, show } from "../../lib/values";
import type { StackCheck, Violation } from "../../types";

/** Minimum automated backup retention in production, in days (the point-in-time recovery window). */
const MIN_PRODUCTION_BACKUP_RETENTION_DAYS = 7;

/** Minimum elsewhere: backups on (0 turns automated backups off). */
export const MIN_BACKUP_RETENTION_DAYS = 1;

/** DB instances (not replicas) and clusters keep automated backups: a week in production, at least a day elsewhere. */
export const rdsBackupRetention: StackCheck = (stack) => {
  const min = isProductionLike(stack) ? MIN_PRODUCTION_BACKUP_RETENTION_DAYS : MIN_BACKUP_RETENTION_DAYS;
  return resourcesOf(stack, "aws_db_instance", "aws_rds_cluster")
    .filter((db) => db.values.replicate_source_db === undefined)
    .flatMap((db): Violation[] => {
      const days = literalNumber(db.values.backup_retention_period);
      return days !== undefined && days >= min ? [] : [{ address: db.address, message: `backup_retention_period is ${show(db.values.backup_retention_period)}; needs ${min} or more` }];
    });
};
