import { isCustomerKey } from "../../lib/kms";
import { resourcesOf } from "../../lib/stack";
import { isTrue, show } from "../../lib/values";
import type { StackCheck, Violation } from "../../types";

/** Every replication group encrypts data at rest with a customer-managed key. */
export const elasticacheEncryptionAtRest: StackCheck = (stack) =>
  resourcesOf(stack, "aws_elasticache_replication_group").flatMap((group): Violation[] => {
    const problems: string[] = [];
    // A global datastore secondary inherits settings from the primary group.
    if (group.values.global_replication_group_id !== undefined) return [];
    if (!isTrue(group.values.at_rest_encryption_enabled))
      problems.push(`at_rest_encryption_enabled is ${show(group.values.at_rest_encryption_enabled)}`);
    if (!isCustomerKey(group.values.kms_key_id))
      problems.push(`kms_key_id is ${show(group.values.kms_key_id)}, not a customer-managed key`);
    return problems.length > 0 ? [{ address: group.address, message: problems.join("; ") }] : [];
  });
