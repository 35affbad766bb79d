/**
 * Setup shared by the integration suites: the shipped environments synthesized offline
 * into a fresh folder before the suite's tests, the stacks the suite checks selected from
 * it, and the folder removed afterwards.
 */
import { mkdtempSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { type EnvironmentName, loadEnvironment } from "../../environments";
import { listStacks, type SynthesizedStack } from "../../scripts/lib/terraform";
import { buildApp } from "../../stacks/app";

/** A suite's synthesized output. */
export interface OfflineSynth {
  /** The synth output folder. */
  readonly outdir: string;
  /** The runner's working folder (terraform CLI config), inside `outdir`. */
  readonly workDir: string;
  /** The selected stacks, filled in before the suite's first test. */
  readonly stacks: SynthesizedStack[];
}

/** Registers the suite's setup and teardown; `name` tells the temporary folders apart. */
export function synthesizeOffline(
  name: string,
  envs: readonly EnvironmentName[],
  select: (stack: SynthesizedStack) => boolean,
): OfflineSynth {
  const outdir = mkdtempSync(join(tmpdir(), `plataforma-${name}-`));
  const synth: OfflineSynth = { outdir, workDir: join(outdir, ".tf-work"), stacks: [] };
  // Synthesizing every environment takes seconds on a busy machine: more than jest's default 5 s.
  beforeAll(() => {
    buildApp(envs.map(loadEnvironment), { mode: "offline", outdir }).app.synth();
    synth.stacks.push(...listStacks(outdir).filter(select));
  }, 120_000);
  afterAll(() => rmSync(outdir, { recursive: true, force: true }));
  return synth;
}

/** A log that drops the runner's progress lines. */
export const quiet = (): void => undefined;
