/**
 * Synthesizes for a script (plan, validate, deploy, graph) by running the real synth
 * command, `main.ts`, so config errors, the policy gate and the output folder are exactly
 * those of `npm run synth`.
 */
import { spawn, spawnSync } from "node:child_process";
import { resolve } from "node:path";
import type { DeployMode } from "../../stacks/settings";

/**
 * Node arguments of the synth command (`npm run synth`, cdktf.json's `app`): tsx's CommonJS
 * hook only. `--import tsx` would also start tsx's ES module hooks on a worker thread that
 * main.ts (compiled to CommonJS) never uses; waiting for it cost about 0.3 s of every synth.
 */
export const SYNTH_NODE_ARGS = ["--require", "tsx/cjs", "main.ts"] as const;

/** What to synthesize and where. */
export interface SynthRequest {
  /** Shipped environment names (`--env`); empty with no configs means all. */
  readonly envs: readonly string[];
  /** Config files (`--config`), passed through to `main.ts`. */
  readonly configs: readonly string[];
  /** Output folder. */
  readonly outdir: string;
  /** Force a mode (deploy and graph synthesize online: the order a real deploy uses). */
  readonly mode?: DeployMode;
  /**
   * The checkout whose `main.ts` runs (default: this one). The plan review synthesizes its
   * base from a temporary worktree of the base commit.
   */
  readonly root?: string;
}

/** The `main.ts` arguments for a request. */
export function synthArgs(request: Pick<SynthRequest, "envs" | "configs">): string[] {
  return [
    ...(request.envs.length > 0 ? ["--env", request.envs.join(",")] : []),
    ...request.configs.flatMap((file) => ["--config", resolve(file)]),
  ];
}

/** The command, folder and environment `main.ts` runs with for a request. */
function synthCommand(request: SynthRequest) {
  return {
    args: [...SYNTH_NODE_ARGS, ...synthArgs(request)],
    cwd: request.root ?? resolve(__dirname, "..", ".."),
    env: {
      ...process.env,
      CDKTF_OUTDIR: resolve(request.outdir),
      CHECKPOINT_DISABLE: "1",
      ...(request.mode ? { PLATAFORMA_MODE: request.mode } : {}),
    },
  };
}

/**
 * Runs `main.ts` with the request; its status line and problems go to this process's
 * stdout and stderr. Returns its exit status (0 when the output folder is complete).
 */
export function synthesize(request: SynthRequest): number {
  const { args, cwd, env } = synthCommand(request);
  return spawnSync(process.execPath, args, { cwd, stdio: "inherit", env }).status ?? 1;
}

/**
 * {@link synthesize} without blocking, so two synths (the review's base and head) run at
 * once; their output is captured, not interleaved. Resolves with the exit status and output.
 */
export function synthesizeInBackground(request: SynthRequest): Promise<{ status: number; output: string }> {
  const { args, cwd, env } = synthCommand(request);
  return new Promise((done, fail) => {
    const child = spawn(process.execPath, args, { cwd, env, stdio: ["ignore", "pipe", "pipe"] });
    let output = "";
    const collect = (chunk: Buffer) => {
      output += chunk;
    };
    child.stdout.on("data", collect);
    child.stderr.on("data", collect);
    child.on("error", fail);
    child.on("close", (code) => done({ status: code ?? 1, output: output.trim() }));
  });
}
