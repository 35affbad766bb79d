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
import { existsSync, mkdirSync, readFileSync, rmSync, writeFileSync } from "node:fs";
import { join, resolve } from "node:path";
import { parseArgsStrict, UsageError } from "../cli/args";
import { InputError, todayFrom } from "../cli/inputs";
import { readSynthOutput } from "../cli/synth-output";
import { ENVIRONMENTS, loadEnvironment } from "../environments";
import type { EnvironmentConfig } from "../environments/schema";
import { belongsToEnvironment } from "../naming/derived";
import type { Finding } from "../policies/engine";
import { checkStacks } from "../policies/gate";
import { modeFromEnvironment } from "../stacks/settings";
import { changedStacks, type SideStack, stackDependencies, type UpstreamRead } from "./lib/review/changes";
import { type EnvironmentReview, isBlocked, renderComment, reviewJson } from "./lib/review/comment";
import { planAffected } from "./lib/review/plan-stacks";
import { baseWorktree, resolveRef, SynthError, synthesize } from "./lib/review/sides";
import { reviewStack } from "./lib/review/verdict";
import { findProviderMirror, writeCliConfig } from "./lib/terraform";

const USAGE =
  "usage: plan-review.ts --base <git-ref> [--env NAME[,NAME]] [--allow-destroy] [--concurrency N] " +
  "[--out reports] [--verify-base]";
const FLAGS = {
  "--base": "string",
  "--env": "csv",
  "--allow-destroy": "boolean",
  "--concurrency": "string",
  "--out": "string",
  "--verify-base": "boolean",
} as const;

/** Where the pinned stateful addresses live, in the head and in the base commit. */
const PINNED_FILE = "test/stacks/stateful-addresses.json";

interface Options {
  readonly base: string;
  readonly envs: readonly string[];
  readonly allowDestroy: boolean;
  readonly concurrency: number;
  readonly out: string;
  readonly verifyBase: boolean;
}

function parseOptions(argv: readonly string[]): Options {
  const args = parseArgsStrict(argv, FLAGS, USAGE);
  const base = args.string("--base");
  if (base === undefined) throw new UsageError(`--base is required (the branch the pull request targets). ${USAGE}`);
  const envs = args.list("--env");
  const unknown = envs.filter((env) => !Object.hasOwn(ENVIRONMENTS, env));
  if (unknown.length > 0) {
    throw new UsageError(
      `--env ${unknown.join(",")}: no such environment. Fix: use one of ${Object.keys(ENVIRONMENTS).join(", ")}`,
    );
  }
  return {
    base,
    envs: envs.length > 0 ? envs : Object.keys(ENVIRONMENTS),
    allowDestroy: args.has("--allow-destroy"),
    concurrency: args.number("--concurrency", 2, (n) => Number.isInteger(n) && n > 0),
    out: args.string("--out") ?? "reports",
    verifyBase: args.has("--verify-base"),
  };
}

async function main(): Promise<number> {
  const options = parseOptions(process.argv.slice(2));
  const repo = process.cwd();
  const commit = await resolveRef(repo, options.base);
  const work = resolve(".tf-work", "plan-review");
  const outdirs = { head: join(work, "head", "cdktf.out"), base: join(work, "base", "cdktf.out") };
  rmSync(join(work, "head"), { recursive: true, force: true });
  rmSync(join(work, "base"), { recursive: true, force: true });
  const started = Date.now();
  const removeBase = await baseWorktree(repo, commit, join(work, "base-src"));
  try {
    await Promise.all([
      synthesize(repo, outdirs.head, options.envs),
      synthesize(join(work, "base-src"), outdirs.base, options.envs),
    ]);
  } finally {
    await removeBase();
  }
  log(`synthesized base ${options.base} and head in ${((Date.now() - started) / 1000).toFixed(1)}s\n`);
  const sides = { head: readSide(outdirs.head), base: readSide(outdirs.base) };
  const offline = modeFromEnvironment(process.env) === "offline";
  const cliConfig = offline ? offlineCliConfig(work) : undefined;
  const pinned = pinnedAddresses(repo, commit);
  const today = todayFrom(process.env, new Date());
  const reviews: EnvironmentReview[] = [];
  for (const name of options.envs) {
    const env = loadEnvironment(name);
    const mine = (stacks: SideStack[]) => stacks.filter((s) => belongsToEnvironment(env, s.name));
    const head = mine(sides.head);
    const base = mine(sides.base);
    const deps = new Map<string, UpstreamRead[]>([...stackDependencies(base), ...stackDependencies(head)]);
    const changed = changedStacks(base, head);
    const outcome = await planAffected({
      base: new Map(base.map((s) => [s.name, s])),
      head: new Map(head.map((s) => [s.name, s])),
      changed,
      deps,
      offline,
      cliConfig,
      concurrency: options.concurrency,
      workDir: work,
      verifyBase: options.verifyBase,
      log,
    });
    const stacks = outcome.planned.map((p) =>
      reviewStack({
        name: p.name,
        environment: name,
        cause: p.cause,
        ...(p.plan ? { plan: p.plan } : {}),
        ...(p.error !== undefined ? { error: p.error } : {}),
        pinned: pinned[p.name] ?? [],
        allowDestroy: options.allowDestroy,
      }),
    );
    const edges = [...deps].flatMap(([stack, reads]) => reads.map((r) => [r.upstream, stack] as const));
    const findings = findingsDiff(base, head, env, today);
    reviews.push({
      environment: name,
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

function readSide(outdir: string): SideStack[] {
  return readSynthOutput(outdir).map((s) => ({ name: s.name, dir: s.dir, json: s.json }));
}

function offlineCliConfig(work: string): string {
  const mirror = findProviderMirror();
  if (!mirror) {
    throw new UsageError(
      "no filesystem mirror holding registry.terraform.io/hashicorp/aws was found. " +
        "Fix: set TF_PLUGIN_MIRROR to the folder holding registry.terraform.io/",
    );
  }
  return writeCliConfig(work, mirror);
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
  add(existsSync(join(repo, PINNED_FILE)) ? readFileSync(join(repo, PINNED_FILE), "utf8") : undefined);
  try {
    add(execFileSync("git", ["-C", repo, "show", `${commit}:${PINNED_FILE}`], { encoding: "utf8", stdio: "pipe" }));
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

main().then(
  (code) => process.exit(code),
  (error) => {
    if (error instanceof UsageError) {
      process.stderr.write(`${error.message}\n`);
      process.exit(2);
    }
    if (error instanceof InputError) {
      process.stderr.write(`${error.message}\n`);
      process.exit(2);
    }
    if (error instanceof SynthError) {
      process.stderr.write(`${error.message}\nFix: make both sides synthesize (npm run synth)\n`);
      process.exit(2);
    }
    throw error;
  },
);
