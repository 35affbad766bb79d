import { resourcesOf } from "../../lib/stack";
import { isFalse, literalString, show } from "../../lib/values";
import type { StackCheck, Violation } from "../../types";

/** Databases (not read replicas) take a named final snapshot when deleted. */
export const rdsFinalSnapshot: StackCheck = (stack) =>
  resourcesOf(stack, "aws_db_instance", "aws_rds_cluster")
    .filter((db) => db.values.replicate_source_db === undefined)
    .flatMap((db): Violation[] => {
      const problems: string[] = [];
      const skip = db.values.skip_final_snapshot;
      if (skip !== undefined && !isFalse(skip)) problems.push(`skip_final_snapshot is ${show(skip)}`);
      if (!literalString(db.values.final_snapshot_identifier))
        problems.push(`final_snapshot_identifier is ${show(db.values.final_snapshot_identifier)}`);
      return problems.length > 0 ? [{ address: db.address, message: problems.join("; ") }] : [];
    });
