/**
 * Deploys environments: synth (online mode), then `terraform init` + `terraform apply` per
 * stack through the scheduler, each stack after the stacks it depends on.
 *
 *   npm run deploy -- --env <env> [--stack NAME]... [--dry-run] [--auto-approve] [--plan-dir DIR]
 *
 * --dry-run prints the waves a deploy would run and applies nothing; it works offline.
 * A real deploy needs AWS credentials (online mode) and is refused offline before any
 * terraform command runs. Production environments need --auto-approve or a typed "yes"
 * on a terminal. --plan-dir applies the saved plans `<DIR>/<stack>/plan.tfplan` (what
 * `npm run plan` writes into each stack folder) exactly. The end summary lists failed and
 * not-attempted stacks; any of them makes the exit code 1.
 */
import { existsSync, mkdtempSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { createInterface } from "node:readline/promises";
import { parseArgsStrict, UsageError } from "../cli/args";
import type { EnvironmentConfig } from "../environments/schema";
import { modeFromEnvironment } from "../stacks/settings";
import { runCli } from "./lib/cli";
import { formatWaves, runStacks, savedPlanPath, summaryLine } from "./lib/runner";
import { defaultConcurrency, NOT_ATTEMPTED, waves } from "./lib/scheduler";
import { concurrencyFrom, selectedEnvironments, selectStacks } from "./lib/selection";
import { synthesize } from "./lib/synth";
import { listStacks, type SynthesizedStack } from "./lib/terraform";

const USAGE = [
  "Usage: deploy.ts --env NAME | --config FILE [--stack NAME]... [--dry-run] [--auto-approve] [--plan-dir DIR]",
  "       [--outdir DIR] [--no-synth] [--concurrency N]",
  "  --env NAME       environment to deploy (or --config FILE: an environment JSON file)",
  "  --stack NAME     only these stacks (their dependencies outside the selection are assumed applied)",
  "  --dry-run        print the waves a deploy would run; applies nothing, works offline",
  "  --auto-approve   no confirmation (production asks for a typed yes on a terminal otherwise)",
  "  --plan-dir DIR   apply the saved plans DIR/<stack>/plan.tfplan exactly (e.g. cdktf.out/stacks after npm run plan)",
  "  --concurrency N  stacks applied at once (default: the core count)",
].join("\n");

const FLAGS = {
  "--env": "csv",
  "--config": "list",
  "--stack": "csv",
  "--dry-run": "boolean",
  "--auto-approve": "boolean",
  "--plan-dir": "string",
  "--outdir": "string",
  "--no-synth": "boolean",
  "--concurrency": "string",
} as const;

function parseOptions(argv: readonly string[]) {
  const args = parseArgsStrict(argv, FLAGS, USAGE);
  if (!args.has("--env") && !args.has("--config")) {
    throw new UsageError(`deploy needs an environment. Fix: npm run deploy -- --env dev (or --config FILE)\n${USAGE}`);
  }
  return {
    envs: args.list("--env"),
    configs: args.list("--config"),
    stacks: args.list("--stack"),
    dryRun: args.has("--dry-run"),
    autoApprove: args.has("--auto-approve"),
    planDir: args.string("--plan-dir"),
    outdir: args.string("--outdir") ?? "cdktf.out",
    synth: !args.has("--no-synth"),
    concurrency: concurrencyFrom(args.string("--concurrency"), defaultConcurrency()),
  };
}

type Options = ReturnType<typeof parseOptions>;

/** A refusal: what is missing and how to get it; nothing was run. */
function refuse(message: string): number {
  process.stderr.write(`deploy refused: ${message}\n`);
  return 1;
}

/** Why a real deploy cannot run here, or undefined when it can. */
function offlineReason(env: NodeJS.ProcessEnv): string | undefined {
  let mode: string;
  try {
    mode = modeFromEnvironment(env);
  } catch (error) {
    return `${(error as Error).message}. Fix: unset PLATAFORMA_MODE or set it to online`;
  }
  if (mode === "online") return undefined;
  const why =
    env.PLATAFORMA_MODE === "offline"
      ? "PLATAFORMA_MODE=offline is set"
      : "no AWS credentials are visible (AWS_PROFILE, AWS_ACCESS_KEY_ID, web identity or container credentials)";
  return (
    `deploying needs AWS credentials and online mode, but ${why}. ` +
    "Fix: export AWS credentials (e.g. AWS_PROFILE) and PLATAFORMA_MODE=online, " +
    "or add --dry-run to see the deploy order offline"
  );
}

/** The saved plans --plan-dir lacks for the selected stacks. */
function missingPlans(planDir: string, stacks: readonly SynthesizedStack[]): string[] {
  return stacks.filter((s) => !existsSync(savedPlanPath(planDir, s.name))).map((s) => s.name);
}

/** Asks for a typed "yes" on the terminal. */
async function confirmed(question: string): Promise<boolean> {
  const rl = createInterface({ input: process.stdin, output: process.stdout });
  try {
    return (await rl.question(`${question} Type "yes" to apply: `)).trim() === "yes";
  } finally {
    rl.close();
  }
}

function productionNames(envs: readonly EnvironmentConfig[]): string[] {
  return envs.filter((env) => env.tier === "production").map((env) => env.name);
}

async function apply(options: Options, envs: readonly EnvironmentConfig[]): Promise<number> {
  const production = productionNames(envs);
  const interactive = Boolean(process.stdin.isTTY);
  if (production.length > 0 && !options.autoApprove && !interactive) {
    return refuse(
      `${production.join(", ")} is production and stdin is not a terminal to confirm on. ` +
        "Fix: add --auto-approve (after reviewing the plan) or run it from a terminal",
    );
  }
  if (options.synth) {
    const status = synthesize({ envs: options.envs, configs: options.configs, outdir: options.outdir, mode: "online" });
    if (status !== 0) return status;
  }
  const stacks = selectStacks(listStacks(options.outdir), envs, options.stacks);
  if (options.planDir !== undefined) {
    const missing = missingPlans(options.planDir, stacks);
    if (missing.length > 0) {
      return refuse(
        `no saved plan in ${options.planDir} for ${missing.join(", ")}. ` +
          `Fix: run \`npm run plan\` (it writes <stack>/plan.tfplan) and pass --plan-dir ${options.outdir}/stacks`,
      );
    }
  }
  process.stdout.write(formatWaves(waves(stacks)));
  if (production.length > 0 && !options.autoApprove && !(await confirmed(`Deploy ${stacks.length} stacks?`))) {
    return refuse("not confirmed. Fix: answer yes, or add --auto-approve");
  }
  const outcomes = await runStacks(stacks, "apply", options.concurrency, false, undefined, undefined, {
    planDir: options.planDir,
  });
  process.stdout.write(`\n${summaryLine("deploy", outcomes)}\n`);
  const failed = outcomes.filter((o) => o.status === "failed");
  const skipped = outcomes.filter((o) => o.status === NOT_ATTEMPTED);
  if (failed.length > 0) process.stderr.write(`failed: ${failed.map((o) => o.stack).join(", ")}\n`);
  if (skipped.length > 0) process.stderr.write(`not attempted: ${skipped.map((o) => o.stack).join(", ")}\n`);
  return failed.length + skipped.length > 0 ? 1 : 0;
}

/** Synthesizes online into a scratch folder (the order a real deploy uses) and prints the waves. */
function dryRun(options: Options, envs: readonly EnvironmentConfig[]): number {
  const scratch = mkdtempSync(join(tmpdir(), "plataforma-deploy-dry-run-"));
  try {
    const outdir = options.synth ? join(scratch, "cdktf.out") : options.outdir;
    if (options.synth) {
      const status = synthesize({ envs: options.envs, configs: options.configs, outdir, mode: "online" });
      if (status !== 0) return status;
    }
    const stacks = selectStacks(listStacks(outdir), envs, options.stacks);
    process.stdout.write(formatWaves(waves(stacks)));
    process.stdout.write(`dry run: ${stacks.length} stacks in dependency order; nothing applied\n`);
    return 0;
  } finally {
    rmSync(scratch, { recursive: true, force: true });
  }
}

async function main(): Promise<number> {
  const options = parseOptions(process.argv.slice(2));
  const envs = selectedEnvironments(options.envs, options.configs);
  if (options.dryRun) return dryRun(options, envs);
  // Before any synth or terraform command: nothing is created (no .terraform/) when refused.
  const reason = offlineReason(process.env);
  if (reason !== undefined) return refuse(reason);
  return apply(options, envs);
}

runCli("deploy", main);
