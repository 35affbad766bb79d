/**
 * Terraform over synthesized stacks, offline by default.
 *
 *   npm run validate [-- --env dev] [--stack NAME] [--no-synth] [--concurrency 2]
 *   npm run plan     [-- --env dev] [--stack NAME] [--no-synth]
 *
 * Synthesizes first (unless --no-synth), inits each stack with the local provider mirror
 * (offline mode), then validates or plans. Plans are saved as `plan.tfplan` and
 * `plan.json` (`terraform show -json`) in each stack folder. Stacks needing providers
 * with no local binary (kubernetes, helm, cloudflare) are skipped offline and said so.
 */
import { spawnSync } from "node:child_process";
import { writeFileSync } from "node:fs";
import { join, resolve } from "node:path";
import { ENVIRONMENTS, loadEnvironment } from "../environments";
import { bootstrapStackName } from "../stacks/naming";
import { modeFromEnvironment } from "../stacks/settings";
import {
  findProviderMirror,
  listStacks,
  seedPlaceholderUpstreams,
  type SynthesizedStack,
  terraform,
  writeCliConfig,
} from "./lib/terraform";

type Command = "init" | "validate" | "plan";

interface Options {
  command: Command;
  envs: string[];
  stacks: string[];
  outdir: string;
  synth: boolean;
  concurrency: number;
}

function parseArgs(argv: string[]): Options {
  const [command, ...rest] = argv;
  if (command !== "init" && command !== "validate" && command !== "plan") {
    throw new UsageError(`unknown command ${JSON.stringify(command)}. Usage: tf.ts <init|validate|plan> [--env NAME] [--stack NAME] [--no-synth] [--outdir DIR] [--concurrency N]`);
  }
  const options: Options = { command, envs: [], stacks: [], outdir: "cdktf.out", synth: true, concurrency: 2 };
  for (let i = 0; i < rest.length; i++) {
    const arg = rest[i];
    const value = () => {
      const v = rest[++i];
      if (v === undefined) throw new UsageError(`${arg} needs a value`);
      return v;
    };
    if (arg === "--env") options.envs.push(...value().split(","));
    else if (arg === "--stack") options.stacks.push(...value().split(","));
    else if (arg === "--outdir") options.outdir = value();
    else if (arg === "--concurrency") options.concurrency = Math.max(1, Number(value()) || 1);
    else if (arg === "--no-synth") options.synth = false;
    else throw new UsageError(`unknown option ${arg}`);
  }
  return options;
}

class UsageError extends Error {}

/** Outcome of one stack. */
export interface StackOutcome {
  readonly stack: string;
  readonly status: "ok" | "failed" | "skipped";
  readonly seconds: number;
  readonly detail: string;
}

function summarizePlan(planJson: string): string {
  const plan = JSON.parse(planJson) as { resource_changes?: { change: { actions: string[] } }[] };
  const counts = { create: 0, update: 0, delete: 0, replace: 0 };
  for (const change of plan.resource_changes ?? []) {
    const actions = change.change.actions;
    if (actions.includes("create") && actions.includes("delete")) counts.replace++;
    else if (actions.includes("create")) counts.create++;
    else if (actions.includes("update")) counts.update++;
    else if (actions.includes("delete")) counts.delete++;
  }
  return `${counts.create} to add, ${counts.update} to change, ${counts.replace} to replace, ${counts.delete} to destroy`;
}

async function runStack(stack: SynthesizedStack, command: Command, cliConfig: string | undefined, offline: boolean): Promise<StackOutcome> {
  if (offline && !stack.awsOnly) {
    return { stack: stack.name, status: "skipped", seconds: 0, detail: `needs ${stack.providers.join(", ")}: no local provider binary offline (checked at synth level)` };
  }
  let seconds = 0;
  const step = async (args: string[]) => {
    const result = await terraform(stack.dir, args, cliConfig);
    seconds += result.seconds;
    return result;
  };
  const init = await step(["init", "-input=false", "-no-color", ...(command === "validate" ? ["-backend=false"] : [])]);
  if (!init.ok) return { stack: stack.name, status: "failed", seconds, detail: `init: ${init.stderr.trim()}` };
  if (command === "init") return { stack: stack.name, status: "ok", seconds, detail: "initialized" };
  if (command === "validate") {
    const validate = await step(["validate", "-json", "-no-color"]);
    const report = JSON.parse(validate.stdout || "{}") as { valid?: boolean; diagnostics?: { severity: string; summary: string; detail?: string }[] };
    const errors = (report.diagnostics ?? []).filter((d) => d.severity === "error");
    if (!report.valid) {
      return { stack: stack.name, status: "failed", seconds, detail: errors.map((d) => `${d.summary}: ${d.detail ?? ""}`).join("; ") || validate.stderr };
    }
    const warnings = (report.diagnostics ?? []).length;
    return { stack: stack.name, status: "ok", seconds, detail: `valid${warnings ? ` (${warnings} warnings)` : ""}` };
  }
  const seeded = offline ? seedPlaceholderUpstreams(stack.dir) : [];
  const plan = await step(["plan", "-input=false", "-no-color", "-lock-timeout=60s", "-out=plan.tfplan"]);
  if (!plan.ok) return { stack: stack.name, status: "failed", seconds, detail: `plan: ${plan.stderr.trim()}` };
  const show = await step(["show", "-json", "plan.tfplan"]);
  if (!show.ok) return { stack: stack.name, status: "failed", seconds, detail: `show: ${show.stderr.trim()}` };
  writeFileSync(join(stack.dir, "plan.json"), show.stdout);
  const note = seeded.length > 0 ? ` (placeholder upstream outputs: ${seeded.length})` : "";
  return { stack: stack.name, status: "ok", seconds, detail: `${summarizePlan(show.stdout)}${note}` };
}

/** Runs a command over the selected stacks with bounded concurrency. */
export async function runStacks(stacks: SynthesizedStack[], command: Command, concurrency: number, offline: boolean): Promise<StackOutcome[]> {
  let cliConfig: string | undefined;
  if (offline) {
    const mirror = findProviderMirror();
    if (!mirror) {
      throw new UsageError("no filesystem mirror holding registry.terraform.io/hashicorp/aws was found. Fix: set TF_PLUGIN_MIRROR to the folder holding registry.terraform.io/");
    }
    cliConfig = writeCliConfig(resolve(".tf-work"), mirror);
  }
  const outcomes: StackOutcome[] = new Array(stacks.length);
  let next = 0;
  const worker = async () => {
    while (next < stacks.length) {
      const i = next++;
      outcomes[i] = await runStack(stacks[i], command, cliConfig, offline);
      const o = outcomes[i];
      process.stdout.write(`${o.status.padEnd(7)} ${o.stack.padEnd(40)} ${o.seconds.toFixed(1).padStart(5)}s  ${o.detail}\n`);
    }
  };
  await Promise.all(Array.from({ length: Math.min(concurrency, stacks.length) }, worker));
  return outcomes;
}

async function main(): Promise<number> {
  const options = parseArgs(process.argv.slice(2));
  if (options.synth) {
    const args = ["--import", "tsx", "main.ts", ...(options.envs.length ? ["--env", options.envs.join(",")] : [])];
    const synth = spawnSync(process.execPath, args, { stdio: "inherit", env: { ...process.env, CDKTF_OUTDIR: options.outdir } });
    if (synth.status !== 0) return synth.status ?? 1;
  }
  const offline = modeFromEnvironment(process.env) === "offline";
  // An environment's stacks are its `<env>-...` stacks plus its account's bootstrap stack.
  const bootstraps = options.envs.filter((e) => Object.hasOwn(ENVIRONMENTS, e)).map((e) => bootstrapStackName(loadEnvironment(e)));
  const stacks = listStacks(options.outdir).filter(
    (s) =>
      (options.envs.length === 0 || options.envs.some((e) => s.name.startsWith(`${e}-`)) || bootstraps.includes(s.name)) &&
      (options.stacks.length === 0 || options.stacks.includes(s.name)),
  );
  if (stacks.length === 0) {
    process.stderr.write("no stack matches the selection\n");
    return 1;
  }
  const outcomes = await runStacks(stacks, options.command, options.concurrency, offline);
  const failed = outcomes.filter((o) => o.status === "failed");
  const count = (s: StackOutcome["status"]) => outcomes.filter((o) => o.status === s).length;
  process.stdout.write(`\n${options.command}: ${count("ok")} ok, ${failed.length} failed, ${count("skipped")} skipped\n`);
  return failed.length > 0 ? 1 : 0;
}

main().then(
  (code) => process.exit(code),
  (error) => {
    if (error instanceof UsageError) {
      process.stderr.write(`${error.message}\n`);
      process.exit(2);
    }
    throw error;
  },
);
