import { primaryInstances } from "../../lib/rds";
import { resourcesOf } from "../../lib/stack";
import { isTrue, show } from "../../lib/values";
import type { StackCheck, Violation } from "../../types";

/**
 * DB instances and clusters copy their tags to snapshots, so snapshots carry the owner,
 * environment and cost centre that retention, backup selection and cost reports key on.
 */
export const rdsCopyTagsToSnapshot: StackCheck = (stack) =>
  [...primaryInstances(stack), ...resourcesOf(stack, "aws_rds_cluster")].flatMap((db): Violation[] =>
    isTrue(db.values.copy_tags_to_snapshot)
      ? []
      : [{ address: db.address, message: `copy_tags_to_snapshot is ${show(db.values.copy_tags_to_snapshot)}` }],
  );
