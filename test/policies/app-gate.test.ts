import { CloudwatchMetricAlarm } from "@cdktf/provider-aws/lib/cloudwatch-metric-alarm";
import { AwsProvider } from "@cdktf/provider-aws/lib/provider";
import { S3Bucket } from "@cdktf/provider-aws/lib/s3-bucket";
import { App, TerraformStack } from "cdktf";
import { type AppSuppression, checkApp } from "../../policies";

function appWithBareBucket(): App {
  const app = new App({ outdir: "/tmp/app-gate-test-unused" });
  const stack = new TerraformStack(app, "consumer-data");
  new AwsProvider(stack, "aws", { region: "sa-east-1" });
  new S3Bucket(stack, "bucket", { bucket: "consumer-bare-bucket" });
  return app;
}

describe("checkApp (the consumer gate)", () => {
  const today = "2026-01-15";

  it("finds errors in a consumer's stack and prints the gate's table with a verdict and a fix", () => {
    const gate = checkApp(appWithBareBucket(), { today });
    expect(gate.passed).toBe(false);
    expect(gate.report.stacks).toEqual(["consumer-data"]);
    expect(gate.report.errorCount).toBeGreaterThan(0);
    expect(gate.report.findings.every((f) => f.stack === "consumer-data")).toBe(true);
    expect(gate.text).toMatch(/policy gate failed: \d+ policy error\(s\)\. Fix: /);
    expect(gate.summary).toMatch(/^policy check: \d+ rules, \d+ errors, \d+ warning\(s\), 0 suppressed$/);
  });

  it("applies suppressions (reported) and passes when every error is covered", () => {
    const first = checkApp(appWithBareBucket(), { today });
    const suppressions = first.report.findings.map((f) => ({
      ruleId: f.ruleId,
      resource: f.address,
      reason: "accepted in this test: a bare bucket on purpose",
      stack: "consumer-data",
    }));
    const gate = checkApp(appWithBareBucket(), { today, suppressions });
    expect(gate.passed).toBe(true);
    expect(gate.report.suppressed.length).toBe(first.report.findings.length);
    expect(gate.report.suppressed[0]?.suppression.source).toBe("gate options");
  });

  it("fails on an expired suppression, as the repository's gate does", () => {
    const first = checkApp(appWithBareBucket(), { today });
    const suppressions = first.report.findings.map((f) => ({
      ruleId: f.ruleId,
      resource: f.address,
      reason: "accepted until the end of 2025 only",
      expires: "2025-12-31",
    }));
    const gate = checkApp(appWithBareBucket(), { today, suppressions });
    expect(gate.passed).toBe(false);
    expect(gate.report.findings.map((f) => f.ruleId)).toContain("POLICY-SUPPRESSION-EXPIRED");
  });

  it("reads the context per stack: a development tier relaxes tier-dependent rules", () => {
    const strict = checkApp(appWithBareBucket(), { today });
    const dev = checkApp(appWithBareBucket(), {
      today,
      context: (name) => ({ tier: "development", environment: name }),
    });
    expect(dev.report.errorCount + dev.report.warningCount).toBeLessThanOrEqual(
      strict.report.errorCount + strict.report.warningCount,
    );
  });

  it("reports an alarm once, naming context.project, when the context has an environment but no project", () => {
    const app = new App({ outdir: "/tmp/app-gate-test-alarm" });
    const stack = new TerraformStack(app, "orders-production");
    new AwsProvider(stack, "aws", { region: "sa-east-1" });
    const topic = "arn:aws:sns:sa-east-1:123456789012:orders-production-alarms-critical";
    new CloudwatchMetricAlarm(stack, "cpu", {
      alarmName: "orders-cpu",
      comparisonOperator: "GreaterThanThreshold",
      evaluationPeriods: 5,
      alarmActions: [topic],
      okActions: [topic],
    });
    const context = { environment: "production", tier: "production", personalDataRegions: ["sa-east-1"] } as const;
    const gate = checkApp(app, { today, context });
    const topics = gate.report.findings.filter((f) => f.ruleId === "MON-ALARM-ACTION-TOPIC");
    expect(topics).toHaveLength(1);
    expect(topics[0].message).toMatch(/^the stack's context\.project is not set, so the topics of its actions/);
  });

  describe("suppressions a consumer gets wrong", () => {
    const unusedOf = (gate: ReturnType<typeof checkApp>) =>
      gate.report.findings.filter((f) => f.ruleId === "POLICY-SUPPRESSION-UNUSED");
    const ruleId = "SEC-S3-ENCRYPTION";
    const reason = "accepted in this test: a bare bucket on purpose";

    it("warns about a suppression whose stack is not a stack of the app, suggesting the close one", () => {
      const gate = checkApp(appWithBareBucket(), {
        today,
        suppressions: [{ ruleId, resource: "aws_s3_bucket.bucket", reason, stack: "consumer-dta" }],
      });
      const [unused] = unusedOf(gate);
      expect(unusedOf(gate)).toHaveLength(1);
      expect(unused).toMatchObject({ severity: "warning", stack: "gate options", address: "aws_s3_bucket.bucket" });
      expect(unused.message).toBe(
        `suppression of ${ruleId} from gate options: stack "consumer-dta" is not a stack of the app, did you mean ` +
          '"consumer-data"? (its stacks: consumer-data), so it matches nothing',
      );
      expect(gate.report.findings.map((f) => f.ruleId)).toContain(ruleId);
      expect(gate.text).toContain('stack "consumer-dta" is not a stack of the app');
    });

    it("lists the app's stacks without a guess when no name is close", () => {
      const gate = checkApp(appWithBareBucket(), {
        today,
        suppressions: [{ ruleId, resource: "aws_s3_bucket.bucket", reason, stack: "orders-prod" }],
      });
      expect(unusedOf(gate).map((f) => f.message)).toEqual([
        `suppression of ${ruleId} from gate options: stack "orders-prod" is not a stack of the app ` +
          "(its stacks: consumer-data), so it matches nothing",
      ]);
    });

    it("still uses a suppression scoped to a stack the app has", () => {
      const gate = checkApp(appWithBareBucket(), {
        today,
        suppressions: [{ ruleId, resource: "aws_s3_bucket.bucket", reason, stack: "consumer-data" }],
      });
      expect(unusedOf(gate)).toEqual([]);
      expect(gate.report.suppressed.map((f) => f.ruleId)).toEqual([ruleId]);
    });

    it("says a missing reason is required rather than shorter than 10 characters", () => {
      // A JavaScript caller can leave out what the type requires.
      const noReason = { ruleId, resource: "aws_s3_bucket.bucket" } as unknown as AppSuppression;
      const gate = checkApp(appWithBareBucket(), { today, suppressions: [noReason] });
      const invalid = gate.report.findings.filter((f) => f.ruleId === "POLICY-SUPPRESSION-INVALID");
      expect(invalid.map((f) => f.message)).toEqual([
        `suppression of ${ruleId} from gate options: reason is required (say why the finding is acceptable)`,
      ]);
    });

    it("reports a suppression with no rule id and no resource instead of crashing", () => {
      const empty = { reason } as unknown as AppSuppression;
      const gate = checkApp(appWithBareBucket(), { today, suppressions: [empty] });
      const [invalid] = gate.report.findings.filter((f) => f.ruleId === "POLICY-SUPPRESSION-INVALID");
      expect(invalid.address).toBe("(no resource)");
      expect(invalid.message).toMatch(
        /^suppression of \(no ruleId\) from gate options: ruleId is required .*; resource is required/,
      );
    });
  });
});
