import { BudgetsBudget } from "@cdktf/provider-aws/lib/budgets-budget";
import { Construct } from "constructs";
import { type PropProblem, throwIfInvalid } from "../core/validation";

/** Properties of {@link MonthlyBudget}. */
export interface MonthlyBudgetProps {
  /** Budget name, e.g. `orders-production-monthly`. */
  readonly name: string;
  /** Monthly limit in USD. */
  readonly limitUsd: number;
  /** Percentages of the limit that notify on actual spend. */
  readonly thresholdsPercent: readonly number[];
  /** Who is told. */
  readonly emails: readonly string[];
  /** Only costs carrying this cost-allocation tag count. @default - every cost of the account */
  readonly costTag?: { readonly key: string; readonly value: string };
}

/**
 * A monthly AWS Budget (seed 002: alert at 80% of budget) that e-mails on each actual
 * threshold and once when the month's forecast passes the limit.
 *
 * @example
 * ```ts
 * import { MonthlyBudget } from "@plataforma/infra/constructs/monitoring";
 *
 * new MonthlyBudget(stack, "budget", {
 *   name: "orders-production-monthly",
 *   limitUsd: 5000,
 *   thresholdsPercent: [50, 80, 100],
 *   emails: ["finops@example.com"],
 *   costTag: { key: "Environment", value: "production" },
 * });
 * ```
 */
export class MonthlyBudget extends Construct {
  /** The budget. */
  readonly budget: BudgetsBudget;

  constructor(scope: Construct, id: string, props: MonthlyBudgetProps) {
    super(scope, id);
    const problems: PropProblem[] = [];
    if (!(props.limitUsd > 0)) {
      problems.push({
        prop: "limitUsd",
        message: "must be positive",
        received: props.limitUsd,
        fix: "set the monthly budget in USD",
      });
    }
    if (props.emails.length === 0) {
      problems.push({
        prop: "emails",
        message: "is empty: a budget nobody hears about protects nothing",
        received: props.emails,
        fix: "give at least one e-mail",
      });
    }
    throwIfInvalid(this, problems);
    const subscribers = [...props.emails];
    const thresholds = [...new Set(props.thresholdsPercent)].sort((a, b) => a - b);
    this.budget = new BudgetsBudget(this, "budget", {
      name: props.name,
      budgetType: "COST",
      timeUnit: "MONTHLY",
      limitAmount: props.limitUsd.toFixed(2),
      limitUnit: "USD",
      costFilter: props.costTag
        ? [{ name: "TagKeyValue", values: [`user:${props.costTag.key}$${props.costTag.value}`] }]
        : undefined,
      notification: [
        ...thresholds.map((threshold) => ({
          comparisonOperator: "GREATER_THAN",
          notificationType: "ACTUAL",
          threshold,
          thresholdType: "PERCENTAGE",
          subscriberEmailAddresses: subscribers,
        })),
        {
          comparisonOperator: "GREATER_THAN",
          notificationType: "FORECASTED",
          threshold: 100,
          thresholdType: "PERCENTAGE",
          subscriberEmailAddresses: subscribers,
        },
      ],
    });
  }
}
