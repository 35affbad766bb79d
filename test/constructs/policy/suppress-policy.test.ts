import { mkdtempSync, readFileSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { AwsProvider } from "@cdktf/provider-aws/lib/provider";
import { S3Bucket } from "@cdktf/provider-aws/lib/s3-bucket";
import { App, TerraformStack } from "cdktf";
import { Construct } from "constructs";
import { suppressPolicy } from "../../../constructs/policy/suppress-policy";
import { CONSTRUCT_SUPPRESSIONS_KEY } from "../../../contracts/suppressions";

const work = mkdtempSync(join(tmpdir(), "suppress-policy-"));
afterAll(() => rmSync(work, { recursive: true, force: true }));

/** Synthesizes to disk (Testing.synth strips the `//` metadata the engine reads) and returns the stack JSON. */
function synth(build: (stack: TerraformStack) => void): {
  resource: Record<string, Record<string, Record<string, unknown>>>;
} {
  const outdir = join(work, String(Math.random()).slice(2));
  const app = new App({ outdir });
  const stack = new TerraformStack(app, "s");
  new AwsProvider(stack, "aws", { region: "sa-east-1" });
  build(stack);
  app.synth();
  return JSON.parse(readFileSync(join(outdir, "stacks", "s", "cdk.tf.json"), "utf8"));
}

const meta = (resource: Record<string, unknown>) =>
  (resource["//"] as Record<string, unknown>)[CONSTRUCT_SUPPRESSIONS_KEY];

describe("suppressPolicy", () => {
  it("writes the suppression into the resource's // metadata", () => {
    const json = synth((stack) => {
      const bucket = new S3Bucket(stack, "b", { bucket: "x" });
      suppressPolicy(bucket, {
        ruleId: "DP-S3-ACCESS-LOGGING",
        reason: "logs go to the central archive",
        expires: "2027-01-31",
      });
    });
    expect(meta(json.resource.aws_s3_bucket.b)).toEqual([
      { ruleId: "DP-S3-ACCESS-LOGGING", reason: "logs go to the central archive", expires: "2027-01-31" },
    ]);
  });

  it("on a parent construct, reaches every resource under it (added later too) and accumulates", () => {
    const json = synth((stack) => {
      const group = new Construct(stack, "group");
      suppressPolicy(group, { ruleId: "DP-S3-VERSIONING", reason: "scratch data regenerated nightly" });
      const late = new S3Bucket(group, "late", { bucket: "late" });
      suppressPolicy(late, { ruleId: "DP-S3-ACCESS-LOGGING", reason: "logs go to the central archive" });
      new S3Bucket(stack, "outside", { bucket: "outside" });
    });
    const buckets = json.resource.aws_s3_bucket;
    const late = Object.entries(buckets).find(([id]) => id.startsWith("group_late"))?.[1] ?? {};
    expect((meta(late) as { ruleId: string }[]).map((s) => s.ruleId).sort()).toEqual([
      "DP-S3-ACCESS-LOGGING",
      "DP-S3-VERSIONING",
    ]);
    expect((buckets.outside["//"] as Record<string, unknown>)[CONSTRUCT_SUPPRESSIONS_KEY]).toBeUndefined();
  });

  it("fails when the reason is too short, the id malformed or the date invalid, naming the construct", () => {
    const app = new App({ outdir: join(work, "bad") });
    const bucket = new S3Bucket(new TerraformStack(app, "s"), "b", { bucket: "x" });
    expect(() => suppressPolicy(bucket, { ruleId: "DP-S3-ACCESS-LOGGING", reason: "ok" })).toThrow(
      /s\/b: invalid policy suppression: reason "ok" is shorter than 10/,
    );
    expect(() => suppressPolicy(bucket, { ruleId: "dp logging", reason: "a perfectly good reason" })).toThrow(
      /ruleId "dp logging"/,
    );
    expect(() =>
      suppressPolicy(bucket, { ruleId: "DP-S3-ACCESS-LOGGING", reason: "a perfectly good reason", expires: "soon" }),
    ).toThrow(/expires "soon"/);
  });
});
