/**
 * The README's `npm run plan` as users run it: every environment, the default concurrency
 * (the core count; at least 2 here, so upstream and downstream stacks can race), twice in a
 * row against the same state folder. This is the run that used to fail when a downstream
 * stack read an upstream's state file while the upstream's plan had it open and empty.
 */
import { spawnSync } from "node:child_process";
import { mkdtempSync, rmSync } from "node:fs";
import { availableParallelism, tmpdir } from "node:os";
import { join, resolve } from "node:path";

const root = resolve(__dirname, "../..");
const work = mkdtempSync(join(tmpdir(), "plataforma-plan-command-"));
afterAll(() => rmSync(work, { recursive: true, force: true }));

function plan() {
  // The default is the core count; on a one-core runner ask for 2 so the race can happen.
  const concurrency = availableParallelism() >= 2 ? [] : ["--concurrency", "2"];
  return spawnSync(
    process.execPath,
    ["--import", "tsx", "scripts/tf.ts", "plan", "--outdir", join(work, "cdktf.out"), ...concurrency],
    {
      cwd: root,
      encoding: "utf8",
      env: { ...process.env, PLATAFORMA_MODE: "offline" },
    },
  );
}

describe("npm run plan (all environments, default concurrency)", () => {
  it("passes twice in a row", () => {
    for (const attempt of [1, 2]) {
      const result = plan();
      // stderr only matters (and is shown) when the run failed.
      const failure = result.status === 0 ? "" : result.stderr;
      expect({ attempt, status: result.status, failure }).toEqual({ attempt, status: 0, failure: "" });
      expect(result.stdout).toMatch(/plan: 32 stacks, concurrency ([2-9]|\d\d+)/);
      expect(result.stdout).toMatch(/plan: \d+ ok, 0 failed, 0 not attempted, \d+ skipped/);
    }
  }, 3_600_000);
});
