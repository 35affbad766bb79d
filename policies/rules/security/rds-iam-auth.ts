import { primaryInstances } from "../../lib/rds";
import { resourcesOf } from "../../lib/stack";
import { isTrue, show } from "../../lib/values";
import type { StackCheck, Violation } from "../../types";

/** DB instances and clusters accept IAM database authentication (short-lived tokens instead of stored passwords). */
export const rdsIamAuth: StackCheck = (stack) =>
  [...primaryInstances(stack), ...resourcesOf(stack, "aws_rds_cluster")].flatMap((db): Violation[] =>
    isTrue(db.values.iam_database_authentication_enabled)
      ? []
      : [
          {
            address: db.address,
            message: `iam_database_authentication_enabled is ${show(db.values.iam_database_authentication_enabled)}`,
          },
        ],
  );
