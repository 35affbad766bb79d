/**
 * The one reader of a synth output folder (`cdktf.out`): its `manifest.json` and the
 * stacks it lists. The policy gate, the policy CLI and the Terraform runner all start here.
 */
import { existsSync } from "node:fs";
import { join, resolve } from "node:path";
import { readJsonFile } from "./inputs";

/** One stack of a synth output folder. */
export interface SynthesizedStackFile {
  /** Stack name, e.g. `dev-sa-east-1-network`. */
  readonly name: string;
  /** Absolute working directory of the stack (where `cdk.tf.json` is and terraform runs). */
  readonly dir: string;
  /** The stack's Terraform JSON (`cdk.tf.json`), parsed. */
  readonly json: unknown;
  /** Names of the stacks it depends on (deploys after), as the manifest records them. */
  readonly dependencies: readonly string[];
}

/** The parts of cdktf's `manifest.json` read here. */
interface Manifest {
  readonly stacks?: Readonly<
    Record<string, { name: string; workingDirectory: string; synthesizedStackPath: string; dependencies?: string[] }>
  >;
}

/** True when `outdir` holds a synth output (its manifest). */
export function hasSynthOutput(outdir: string): boolean {
  return existsSync(join(outdir, "manifest.json"));
}

/**
 * Reads every stack a synth output folder's manifest lists, in manifest order; throws
 * {@link InputError} (from `./inputs`) when the manifest or a stack file is missing or is not JSON.
 */
export function readSynthOutput(outdir: string): SynthesizedStackFile[] {
  const fix = "run `npm run synth` first, or pass --outdir";
  const manifest = readJsonFile(join(outdir, "manifest.json"), fix) as Manifest;
  return Object.values(manifest.stacks ?? {}).map((entry) => ({
    name: entry.name,
    dir: resolve(outdir, entry.workingDirectory),
    json: readJsonFile(join(outdir, entry.synthesizedStackPath), fix),
    dependencies: entry.dependencies ?? [],
  }));
}

/** How many managed resources the stacks declare, over every resource type. */
export function countResources(stacks: readonly { readonly json: unknown }[]): number {
  return stacks.reduce((total, stack) => {
    const byType = (stack.json as { resource?: Record<string, object> } | null)?.resource ?? {};
    return total + Object.values(byType).reduce((n, byName) => n + Object.keys(byName).length, 0);
  }, 0);
}
