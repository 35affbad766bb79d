import { isCustomerKey } from "../../lib/kms";
import { allInstances } from "../../lib/rds";
import { isTrue, show } from "../../lib/values";
import type { StackCheck, Violation } from "../../types";

/** Performance Insights data (query texts with literal values) is encrypted with a customer-managed key. */
export const rdsPerformanceInsightsEncryption: StackCheck = (stack) =>
  allInstances(stack)
    .filter((db) => isTrue(db.values.performance_insights_enabled))
    .flatMap((db): Violation[] =>
      isCustomerKey(db.values.performance_insights_kms_key_id)
        ? []
        : [
            {
              address: db.address,
              message:
                `performance_insights_kms_key_id is ${show(db.values.performance_insights_kms_key_id)} ` +
                `(not a customer-managed key)`,
            },
          ],
    );
