/**
 * Pull-request plan review: plans only what a change affects, against the base as state,
 * and writes one comment per environment.
 *
 *   npm run plan:review -- --base <git-ref> [--env dev,staging] [--allow-destroy]
 *                          [--concurrency 2] [--out reports] [--verify-base]
 *
 * Synthesizes the head (this working tree) and the base (a temporary git worktree of the
 * ref), finds the stacks whose synthesized Terraform differs, plans them and the dependants
 * whose upstream outputs change, in dependency order. Writes `reports/plan-review.md` (the
 * comment; one section per environment), `reports/plan-review-<env>.md` (one comment each,
 * for CI) and `reports/plan-review.json`. Exit codes: 0 not blocked, 1 blocked (stored
 * data would be destroyed or replaced, or a plan failed), 2 usage or input problem.
 */
import { execFileSync } from "node:child_process";
import { createHash } from "node:crypto";
import { cpSync, existsSync, mkdirSync, readFileSync, renameSync, rmSync, writeFileSync } from "node:fs";
import { dirname, join, resolve } from "node:path";
import { parseArgsStrict, UsageError } from "../cli/args";
import { InputError, todayFrom } from "../cli/inputs";
import type { EnvironmentConfig } from "../environments/schema";
import type { Finding } from "../policies/engine";
import { checkStacks } from "../policies/gate";
import { modeFromEnvironment } from "../stacks/settings";
import { runCli } from "./lib/cli";
import { changedStacks, type SideStack, upstreamReads } from "./lib/review/changes";
import { type EnvironmentReview, isBlocked, renderComment, reviewJson } from "./lib/review/comment";
import { planAffected } from "./lib/review/plan-stacks";
import { baseWorktree, resolveRef } from "./lib/review/sides";
import { reviewStack } from "./lib/review/verdict";
import { cliConfigFor } from "./lib/runner";
import { defaultConcurrency } from "./lib/scheduler";
import { concurrencyFrom, selectedEnvironments, selectStacks } from "./lib/selection";
import { PINNED_ADDRESSES_FILE } from "./lib/stateful-addresses";
import { synthesizeInBackground } from "./lib/synth";
import { listStacks } from "./lib/terraform";

const USAGE = [
  "Usage: plan-review.ts --base <git-ref> [--env NAME[,NAME]] [--allow-destroy] [--concurrency N]",
  "       [--out DIR] [--verify-base]",
  "  --base REF       the branch, tag or commit the pull request targets (required)",
  "  --env NAME       shipped environments to review (default: all)",
  "  --allow-destroy  stateful destroys and replacements warn instead of blocking (never prevent_destroy)",
  "  --concurrency N  terraform processes at once (default: the core count)",
  "  --out DIR        where the comment and JSON go (default: reports)",
  "  --verify-base    re-plan every base against its own state until it shows no changes (slower)",
].join("\n");
const FLAGS = {
  "--base": "string",
  "--env": "csv",
  "--allow-destroy": "boolean",
  "--concurrency": "string",
  "--out": "string",
  "--verify-base": "boolean",
} as const;

interface Options {
  readonly base: string;
  readonly envs: readonly EnvironmentConfig[];
  readonly allowDestroy: boolean;
  readonly concurrency: number;
  readonly out: string;
  readonly verifyBase: boolean;
}

function parseOptions(argv: readonly string[]): Options {
  const args = parseArgsStrict(argv, FLAGS, USAGE);
  const base = args.string("--base");
  if (base === undefined) {
    throw new UsageError(
      `--base is required: the branch the pull request targets. Fix: add --base main (or that branch). ${USAGE}`,
    );
  }
  return {
    base,
    // Unknown names are refused here, naming the environments there are, before any synth.
    envs: selectedEnvironments(args.list("--env"), []),
    allowDestroy: args.has("--allow-destroy"),
    concurrency: concurrencyFrom(args.string("--concurrency"), defaultConcurrency()),
    out: args.string("--out") ?? "reports",
    verifyBase: args.has("--verify-base"),
  };
}

/**
 * Synthesizes the head (this checkout) and the base (a worktree of `commit`) at once. The
 * base's output is kept in the work folder's cache, keyed by everything it is made of (the
 * commit, the environments, the mode, today's date for suppression expiry, and the
 * dependencies' lock): reviewing the same base again (another push to the pull request)
 * copies it instead of checking out and synthesizing the base.
 */
async function synthesizeSides(repo: string, options: Options, commit: string, work: string, mode: string) {
  const outdirs = { head: join(work, "head", "cdktf.out"), base: join(work, "base", "cdktf.out") };
  // Synth writes a partial folder beside its output and renames it: the parents must exist.
  for (const side of ["head", "base"]) {
    rmSync(join(work, side), { recursive: true, force: true });
    mkdirSync(join(work, side), { recursive: true });
  }
  const envs = options.envs.map((env) => env.name);
  const lock = existsSync(join(repo, "package-lock.json")) ? readFileSync(join(repo, "package-lock.json"), "utf8") : "";
  const today = todayFrom(process.env, new Date());
  const key = createHash("sha256")
    .update([commit, envs.join(","), mode, today, lock].join("\0"))
    .digest("hex");
  const cached = join(work, "cache", `synth-${key.slice(0, 24)}`);
  const head = synthesizeInBackground({ envs, configs: [], outdir: outdirs.head, root: repo });
  const base = existsSync(cached) ? undefined : synthesizeBase(repo, commit, envs, outdirs.base, work);
  const [headResult, baseResult] = await Promise.all([head, base]);
  const results = [["head (this checkout)", headResult] as const, [`base ${options.base}`, baseResult] as const];
  for (const [side, result] of results) {
    if (result === undefined) continue;
    if (result.status !== 0) {
      throw new InputError(
        `synth of the ${side} failed:\n${result.output}\nFix: make both sides synthesize (npm run synth)`,
      );
    }
  }
  // Copied beside and renamed: an interrupted copy is never taken for a cached synth.
  if (base) {
    const partial = `${cached}.${process.pid}`;
    mkdirSync(dirname(cached), { recursive: true });
    cpSync(outdirs.base, partial, { recursive: true });
    // Another review may have cached the same base meanwhile: theirs is as good.
    if (existsSync(cached)) rmSync(partial, { recursive: true, force: true });
    else renameSync(partial, cached);
  } else {
    cpSync(cached, outdirs.base, { recursive: true });
  }
  return { head: listStacks(outdirs.head), base: listStacks(outdirs.base) };
}

/** Checks the base out in a temporary worktree and synthesizes it there. */
async function synthesizeBase(repo: string, commit: string, envs: string[], outdir: string, work: string) {
  const removeBase = await baseWorktree(repo, commit, join(work, "base-src"));
  try {
    return await synthesizeInBackground({ envs, configs: [], outdir, root: join(work, "base-src") });
  } finally {
    await removeBase();
  }
}

async function main(): Promise<number> {
  const options = parseOptions(process.argv.slice(2));
  const repo = process.cwd();
  const commit = await resolveRef(repo, options.base);
  const work = resolve(".tf-work", "plan-review");
  const started = Date.now();
  const mode = modeFromEnvironment(process.env);
  const offline = mode === "offline";
  const sides = await synthesizeSides(repo, options, commit, work, mode);
  log(`synthesized base ${options.base} and head in ${((Date.now() - started) / 1000).toFixed(1)}s\n`);
  const cliConfig = cliConfigFor(offline, work);
  const pinned = pinnedAddresses(repo, commit);
  const today = todayFrom(process.env, new Date());
  const reviews: EnvironmentReview[] = [];
  for (const env of options.envs) {
    const head = selectStacks(sides.head, [env], []);
    const base = selectStacks(sides.base, [env], []);
    const reads = new Map([...base, ...head].map((stack) => [stack.name, upstreamReads(stack, env)]));
    const planning = planAffected({
      base: new Map(base.map((s) => [s.name, s])),
      head: new Map(head.map((s) => [s.name, s])),
      changed: changedStacks(base, head),
      reads,
      offline,
      cliConfig,
      concurrency: options.concurrency,
      workDir: work,
      verifyBase: options.verifyBase,
      log,
    });
    // The policy diff runs in this process while terraform runs in its children.
    const findings = findingsDiff(base, head, env, today);
    const outcome = await planning;
    const stacks = outcome.planned.map((p) =>
      reviewStack({
        name: p.name,
        environment: env.name,
        cause: p.cause,
        ...(p.plan ? { plan: p.plan } : {}),
        ...(p.error !== undefined ? { error: p.error } : {}),
        pinned: pinned[p.name] ?? [],
        allowDestroy: options.allowDestroy,
      }),
    );
    const edges = [...reads].flatMap(([stack, upstreams]) => upstreams.map((r) => [r.upstream, stack] as const));
    reviews.push({
      environment: env.name,
      base: { ref: options.base, commit },
      stacks,
      skipped: outcome.skipped,
      edges,
      findings,
      allowDestroy: options.allowDestroy,
    });
  }
  writeReports(options.out, reviews);
  for (const review of reviews) {
    const state = isBlocked(review) ? "BLOCKED" : "ok";
    const counts = review.stacks.map((s) => `${s.name} +${s.add} ~${s.change} -${s.destroy} ±${s.replace}`);
    log(`${review.environment}: ${state}; ${counts.length ? counts.join(", ") : "no stack affected"}\n`);
  }
  const blocked = reviews.some(isBlocked);
  log(`wrote ${join(options.out, "plan-review.md")} and plan-review.json${blocked ? "; blocked" : ""}\n`);
  return blocked ? 1 : 0;
}

function log(line: string): void {
  process.stdout.write(line);
}

/**
 * Pinned stateful addresses of the head and of the base commit, merged: a pull request
 * that re-pins a renamed bucket is still reviewed against the address it replaces.
 */
function pinnedAddresses(repo: string, commit: string): Record<string, string[]> {
  const merged: Record<string, string[]> = {};
  const add = (text: string | undefined) => {
    if (!text) return;
    for (const [stack, addresses] of Object.entries(JSON.parse(text) as Record<string, string[]>)) {
      merged[stack] = [...new Set([...(merged[stack] ?? []), ...addresses])];
    }
  };
  add(
    existsSync(join(repo, PINNED_ADDRESSES_FILE)) ? readFileSync(join(repo, PINNED_ADDRESSES_FILE), "utf8") : undefined,
  );
  try {
    add(
      execFileSync("git", ["-C", repo, "show", `${commit}:${PINNED_ADDRESSES_FILE}`], {
        encoding: "utf8",
        stdio: "pipe",
      }),
    );
  } catch {
    // The base predates the pin file: the head's pins and the stateful types still apply.
  }
  return merged;
}

/** Policy findings the change introduces and removes (head vs base, placed in the head's environment). */
function findingsDiff(
  base: readonly SideStack[],
  head: readonly SideStack[],
  env: EnvironmentConfig,
  today: string,
): EnvironmentReview["findings"] {
  const key = (f: Finding) => `${f.ruleId}|${f.stack}|${f.address}|${f.message}`;
  const before = checkStacks(base, [env], today).findings;
  const after = checkStacks(head, [env], today).findings;
  const beforeKeys = new Set(before.map(key));
  const afterKeys = new Set(after.map(key));
  return {
    introduced: after.filter((f) => !beforeKeys.has(key(f))),
    removed: before.filter((f) => !afterKeys.has(key(f))),
  };
}

function writeReports(out: string, reviews: readonly EnvironmentReview[]): void {
  mkdirSync(out, { recursive: true });
  const comments = reviews.map((review) => renderComment(review));
  for (const [i, review] of reviews.entries()) {
    writeFileSync(join(out, `plan-review-${review.environment}.md`), comments[i]);
  }
  writeFileSync(join(out, "plan-review.md"), comments.join("\n---\n\n"));
  writeFileSync(join(out, "plan-review.json"), `${JSON.stringify(reviewJson(reviews), null, 2)}\n`);
}

// Usage, config and input problems exit 2, so exit 1 always means "blocked".
runCli("plan-review.ts", main, { config: 2, input: 2 });
