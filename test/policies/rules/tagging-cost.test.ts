import { toStackView } from "../../../policies/lib/stack";
import { TAGGING_COST_PACK } from "../../../policies/packs/tagging-cost";
import { budgetPerEnvironment } from "../../../policies/rules/tagging-cost/budget-per-environment";
import { environmentTag } from "../../../policies/rules/tagging-cost/environment-tag";
import { DEFAULT_TAGS, DEV, describePack, type Part, PROD, run, tfStack } from "../helpers";
import { TAGGING_COST_COVERAGE_CASES } from "./coverage-cases";

const budget = (over: Record<string, unknown> = {}): Part => [
  "aws_budgets_budget",
  "bud",
  {
    name: "plataforma-production-monthly",
    budget_type: "COST",
    cost_filter: [{ name: "TagKeyValue", values: ["user:Environment$production"] }],
    notification: [
      {
        comparison_operator: "GREATER_THAN",
        notification_type: "ACTUAL",
        threshold: 80,
        threshold_type: "PERCENTAGE",
        subscriber_email_addresses: ["platform@plataforma.app"],
      },
    ],
    ...over,
  },
];
const vpc: Part = ["aws_vpc", "v", { cidr_block: "10.0.0.0/16" }];

describePack(TAGGING_COST_PACK, {
  "TAG-REQUIRED": {
    ok: [
      { name: "all from provider default_tags", json: tfStack([vpc, ["aws_route", "r", {}]]) },
      {
        name: "default tags completed by resource tags",
        json: tfStack([["aws_vpc", "v", { tags: { Service: "network", CostCenter: "CC-1" } }]], {
          tags: { Environment: "production", Team: "platform" },
        }),
      },
      {
        name: "aliased provider's default tags",
        json: tfStack([["aws_s3_bucket", "b", { provider: "aws.us-east-1" }]], {
          aliases: [{ alias: "us-east-1", region: "us-east-1" }],
        }),
      },
    ],
    bad: [
      { name: "no default tags, no tags", json: tfStack([vpc], { tags: {} }), address: "aws_vpc.v" },
      {
        name: "CostCenter missing",
        json: tfStack([vpc], { tags: { Environment: "production", Service: "x", Team: "platform" } }),
        address: "aws_vpc.v",
      },
      {
        name: "tag value as an expression",
        json: tfStack([["aws_vpc", "v", { tags: { Team: "${var.team}" } }]]),
        address: "aws_vpc.v",
      },
    ],
  },
  "TAG-ENVIRONMENT-MATCH": {
    ok: [{ name: "matches the environment", json: tfStack([vpc]) }],
    bad: [
      {
        name: "production stack tagged dev",
        json: tfStack([vpc], { tags: { ...DEFAULT_TAGS, Environment: "dev" } }),
        address: "aws_vpc.v",
      },
      {
        name: "resource overrides Environment",
        json: tfStack([["aws_vpc", "v", { tags: { Environment: "staging" } }]]),
        address: "aws_vpc.v",
      },
      { name: "no environment known (fail closed)", json: tfStack([vpc]), address: "stack", context: undefined },
    ],
  },
  "COST-BUDGET-ALERTS": {
    ok: [{ name: "actual 80% to an e-mail", json: tfStack([budget()]) }],
    bad: [
      {
        name: "no notification",
        json: tfStack([budget({ notification: undefined })]),
        address: "aws_budgets_budget.bud",
      },
      {
        name: "forecast only",
        json: tfStack([
          budget({
            notification: [
              {
                notification_type: "FORECASTED",
                threshold: 100,
                threshold_type: "PERCENTAGE",
                subscriber_email_addresses: ["a@b.c"],
              },
            ],
          }),
        ]),
        address: "aws_budgets_budget.bud",
      },
    ],
  },
  "COST-LOG-RETENTION": {
    ok: [{ name: "90 days", json: tfStack([["aws_cloudwatch_log_group", "lg", { retention_in_days: 90 }]]) }],
    bad: [
      {
        name: "never expires",
        json: tfStack([["aws_cloudwatch_log_group", "lg", {}]]),
        address: "aws_cloudwatch_log_group.lg",
      },
    ],
  },
  "COST-EBS-GP3": {
    ok: [{ name: "gp3", json: tfStack([["aws_ebs_volume", "v", { type: "gp3" }]]) }],
    bad: [
      {
        name: "gp2 in a launch template",
        json: tfStack([["aws_launch_template", "lt", { block_device_mappings: [{ ebs: { volume_type: "gp2" } }] }]]),
        address: "aws_launch_template.lt",
      },
    ],
  },
  ...TAGGING_COST_COVERAGE_CASES,
});

describe("COST-BUDGET (app rule)", () => {
  const env = (name: string, ctx = PROD) => toStackView(name, tfStack([vpc]), ctx);
  const bootstrap = (parts: Part[]) => toStackView("bootstrap-plataforma-production", tfStack(parts), PROD);

  it("passes when the bootstrap stack holds <project>-<env>-monthly filtered on the Environment tag", () => {
    expect(budgetPerEnvironment([env("production-sa-east-1-network"), bootstrap([budget()])])).toEqual([]);
  });

  it("fails when the budget is missing", () => {
    const found = budgetPerEnvironment([env("production-sa-east-1-network"), bootstrap([])]);
    expect(found).toEqual([expect.objectContaining({ stack: "bootstrap-plataforma-production", address: "stack" })]);
    expect(found[0].message).toContain("plataforma-production-monthly");
  });

  it("fails when the budget filters on another environment", () => {
    const found = budgetPerEnvironment([
      env("production-sa-east-1-network"),
      bootstrap([budget({ cost_filter: [{ name: "TagKeyValue", values: ["user:Environment$dev"] }] })]),
    ]);
    expect(found[0].message).toContain("user:Environment$production");
  });

  it("fails when the environment's bootstrap stack is not checked, naming context.budgetStack and the stacks", () => {
    const found = budgetPerEnvironment([env("dev-sa-east-1-network", DEV)]);
    expect(found).toEqual([expect.objectContaining({ stack: "dev-sa-east-1-network" })]);
    expect(found[0].message).toBe(
      "environment dev's budget stack bootstrap-plataforma-dev (context.budgetStack) is not among the checked " +
        "stacks [dev-sa-east-1-network]",
    );
  });

  it("names the missing context fields (checkApp with an environment but no project or budget stack)", () => {
    const found = budgetPerEnvironment([env("orders-dev", { environment: "dev", tier: "development" })]);
    expect(found).toEqual([expect.objectContaining({ stack: "orders-dev", address: "stack" })]);
    expect(found[0].message).toMatch(
      /^the stack's context\.project and context\.budgetStack are not set, so environment dev's budget cannot be found/,
    );
    const onlyStack = budgetPerEnvironment([env("orders-dev", { environment: "dev", project: "orders" })]);
    expect(onlyStack[0].message).toMatch(/^the stack's context\.budgetStack is not set/);
  });
});

describe("TAG-ENVIRONMENT-MATCH without context.environment", () => {
  it("names the missing field and the checkApp fix instead of a repository flag", () => {
    const [found] = run(environmentTag, tfStack([vpc]), { tier: "production" });
    expect(found.message).toMatch(/^the stack's context\.environment is not set, so its Environment tags cannot/);
    expect(found.message).toContain("Fix: pass context.environment in checkApp's options.context");
  });
});
