import { resourcesOf } from "../../lib/stack";
import { isProductionLike } from "../../lib/tier";
import { isTrue, literalNumber, show } from "../../lib/values";
import type { StackCheck, Violation } from "../../types";

/** Production replication groups have a replica in another zone and fail over to it automatically. */
export const elasticacheFailover: StackCheck = (stack) =>
  !isProductionLike(stack)
    ? []
    : resourcesOf(stack, "aws_elasticache_replication_group").flatMap((group): Violation[] => {
        const problems: string[] = [];
        if (!isTrue(group.values.automatic_failover_enabled))
          problems.push(`automatic_failover_enabled is ${show(group.values.automatic_failover_enabled)}`);
        if (!isTrue(group.values.multi_az_enabled))
          problems.push(`multi_az_enabled is ${show(group.values.multi_az_enabled)}`);
        const nodes = literalNumber(group.values.num_cache_clusters);
        const replicas = literalNumber(group.values.replicas_per_node_group);
        if (!((nodes ?? 0) >= 2 || (replicas ?? 0) >= 1))
          problems.push(
            `num_cache_clusters ${show(group.values.num_cache_clusters)} / replicas_per_node_group ` +
              `${show(group.values.replicas_per_node_group)} leave no replica`,
          );
        return problems.length > 0 ? [{ address: group.address, message: problems.join("; ") }] : [];
      });
