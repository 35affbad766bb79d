import { resourcesOf } from "../../lib/stack";
import { literalNumber, show } from "../../lib/values";
import type { StackCheck, Violation } from "../../types";

/**
 * Every log group expires its events (the default keeps them, and bills them, forever).
 * The threshold is "expires at all": how long each kind of log must be kept is a
 * separate, tier-aware rule (SEC-LOG-RETENTION-AUDIT), so this one maps to CKV_AWS_66
 * only, not to CKV_AWS_338's one year.
 */
export const logGroupRetention: StackCheck = (stack) =>
  resourcesOf(stack, "aws_cloudwatch_log_group").flatMap((group): Violation[] => {
    const days = literalNumber(group.values.retention_in_days);
    return days !== undefined && days > 0
      ? []
      : [
          {
            address: group.address,
            message: `retention_in_days is ${show(group.values.retention_in_days)} (never expires)`,
          },
        ];
  });
