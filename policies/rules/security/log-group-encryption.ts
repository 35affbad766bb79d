import { isCustomerKey } from "../../lib/kms";
import { resourcesOf } from "../../lib/stack";
import { show } from "../../lib/values";
import type { StackCheck, Violation } from "../../types";

/** Every log group is encrypted with a customer-managed key (logs carry request data and identities). */
export const logGroupEncryption: StackCheck = (stack) =>
  resourcesOf(stack, "aws_cloudwatch_log_group").flatMap((group): Violation[] =>
    isCustomerKey(group.values.kms_key_id)
      ? []
      : [
          {
            address: group.address,
            message: `kms_key_id is ${show(group.values.kms_key_id)}, not a customer-managed key`,
          },
        ],
  );
