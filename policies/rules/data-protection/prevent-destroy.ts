import { block, isTrue } from "../../lib/values";
import type { StackCheck, Violation } from "../../types";

/** Resource types that hold data (or the keys to it, or its backups): losing one to a refactor loses data. */
export const STATEFUL_TYPES: ReadonlySet<string> = new Set([
  "aws_db_instance",
  "aws_rds_cluster",
  "aws_rds_global_cluster",
  "aws_elasticache_replication_group",
  "aws_elasticache_serverless_cache",
  "aws_s3_bucket",
  "aws_kms_key",
  "aws_kms_replica_key",
  "aws_dynamodb_table",
  "aws_efs_file_system",
  "aws_ebs_volume",
  "aws_backup_vault",
]);

/** Stateful resources carry `lifecycle.prevent_destroy`, so a plan that would delete them fails. */
export const preventDestroy: StackCheck = (stack) =>
  stack.resources
    .filter((r) => STATEFUL_TYPES.has(r.type))
    .flatMap((r): Violation[] =>
      isTrue(block(r.values.lifecycle)?.prevent_destroy)
        ? []
        : [{ address: r.address, message: "lifecycle.prevent_destroy is not true" }],
    );
