import { spawnSync } from "node:child_process";
import { existsSync, mkdtempSync, readFileSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import { join, resolve } from "node:path";
import { readSynthOutput } from "../../cli/synth-output";
import { ENVIRONMENT_NAMES, loadEnvironment } from "../../environments";
import { checkStacks } from "../../policies/gate";
import { buildApp } from "../../stacks/app";
import { EXPECTED_RULES, INSECURE_STACK, synthInsecureApp } from "./fixtures/insecure-app";

const root = resolve(__dirname, "../..");
const work = mkdtempSync(join(tmpdir(), "policy-fixture-"));
const insecureOut = join(work, "insecure");
const cleanOut = join(work, "clean");
const envs = ENVIRONMENT_NAMES.map(loadEnvironment);

beforeAll(() => {
  synthInsecureApp(insecureOut);
  buildApp([loadEnvironment("dev")], { mode: "offline", outdir: cleanOut }).app.synth();
});
afterAll(() => rmSync(work, { recursive: true, force: true }));

/** Runs the policy CLI as a user would (transpile-only runner). */
function cli(args: string[]): { status: number | null; stdout: string; stderr: string } {
  const result = spawnSync(process.execPath, ["--import", "tsx", "scripts/policy.ts", ...args], {
    cwd: root,
    encoding: "utf8",
    env: { ...process.env, POLICY_TODAY: "2026-11-23" },
  });
  return { status: result.status, stdout: result.stdout, stderr: result.stderr };
}

describe("insecure fixture stack (real provider classes, synthesized to disk)", () => {
  it("is caught with the expected rule ids, all at error severity", () => {
    const report = checkStacks(readSynthOutput(insecureOut), envs, "2026-11-23");
    const found = new Set(report.findings.filter((f) => f.severity === "error").map((f) => f.ruleId));
    for (const id of EXPECTED_RULES) expect([id, found.has(id)]).toEqual([id, true]);
    expect(report.findings.every((f) => f.stack === INSECURE_STACK)).toBe(true);
    const residency = report.findings.find((f) => f.ruleId === "RES-PERSONAL-DATA-REGION");
    expect(residency?.message).toContain("eu-west-1");
  });

  it("the CLI prints the table, writes JSON and Markdown reports, and exits 1", () => {
    const reports = join(work, "reports-insecure");
    const result = cli(["--outdir", insecureOut, "--out", reports]);
    expect(result.status).toBe(1);
    expect(result.stdout).toContain("SEC-S3-PUBLIC-ACL");
    const json = JSON.parse(readFileSync(join(reports, "policy-report.json"), "utf8")) as {
      errorCount: number;
      date: string;
    };
    expect(json.errorCount).toBeGreaterThanOrEqual(EXPECTED_RULES.length);
    expect(json.date).toBe("2026-11-23");
    expect(readFileSync(join(reports, "policy-report.md"), "utf8")).toContain("| error | CF-RECORD-PROXIED |");
  });

  it("the CLI exits 0 on a clean synth output and 2 on a usage error", () => {
    const clean = cli(["--outdir", cleanOut, "--env", "dev", "--out", join(work, "reports-clean")]);
    expect([clean.status, clean.stderr]).toEqual([0, ""]);
    expect(clean.stdout).toContain("0 error(s)");
    const usage = cli(["--bogus"]);
    expect(usage.status).toBe(2);
    expect(usage.stderr).toContain("unknown option");
    expect(existsSync(join(work, "reports-bogus"))).toBe(false);
  });
});

describe("CLI over a plan", () => {
  it("replaces the stack's synth output with its plan and narrows the report to --stack", () => {
    const plan = join(__dirname, "fixtures", "bootstrap-plataforma-dev", "plan.json");
    const result = cli([
      "--outdir",
      cleanOut,
      "--env",
      "dev",
      "--plan",
      plan,
      "--stack",
      "bootstrap-plataforma-dev",
      "--out",
      join(work, "reports-plan"),
    ]);
    expect([result.status, result.stderr]).toEqual([0, ""]);
    expect(result.stdout).toMatch(/rules over 1 stacks: 0 error\(s\), 0 warning\(s\), 1 suppressed/);
  });
});

describe("shipped environments", () => {
  it("pass every pack with zero error findings; each suppression carries a reason", () => {
    const out = join(work, "all");
    buildApp(envs, { mode: "offline", outdir: out }).app.synth();
    const report = checkStacks(readSynthOutput(out), envs, "2026-11-23");
    expect(report.findings.filter((f) => f.severity === "error")).toEqual([]);
    expect(report.stacks.length).toBe(readSynthOutput(out).length);
    expect(report.stacks.length).toBeGreaterThanOrEqual(30);
    for (const s of report.suppressed) expect(s.suppression.reason.length).toBeGreaterThanOrEqual(10);
  });
});
