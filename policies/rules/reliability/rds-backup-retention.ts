import { resourcesOf } from "../../lib/stack";
import { literalNumber, show } from "../../lib/values";
import type { StackCheck, Violation } from "../../types";

/** Minimum automated backup retention, in days (point-in-time recovery window). */
export const MIN_BACKUP_RETENTION_DAYS = 7;

/** DB instances (not replicas) and clusters keep automated backups at least a week. */
export const rdsBackupRetention: StackCheck = (stack) =>
  resourcesOf(stack, "aws_db_instance", "aws_rds_cluster")
    .filter((db) => db.values.replicate_source_db === undefined)
    .flatMap((db): Violation[] => {
      const days = literalNumber(db.values.backup_retention_period);
      return days !== undefined && days >= MIN_BACKUP_RETENTION_DAYS ? [] : [{ address: db.address, message: `backup_retention_period is ${show(db.values.backup_retention_period)}; needs ${MIN_BACKUP_RETENTION_DAYS} or more` }];
    });
