/**
 * Synthesizes environments into a throw-away folder and returns each environment's
 * stacks: the DR tools judge the Terraform a config produces now, never a stale cdktf.out.
 */
import { mkdtempSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { readSynthOutput } from "../../cli/synth-output";
import type { EnvironmentConfig } from "../../environments/schema";
import { belongsToEnvironment } from "../../naming/derived";
import { buildApp } from "../../stacks/app";
import type { EstateStack } from "./estate";

/**
 * Synthesizes the configs offline (no policy gate: the DR check judges other things) and
 * splits the stacks per environment.
 */
export function synthesizeEstates(configs: readonly EnvironmentConfig[]): Map<string, EstateStack[]> {
  const outdir = mkdtempSync(join(tmpdir(), "dr-synth-"));
  try {
    const { app } = buildApp(configs, { mode: "offline", outdir });
    app.synth();
    return splitByEnvironment(configs, readSynthOutput(outdir));
  } finally {
    rmSync(outdir, { recursive: true, force: true });
  }
}

/** The stacks of each environment, by environment name. */
export function splitByEnvironment(
  configs: readonly EnvironmentConfig[],
  stacks: readonly EstateStack[],
): Map<string, EstateStack[]> {
  return new Map(configs.map((env) => [env.name, stacks.filter((s) => belongsToEnvironment(env, s.name))]));
}
