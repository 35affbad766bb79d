import { companions, resourcesOf } from "../../lib/stack";
import type { StackCheck, Violation } from "../../types";

/**
 * Every customer-managed key carries an explicit key policy (its own `policy`, or an
 * `aws_kms_key_policy` pointing at it): the default policy hands the key to every IAM
 * principal of the account that an identity policy allows, which nobody reviews per key.
 */
export const kmsKeyPolicyPresent: StackCheck = (stack) =>
  resourcesOf(stack, "aws_kms_key", "aws_kms_replica_key").flatMap((key): Violation[] =>
    key.values.policy !== undefined || companions(stack, key, "aws_kms_key_policy", "key_id", "key_id").length > 0
      ? []
      : [{ address: key.address, message: "no key policy: neither policy nor an aws_kms_key_policy is set" }],
  );
