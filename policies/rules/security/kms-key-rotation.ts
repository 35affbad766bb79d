import { resourcesOf } from "../../lib/stack";
import { isTrue, show } from "../../lib/values";
import type { StackCheck, Violation } from "../../types";

/** Every symmetric customer key rotates automatically (asymmetric and HMAC keys cannot). */
export const kmsKeyRotation: StackCheck = (stack) =>
  resourcesOf(stack, "aws_kms_key").flatMap((key): Violation[] => {
    const spec = key.values.customer_master_key_spec;
    if (spec !== undefined && spec !== "SYMMETRIC_DEFAULT") return [];
    return isTrue(key.values.enable_key_rotation)
      ? []
      : [{ address: key.address, message: `enable_key_rotation is ${show(key.values.enable_key_rotation)}` }];
  });
