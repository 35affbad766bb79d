import { loadEnvironment } from "../../environments";
import type { Finding, PolicyReport } from "../../policies/engine";
import { checkStacks, gateReport, gateSummary } from "../../policies/gate";
import { tfStack } from "./helpers";

const TODAY = "2026-11-23";
const production = loadEnvironment("production");
const staging = loadEnvironment("staging");
const key = (values: Record<string, unknown>) => tfStack([["aws_kms_key", "data_key_ABC123", values]]);

describe("checkStacks", () => {
  it("runs every pack over the stacks, placed in their environment", () => {
    const report = checkStacks([{ name: "production-sa-east-1-data", json: key({}) }], [production], TODAY);
    expect(report.rules.length).toBeGreaterThanOrEqual(60);
    const ids = report.findings.map((f) => f.ruleId);
    expect(ids).toEqual(expect.arrayContaining(["SEC-KMS-ROTATION", "DP-PREVENT-DESTROY"]));
    expect(report.date).toBe(TODAY);
  });

  it("applies the environment's config suppressions to its stacks only", () => {
    const reason = "rotated by the HSM team each quarter";
    const suppressions = [{ ruleId: "SEC-KMS-ROTATION", resource: "aws_kms_key.", reason }];
    const stacks = [
      { name: "production-sa-east-1-data", json: key({ lifecycle: { prevent_destroy: true } }) },
      { name: "staging-sa-east-1-data", json: key({ lifecycle: { prevent_destroy: true } }) },
    ];
    // Only the suppressions under test: the shipped ones would be reported unused here.
    const report = checkStacks(stacks, [{ ...production, policies: { suppressions } }, staging], TODAY);
    const rotation = (findings: readonly Finding[]) => findings.filter((f) => f.ruleId === "SEC-KMS-ROTATION");
    expect(rotation(report.suppressed).map((f) => f.stack)).toEqual(["production-sa-east-1-data"]);
    expect(rotation(report.findings).map((f) => f.stack)).toEqual(["staging-sa-east-1-data"]);
  });
});

describe("gate output", () => {
  const clean: PolicyReport = {
    date: TODAY,
    stacks: ["s"],
    rules: ["A", "B"],
    findings: [],
    suppressed: [],
    errorCount: 0,
    warningCount: 0,
  };
  const finding = (severity: Finding["severity"]): Finding => ({
    ruleId: "A",
    severity,
    stack: "s",
    address: "aws_kms_key.k",
    title: "Keys rotate",
    message: "rotation is off",
    why: "old key material",
    fix: "turn it on",
    checkov: [],
    cdkNag: [],
    trivy: [],
    kubeLinter: [],
  });
  const failing = { ...clean, findings: [finding("error")], errorCount: 1 };
  const warned = { ...clean, findings: [finding("warning")], warningCount: 1 };

  it("a failing report prints the table and says the output folder was not written, with the fix", () => {
    const text = gateReport(failing, "cdktf.out") ?? "";
    expect(text).toContain("rotation is off");
    expect(text).toMatch(/\n\nsynth failed: 1 policy error\(s\); cdktf.out was not written\. Fix the resources above/);
    expect(text).toContain("suppressPolicy on the construct");
  });

  it("a clean report prints nothing and sums up in one line", () => {
    expect(gateReport(clean, "cdktf.out")).toBeUndefined();
    expect(gateSummary(clean)).toBe("policy check: 2 rules, 0 errors, 0 warning(s), 0 suppressed");
    expect(gateSummary(warned)).toBe("policy check: 2 rules, 0 errors, 1 warning(s), 0 suppressed");
  });

  it("a report with warnings only prints the table, with no verdict", () => {
    expect(gateReport(warned, "out")).toMatch(/^policy check \(2026-11-23\).*\n[\s\S]*rotation is off/);
    expect(gateReport(warned, "out")).not.toContain("synth failed");
  });
});
