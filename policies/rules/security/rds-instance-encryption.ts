import { isCustomerKey } from "../../lib/kms";
import { resourcesOf } from "../../lib/stack";
import { isTrue, show } from "../../lib/values";
import type { StackCheck, Violation } from "../../types";

/**
 * Every DB instance stores data encrypted with a customer-managed key. A read replica
 * inherits encryption from its source, but still names its key (cross-region replicas need one).
 */
export const rdsInstanceEncryption: StackCheck = (stack) =>
  resourcesOf(stack, "aws_db_instance").flatMap((db): Violation[] => {
    const problems: string[] = [];
    const replica = db.values.replicate_source_db !== undefined;
    if (!replica && !isTrue(db.values.storage_encrypted))
      problems.push(`storage_encrypted is ${show(db.values.storage_encrypted)}`);
    if (!isCustomerKey(db.values.kms_key_id))
      problems.push(`kms_key_id is ${show(db.values.kms_key_id)}, not a customer-managed key`);
    return problems.length > 0 ? [{ address: db.address, message: problems.join("; ") }] : [];
  });
