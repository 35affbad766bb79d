/**
 * Policies over real offline plans (`terraform show -json`): every AWS-only stack of dev
 * is planned and the packs run on the plans, with the synthesized cdk.tf.json carried
 * over for lifecycle and construct suppressions. Needs terraform and the provider mirror.
 */
import { join } from "node:path";
import { readSynthOutput } from "../../cli/synth-output";
import { loadEnvironment } from "../../environments";
import { checkStacks } from "../../policies/gate";
import { readPlan } from "../../scripts/lib/policy-input";
import { runStacks } from "../../scripts/lib/runner";
import { quiet, synthesizeOffline } from "./offline-synth";

const { outdir, workDir, stacks } = synthesizeOffline("policy-plans", ["dev"], (s) => s.awsOnly);

describe("policies over offline plans", () => {
  it("dev's plans pass every pack, with the state bucket suppression carried over", async () => {
    const outcomes = await runStacks(stacks, "plan", 2, true, quiet, workDir);
    expect(outcomes.filter((o) => o.status !== "ok")).toEqual([]);
    const planned = stacks.map((s) => readPlan(join(s.dir, "plan.json")));
    // Every AWS-only stack (the platform stack needs kubernetes/helm binaries: synth-level only).
    expect(planned.map((p) => p.name).sort()).toEqual(
      readSynthOutput(outdir)
        .map((s) => s.name)
        .filter((n) => !n.endsWith("-platform"))
        .sort(),
    );
    const report = checkStacks(planned, [loadEnvironment("dev")], "2026-11-23");
    expect(report.findings.filter((f) => f.severity === "error")).toEqual([]);
    const suppressed = new Set(report.suppressed.map((f) => `${f.ruleId} ${f.stack}`));
    expect(suppressed).toContain("DP-S3-ACCESS-LOGGING bootstrap-plataforma-dev");
    expect(suppressed).toContain("DP-S3-VERSIONING dev-sa-east-1-data");
    for (const f of report.suppressed) expect(f.suppression.reason.length).toBeGreaterThanOrEqual(10);
  }, 600_000);
});
