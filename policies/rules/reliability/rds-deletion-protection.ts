import { resourcesOf } from "../../lib/stack";
import { isProductionLike } from "../../lib/tier";
import { isTrue, show } from "../../lib/values";
import type { StackCheck, Violation } from "../../types";

/** Production databases refuse deletion through the API (`deletion_protection`), whoever asks. */
export const rdsDeletionProtection: StackCheck = (stack) =>
  !isProductionLike(stack)
    ? []
    : resourcesOf(stack, "aws_db_instance", "aws_rds_cluster", "aws_rds_global_cluster").flatMap((db): Violation[] =>
        isTrue(db.values.deletion_protection)
          ? []
          : [{ address: db.address, message: `deletion_protection is ${show(db.values.deletion_protection)}` }],
      );
