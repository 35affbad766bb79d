import { isCustomerKey } from "../../lib/kms";
import { resourcesOf } from "../../lib/stack";
import { isTrue, show } from "../../lib/values";
import type { StackCheck, Violation } from "../../types";

/** Every Aurora/RDS cluster (global secondaries included) is encrypted with a customer-managed key. */
export const rdsClusterEncryption: StackCheck = (stack) =>
  resourcesOf(stack, "aws_rds_cluster").flatMap((cluster): Violation[] => {
    const problems: string[] = [];
    if (!isTrue(cluster.values.storage_encrypted))
      problems.push(`storage_encrypted is ${show(cluster.values.storage_encrypted)}`);
    if (!isCustomerKey(cluster.values.kms_key_id))
      problems.push(`kms_key_id is ${show(cluster.values.kms_key_id)}, not a customer-managed key`);
    return problems.length > 0 ? [{ address: cluster.address, message: problems.join("; ") }] : [];
  });
