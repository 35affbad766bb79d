import { resourcesOf } from "../../lib/stack";
import { isProductionLike } from "../../lib/tier";
import { literalNumber, show } from "../../lib/values";
import type { StackCheck, Violation } from "../../types";

/** Production replication groups keep daily snapshots (sessions and queues survive a bad deploy). */
export const elasticacheBackup: StackCheck = (stack) =>
  !isProductionLike(stack)
    ? []
    : resourcesOf(stack, "aws_elasticache_replication_group")
        .filter((group) => group.values.global_replication_group_id === undefined)
        .flatMap((group): Violation[] => {
          const days = literalNumber(group.values.snapshot_retention_limit);
          return days !== undefined && days >= 1
            ? []
            : [
                {
                  address: group.address,
                  message: `snapshot_retention_limit is ${show(group.values.snapshot_retention_limit)}`,
                },
              ];
        });
