import { resourcesOf } from "../../lib/stack";
import { literalString } from "../../lib/values";
import type { StackCheck, Violation } from "../../types";

/**
 * SNS topics are encrypted with a customer-managed key: the AWS-managed `alias/aws/sns`
 * key's policy cannot admit CloudWatch, so alarms could not publish to the topic.
 */
export const snsTopicCmk: StackCheck = (stack) =>
  resourcesOf(stack, "aws_sns_topic").flatMap((topic): Violation[] => {
    const key = topic.values.kms_master_key_id;
    if (key === undefined || key === "") return [{ address: topic.address, message: "kms_master_key_id is not set" }];
    const literal = literalString(key);
    return literal === "alias/aws/sns"
      ? [{ address: topic.address, message: "uses the AWS-managed alias/aws/sns key, which CloudWatch cannot use" }]
      : [];
  });
