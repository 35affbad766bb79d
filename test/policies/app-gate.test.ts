import { AwsProvider } from "@cdktf/provider-aws/lib/provider";
import { S3Bucket } from "@cdktf/provider-aws/lib/s3-bucket";
import { App, TerraformStack } from "cdktf";
import { checkApp } from "../../policies";

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
});
