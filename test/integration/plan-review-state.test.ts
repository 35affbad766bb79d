/**
 * The offline plan review's state is faithful: every AWS-only stack of every shipped
 * environment, planned from an empty state, turned into a state file with stand-ins, and
 * planned again against that state with `-refresh=false`, shows no changes (no attribute
 * looks updated, no resource looks replaced). Without consistent stand-ins every dependent
 * resource would show up. The whole estate is covered, so a new resource type (alarms,
 * Karpenter queues, backup vaults, FIS templates, DNSSEC keys...) whose stand-ins the
 * provider refuses or that plans a spurious diff fails here.
 */
import { cpSync, mkdtempSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { ENVIRONMENT_NAMES, loadEnvironment } from "../../environments";
import { belongsToEnvironment } from "../../naming/derived";
import { upstreamReads } from "../../scripts/lib/review/changes";
import { actionOf } from "../../scripts/lib/review/plan-json";
import { planAffected } from "../../scripts/lib/review/plan-stacks";
import { defaultConcurrency } from "../../scripts/lib/scheduler";
import { findProviderMirror, listStacks, writeCliConfig } from "../../scripts/lib/terraform";
import { synthesizeOffline } from "./offline-synth";

const synth = synthesizeOffline("review-state", ENVIRONMENT_NAMES, (s) => s.awsOnly);

describe("plan review state from the base plan", () => {
  it.each(ENVIRONMENT_NAMES)(
    "plans no change for the same configuration, on every AWS-only stack of %s",
    async (name) => {
      const env = loadEnvironment(name);
      const mine = synth.stacks.filter((s) => belongsToEnvironment(env, s.name)).map((s) => s.name);
      expect(mine.length).toBeGreaterThan(3);
      // Base and head are copies of one synth, each in its own root: the offline backend
      // keeps state in <root>/terraform-state, so neither touches anyone else's state.
      const root = mkdtempSync(join(tmpdir(), `plataforma-review-state-${name}-`));
      const [baseRoot, headRoot] = [join(root, "base"), join(root, "head")];
      try {
        cpSync(synth.outdir, join(baseRoot, "cdktf.out"), { recursive: true });
        cpSync(synth.outdir, join(headRoot, "cdktf.out"), { recursive: true });
        const read = (outdir: string) => listStacks(outdir).filter((s) => mine.includes(s.name));
        const base = read(join(baseRoot, "cdktf.out"));
        const head = read(join(headRoot, "cdktf.out"));
        const mirror = findProviderMirror();
        if (!mirror) throw new Error("no provider mirror: the integration suite needs hashicorp/aws offline");
        const outcome = await planAffected({
          base: new Map(base.map((s) => [s.name, s])),
          head: new Map(head.map((s) => [s.name, s])),
          // Mark every stack changed so each is planned base -> state -> head.
          changed: new Map(base.map((s) => [s.name, "changed" as const])),
          reads: new Map(base.map((s) => [s.name, upstreamReads(s, env)])),
          offline: true,
          cliConfig: writeCliConfig(synth.workDir, mirror),
          concurrency: defaultConcurrency(),
          workDir: synth.workDir,
          verifyBase: false,
          log: () => undefined,
        });
        // Every problem of every stack at once: a failed plan, a resource or an output that changes.
        expect(outcome.planned.map((p) => p.name).sort()).toEqual(base.map((s) => s.name).sort());
        const problems = outcome.planned.flatMap((stack) => [
          ...(stack.error === undefined ? [] : [`${stack.name} failed: ${stack.error}`]),
          ...(stack.plan?.resource_changes ?? [])
            .filter((c) => c.mode === "managed" && actionOf(c.change.actions) !== "no-op")
            .map((c) => `${stack.name} ${c.address} ${c.change.actions.join("/")}`),
          ...Object.entries(stack.plan?.output_changes ?? {})
            .filter(([, c]) => !c.actions.every((a) => a === "no-op"))
            .map(([output]) => `${stack.name} output ${output}`),
        ]);
        expect(problems).toEqual([]);
      } finally {
        rmSync(root, { recursive: true, force: true });
      }
    },
    3_600_000,
  );
});
