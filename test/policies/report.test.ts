import { evaluate } from "../../policies/engine";
import { SECURITY_PACK } from "../../policies/packs/security";
import { formatJson, formatMarkdown, formatTable } from "../../policies/report";
import { PROD, tfStack } from "./helpers";

const KEY_POLICY = JSON.stringify({ Statement: [] });
const stacks = [
  {
    name: "production-sa-east-1-data",
    json: tfStack([
      ["aws_kms_key", "a", { policy: KEY_POLICY }],
      ["aws_kms_key", "b", { description: "has | pipe", policy: KEY_POLICY }],
    ]),
    context: PROD,
  },
];
const report = evaluate(stacks, {
  packs: [SECURITY_PACK],
  today: "2026-11-23",
  suppressions: [
    {
      ruleId: "SEC-KMS-ROTATION",
      resource: "aws_kms_key.b",
      reason: "rotation | handled by the HSM team",
      expires: "2027-01-01",
      source: "config production",
    },
  ],
});

describe("report rendering", () => {
  it("the table lists level, rule, stack, resource, the problem and the fix, then suppressions", () => {
    const table = formatTable(report);
    expect(table).toMatch(
      /^policy check \(2026-11-23\): \d+ rules over 1 stacks: 1 error\(s\), 0 warning\(s\), 1 suppressed/,
    );
    expect(table).toMatch(/ERROR\s+SEC-KMS-ROTATION\s+production-sa-east-1-data\s+aws_kms_key\.a/);
    expect(table).toContain("fix: Set enable_key_rotation = true");
    expect(table).toContain("reason: rotation | handled by the HSM team (config production, expires 2027-01-01)");
  });

  it("Markdown escapes pipes and carries Checkov and cdk-nag ids", () => {
    const md = formatMarkdown(report);
    expect(md).toContain("| error | SEC-KMS-ROTATION | production-sa-east-1-data | `aws_kms_key.a` |");
    expect(md).toContain("CKV_AWS_7, AwsSolutions-KMS5");
    expect(md).toContain("rotation \\| handled by the HSM team");
  });

  it("JSON round-trips the report", () => {
    expect(JSON.parse(formatJson(report))).toEqual(JSON.parse(JSON.stringify(report)));
  });

  it("a clean report says so", () => {
    const clean = evaluate([{ name: "s", json: tfStack([]) }], { packs: [SECURITY_PACK], today: "2026-11-23" });
    expect(formatMarkdown(clean)).toContain("No unsuppressed findings.");
    expect(formatTable(clean).split("\n")).toHaveLength(1);
  });
});
