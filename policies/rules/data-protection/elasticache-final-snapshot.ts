import { resourcesOf } from "../../lib/stack";
import type { StackCheck, Violation } from "../../types";

/** Replication groups (global secondaries aside) take a final snapshot when deleted. */
export const elasticacheFinalSnapshot: StackCheck = (stack) =>
  resourcesOf(stack, "aws_elasticache_replication_group")
    .filter((group) => group.values.global_replication_group_id === undefined)
    .flatMap((group): Violation[] => {
      const id = group.values.final_snapshot_identifier;
      return typeof id === "string" && id.length > 0
        ? []
        : [{ address: group.address, message: "final_snapshot_identifier is unset" }];
    });
