/**
 * Entry point for `cdktf synth|deploy` and `npm run synth`: pick environments, validate
 * their config, build the stacks, synthesize. The only module (with scripts/) that reads
 * process.env, argv or the disk.
 *
 *   npm run synth                          all shipped environments, mode auto-detected
 *   npm run synth -- --env dev,staging     some of them
 *   npm run synth -- --config my-env.json  a config file (JSON) instead of a shipped one
 *   PLATAFORMA_MODE=offline|online         force the mode (default: online only when AWS
 *                                          credentials are visible in the environment)
 *   POLICY_TODAY=YYYY-MM-DD                date suppression expiries are checked against
 *                                          (default: today, UTC)
 *   PLATAFORMA_SOURCE_MAPS=1               keep stack traces, source-mapped (debugging a crash; slower)
 *
 * Every synth runs the policy packs (policies/) over the staged output: an error-level
 * finding prints the report, exits 1 and leaves cdktf.out untouched.
 */
// First: source maps and stack traces off, dependencies through Node's loader, before the
// rest loads (cli/synth-runtime.ts says why; PLATAFORMA_SOURCE_MAPS=1 keeps traces for debugging).
import "./cli/synth-runtime";
import { existsSync, mkdirSync, renameSync, rmSync } from "node:fs";
import { dirname, resolve } from "node:path";
import { HelpRequested, parseArgsStrict, UsageError } from "./cli/args";
import { ConfigFileError, loadConfigFile as loadConfigFileWith } from "./cli/config-file";
import { InputError, todayFrom } from "./cli/inputs";
import { readSynthOutput } from "./cli/synth-output";
import { ConstructValidationError } from "./constructs/core/validation";
import { ConfigError, ENVIRONMENT_NAMES, ENVIRONMENTS, loadEnvironmentFrom, parseEnvironment } from "./environments";
import type { EnvironmentConfig } from "./environments/schema";
import { checkStacks, gateReport, gateSummary } from "./policies/gate";
import { buildApp } from "./stacks/app";
import { type DeployMode, modeFromEnvironment } from "./stacks/settings";

// cdktf and terraform look up versions online unless told not to; offline that only fails.
process.env.CHECKPOINT_DISABLE = "1";

/** Flags of `main.ts`; anything else on the command line is a usage error. */
const FLAGS = { "--env": "csv", "--config": "list" } as const;

const USAGE = [
  "Usage: main.ts [--env NAME[,NAME]] [--config FILE]...",
  "  --env NAME     shipped environments to synthesize (default: PLATAFORMA_ENVS, else all)",
  "  --config FILE  an environment JSON file instead (e.g. from npm run config:export)",
  "  Output: CDKTF_OUTDIR (default cdktf.out); mode: PLATAFORMA_MODE=offline|online (default: online with",
  "  AWS credentials visible, else offline)",
].join("\n");

function detectMode(): DeployMode {
  try {
    return modeFromEnvironment(process.env);
  } catch (error) {
    const path = "PLATAFORMA_MODE";
    throw new ConfigError(path, [{ path, received: process.env[path], message: (error as Error).message }]);
  }
}

/** A `--config` file: strict JSON (duplicate keys are errors with their line), then the schema. */
function loadConfigFile(path: string, today: string): EnvironmentConfig {
  return loadConfigFileWith(path, (raw, source) => parseEnvironment(raw, source, { today }));
}

/**
 * What to build: the `--env` names and the `--config` files; with neither, `PLATAFORMA_ENVS`,
 * else every shipped environment.
 */
function selectEnvironments(argv: readonly string[]): { files: readonly string[]; names: readonly string[] } {
  const args = parseArgsStrict(argv, FLAGS, USAGE);
  const files = args.list("--config");
  if (args.has("--env") || files.length > 0) return { files, names: args.list("--env") };
  const fromEnv = (process.env.PLATAFORMA_ENVS ?? "").split(",").filter(Boolean);
  return { files, names: fromEnv.length > 0 ? fromEnv : ENVIRONMENT_NAMES };
}

/**
 * Synthesizes into a staging folder next to `outdir`, runs the policy gate on it and swaps
 * it in only when the gate passes: a failure or a violation leaves no partial output.
 * Returns false when the gate failed (the report is printed).
 */
function synthesize(configs: readonly EnvironmentConfig[], mode: DeployMode, outdir: string): boolean {
  const staging = `${outdir}.partial-${process.pid}`;
  // The staging folder sits beside the output: its parent must exist (e.g. --outdir in a new folder).
  mkdirSync(dirname(resolve(outdir)), { recursive: true });
  try {
    const { app, stacks } = buildApp(configs, { mode, outdir: staging });
    app.synth();
    const report = checkStacks(readSynthOutput(staging), configs, todayFrom(process.env, new Date()));
    const printed = gateReport(report, outdir);
    if (report.errorCount > 0) {
      process.stderr.write(`${printed}\n`);
      return false;
    }
    if (printed !== undefined) process.stderr.write(`${printed}\n\n`);
    rmSync(outdir, { recursive: true, force: true });
    renameSync(staging, outdir);
    const what = `${stacks.length} stacks of ${configs.map((c) => c.name).join(", ")} (${mode} mode)`;
    process.stdout.write(`synthesized ${what} to ${outdir}; ${gateSummary(report)}\n`);
    return true;
  } finally {
    if (existsSync(staging)) rmSync(staging, { recursive: true, force: true });
  }
}

/**
 * A construct refused props the config schema accepted: the config is wrong, and the schema
 * has a gap. The construct's own message names the construct path, prop, value and fix.
 */
function constructRefusal(error: ConstructValidationError): string {
  return (
    `${error.message}\n` +
    "The environment config passed validation, but this construct refused what it built from it: " +
    "fix the config value behind the prop above, and report the missing config check."
  );
}

function main(): void {
  const { files, names } = selectEnvironments(process.argv.slice(2));
  const mode = detectMode();
  // Expired suppressions are refused with the config path, before anything is built.
  const today = todayFrom(process.env, new Date());
  const configs = [
    ...names.map((n) => loadEnvironmentFrom(ENVIRONMENTS, n, { today })),
    ...files.map((f) => loadConfigFile(f, today)),
  ];
  if (!synthesize(configs, mode, process.env.CDKTF_OUTDIR ?? "cdktf.out")) process.exitCode = 1;
}

try {
  main();
} catch (error) {
  if (error instanceof HelpRequested) {
    process.stdout.write(`${error.message}\n`);
    process.exit(0);
  }
  if (error instanceof UsageError) {
    process.stderr.write(`synth: ${error.message}\n`);
    process.exit(2);
  }
  if (error instanceof ConfigError) {
    process.stderr.write(`${error.report}\n`);
    process.exit(1);
  }
  if (error instanceof ConfigFileError) {
    process.stderr.write(`${error.message}\n`);
    process.exit(1);
  }
  if (error instanceof InputError) {
    process.stderr.write(`policy check: ${error.message}\n`);
    process.exit(1);
  }
  if (error instanceof ConstructValidationError) {
    process.stderr.write(`synth: ${constructRefusal(error)}\n`);
    process.exit(1);
  }
  throw error;
}
