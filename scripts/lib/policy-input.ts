/**
 * Disk side of the policy engine (policies/ never touches disk): reading synthesized
 * stacks and plan files, placing them in environments, writing reports.
 */
import { existsSync, mkdirSync, readFileSync, writeFileSync } from "node:fs";
import { dirname, join } from "node:path";
import { type PolicyEnvironment, placeStacks } from "../../policies/placement";
import { evaluate, type PolicyReport, type StackInput } from "../../policies/engine";
import { ALL_PACKS } from "../../policies/packs/all";
import { planToStackJson } from "../../policies/plan";
import { formatJson, formatMarkdown } from "../../policies/report";

/** A missing or unreadable input (synth folder, plan file, date); printed without a stack trace. */
export class PolicyInputError extends Error {}

/** Reads and parses a JSON file, or throws {@link PolicyInputError} naming the file and the fix. */
function readJson(path: string, fix: string): unknown {
  if (!existsSync(path)) throw new PolicyInputError(`${path} not found. Fix: ${fix}`);
  try {
    return JSON.parse(readFileSync(path, "utf8")) as unknown;
  } catch (error) {
    throw new PolicyInputError(`${path} is not valid JSON (${(error as Error).message}). Fix: ${fix}`);
  }
}

/** One stack read from disk, before placement. */
export interface RawStack {
  readonly name: string;
  readonly json: unknown;
}

/** Reads every stack of a synth output folder through its manifest. */
export function readSynthOutput(outdir: string): RawStack[] {
  const fix = "run `npm run synth` first, or pass --outdir";
  const manifest = readJson(join(outdir, "manifest.json"), fix) as { stacks?: Record<string, { name: string; synthesizedStackPath: string }> };
  return Object.values(manifest.stacks ?? {}).map((s) => ({ name: s.name, json: readJson(join(outdir, s.synthesizedStackPath), fix) }));
}

/**
 * Reads a plan JSON; when a cdk.tf.json sits next to it (offline plans write plan.json
 * into the stack folder) its lifecycle and metadata are carried over. The stack name is
 * the folder name unless given.
 */
export function readPlan(path: string, name?: string): RawStack {
  const plan = readJson(path, "run `npm run plan` (it writes plan.json into each stack folder), or fix the path");
  const synthPath = join(dirname(path), "cdk.tf.json");
  const synthesized = existsSync(synthPath) ? readJson(synthPath, "re-run `npm run synth`") : undefined;
  return { name: name ?? dirname(path).split(/[\\/]/).pop() ?? "plan", json: planToStackJson(plan, synthesized) };
}

/** Places stacks in the given environments and runs every pack. `today` is YYYY-MM-DD. */
export function checkStacks(stacks: readonly RawStack[], envs: readonly PolicyEnvironment[], today: string): PolicyReport {
  const placement = placeStacks(envs, stacks.map((s) => s.name));
  const inputs: StackInput[] = stacks.map((s) => {
    const context = placement.contexts.get(s.name);
    return { name: s.name, json: s.json, ...(context ? { context } : {}) };
  });
  return evaluate(inputs, { packs: ALL_PACKS, suppressions: placement.suppressions, today });
}

/** Today's date (UTC) as YYYY-MM-DD; `POLICY_TODAY` overrides it (tests, reproducing an old run). */
export function todayFrom(env: Readonly<Record<string, string | undefined>>, now: Date): string {
  const forced = env.POLICY_TODAY;
  if (forced !== undefined) {
    if (!/^\d{4}-\d{2}-\d{2}$/.test(forced) || Number.isNaN(Date.parse(forced))) throw new PolicyInputError(`POLICY_TODAY=${forced} is not a date. Fix: use YYYY-MM-DD`);
    return forced;
  }
  return now.toISOString().slice(0, 10);
}

/** Writes policy-report.json and policy-report.md into `dir`; returns their paths. */
export function writeReports(report: PolicyReport, dir: string): string[] {
  mkdirSync(dir, { recursive: true });
  const json = join(dir, "policy-report.json");
  const markdown = join(dir, "policy-report.md");
  writeFileSync(json, formatJson(report));
  writeFileSync(markdown, formatMarkdown(report));
  return [json, markdown];
}
