/**
 * Benchmark (not a test): `npm run plan:review` of a one-line change against `npm run plan`
 * of every environment, both as users run them (default concurrency, offline).
 *
 *   npm run bench:review [-- --env staging]
 *
 * Works in a temporary worktree of HEAD (sharing node_modules): commits the one-line change
 * there (the environment's primary flow-log retention, 90 -> 60 days; 30 -> 60 in dev),
 * times the review of that commit against its parent, then times a plan of everything.
 * Prints both wall times and the ratio; the worktree is removed afterwards.
 */
import { execFileSync, spawnSync } from "node:child_process";
import { mkdtempSync, readFileSync, rmSync, symlinkSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join, resolve } from "node:path";
import { parseArgsStrict, UsageError } from "../cli/args";

const USAGE = "usage: bench-review.ts [--env staging]";

function oneLineChange(dir: string, env: string): string {
  const file = join(dir, "environments", `${env}.ts`);
  const text = readFileSync(file, "utf8");
  const changed = text.replace(/flowLogs: \{ retentionDays: (\d+) \}/, (_m, days: string) => {
    return `flowLogs: { retentionDays: ${days === "60" ? 90 : 60} }`;
  });
  if (changed === text) throw new UsageError(`environments/${env}.ts has no flowLogs retention to change. ${USAGE}`);
  writeFileSync(file, changed);
  return file;
}

function timed(dir: string, args: string[]): { seconds: number; status: number | null; tail: string } {
  const started = process.hrtime.bigint();
  const run = spawnSync("npm", ["run", ...args], {
    cwd: dir,
    encoding: "utf8",
    env: { ...process.env, PLATAFORMA_MODE: "offline", CHECKPOINT_DISABLE: "1" },
  });
  const seconds = Number(process.hrtime.bigint() - started) / 1e9;
  const tail = `${run.stdout}${run.stderr}`.trim().split("\n").slice(-6).join("\n");
  return { seconds, status: run.status, tail };
}

function main(): void {
  const args = parseArgsStrict(process.argv.slice(2), { "--env": "string" }, USAGE);
  const env = args.string("--env") ?? "staging";
  const repo = resolve(".");
  const dir = mkdtempSync(join(tmpdir(), "plataforma-bench-review-"));
  const git = (...a: string[]) => execFileSync("git", ["-C", dir, ...a], { encoding: "utf8", stdio: "pipe" });
  execFileSync("git", ["-C", repo, "worktree", "add", "--detach", "--force", dir, "HEAD"], { stdio: "pipe" });
  try {
    symlinkSync(join(repo, "node_modules"), join(dir, "node_modules"));
    oneLineChange(dir, env);
    git("-c", "user.name=bench", "-c", "user.email=bench@example.com", "commit", "-qam", "bench: one-line change");
    const review = timed(dir, ["plan:review", "--", "--base", "HEAD~1", "--env", env]);
    process.stdout.write(
      `plan:review (${env}, one-line change): ${review.seconds.toFixed(1)} s, exit ${review.status}\n`,
    );
    process.stdout.write(`${review.tail}\n`);
    const plan = timed(dir, ["plan"]);
    process.stdout.write(`npm run plan (all environments): ${plan.seconds.toFixed(1)} s, exit ${plan.status}\n`);
    process.stdout.write(`${plan.tail}\n`);
    process.stdout.write(
      `ratio: plan:review takes ${((review.seconds / plan.seconds) * 100).toFixed(0)}% of a full plan\n`,
    );
  } finally {
    execFileSync("git", ["-C", repo, "worktree", "remove", "--force", dir], { stdio: "pipe" });
    rmSync(dir, { recursive: true, force: true });
  }
}

try {
  main();
} catch (error) {
  if (!(error instanceof UsageError)) throw error;
  process.stderr.write(`${error.message}\n`);
  process.exit(2);
}
