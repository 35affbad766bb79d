import type { PlanJson, ResourceChange } from "../../../scripts/lib/review/plan-json";
import { firstError, reviewStack } from "../../../scripts/lib/review/verdict";

const change = (address: string, actions: string[], extra: Partial<ResourceChange["change"]> = {}): ResourceChange => ({
  address,
  mode: "managed",
  type: address.slice(0, address.indexOf(".")),
  name: address.slice(address.indexOf(".") + 1),
  change: { actions, before: {}, after: {}, after_unknown: {}, ...extra },
});
const plan = (...changes: ResourceChange[]): PlanJson => ({ resource_changes: changes });
const input = { name: "dev-sa-east-1-data", environment: "dev", cause: "changed", pinned: [], allowDestroy: false };

describe("plan review verdicts", () => {
  it("counts actions and blocks destroying or replacing stored data", () => {
    const review = reviewStack({
      ...input,
      plan: plan(
        change("aws_s3_bucket.uploads", ["delete"]),
        change("aws_s3_bucket.uploads_renamed", ["create"]),
        change("aws_kms_key.key", ["delete", "create"]),
        change("aws_security_group.sg", ["create", "delete"]),
        change("aws_cloudwatch_log_group.logs", ["update"]),
        change("aws_vpc.unchanged", ["no-op"]),
      ),
    });
    expect([review.add, review.change, review.replace, review.destroy]).toEqual([1, 1, 2, 1]);
    expect(review.blocking.map((b) => [b.address, b.action])).toEqual([
      ["aws_s3_bucket.uploads", "destroy"],
      ["aws_kms_key.key", "replace"],
    ]);
    expect(review.blocking[0].reason).toContain("Fix:");
    expect(review.warnings.map((w) => [w.address, w.reason])).toEqual([
      ["aws_security_group.sg", "stateless resource"],
    ]);
  });

  it("blocks pinned addresses of types outside the stateful list", () => {
    const review = reviewStack({
      ...input,
      pinned: ["aws_dynamodb_table.t"],
      plan: plan(change("aws_dynamodb_table.t", ["delete"])),
    });
    expect(review.blocking[0].reason).toContain("pinned in test/stacks/stateful-addresses.json");
  });

  it("downgrades stateful destroys to warnings with --allow-destroy", () => {
    const review = reviewStack({ ...input, allowDestroy: true, plan: plan(change("aws_s3_bucket.b", ["delete"])) });
    expect(review.blocking).toEqual([]);
    expect(review.warnings[0].reason).toContain("allowed by --allow-destroy");
  });

  it("reports a prevent_destroy refusal as a blocked destroy naming the resource, even with --allow-destroy", () => {
    const error =
      "╷\n│ Error: Instance cannot be destroyed\n│ \n│   on cdk.tf.json line 90:\n│ \n" +
      "│ Resource aws_s3_bucket.bucket-uploads_bucket_19A383B6 has lifecycle.prevent_destroy set, but the plan " +
      "calls for this resource to be either destroyed or replaced.\n╵";
    const review = reviewStack({ ...input, allowDestroy: true, error });
    expect(review.blocking).toEqual([
      expect.objectContaining({ address: "aws_s3_bucket.bucket-uploads_bucket_19A383B6", action: "destroy" }),
    ]);
  });

  it("blocks on any other plan error with its first error line", () => {
    const review = reviewStack({ ...input, error: "╷\n│ Error: Invalid reference\n│ \n│ A reference is wrong.\n╵" });
    expect(review.blocking).toEqual([
      { address: "dev-sa-east-1-data", action: "error", reason: "Invalid reference: A reference is wrong." },
    ]);
    expect(firstError("plain failure")).toBe("plain failure");
  });

  it("summarizes attribute diffs, masks sensitive and secret-named values, marks what forces replacement", () => {
    const review = reviewStack({
      ...input,
      plan: plan(
        change("aws_db_instance.db", ["delete", "create"], {
          before: { identifier: "old", password: "hunter2", tags: { a: "1" }, same: 1 },
          after: { identifier: "new", password: "hunter3", tags: { a: "2" }, same: 1 },
          after_sensitive: { tags: { a: true } },
          replace_paths: [["identifier"]],
        }),
      ),
      allowDestroy: true,
    });
    expect(review.changes[0].diffs).toEqual([
      { path: "identifier", before: '"old"', after: '"new"', forcesReplacement: true },
      { path: "password", before: "(sensitive value)", after: "(sensitive value)", forcesReplacement: false },
      { path: "tags", before: '{"a":"1"}', after: "(sensitive value)", forcesReplacement: false },
    ]);
  });

  it("lists a moved resource with its previous address and counts nothing for it", () => {
    const moved = { ...change("aws_s3_bucket.new", ["no-op"]), previous_address: "aws_s3_bucket.old" };
    const review = reviewStack({ ...input, plan: plan(moved) });
    expect([review.add, review.destroy, review.blocking.length]).toEqual([0, 0, 0]);
    expect(review.changes).toEqual([
      { address: "aws_s3_bucket.new", action: "no-op", movedFrom: "aws_s3_bucket.old", diffs: [] },
    ]);
  });
});
