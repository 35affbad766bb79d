/**
 * Terraform over synthesized stacks, offline by default.
 *
 *   npm run validate [-- --env dev] [--config FILE] [--stack NAME] [--no-synth] [--concurrency N]
 *   npm run plan     [-- --env dev] [--config FILE] [--stack NAME] [--no-synth] [--concurrency N]
 *
 * Synthesizes first (unless --no-synth), then runs every selected stack through the
 * scheduler: each after the stacks it depends on (manifest.json), at most N at once
 * (default: the core count), dependants of a failure not attempted. Plans are saved as
 * `plan.tfplan` and `plan.json` (`terraform show -json`) in each stack folder. Offline,
 * stacks needing providers with no local binary (kubernetes, helm, cloudflare) are
 * skipped and said so.
 */
import { parseArgsStrict, UsageError } from "../cli/args";
import { modeFromEnvironment } from "../stacks/settings";
import { runCli } from "./lib/cli";
import { type Command, runStacks, summaryLine } from "./lib/runner";
import { defaultConcurrency, NOT_ATTEMPTED } from "./lib/scheduler";
import { concurrencyFrom, selectedEnvironments, selectStacks } from "./lib/selection";
import { synthesize } from "./lib/synth";
import { listStacks } from "./lib/terraform";

const USAGE = [
  "Usage: tf.ts <init|validate|plan> [--env NAME[,NAME]] [--config FILE] [--stack NAME] [--no-synth]",
  "       [--outdir DIR] [--concurrency N]",
  "  --env NAME       shipped environments (default: all); --config FILE: an environment JSON file instead",
  "  --stack NAME     only these stacks (repeat or comma-separate)",
  "  --no-synth       use the existing synth output in --outdir (default cdktf.out)",
  "  --concurrency N  terraform processes at once (default: the core count)",
].join("\n");

const FLAGS = {
  "--env": "csv",
  "--config": "list",
  "--stack": "csv",
  "--outdir": "string",
  "--concurrency": "string",
  "--no-synth": "boolean",
} as const;

function parseOptions(argv: readonly string[]) {
  const [command, ...rest] = argv;
  if (command === "--help" || command === "-h") parseArgsStrict([command], FLAGS, USAGE);
  if (command !== "init" && command !== "validate" && command !== "plan") {
    throw new UsageError(`unknown command ${JSON.stringify(command)}. ${USAGE}`);
  }
  const args = parseArgsStrict(rest, FLAGS, USAGE);
  return {
    command: command as Command,
    envs: args.list("--env"),
    configs: args.list("--config"),
    stacks: args.list("--stack"),
    outdir: args.string("--outdir") ?? "cdktf.out",
    synth: !args.has("--no-synth"),
    concurrency: concurrencyFrom(args.string("--concurrency"), defaultConcurrency()),
  };
}

async function main(): Promise<number> {
  const options = parseOptions(process.argv.slice(2));
  // Config problems surface before a synth is spent on them.
  const envs = selectedEnvironments(options.envs, options.configs);
  if (options.synth) {
    const status = synthesize({ envs: options.envs, configs: options.configs, outdir: options.outdir });
    if (status !== 0) return status;
  }
  const offline = modeFromEnvironment(process.env) === "offline";
  const stacks = selectStacks(listStacks(options.outdir), envs, options.stacks);
  if (stacks.length === 0) {
    process.stderr.write(`no stack of ${envs.map((e) => e.name).join(", ")} in ${options.outdir}\n`);
    return 1;
  }
  process.stdout.write(`${options.command}: ${stacks.length} stacks, concurrency ${options.concurrency}\n`);
  const outcomes = await runStacks(stacks, options.command, options.concurrency, offline);
  const failed = outcomes.filter((o) => o.status === "failed" || o.status === NOT_ATTEMPTED);
  process.stdout.write(`\n${summaryLine(options.command, outcomes)}\n`);
  for (const o of failed) process.stderr.write(`${o.status}: ${o.stack}: ${o.detail}\n`);
  return failed.length > 0 ? 1 : 0;
}

runCli("tf.ts", main);
