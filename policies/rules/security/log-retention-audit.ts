import { resourcesOf } from "../../lib/stack";
import { isProductionLike } from "../../lib/tier";
import { literalNumber, show } from "../../lib/values";
import type { StackCheck, Violation } from "../../types";

/** One year: what audits (and CKV_AWS_338) ask logs to be kept for. */
export const AUDIT_RETENTION_DAYS = 365;

/**
 * Production log groups keep their events for at least a year (or forever is not an
 * option either: COST-LOG-RETENTION requires an expiry). Development and staging keep
 * shorter, cheaper retention.
 */
export const logRetentionAudit: StackCheck = (stack) =>
  !isProductionLike(stack)
    ? []
    : resourcesOf(stack, "aws_cloudwatch_log_group").flatMap((group): Violation[] => {
        const days = literalNumber(group.values.retention_in_days);
        return days !== undefined && days >= AUDIT_RETENTION_DAYS
          ? []
          : [
              {
                address: group.address,
                message:
                  `retention_in_days is ${show(group.values.retention_in_days)} ` +
                  `(< ${AUDIT_RETENTION_DAYS} in production)`,
              },
            ];
      });
