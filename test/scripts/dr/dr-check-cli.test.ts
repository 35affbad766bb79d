/**
 * `npm run dr:check` as users run it: a staging config with a one-hour record TTL fails
 * (exit 1, the reason and its fix on stderr, nothing proven), usage errors exit 2.
 */
import { spawnSync } from "node:child_process";
import { existsSync, mkdtempSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join, resolve } from "node:path";
import { cloneInput } from "../../helpers";

const root = resolve(__dirname, "../../..");
const work = mkdtempSync(join(tmpdir(), "dr-check-"));
afterAll(() => rmSync(work, { recursive: true, force: true }));

function drCheck(args: string[]) {
  const argv = ["--import", "tsx", "scripts/dr-check.ts", "--out", join(work, "reports"), ...args];
  return spawnSync(process.execPath, argv, { cwd: root, encoding: "utf8", env: { ...process.env } });
}

describe("scripts/dr-check.ts", () => {
  it("exits 1 when staging's record TTL is raised to one hour", () => {
    const input = cloneInput("staging");
    (input.edge as { route53: { recordTtlSeconds: number } }).route53.recordTtlSeconds = 3600;
    const file = join(work, "staging-ttl.json");
    writeFileSync(file, JSON.stringify(input));
    const result = drCheck(["--config", file]);
    expect(result.status).toBe(1);
    expect(result.stderr).toContain("edge.route53.recordTtlSeconds");
    expect(result.stderr).toContain("3600");
    expect(result.stderr).not.toMatch(/\n\s+at /);
  }, 120_000);

  it("rejects an unknown flag with exit 2 and the usage line", () => {
    const result = drCheck(["--bogus"]);
    expect(result.status).toBe(2);
    expect(result.stderr).toBe(
      'dr:check: unknown option "--bogus". usage: dr-check.ts [--env NAME] [--config FILE] [--out reports]\n',
    );
    expect(existsSync(join(work, "reports", "dr-readiness.json"))).toBe(false);
  });
});
