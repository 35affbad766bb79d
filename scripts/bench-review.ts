/**
 * Benchmark (not a test): `npm run plan:review` of a one-line change against `npm run plan`
 * of every environment, both as users run them (default concurrency, offline).
 *
 *   npm run bench:review [-- --env staging] [--no-plan]
 *
 * Works in a temporary worktree of HEAD (sharing node_modules): commits the one-line change
 * there (the environment's primary flow-log retention, 90 -> 60 days; 30 -> 60 in dev),
 * times the review of that commit against its parent twice (cold: a fresh checkout with
 * nothing cached; warm: again, as on a second push, with the base's synth, state and the
 * provider schema cached in .tf-work/), then a plan of everything (`--no-plan` skips it).
 * Prints wall and CPU time (user + sys of every process the command started, which
 * contention on a shared machine inflates far less than wall time) and the ratio; the
 * worktree is removed afterwards.
 */
import { execFileSync, spawnSync } from "node:child_process";
import { mkdtempSync, readFileSync, rmSync, symlinkSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join, resolve } from "node:path";
import { parseArgsStrict, UsageError } from "../cli/args";
import { runCli } from "./lib/cli";

const USAGE = "Usage: bench-review.ts [--env staging] [--no-plan]";

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

/**
 * CPU seconds (user + sys) used so far by this process's finished, waited-for children and
 * theirs (`cutime` + `cstime` of /proc/self/stat); NaN where /proc is missing.
 */
function childCpuSeconds(): number {
  try {
    const stat = readFileSync("/proc/self/stat", "utf8");
    const fields = stat.slice(stat.lastIndexOf(")") + 2).split(" ");
    // Fields 16 and 17 of stat(5), counted from the state field (3): indexes 13 and 14 here.
    const ticks = Number(fields[13]) + Number(fields[14]);
    const hz = Number(execFileSync("getconf", ["CLK_TCK"], { encoding: "utf8" }).trim()) || 100;
    return ticks / hz;
  } catch {
    return Number.NaN;
  }
}

interface Timing {
  readonly seconds: number;
  readonly cpu: number;
  readonly status: number | null;
  readonly tail: string;
}

function timed(dir: string, args: string[]): Timing {
  const cpuBefore = childCpuSeconds();
  const started = process.hrtime.bigint();
  const run = spawnSync("npm", ["run", ...args], {
    cwd: dir,
    encoding: "utf8",
    env: { ...process.env, PLATAFORMA_MODE: "offline", CHECKPOINT_DISABLE: "1" },
    maxBuffer: 64 * 1024 * 1024,
  });
  const seconds = Number(process.hrtime.bigint() - started) / 1e9;
  const tail = `${run.stdout}${run.stderr}`.trim().split("\n").slice(-4).join("\n");
  return { seconds, cpu: childCpuSeconds() - cpuBefore, status: run.status, tail };
}

function line(what: string, t: Timing): string {
  return `| ${what} | ${t.seconds.toFixed(1)} s | ${t.cpu.toFixed(1)} s | ${t.status} |\n`;
}

function main(): number {
  const args = parseArgsStrict(process.argv.slice(2), { "--env": "string", "--no-plan": "boolean" }, USAGE);
  const env = args.string("--env") ?? "staging";
  const repo = resolve(".");
  const dir = mkdtempSync(join(tmpdir(), "plataforma-bench-review-"));
  const git = (...a: string[]) => execFileSync("git", ["-C", dir, ...a], { encoding: "utf8", stdio: "pipe" });
  execFileSync("git", ["-C", repo, "worktree", "add", "--detach", "--force", dir, "HEAD"], { stdio: "pipe" });
  try {
    symlinkSync(join(repo, "node_modules"), join(dir, "node_modules"));
    oneLineChange(dir, env);
    git("-c", "user.name=bench", "-c", "user.email=bench@example.com", "commit", "-qam", "bench: one-line change");
    const review = ["plan:review", "--", "--base", "HEAD~1", "--env", env];
    const cold = timed(dir, review);
    process.stdout.write(`${cold.tail}\n`);
    const warm = timed(dir, review);
    const plan = args.has("--no-plan") ? undefined : timed(dir, ["plan"]);
    if (plan) process.stdout.write(`${plan.tail}\n`);
    process.stdout.write("\n| command | wall | CPU (user+sys) | exit |\n|---|--:|--:|--:|\n");
    process.stdout.write(line(`\`plan:review\` ${env}, one-line change, cold (fresh checkout)`, cold));
    process.stdout.write(line(`\`plan:review\` ${env}, same again, warm (base cached)`, warm));
    if (plan) {
      process.stdout.write(line("`npm run plan`, all environments", plan));
      const pct = (t: Timing) => `${((t.seconds / plan.seconds) * 100).toFixed(0)}%`;
      process.stdout.write(`\nratio (wall): cold review ${pct(cold)}, warm review ${pct(warm)} of a full plan\n`);
    }
    return [cold, warm, plan].some((t) => t !== undefined && t.status !== 0) ? 1 : 0;
  } finally {
    execFileSync("git", ["-C", repo, "worktree", "remove", "--force", dir], { stdio: "pipe" });
    rmSync(dir, { recursive: true, force: true });
  }
}

runCli("bench-review.ts", main);
