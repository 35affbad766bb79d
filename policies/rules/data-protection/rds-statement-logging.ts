import { isPostgres, parameterOf, primaryInstances } from "../../lib/rds";
import { resourcesOf } from "../../lib/stack";
import type { StackCheck, Violation } from "../../types";

/** `log_statement` values that record schema changes at least. */
const LOGGED = ["ddl", "mod", "all"];

/**
 * PostgreSQL databases log statements that change the schema or data (`log_statement` =
 * ddl, mod or all in their parameter group of this stack): the trail of who dropped or
 * altered what. Default groups fail closed (they log none).
 */
export const rdsStatementLogging: StackCheck = (stack) =>
  [...primaryInstances(stack), ...resourcesOf(stack, "aws_rds_cluster")]
    .filter(isPostgres)
    .flatMap((db): Violation[] => {
      const found = parameterOf(stack, db, "log_statement");
      if ("value" in found && LOGGED.includes(found.value.toLowerCase())) return [];
      const why =
        "value" in found
          ? `${found.group} sets log_statement = ${found.value}`
          : "missing" in found
            ? found.missing
            : found.unknown;
      return [{ address: db.address, message: `statements are not logged: ${why}` }];
    });
