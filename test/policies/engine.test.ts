import { CONSTRUCT_SUPPRESSIONS_KEY } from "../../contracts/suppressions";
import { evaluate, type StackInput } from "../../policies/engine";
import { ALL_PACKS } from "../../policies/packs/all";
import { DATA_PROTECTION_PACK } from "../../policies/packs/data-protection";
import { SECURITY_PACK } from "../../policies/packs/security";
import type { ScopedSuppression } from "../../policies/suppressions";
import { PROD, tfStack } from "./helpers";

const TODAY = "2026-11-23";
/** Ids of the engine's own findings about suppressions, as reports show them. */
const SUPPRESSION_RULES = {
  invalid: "POLICY-SUPPRESSION-INVALID",
  expired: "POLICY-SUPPRESSION-EXPIRED",
  unused: "POLICY-SUPPRESSION-UNUSED",
};
/** A KMS key without rotation (SEC-KMS-ROTATION, error) and without prevent_destroy (DP-PREVENT-DESTROY, error). */
const weakKey = (meta?: unknown): StackInput => ({
  name: "production-sa-east-1-data",
  json: tfStack([
    [
      "aws_kms_key",
      "data_key_ABC123",
      { description: "x", policy: JSON.stringify({ Statement: [] }), ...(meta ? { "//": meta } : {}) },
    ],
  ]),
  context: PROD,
});
const suppression = (over: Partial<ScopedSuppression> = {}): ScopedSuppression => ({
  ruleId: "SEC-KMS-ROTATION",
  resource: "aws_kms_key.data_key_ABC123",
  reason: "Key is imported material rotated by the HSM team",
  source: "config production",
  stacks: ["production-sa-east-1-data"],
  ...over,
});
const ids = (report: ReturnType<typeof evaluate>) => report.findings.map((f) => f.ruleId);

describe("evaluate", () => {
  it("reports each violation with the pack's explanation and ids, errors first", () => {
    const report = evaluate([weakKey()], { packs: [SECURITY_PACK, DATA_PROTECTION_PACK], today: TODAY });
    expect(ids(report)).toEqual(["DP-PREVENT-DESTROY", "SEC-KMS-ROTATION"]);
    const rotation = report.findings.find((f) => f.ruleId === "SEC-KMS-ROTATION");
    expect(rotation).toMatchObject({
      severity: "error",
      stack: "production-sa-east-1-data",
      address: "aws_kms_key.data_key_ABC123",
      checkov: ["CKV_AWS_7"],
      cdkNag: ["AwsSolutions-KMS5"],
    });
    expect(rotation?.why.length).toBeGreaterThan(20);
    expect(rotation?.fix).toContain("enable_key_rotation");
    expect(report.errorCount).toBe(2);
    expect(report.date).toBe(TODAY);
  });

  it("every rule id is unique across packs, and there are at least 40 rules", () => {
    const all = ALL_PACKS.flatMap((p) => p.rules.map((r) => r.id));
    expect(new Set(all).size).toBe(all.length);
    expect(all.length).toBeGreaterThanOrEqual(40);
    for (const rule of ALL_PACKS.flatMap((p) => p.rules)) {
      expect(rule.why.length).toBeGreaterThan(20);
      expect(rule.fix.length).toBeGreaterThan(10);
      expect(rule.id).toMatch(/^[A-Z]+(-[A-Z0-9]+)+$/);
    }
  });

  it("a config suppression by address hides the finding and reports it with its reason", () => {
    const report = evaluate([weakKey()], { packs: [SECURITY_PACK], suppressions: [suppression()], today: TODAY });
    expect(report.findings).toEqual([]);
    expect(report.suppressed).toEqual([
      expect.objectContaining({
        ruleId: "SEC-KMS-ROTATION",
        suppression: { reason: "Key is imported material rotated by the HSM team", source: "config production" },
      }),
    ]);
  });

  it("matches a logical id prefix, but not in other stacks or for other rules", () => {
    const prefix = evaluate([weakKey()], {
      packs: [SECURITY_PACK],
      suppressions: [suppression({ resource: "data_key_" })],
      today: TODAY,
    });
    expect(prefix.findings).toEqual([]);
    const otherStack = evaluate([weakKey()], {
      packs: [SECURITY_PACK],
      suppressions: [suppression({ stacks: ["dev-sa-east-1-data"] })],
      today: TODAY,
    });
    // The suppression's stack was not checked in this run, so it is not reported stale.
    expect(ids(otherStack)).toEqual(["SEC-KMS-ROTATION"]);
    const otherRule = evaluate([weakKey()], {
      packs: [SECURITY_PACK, DATA_PROTECTION_PACK],
      suppressions: [suppression()],
      today: TODAY,
    });
    expect(ids(otherRule)).toEqual(["DP-PREVENT-DESTROY"]);
  });

  it("an expired suppression stops applying and is an error; one expiring today still applies", () => {
    const expired = evaluate([weakKey()], {
      packs: [SECURITY_PACK],
      suppressions: [suppression({ expires: "2026-11-22" })],
      today: TODAY,
    });
    expect(ids(expired).sort()).toEqual([SUPPRESSION_RULES.expired, "SEC-KMS-ROTATION"].sort());
    expect(expired.findings.find((f) => f.ruleId === SUPPRESSION_RULES.expired)?.message).toContain(
      "expired on 2026-11-22",
    );
    const lastDay = evaluate([weakKey()], {
      packs: [SECURITY_PACK],
      suppressions: [suppression({ expires: TODAY })],
      today: TODAY,
    });
    expect(lastDay.findings).toEqual([]);
  });

  it("rejects a suppression with a short reason, an unknown rule or a bad date", () => {
    for (const bad of [
      suppression({ reason: "ok" }),
      suppression({ ruleId: "SEC-NOPE" }),
      suppression({ expires: "next week" }),
    ]) {
      const report = evaluate([weakKey()], { packs: [SECURITY_PACK], suppressions: [bad], today: TODAY });
      expect(ids(report).sort()).toEqual([SUPPRESSION_RULES.invalid, "SEC-KMS-ROTATION"].sort());
      expect(report.errorCount).toBe(2);
    }
  });

  it("reads construct-level suppressions from the resource's // metadata", () => {
    const meta = {
      metadata: { path: "production-sa-east-1-data/data/key" },
      [CONSTRUCT_SUPPRESSIONS_KEY]: [{ ruleId: "SEC-KMS-ROTATION", reason: "Rotated by the HSM team every 90 days" }],
    };
    const report = evaluate([weakKey(meta)], { packs: [SECURITY_PACK], today: TODAY });
    expect(report.findings).toEqual([]);
    expect(report.suppressed[0].suppression.source).toBe("construct production-sa-east-1-data/data/key");
  });

  it("a construct-level suppression without a real reason is an error", () => {
    const meta = { [CONSTRUCT_SUPPRESSIONS_KEY]: [{ ruleId: "SEC-KMS-ROTATION", reason: "meh" }] };
    expect(ids(evaluate([weakKey(meta)], { packs: [SECURITY_PACK], today: TODAY })).sort()).toEqual(
      [SUPPRESSION_RULES.invalid, "SEC-KMS-ROTATION"].sort(),
    );
  });

  it("an unused suppression is a warning, not an error", () => {
    const clean: StackInput = { name: "production-sa-east-1-data", json: tfStack([]), context: PROD };
    const report = evaluate([clean], { packs: [SECURITY_PACK], suppressions: [suppression()], today: TODAY });
    expect(report.findings).toEqual([
      expect.objectContaining({ ruleId: SUPPRESSION_RULES.unused, severity: "warning" }),
    ]);
    expect(report.errorCount).toBe(0);
  });

  it("a suppression scoped to a stack counts as unused only when that stack was checked", () => {
    const clean: StackInput = { name: "production-sa-east-1-data", json: tfStack([]), context: PROD };
    const scoped = (stacks: string[]) =>
      evaluate([clean], { packs: [SECURITY_PACK], suppressions: [suppression({ stacks })], today: TODAY }).findings.map(
        (f) => f.ruleId,
      );
    expect(scoped(["production-sa-east-1-data"])).toEqual([SUPPRESSION_RULES.unused]);
    expect(scoped(["production-eu-west-1-cluster"])).toEqual([]);
  });

  it("tolerates malformed JSON shapes without throwing", () => {
    const report = evaluate(
      [
        { name: "odd", json: { resource: { aws_s3_bucket: "nope" }, provider: { aws: { region: "sa-east-1" } } } },
        { name: "null", json: null },
      ],
      { packs: ALL_PACKS, today: TODAY },
    );
    expect(report.stacks).toEqual(["odd", "null"]);
  });
});
