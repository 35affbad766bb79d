import { BudgetsBudget } from "@cdktf/provider-aws/lib/budgets-budget";
import { Construct } from "constructs";

/** Properties of {@link MonthlyBudget}. */
export interface MonthlyBudgetProps {
  /** Budget name, e.g. `plataforma-production-monthly`. */
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
 */
export class MonthlyBudget extends Construct {
  /** The budget. */
  readonly budget: BudgetsBudget;

  constructor(scope: Construct, id: string, props: MonthlyBudgetProps) {
    super(scope, id);
    if (!(props.limitUsd > 0)) {
      throw new Error(`${this.node.path}: limitUsd must be positive, got ${props.limitUsd}. Fix: set the monthly budget in USD`);
    }
    if (props.emails.length === 0) {
      throw new Error(`${this.node.path}: a budget nobody hears about protects nothing. Fix: give at least one e-mail`);
    }
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
