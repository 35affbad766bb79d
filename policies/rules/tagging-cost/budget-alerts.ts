import { resourcesOf } from "../../lib/stack";
import { blocks, literalNumber, strings } from "../../lib/values";
import type { StackCheck, Violation } from "../../types";

/** Every budget notifies someone on actual spend at or below 100% of its limit. */
export const budgetAlerts: StackCheck = (stack) =>
  resourcesOf(stack, "aws_budgets_budget").flatMap((budget): Violation[] => {
    const alerting = blocks(budget.values.notification).filter((n) => {
      const subscribers = strings(n.subscriber_email_addresses).length + strings(n.subscriber_sns_topic_arns).length;
      const threshold = literalNumber(n.threshold);
      return (
        n.notification_type === "ACTUAL" &&
        subscribers > 0 &&
        threshold !== undefined &&
        (n.threshold_type !== "PERCENTAGE" || threshold <= 100)
      );
    });
    return alerting.length > 0
      ? []
      : [{ address: budget.address, message: "no ACTUAL-spend notification at or below 100% with a subscriber" }];
  });
