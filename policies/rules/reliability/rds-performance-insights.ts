import { allInstances } from "../../lib/rds";
import { isTrue, show } from "../../lib/values";
import type { StackCheck, Violation } from "../../types";

/** DB instances record Performance Insights (which query, wait and user loaded the database, and when). */
export const rdsPerformanceInsights: StackCheck = (stack) =>
  allInstances(stack).flatMap((db): Violation[] =>
    isTrue(db.values.performance_insights_enabled)
      ? []
      : [
          {
            address: db.address,
            message: `performance_insights_enabled is ${show(db.values.performance_insights_enabled)}`,
          },
        ],
  );
