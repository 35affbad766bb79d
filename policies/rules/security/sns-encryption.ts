import { isCustomerKey } from "../../lib/kms";
import { resourcesOf } from "../../lib/stack";
import { show } from "../../lib/values";
import type { StackCheck, Violation } from "../../types";

/** SNS topics are encrypted with a customer-managed key (alarm and event payloads name resources and users). */
export const snsEncryption: StackCheck = (stack) =>
  resourcesOf(stack, "aws_sns_topic").flatMap((topic): Violation[] =>
    isCustomerKey(topic.values.kms_master_key_id)
      ? []
      : [
          {
            address: topic.address,
            message: `kms_master_key_id is ${show(topic.values.kms_master_key_id)} (not a customer-managed key)`,
          },
        ],
  );
