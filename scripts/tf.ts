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
import { parseArgsStrict, UsageError } from "../cli/args";
import { InputError } from "../cli/inputs";
import { ENVIRONMENTS, loadEnvironment } from "../environments";
import { belongsToEnvironment } from "../naming/derived";
import { modeFromEnvironment } from "../stacks/settings";
import { type Command, runStacks, type StackOutcome } from "./lib/runner";
import { listStacks } from "./lib/terraform";

interface Options {
  command: Command;
  envs: readonly string[];
  stacks: readonly string[];
  outdir: string;
  synth: boolean;
  concurrency: number;
}

const USAGE =
  "Usage: tf.ts <init|validate|plan> [--env NAME] [--stack NAME] [--no-synth] [--outdir DIR] " + "[--concurrency N]";
const FLAGS = {
  "--env": "csv",
  "--stack": "csv",
  "--outdir": "string",
  "--concurrency": "string",
  "--no-synth": "boolean",
} as const;

function parseOptions(argv: readonly string[]): Options {
  const [command, ...rest] = argv;
  if (command !== "init" && command !== "validate" && command !== "plan") {
    throw new UsageError(`unknown command ${JSON.stringify(command)}. ${USAGE}`);
  }
  const args = parseArgsStrict(rest, FLAGS, USAGE);
  const concurrency = args.string("--concurrency");
  return {
    command,
    envs: args.list("--env"),
    stacks: args.list("--stack"),
    outdir: args.string("--outdir") ?? "cdktf.out",
    synth: !args.has("--no-synth"),
    concurrency: concurrency === undefined ? 2 : Math.max(1, Number(concurrency) || 1),
  };
}

async function main(): Promise<number> {
  const options = parseOptions(process.argv.slice(2));
  if (options.synth) {
    const args = ["--import", "tsx", "main.ts", ...(options.envs.length ? ["--env", options.envs.join(",")] : [])];
    const synth = spawnSync(process.execPath, args, {
      stdio: "inherit",
      env: { ...process.env, CDKTF_OUTDIR: options.outdir },
    });
    if (synth.status !== 0) return synth.status ?? 1;
  }
  const offline = modeFromEnvironment(process.env) === "offline";
  // An environment's stacks are its layer stacks plus its account's bootstrap stack.
  const envs = options.envs.filter((e) => Object.hasOwn(ENVIRONMENTS, e)).map((e) => loadEnvironment(e));
  const stacks = listStacks(options.outdir).filter(
    (s) =>
      (options.envs.length === 0 || envs.some((env) => belongsToEnvironment(env, s.name))) &&
      (options.stacks.length === 0 || options.stacks.includes(s.name)),
  );
  if (stacks.length === 0) {
    process.stderr.write("no stack matches the selection\n");
    return 1;
  }
  const outcomes = await runStacks(stacks, options.command, options.concurrency, offline);
  const failed = outcomes.filter((o) => o.status === "failed");
  const count = (s: StackOutcome["status"]) => outcomes.filter((o) => o.status === s).length;
  process.stdout.write(
    `\n${options.command}: ${count("ok")} ok, ${failed.length} failed, ${count("skipped")} skipped\n`,
  );
  return failed.length > 0 ? 1 : 0;
}

main().then(
  (code) => process.exit(code),
  (error) => {
    if (error instanceof UsageError) {
      process.stderr.write(`${error.message}\n`);
      process.exit(2);
    }
    // A missing or broken synth folder (--no-synth before any synth) is the user's to fix.
    if (error instanceof InputError) {
      process.stderr.write(`${error.message}\n`);
      process.exit(1);
    }
    throw error;
  },
);
