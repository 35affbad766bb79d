import { resourcesOf } from "../../lib/stack";
import { literalNumber, show } from "../../lib/values";
import type { StackCheck, Violation } from "../../types";

/** The longest KMS deletion window, and the default: time to notice and cancel a scheduled deletion. */
const KMS_MAX_DELETION_WINDOW_DAYS = 30;

/** Keys keep the full 30-day deletion window (data encrypted under a deleted key is gone). */
export const kmsDeletionWindow: StackCheck = (stack) =>
  resourcesOf(stack, "aws_kms_key", "aws_kms_replica_key").flatMap((key): Violation[] => {
    const value = key.values.deletion_window_in_days;
    if (value === undefined) return [];
    const days = literalNumber(value);
    return days !== undefined && days >= KMS_MAX_DELETION_WINDOW_DAYS
      ? []
      : [{ address: key.address, message: `deletion_window_in_days is ${show(value)}` }];
  });
