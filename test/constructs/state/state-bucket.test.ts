import { AwsProvider } from "@cdktf/provider-aws/lib/provider";
import { App, TerraformStack } from "cdktf";
import { StateBucket, type StateBucketProps } from "../../../constructs/state/state-bucket";
import { CONSTRUCT_SUPPRESSIONS_KEY } from "../../../contracts/suppressions";
import { checkApp } from "../../../policies";
import { reported } from "../fixtures";

const ACCOUNT = "123456789012";
const NAME = "orders-tfstate-123456789012";
const EXEMPTION = { reason: "no log bucket exists in this account yet", expires: "2026-06-30" };

/** A consumer's app holding one state bucket, synthesized so the aspects wrote the `//` metadata. */
function app(props: Partial<StateBucketProps> = {}) {
  const consumer = new App({ outdir: "/tmp/state-bucket-test-unused" });
  const stack = new TerraformStack(consumer, "orders-bootstrap");
  const home = new AwsProvider(stack, "aws", { region: "sa-east-1" });
  const state = new StateBucket(stack, "state", { bucketName: NAME, accountId: ACCOUNT, ...props });
  consumer.synth();
  const json = stack.toTerraform() as { resource: Record<string, Record<string, Record<string, unknown>>> };
  return { consumer, stack, home, state, json };
}

const logging = (json: ReturnType<typeof app>["json"]) => Object.values(json.resource.aws_s3_bucket_logging ?? {});
const bucketSuppressions = (json: ReturnType<typeof app>["json"]) =>
  Object.values(json.resource.aws_s3_bucket).map(
    (b) => (b["//"] as Record<string, unknown> | undefined)?.[CONSTRUCT_SUPPRESSIONS_KEY],
  );
const accessLoggingFindings = (consumer: App, today: string) =>
  checkApp(consumer, { today }).report.findings.filter((f) => /ACCESS-LOGGING|SUPPRESSION/.test(f.ruleId));

describe("StateBucket access logging", () => {
  it("by default neither logs nor exempts: the gate reports the bucket like any unlogged bucket, at any date", () => {
    const { consumer, json } = app();
    expect(logging(json)).toEqual([]);
    expect(bucketSuppressions(json)).toEqual([undefined]);
    for (const today of ["2026-01-15", "2031-01-01"]) {
      expect(accessLoggingFindings(consumer, today).map((f) => [f.ruleId, f.address])).toEqual([
        ["DP-S3-ACCESS-LOGGING", expect.stringMatching(/^aws_s3_bucket\.state_bucket_/)],
      ]);
    }
  });

  it("writes access logs to the given bucket, under the bucket's name by default, and the gate is satisfied", () => {
    const { consumer, json, state } = app({ accessLogs: { bucket: "orders-access-logs" } });
    expect(logging(json)).toEqual([
      expect.objectContaining({
        bucket: expect.stringMatching(/^\$\{aws_s3_bucket\.state_bucket_\w+\.id\}$/),
        target_bucket: "orders-access-logs",
        target_prefix: `${NAME}/`,
      }),
    ]);
    expect(state.accessLogging).toBeDefined();
    expect(accessLoggingFindings(consumer, "2031-01-01")).toEqual([]);
    const prefixed = app({ accessLogs: { bucket: "orders-access-logs", prefix: "tfstate/" } });
    expect(logging(prefixed.json)[0]).toMatchObject({ target_prefix: "tfstate/" });
  });

  it("records the caller's exemption with its reason and expiry; only the caller's own date can expire it", () => {
    const { consumer, json, state } = app({ accessLoggingExemption: EXEMPTION });
    expect(logging(json)).toEqual([]);
    expect(state.accessLogging).toBeUndefined();
    expect(bucketSuppressions(json)).toEqual([[{ ruleId: "DP-S3-ACCESS-LOGGING", ...EXEMPTION }]]);
    const before = checkApp(consumer, { today: "2026-06-30" });
    expect(before.report.suppressed.map((f) => [f.ruleId, f.suppression.reason])).toEqual([
      ["DP-S3-ACCESS-LOGGING", EXEMPTION.reason],
    ]);
    expect(accessLoggingFindings(consumer, "2026-07-01").map((f) => f.ruleId)).toContain("POLICY-SUPPRESSION-EXPIRED");
    const forever = app({ accessLoggingExemption: { reason: EXEMPTION.reason } });
    expect(bucketSuppressions(forever.json)).toEqual([[{ ruleId: "DP-S3-ACCESS-LOGGING", reason: EXEMPTION.reason }]]);
    expect(accessLoggingFindings(forever.consumer, "2031-01-01")).toEqual([]);
  });

  it("gives the replica its own logs or exemption: the source's exemption does not carry over", () => {
    const replica = (extra: Partial<NonNullable<StateBucketProps["replica"]>>) => (stack: TerraformStack) => ({
      bucketName: `${NAME}-replica`,
      sourceRegion: "sa-east-1",
      provider: new AwsProvider(stack, "aws-dr", { region: "us-east-1", alias: "dr" }),
      roleName: "orders-tfstate-replication",
      ...extra,
    });
    const build = (extra: Partial<NonNullable<StateBucketProps["replica"]>>) => {
      const consumer = new App({ outdir: "/tmp/state-bucket-test-unused" });
      const stack = new TerraformStack(consumer, "orders-bootstrap");
      new AwsProvider(stack, "aws", { region: "sa-east-1" });
      new StateBucket(stack, "state", {
        bucketName: NAME,
        accountId: ACCOUNT,
        accessLoggingExemption: EXEMPTION,
        replica: replica(extra)(stack),
      });
      consumer.synth();
      return { consumer, json: stack.toTerraform() as ReturnType<typeof app>["json"] };
    };
    const bare = build({});
    expect(accessLoggingFindings(bare.consumer, "2026-01-15").map((f) => [f.ruleId, f.address])).toEqual([
      ["DP-S3-ACCESS-LOGGING", expect.stringMatching(/^aws_s3_bucket\.state_replica_bucket_/)],
    ]);
    const logged = build({ accessLogs: { bucket: "orders-access-logs-us-east-1" } });
    expect(logging(logged.json)).toEqual([
      expect.objectContaining({ target_bucket: "orders-access-logs-us-east-1", target_prefix: `${NAME}-replica/` }),
    ]);
    expect(accessLoggingFindings(logged.consumer, "2026-01-15")).toEqual([]);
  });

  it("fails on both logs and an exemption, a short reason, a bad date, an empty or self target", () => {
    const stack = () => new TerraformStack(new App({ outdir: "/tmp/state-bucket-test-unused" }), "s");
    expect(
      reported(
        () =>
          new StateBucket(stack(), "state", {
            bucketName: NAME,
            accountId: ACCOUNT,
            accessLogs: { bucket: NAME },
            accessLoggingExemption: { reason: "later", expires: "2026-02-30" },
          }),
      ),
    ).toEqual([
      ["accessLogs.bucket", NAME],
      ["accessLoggingExemption", { reason: "later", expires: "2026-02-30" }],
      ["accessLoggingExemption.reason", "later"],
      ["accessLoggingExemption.expires", "2026-02-30"],
    ]);
    expect(
      reported(() => {
        const s = stack();
        new StateBucket(s, "state", {
          bucketName: NAME,
          accountId: ACCOUNT,
          replica: {
            bucketName: `${NAME}-replica`,
            sourceRegion: "sa-east-1",
            provider: new AwsProvider(s, "aws-dr", { region: "us-east-1", alias: "dr" }),
            roleName: "r",
            accessLogs: { bucket: " " },
          },
        });
      }),
    ).toEqual([["replica.accessLogs.bucket", " "]]);
  });
});
