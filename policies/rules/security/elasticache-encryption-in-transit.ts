import { resourcesOf } from "../../lib/stack";
import { isTrue, show } from "../../lib/values";
import type { StackCheck, Violation } from "../../types";

/** Every replication group requires TLS from clients (`transit_encryption_enabled`, mode `required` when given). */
export const elasticacheEncryptionInTransit: StackCheck = (stack) =>
  resourcesOf(stack, "aws_elasticache_replication_group").flatMap((group): Violation[] => {
    if (group.values.global_replication_group_id !== undefined) return [];
    const problems: string[] = [];
    if (!isTrue(group.values.transit_encryption_enabled))
      problems.push(`transit_encryption_enabled is ${show(group.values.transit_encryption_enabled)}`);
    const mode = group.values.transit_encryption_mode;
    if (mode !== undefined && mode !== "required")
      problems.push(`transit_encryption_mode is ${show(mode)} (plain-text clients still connect)`);
    return problems.length > 0 ? [{ address: group.address, message: problems.join("; ") }] : [];
  });
