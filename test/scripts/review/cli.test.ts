/**
 * `npm run plan:review` refuses what it cannot review before any synth or terraform runs:
 * exit 2 (1 is reserved for "blocked"), one message naming the input and the fix, no
 * stack trace, no report written.
 */
import { spawnSync } from "node:child_process";
import { existsSync, mkdtempSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import { join, resolve } from "node:path";

const root = resolve(__dirname, "../../..");
const out = mkdtempSync(join(tmpdir(), "plan-review-cli-"));
afterAll(() => rmSync(out, { recursive: true, force: true }));

function review(args: string[]) {
  return spawnSync(process.execPath, ["--import", "tsx", "scripts/plan-review.ts", "--out", out, ...args], {
    cwd: root,
    encoding: "utf8",
    env: { ...process.env, PLATAFORMA_MODE: "offline" },
  });
}

describe("plan:review input errors", () => {
  it.each([
    [[], "--base is required"],
    [["--base", "main", "--env", "stagign"], 'no environment named "stagign"'],
    [["--base", "no-such-ref-anywhere", "--env", "dev"], '--base "no-such-ref-anywhere" is not a commit'],
    [["--base", "main", "--concurrency", "0"], '--concurrency "0" is not a whole number >= 1'],
  ])(
    "%j exits 2 with the problem and a fix",
    (args, message) => {
      const result = review(args);
      expect(result.stderr).toContain(message);
      expect(result.stderr).toMatch(/Fix: /);
      expect(result.stderr).not.toMatch(/\n\s+at /);
      expect(result.stdout).toBe("");
      expect(result.status).toBe(2);
      expect(existsSync(join(out, "plan-review.md"))).toBe(false);
    },
    60_000,
  );
});
