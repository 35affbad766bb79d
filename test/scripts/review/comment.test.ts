import {
  COMMENT_LIMIT,
  commentMarker,
  type EnvironmentReview,
  renderComment,
  reviewJson,
} from "../../../scripts/lib/review/comment";
import type { StackReview } from "../../../scripts/lib/review/verdict";

const stack = (name: string, extra: Partial<StackReview> = {}): StackReview => ({
  name,
  environment: "dev",
  cause: "its synthesized Terraform changed",
  add: 0,
  change: 1,
  replace: 0,
  destroy: 0,
  blocking: [],
  warnings: [],
  changes: [
    {
      address: "aws_cloudwatch_log_group.flow",
      action: "update",
      diffs: [{ path: "retention_in_days", before: "30", after: "60", forcesReplacement: false }],
    },
  ],
  ...extra,
});

const review = (stacks: StackReview[], extra: Partial<EnvironmentReview> = {}): EnvironmentReview => ({
  environment: "dev",
  base: { ref: "main", commit: "0123456789abcdef" },
  stacks,
  skipped: [],
  edges: [["dev-sa-east-1-network", "dev-sa-east-1-data"]],
  findings: { introduced: [], removed: [] },
  allowDestroy: false,
  ...extra,
});

describe("plan review comment", () => {
  it("starts with the environment's hidden marker and a verdict, then the table, graph and details", () => {
    const body = renderComment(review([stack("dev-sa-east-1-network"), stack("dev-sa-east-1-data")]));
    expect(body.startsWith(`${commentMarker("dev")}\n`)).toBe(true);
    expect(body).toContain(":white_check_mark: **Not blocked**: 0 to add, 2 to change, 0 to replace, 0 to destroy");
    expect(body).toContain("| `dev-sa-east-1-network` | 0 | 1 | 0 | 0 |  | its synthesized Terraform changed |");
    expect(body).toContain("s_dev_sa_east_1_network --> s_dev_sa_east_1_data");
    expect(body).toContain("  - `retention_in_days`: `30` → `60`");
    expect(body.indexOf("| stack |")).toBeLessThan(body.indexOf("<details>"));
  });

  it("says no changes when nothing is affected", () => {
    const body = renderComment(review([]));
    expect(body).toContain("**No changes**: the synthesized Terraform of dev is identical to `main` (0123456)");
    expect(body).not.toContain("| stack |");
  });

  it("puts blocked destroys and stateless replacements first", () => {
    const blocked = stack("dev-sa-east-1-data", {
      destroy: 1,
      blocking: [{ address: "aws_s3_bucket.uploads", action: "destroy", reason: "stored data would be lost" }],
      warnings: [{ address: "aws_security_group.sg", action: "replace", reason: "stateless resource" }],
    });
    const body = renderComment(review([stack("dev-sa-east-1-network"), blocked]));
    const warning = body.indexOf("### :warning: Destroys and replacements");
    expect(body).toContain(":no_entry: **Blocked**");
    expect(warning).toBeGreaterThan(0);
    expect(warning).toBeLessThan(body.indexOf("| stack |"));
    expect(body).toContain("- :no_entry: **blocks** destroy `aws_s3_bucket.uploads` in `dev-sa-east-1-data`");
    expect(body).toContain("- :warning: replace `aws_security_group.sg` in `dev-sa-east-1-data`: stateless resource");
    expect(body).toContain("class s_dev_sa_east_1_data blocked");
  });

  it("lists policy findings the change introduces and removes", () => {
    // Only what the comment shows matters; the cross-tool id lists stay empty.
    const noIds = { checkov: [], cdkNag: [], trivy: [], kubeLinter: [] };
    const finding = {
      ...noIds,
      ruleId: "S3_VERSIONING",
      severity: "warning",
      stack: "dev-sa-east-1-data",
      address: "aws_s3_bucket.b",
      message: "versioning | off",
      title: "t",
      why: "w",
      fix: "f",
    } as const;
    const body = renderComment(
      review([stack("dev-sa-east-1-data")], { findings: { introduced: [finding], removed: [] } }),
    );
    expect(body).toContain("New with this change:");
    expect(body).toContain(
      "| warning | `S3_VERSIONING` | `dev-sa-east-1-data` | `aws_s3_bucket.b` | versioning \\| off |",
    );
  });

  it("drops diffs first, then details, keeping verdict, warnings and table whole, and says what was cut", () => {
    const many = Array.from({ length: 400 }, (_, i) => ({
      address: `aws_route.r${i}`,
      action: "update" as const,
      diffs: [
        {
          path: "destination",
          before: `"${"a".repeat(100)}"`,
          after: `"${"b".repeat(100)}"`,
          forcesReplacement: false,
        },
      ],
    }));
    const warnings = Array.from({ length: 20 }, (_, i) => ({
      address: `aws_route.gone${i}`,
      action: "destroy" as const,
      reason: "stateless resource",
    }));
    const big = review([stack("dev-sa-east-1-network", { changes: many, warnings })]);
    const full = renderComment(big, Number.MAX_SAFE_INTEGER);
    expect(full.length).toBeGreaterThan(COMMENT_LIMIT);
    const body = renderComment(big);
    expect(body.length).toBeLessThanOrEqual(COMMENT_LIMIT);
    expect(body).toContain("attribute diffs were dropped");
    expect(body).toContain("- :warning: destroy `aws_route.gone19`");
    expect(body).toContain("`aws_route.r399`");
    expect(body).not.toContain("`destination`");

    const tiny = renderComment(big, 3_000);
    expect(tiny.length).toBeLessThanOrEqual(3_000);
    expect(tiny).toContain("attribute diffs and per-stack details were dropped");
    expect(tiny).toContain("| `dev-sa-east-1-network` |");
    expect(tiny).not.toContain("<details>");
  });

  it("writes exactly the issue's JSON fields, planned stacks only", () => {
    const blocked = stack("dev-sa-east-1-data", {
      blocking: [{ address: "aws_s3_bucket.u", action: "destroy", reason: "r" }],
    });
    expect(reviewJson([review([blocked])])).toEqual({
      blocked: true,
      stacks: [
        {
          name: "dev-sa-east-1-data",
          add: 0,
          change: 1,
          replace: 0,
          destroy: 0,
          blocking: [{ address: "aws_s3_bucket.u", action: "destroy", reason: "r" }],
        },
      ],
    });
  });
});
