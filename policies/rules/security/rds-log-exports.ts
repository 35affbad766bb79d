import { engineOf, primaryInstances } from "../../lib/rds";
import { resourcesOf } from "../../lib/stack";
import { show, strings } from "../../lib/values";
import type { StackCheck, Violation } from "../../types";

/** The log each engine must export to CloudWatch (connection, error and statement logs). */
function requiredLog(engine: string | undefined): string | undefined {
  if (engine === undefined) return undefined;
  if (/postgres/.test(engine)) return "postgresql";
  if (/mysql|mariadb/.test(engine)) return "error";
  return undefined;
}

/** DB instances and clusters export their engine log to CloudWatch Logs (kept, searchable, alarmed). */
export const rdsLogExports: StackCheck = (stack) =>
  [...primaryInstances(stack), ...resourcesOf(stack, "aws_rds_cluster")].flatMap((db): Violation[] => {
    const exported = strings(db.values.enabled_cloudwatch_logs_exports);
    const required = requiredLog(engineOf(db));
    const ok = required === undefined ? exported.length > 0 : exported.includes(required);
    return ok
      ? []
      : [
          {
            address: db.address,
            message:
              `enabled_cloudwatch_logs_exports is ${show(db.values.enabled_cloudwatch_logs_exports)}; expected it ` +
              `to include ${required ?? "the engine's log"}`,
          },
        ];
  });
