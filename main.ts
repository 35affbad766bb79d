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
 *   PLATAFORMA_SOURCE_MAPS=1               keep source-mapped stack traces (slower synth)
 *
 * Every synth runs the policy packs (policies/) over the staged output: an error-level
 * finding prints the report, exits 1 and leaves cdktf.out untouched.
 */
import { existsSync, readFileSync, renameSync, rmSync } from "node:fs";
import { ConfigError, ENVIRONMENT_NAMES, loadEnvironment, parseEnvironment } from "./environments";
import type { EnvironmentConfig } from "./environments/schema";
import { formatTable } from "./policies/report";
import { checkStacks, PolicyInputError, readSynthOutput, todayFrom } from "./scripts/lib/policy-input";
import { buildApp } from "./stacks/app";
import { type DeployMode, modeFromEnvironment } from "./stacks/settings";

// cdktf captures a full stack trace for every token it creates; with the source maps
// tsx turns on, each capture parses maps and synth takes about twice as long. User errors
// print no stack trace anyway, so keep maps off unless someone debugs a crash.
if (!process.env.PLATAFORMA_SOURCE_MAPS) process.setSourceMapsEnabled(false);

function argValues(flag: string): string[] {
  const values: string[] = [];
  const argv = process.argv.slice(2);
  argv.forEach((arg, i) => {
    if (arg === flag && argv[i + 1]) values.push(argv[i + 1]);
    else if (arg.startsWith(`${flag}=`)) values.push(arg.slice(flag.length + 1));
  });
  return values.flatMap((v) => v.split(",")).filter(Boolean);
}

function detectMode(): DeployMode {
  try {
    return modeFromEnvironment(process.env);
  } catch (error) {
    throw new ConfigError("PLATAFORMA_MODE", [{ path: "PLATAFORMA_MODE", received: process.env.PLATAFORMA_MODE, message: (error as Error).message }]);
  }
}

function loadConfigFile(path: string): EnvironmentConfig {
  let raw: unknown;
  try {
    raw = JSON.parse(readFileSync(path, "utf8"));
  } catch (error) {
    throw new ConfigError(`file ${path}`, [{ path: "", message: `cannot read it as JSON: ${(error as Error).message}. Fix: point --config at a JSON environment file` }]);
  }
  return parseEnvironment(raw, `in ${path}`);
}

function main(): void {
  const files = argValues("--config");
  const names = argValues("--env").length > 0 ? argValues("--env") : (process.env.PLATAFORMA_ENVS ?? "").split(",").filter(Boolean);
  const mode = detectMode();
  const configs = files.length > 0 ? files.map(loadConfigFile) : (names.length > 0 ? names : ENVIRONMENT_NAMES).map(loadEnvironment);

  // Synthesize next to the target and swap in only on success: a failure leaves no partial output.
  const outdir = process.env.CDKTF_OUTDIR ?? "cdktf.out";
  const staging = `${outdir}.partial-${process.pid}`;
  try {
    const { app, stacks } = buildApp(configs, { mode, outdir: staging });
    app.synth();
    // Guardrails run on the staged output, before the swap: a violation never reaches cdktf.out.
    const report = checkStacks(readSynthOutput(staging), configs, todayFrom(process.env, new Date()));
    if (report.errorCount > 0) {
      process.stderr.write(`${formatTable(report)}\n\nsynth failed: ${report.errorCount} policy error(s); ${outdir} was not written. Fix the resources above or add a suppression with a reason (environments/<env>.ts policies.suppressions, or suppressPolicy on the construct).\n`);
      process.exitCode = 1;
      return;
    }
    if (report.warningCount > 0) process.stderr.write(`${formatTable(report)}\n\n`);
    rmSync(outdir, { recursive: true, force: true });
    renameSync(staging, outdir);
    process.stderr.write(`synthesized ${stacks.length} stacks of ${configs.map((c) => c.name).join(", ")} (${mode} mode) to ${outdir}; policy check: ${report.rules.length} rules, 0 errors, ${report.warningCount} warning(s), ${report.suppressed.length} suppressed\n`);
  } finally {
    if (existsSync(staging)) rmSync(staging, { recursive: true, force: true });
  }
}

try {
  main();
} catch (error) {
  if (error instanceof ConfigError) {
    process.stderr.write(`${error.report}\n`);
    process.exit(1);
  }
  if (error instanceof PolicyInputError) {
    process.stderr.write(`policy check: ${error.message}\n`);
    process.exit(1);
  }
  throw error;
}
