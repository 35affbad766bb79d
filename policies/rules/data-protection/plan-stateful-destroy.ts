import type { StackCheck, Violation } from "../../types";
import { STATEFUL_TYPES } from "./prevent-destroy";

/** Resource type of a plan address (`module.m.aws_db_instance.db[0]` -> `aws_db_instance`). */
function typeOf(address: string): string {
  const parts = address.replace(/\[[^\]]*\]/g, "").split(".");
  return parts[parts.length - 2] ?? "";
}

/**
 * A plan deletes or replaces no stateful resource. Plan-only: synth output has no
 * actions. It catches what prevent_destroy would stop at apply, at review time, and
 * what it cannot stop at all (a resource removed from the code together with its flag).
 */
export const planStatefulDestroy: StackCheck = (stack) =>
  [...(stack.planActions?.entries() ?? [])]
    .filter(([address, actions]) => actions.includes("delete") && STATEFUL_TYPES.has(typeOf(address)))
    .map(
      ([address, actions]): Violation => ({
        address,
        message:
          `the plan will ${actions.includes("create") ? "replace" : "delete"} it ` + `(actions: ${actions.join(", ")})`,
      }),
    );
