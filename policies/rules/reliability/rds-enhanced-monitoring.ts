import { allInstances } from "../../lib/rds";
import { isBeyondDevelopment } from "../../lib/tier";
import { literalNumber, show } from "../../lib/values";
import type { StackCheck, Violation } from "../../types";

/**
 * DB instances beyond development collect Enhanced Monitoring (OS-level metrics every
 * 60 s or faster, with a monitoring role). Development may skip it to save cost.
 */
export const rdsEnhancedMonitoring: StackCheck = (stack) =>
  !isBeyondDevelopment(stack)
    ? []
    : allInstances(stack).flatMap((db): Violation[] => {
        const interval = literalNumber(db.values.monitoring_interval);
        const problems: string[] = [];
        if (interval === undefined || interval <= 0 || interval > 60)
          problems.push(`monitoring_interval is ${show(db.values.monitoring_interval)} (expected 1 to 60 seconds)`);
        if (db.values.monitoring_role_arn === undefined) problems.push("monitoring_role_arn is unset");
        return problems.length > 0 ? [{ address: db.address, message: problems.join("; ") }] : [];
      });
