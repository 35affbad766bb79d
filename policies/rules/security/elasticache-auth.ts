import { resourcesOf } from "../../lib/stack";
import { isTrue, strings } from "../../lib/values";
import type { StackCheck, Violation } from "../../types";

/**
 * Redis/Valkey replication groups authenticate clients: RBAC user groups (`user_group_ids`,
 * IAM or password users), or an AUTH token over TLS. Without either, anyone who reaches
 * the port reads and writes every key.
 */
export const elasticacheAuth: StackCheck = (stack) =>
  resourcesOf(stack, "aws_elasticache_replication_group").flatMap((group): Violation[] => {
    if (strings(group.values.user_group_ids).length > 0) return [];
    const token = group.values.auth_token !== undefined || group.values.auth_token_wo !== undefined;
    const tls =
      isTrue(group.values.transit_encryption_enabled) || group.values.global_replication_group_id !== undefined;
    if (token && tls) return [];
    return [
      {
        address: group.address,
        message: token
          ? "auth_token is set without transit_encryption_enabled (the token crosses the network in clear)"
          : "neither user_group_ids nor auth_token is set (no client authentication)",
      },
    ];
  });
