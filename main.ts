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
 */
import { existsSync, readFileSync, renameSync, rmSync } from "node:fs";
import { ConfigError, ENVIRONMENT_NAMES, loadEnvironment, parseEnvironment } from "./environments";
import type { EnvironmentConfig } from "./environments/schema";
import { buildApp } from "./stacks/app";
import { type DeployMode, modeFromEnvironment } from "./stacks/settings";

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
    rmSync(outdir, { recursive: true, force: true });
    renameSync(staging, outdir);
    process.stderr.write(`synthesized ${stacks.length} stacks of ${configs.map((c) => c.name).join(", ")} (${mode} mode) to ${outdir}\n`);
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
  throw error;
}
