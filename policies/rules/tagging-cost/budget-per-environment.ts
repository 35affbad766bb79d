import { budgetName } from "../../../naming/derived";
import { absentFields, missingContext } from "../../lib/context";
import { resourcesOf } from "../../lib/stack";
import { blocks, strings } from "../../lib/values";
import type { AppCheck, AppViolation, StackView } from "../../types";

/**
 * Problems of the environment's budget in its bootstrap stack; empty when it is there and
 * filters on the Environment tag.
 */
function budgetProblems(bootstrap: StackView, project: string, environment: string): string[] {
  const name = budgetName({ project, name: environment });
  const budget = resourcesOf(bootstrap, "aws_budgets_budget").find((b) => b.values.name === name);
  if (!budget) return [`no aws_budgets_budget named "${name}" in ${bootstrap.name}`];
  const filter = `user:Environment$${environment}`;
  const filters = blocks(budget.values.cost_filter)
    .filter((f) => f.name === "TagKeyValue")
    .flatMap((f) => strings(f.values));
  return filters.includes(filter)
    ? []
    : [`budget "${name}" does not filter on ${filter} (TagKeyValue cost filters: [${filters.join(", ")}])`];
}

/**
 * Every environment has a monthly budget named `<project>-<env>-monthly` in its bootstrap
 * stack, filtered on its Environment tag.
 */
export const budgetPerEnvironment: AppCheck = (stacks) => {
  const seen = new Map<string, StackView>();
  for (const stack of stacks) {
    const env = stack.context?.environment;
    if (env !== undefined && !seen.has(env)) seen.set(env, stack);
  }
  return [...seen.entries()].flatMap(([environment, first]): AppViolation[] => {
    const context = first.context ?? {};
    if (context.project === undefined || context.budgetStack === undefined) {
      const missing = absentFields(context, ["project", "budgetStack"]);
      const message = missingContext(missing, `environment ${environment}'s budget cannot be found`);
      return [{ stack: first.name, address: "stack", message }];
    }
    const bootstrap = stacks.find((s) => s.name === context.budgetStack);
    if (!bootstrap)
      return [
        {
          stack: first.name,
          address: "stack",
          message:
            `environment ${environment}'s budget stack ${context.budgetStack} (context.budgetStack) is not among ` +
            `the checked stacks [${stacks.map((s) => s.name).join(", ")}]`,
        },
      ];
    return budgetProblems(bootstrap, context.project, environment).map((message) => ({
      stack: bootstrap.name,
      address: "stack",
      message,
    }));
  });
};
