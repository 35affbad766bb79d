import { missingContext } from "../../lib/context";
import { effectiveTags, isTaggable } from "../../lib/tags";
import { show } from "../../lib/values";
import type { StackCheck, Violation } from "../../types";

/**
 * The `Environment` tag names the stack's own environment: budgets filter costs on it,
 * so a copy-pasted value bills production to dev.
 */
export const environmentTag: StackCheck = (stack) => {
  const expected = stack.context?.environment;
  const taggable = stack.resources.filter(isTaggable);
  if (expected === undefined) {
    return taggable.length === 0
      ? []
      : [
          {
            address: "stack",
            message: missingContext(["environment"], "its Environment tags cannot be checked"),
          },
        ];
  }
  return taggable.flatMap((r): Violation[] => {
    const value = effectiveTags(stack, r).Environment;
    return value === undefined || value === expected
      ? []
      : [{ address: r.address, message: `Environment tag is ${show(value)}, expected "${expected}"` }];
  });
};
