import { App, TerraformStack } from "cdktf";
import { Construct } from "constructs";
import { suppressPolicy } from "../../constructs/policy/suppress-policy";
import {
  expiresProblem,
  isExpired,
  isIsoDate,
  reasonProblem,
  ruleIdProblem,
  suppressionProblems,
} from "../../contracts/suppressions";
import { validateSuppression } from "../../policies/suppressions";
import { cloneInput, problemsOf } from "../helpers";

const valid = { ruleId: "DP-S3-ACCESS-LOGGING", reason: "logs go to the central archive" };

describe("the suppression date rule", () => {
  it.each(["2026-03-31", "2028-02-29", "2000-02-29", "2026-12-01"])("accepts the calendar date %s", (date) => {
    expect(isIsoDate(date)).toBe(true);
  });

  it.each([
    "2026-02-29",
    "1900-02-29",
    "2026-02-30",
    "2026-04-31",
    "2026-13-01",
    "2026-00-10",
    "2026-3-1",
    "2026-03-31T00:00:00Z",
    "31/03/2026",
    "next week",
    "",
  ])("rejects %j", (date) => {
    expect(isIsoDate(date)).toBe(false);
  });

  it("a suppression applies through its expiry day and expires the day after", () => {
    expect(isExpired("2026-11-23", "2026-11-23")).toBe(false);
    expect(isExpired("2026-11-22", "2026-11-23")).toBe(true);
    expect(isExpired("2027-01-01", "2026-12-31")).toBe(false);
    expect(isExpired(undefined, "2026-11-23")).toBe(false);
  });
});

describe("suppression field problems", () => {
  it("a valid suppression has none", () => {
    expect(suppressionProblems(valid)).toEqual([]);
    expect(suppressionProblems({ ...valid, expires: "2027-06-30" })).toEqual([]);
  });

  it("names each bad field with the value received", () => {
    expect(suppressionProblems({ ruleId: "dp logging", reason: "ok", expires: "soon" })).toEqual([
      'ruleId "dp logging" is not a rule id such as "DP-S3-ACCESS-LOGGING"',
      'reason "ok" is shorter than 10 characters (say why the finding is acceptable)',
      'expires "soon" is not an ISO date such as "2026-03-31"',
    ]);
  });

  it("checks the rule id against the known rules when given them, else its shape", () => {
    const known = new Set(["SEC-KMS-ROTATION"]);
    expect(ruleIdProblem("SEC-KMS-ROTATION", known)).toBeUndefined();
    expect(ruleIdProblem("SEC-NOPE", known)).toBe('rule id "SEC-NOPE" is not a known rule');
    expect(ruleIdProblem("SEC-NOPE")).toBeUndefined();
  });

  it("says a missing reason or rule id is required, not too short or unknown", () => {
    for (const missing of [undefined, null, "", "   "]) {
      expect(reasonProblem(missing)).toBe("reason is required (say why the finding is acceptable)");
      expect(ruleIdProblem(missing, new Set(["SEC-KMS-ROTATION"]))).toMatch(/^ruleId is required \(/);
      expect(ruleIdProblem(missing)).toMatch(/^ruleId is required \(/);
    }
  });

  it("treats a reason of blanks and values of the wrong type as problems", () => {
    expect(reasonProblem("          x")).toMatch(/shorter than 10/);
    expect(reasonProblem(42)).toBe("reason 42 is not text (say why the finding is acceptable)");
    expect(expiresProblem(20270101)).toMatch(/expires 20270101/);
    expect(expiresProblem(undefined)).toBeUndefined();
  });
});

describe("config, constructs and the engine share the date rule", () => {
  const impossible = "2027-02-30";

  it("the schema rejects an impossible date", () => {
    const suppressions = [{ ...valid, resource: "x", expires: impossible }];
    expect(problemsOf({ ...cloneInput("dev"), policies: { suppressions } })).toEqual([
      expect.objectContaining({ path: "policies.suppressions.0.expires", message: expect.stringMatching(impossible) }),
    ]);
  });

  it("suppressPolicy rejects it, naming the construct", () => {
    const scope = new Construct(new TerraformStack(new App(), "s"), "bucket");
    expect(() => suppressPolicy(scope, { ...valid, expires: impossible })).toThrow(/s\/bucket: .*expires "2027-02-30"/);
  });

  it("the engine rejects it", () => {
    const known = new Set([valid.ruleId]);
    expect(validateSuppression({ ...valid, resource: "x", expires: impossible }, known)).toContain(impossible);
    expect(validateSuppression({ ...valid, resource: "x", expires: "2027-02-28" }, known)).toBeUndefined();
  });
});
