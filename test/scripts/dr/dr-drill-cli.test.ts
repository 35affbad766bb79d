/**
 * `npm run dr:drill` as users run it: the plan-mode acceptance (staging region failover
 * exits 0 offline, names us-east-1 and plans the failover and the way back on real
 * Terraform against the current estate as state), production's live guard, usage errors.
 */
import { spawnSync } from "node:child_process";
import { mkdtempSync, readFileSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import { join, resolve } from "node:path";

const root = resolve(__dirname, "../../..");
const work = mkdtempSync(join(tmpdir(), "dr-drill-"));
afterAll(() => rmSync(work, { recursive: true, force: true }));

function drill(args: string[]) {
  const argv = ["--import", "tsx", "scripts/dr-drill.ts", "--out", work, ...args];
  const env = { ...process.env, PLATAFORMA_MODE: "offline" };
  return spawnSync(process.execPath, argv, { cwd: root, encoding: "utf8", env });
}

describe("scripts/dr-drill.ts", () => {
  it("plans staging's region failover offline: exit 0, report names us-east-1", () => {
    const result = drill(["--env", "staging", "--scenario", "region-failover", "--mode", "plan"]);
    expect(result.stderr).toBe("");
    expect(result.status).toBe(0);
    const md = readFileSync(join(work, "dr-drill-staging-region-failover.md"), "utf8");
    expect(md).toContain("us-east-1 takes the primary role from sa-east-1");
    const json = JSON.parse(readFileSync(join(work, "dr-drill-staging-region-failover.json"), "utf8"));
    expect(json.invariants.map((i: { id: string; ok: boolean }) => [i.id, i.ok])).toEqual([
      ["no-stateful-change", true],
      ["capacity", true],
      ["public-names", true],
      ["plans-against-estate", true],
      ["no-stateful-destroy", true],
      ["way-back-plans", true],
    ]);
    // Real Terraform plans against the current estate as state: the failover is in-place
    // updates only (the health-check inversion, the DR node groups), and so is the way back.
    type Planned = { name: string; add: number; change: number; replace: number; destroy: number };
    const counts = (stacks: Planned[]) =>
      stacks
        .map((s) => [s.name, s.add, s.change, s.replace, s.destroy])
        .sort((a, b) => String(a[0]).localeCompare(String(b[0])));
    expect(counts(json.plans.failover.stacks)).toEqual([
      ["staging-global-edge", 0, 1, 0, 0],
      ["staging-us-east-1-cluster", 0, 2, 0, 0],
    ]);
    expect(counts(json.plans.back.stacks)).toEqual(counts(json.plans.failover.stacks));
    const edge = json.plans.failover.stacks.find((s: Planned) => s.name === "staging-global-edge");
    expect(edge.changes).toEqual([
      expect.objectContaining({
        action: "update",
        address: expect.stringMatching(/^aws_route53_health_check\.api_health-sa-east-1/),
      }),
    ]);
    expect(json.plans.failover.skipped.map((s: { name: string }) => s.name)).toEqual(["staging-us-east-1-platform"]);
    expect(md).toContain("## Plan of the failover against the current estate");
    // Capacity moves: the DR region's node groups and its Karpenter node pools.
    // Traffic moves too: the edge inverts sa-east-1's health check (dr.failedOverTo).
    expect(json.changedStacks).toEqual([
      "staging-global-edge",
      "staging-us-east-1-cluster",
      "staging-us-east-1-platform",
    ]);
  }, 900_000);

  it("refuses a live production drill without --confirm production", () => {
    const result = drill(["--env", "production", "--scenario", "db-switchover", "--mode", "live"]);
    expect(result.status).toBe(2);
    expect(result.stderr).toBe(
      "dr:drill: a live drill in production needs --confirm production. Fix: add it, or rehearse with --dry-run\n",
    );
  });

  it("rejects an unknown scenario with exit 2", () => {
    const result = drill(["--env", "staging", "--scenario", "meteor"]);
    expect(result.status).toBe(2);
    expect(result.stderr).toMatch(/^dr:drill: --scenario "meteor" is unknown\. Fix: use region-failover/);
  });
});
