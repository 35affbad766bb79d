/**
 * The offline plan review's state is faithful: every AWS-only stack of dev, planned from
 * an empty state, turned into a state file with stand-ins, and planned again against that
 * state with `-refresh=false`, shows no changes (no attribute looks updated, no resource
 * looks replaced). Without consistent stand-ins every dependent resource would show up.
 */
import { cpSync, mkdtempSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { loadEnvironment } from "../../environments";
import { belongsToEnvironment } from "../../naming/derived";
import type { SideStack } from "../../scripts/lib/review/changes";
import { stackDependencies } from "../../scripts/lib/review/changes";
import { actionOf } from "../../scripts/lib/review/plan-json";
import { planAffected } from "../../scripts/lib/review/plan-stacks";
import { findProviderMirror, listStacks, writeCliConfig } from "../../scripts/lib/terraform";
import { synthesizeOffline } from "./offline-synth";

const dev = loadEnvironment("dev");
const synth = synthesizeOffline("review-state", ["dev"], (s) => s.awsOnly && belongsToEnvironment(dev, s.name));

describe("plan review state from the base plan", () => {
  it("plans no change for the same configuration, on every AWS-only stack of dev", async () => {
    // Base and head are copies of one synth, each in its own root: the offline backend
    // keeps state in <root>/terraform-state, so neither touches anyone else's state.
    const root = mkdtempSync(join(tmpdir(), "plataforma-review-state-"));
    const [baseRoot, headRoot] = [join(root, "base"), join(root, "head")];
    try {
      cpSync(synth.outdir, join(baseRoot, "cdktf.out"), { recursive: true });
      cpSync(synth.outdir, join(headRoot, "cdktf.out"), { recursive: true });
      const read = (outdir: string): SideStack[] => {
        const names = new Set(synth.stacks.map((s) => s.name));
        return listStacks(outdir)
          .filter((s) => names.has(s.name))
          .map((s) => ({ name: s.name, dir: s.dir, json: require(join(s.dir, "cdk.tf.json")) }));
      };
      const base = read(join(baseRoot, "cdktf.out"));
      const head = read(join(headRoot, "cdktf.out"));
      expect(base.map((s) => s.name).sort()).toEqual([
        "bootstrap-plataforma-dev",
        "dev-global-edge",
        "dev-sa-east-1-cluster",
        "dev-sa-east-1-data",
        "dev-sa-east-1-network",
      ]);
      const mirror = findProviderMirror();
      if (!mirror) throw new Error("no provider mirror: the integration suite needs hashicorp/aws offline");
      const outcome = await planAffected({
        base: new Map(base.map((s) => [s.name, s])),
        head: new Map(head.map((s) => [s.name, s])),
        // Mark every stack changed so each is planned base -> state -> head.
        changed: new Map(base.map((s) => [s.name, "changed" as const])),
        deps: stackDependencies(base),
        offline: true,
        cliConfig: writeCliConfig(synth.workDir, mirror),
        concurrency: 2,
        workDir: synth.workDir,
        verifyBase: false,
        log: () => undefined,
      });
      const errors = outcome.planned.map((p) => [p.name, p.error]);
      expect(errors.sort()).toEqual(base.map((s) => [s.name, undefined]).sort());
      for (const stack of outcome.planned) {
        const changes = (stack.plan?.resource_changes ?? [])
          .filter((c) => c.mode === "managed" && actionOf(c.change.actions) !== "no-op")
          .map((c) => `${stack.name} ${c.address} ${c.change.actions.join("/")}`);
        expect(changes).toEqual([]);
        const outputs = Object.entries(stack.plan?.output_changes ?? {})
          .filter(([, c]) => !c.actions.every((a) => a === "no-op"))
          .map(([name]) => `${stack.name} output ${name}`);
        expect(outputs).toEqual([]);
      }
    } finally {
      rmSync(root, { recursive: true, force: true });
    }
  }, 1_800_000);
});
