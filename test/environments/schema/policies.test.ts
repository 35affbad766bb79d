import { loadEnvironment, parseEnvironment } from "../../../environments";
import { belongsToEnvironment } from "../../../naming/derived";
import { cloneInput, problemsOf } from "../../helpers";

const suppression = {
  ruleId: "DP-S3-ACCESS-LOGGING",
  resource: "aws_s3_bucket.reports",
  reason: "reports bucket logs to CloudTrail data events",
};

describe("policies config", () => {
  it("defaults to no suppressions", () => {
    const { policies: _shipped, ...input } = cloneInput("dev");
    expect(parseEnvironment(input).policies).toEqual({ suppressions: [] });
  });

  it("shipped suppressions each name a stack of their environment and give a reason", () => {
    const production = loadEnvironment("production");
    for (const s of production.policies.suppressions) {
      expect(belongsToEnvironment(production, s.stack ?? "")).toBe(true);
      expect(s.reason.length).toBeGreaterThan(40);
    }
  });

  it("accepts a suppression with a reason and an ISO expiry", () => {
    const input = { ...cloneInput("dev"), policies: { suppressions: [{ ...suppression, expires: "2027-01-31" }] } };
    expect(problemsOf(input)).toEqual([]);
  });

  it.each([
    ["a short reason", { ...suppression, reason: "ok" }, "policies.suppressions.0.reason"],
    ["a malformed rule id", { ...suppression, ruleId: "s3 logging" }, "policies.suppressions.0.ruleId"],
    ["a non-date expiry", { ...suppression, expires: "31/01/2027" }, "policies.suppressions.0.expires"],
    ["an empty resource", { ...suppression, resource: "" }, "policies.suppressions.0.resource"],
    ["a typo'd key", { ...suppression, reasn: "x" }, "policies.suppressions.0.reasn"],
    [
      "a stack of another environment",
      { ...suppression, stack: "production-sa-east-1-data" },
      "policies.suppressions.0.stack",
    ],
    ["a misspelled layer", { ...suppression, stack: "dev-sa-east-1-dta" }, "policies.suppressions.0.stack"],
    ["a region it does not have", { ...suppression, stack: "dev-us-east-1-data" }, "policies.suppressions.0.stack"],
  ])("rejects %s with its path", (_name, bad, path) => {
    const problems = problemsOf({ ...cloneInput("dev"), policies: { suppressions: [bad] } });
    expect(problems.map((p) => p.path)).toContain(path);
    expect(problems.every((p) => p.message.length > 10)).toBe(true);
  });
});
