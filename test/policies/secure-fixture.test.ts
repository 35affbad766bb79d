import { mkdtempSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { readSynthOutput } from "../../cli/synth-output";
import { loadEnvironment } from "../../environments";
import { checkStacks } from "../../policies/gate";
import { buildApp } from "../../stacks/app";
import { SECURE_STACKS, synthSecureApp } from "./fixtures/secure-app";

const work = mkdtempSync(join(tmpdir(), "policy-secure-"));
afterAll(() => rmSync(work, { recursive: true, force: true }));

describe("secure stacks of the incoming layers (real provider classes)", () => {
  const production = loadEnvironment("production");

  it("pass every pack with no finding next to the shipped production stacks", () => {
    synthSecureApp(join(work, "secure"));
    buildApp([production], { mode: "offline", outdir: join(work, "shipped") }).app.synth();
    const stacks = [...readSynthOutput(join(work, "secure")), ...readSynthOutput(join(work, "shipped"))];
    const report = checkStacks(stacks, [production], "2026-11-23");
    expect(report.stacks).toEqual(expect.arrayContaining(SECURE_STACKS));
    expect(report.findings).toEqual([]);
  });

  it("the same data stack in dev fails residency for its us-east-1 copy (dev allows sa-east-1 only)", () => {
    const data = readSynthOutput(join(work, "secure")).find((s) => s.name === "production-sa-east-1-data");
    const dev = loadEnvironment("dev");
    const report = checkStacks([{ name: "dev-sa-east-1-data", json: data?.json }], [dev], "2026-11-23");
    const residency = report.findings.filter((f) => f.ruleId === "RES-PERSONAL-DATA-REGION").map((f) => f.address);
    expect(residency).toEqual(["aws_s3_bucket.uploads-dr"]);
  });
});
