import { resourcesOf } from "../../lib/stack";
import { literalNumber, show } from "../../lib/values";
import type { StackCheck, Violation } from "../../types";

/**
 * Every replication group keeps daily snapshots, in every tier (sessions and queues survive
 * a bad deploy; a one-day snapshot costs little). Global Datastore secondaries are exempt:
 * the primary's snapshots cover the data.
 */
export const elasticacheBackup: StackCheck = (stack) =>
  resourcesOf(stack, "aws_elasticache_replication_group")
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
