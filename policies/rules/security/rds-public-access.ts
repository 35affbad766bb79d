import { resourcesOf } from "../../lib/stack";
import { isFalse, show } from "../../lib/values";
import type { StackCheck, Violation } from "../../types";

/** No database instance is reachable from the internet (`publicly_accessible` unset or false). */
export const rdsPublicAccess: StackCheck = (stack) =>
  resourcesOf(stack, "aws_db_instance", "aws_rds_cluster_instance").flatMap((db): Violation[] => {
    const value = db.values.publicly_accessible;
    return value === undefined || isFalse(value)
      ? []
      : [{ address: db.address, message: `publicly_accessible is ${show(value)}` }];
  });
