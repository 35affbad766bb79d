/**
 * The two sides of a review: the head (the working tree) and the base (a temporary git
 * worktree of the base ref), each synthesized into its own folder so their offline states
 * (`terraform-state/` beside each `cdktf.out`) never mix with the user's.
 */
import { execFile, spawn } from "node:child_process";
import { existsSync, mkdirSync, rmSync, symlinkSync } from "node:fs";
import { dirname, join, resolve } from "node:path";
import { promisify } from "node:util";
import { UsageError } from "../../../cli/args";

const execFileAsync = promisify(execFile);

/** Synthesizes `main.ts` of `sourceDir` into `outdir` for the environments; rejects with synth's output. */
export function synthesize(sourceDir: string, outdir: string, envs: readonly string[]): Promise<void> {
  const args = ["--import", "tsx", "main.ts", ...(envs.length > 0 ? ["--env", envs.join(",")] : [])];
  // Synth writes a partial folder beside the output and renames it: the parent must exist.
  mkdirSync(dirname(outdir), { recursive: true });
  return new Promise((done, fail) => {
    const child = spawn(process.execPath, args, {
      cwd: sourceDir,
      env: { ...process.env, CDKTF_OUTDIR: outdir },
      stdio: ["ignore", "pipe", "pipe"],
    });
    let output = "";
    child.stdout.on("data", (chunk) => {
      output += chunk;
    });
    child.stderr.on("data", (chunk) => {
      output += chunk;
    });
    child.on("error", fail);
    child.on("close", (code) => (code === 0 ? done() : fail(new SynthError(sourceDir, output.trim()))));
  });
}

/** A side that does not synthesize: its config or policy gate failed. */
export class SynthError extends Error {
  constructor(
    readonly sourceDir: string,
    readonly output: string,
  ) {
    super(`synth of ${sourceDir} failed:\n${output}`);
  }
}

/** Resolves a ref to a commit, or throws a {@link UsageError} naming the ref. */
export async function resolveRef(repo: string, ref: string): Promise<string> {
  try {
    const { stdout } = await execFileAsync("git", ["-C", repo, "rev-parse", "--verify", "--quiet", `${ref}^{commit}`]);
    return stdout.trim();
  } catch {
    throw new UsageError(
      `--base ${JSON.stringify(ref)} is not a commit of ${repo}. ` +
        "Fix: pass a branch, tag or commit that exists (in CI fetch it first: git fetch origin main)",
    );
  }
}

/**
 * Checks out `commit` in a temporary worktree at `dir` (detached, no branch) that shares
 * the head's `node_modules`, and returns a function removing it again.
 */
export async function baseWorktree(repo: string, commit: string, dir: string): Promise<() => Promise<void>> {
  await removeWorktree(repo, dir);
  mkdirSync(resolve(dir, ".."), { recursive: true });
  await execFileAsync("git", ["-C", repo, "worktree", "add", "--detach", "--force", dir, commit]);
  const modules = join(repo, "node_modules");
  if (existsSync(modules) && !existsSync(join(dir, "node_modules"))) symlinkSync(modules, join(dir, "node_modules"));
  return () => removeWorktree(repo, dir);
}

async function removeWorktree(repo: string, dir: string): Promise<void> {
  if (!existsSync(dir)) return;
  try {
    await execFileAsync("git", ["-C", repo, "worktree", "remove", "--force", dir]);
  } catch {
    rmSync(dir, { recursive: true, force: true });
    await execFileAsync("git", ["-C", repo, "worktree", "prune"]).catch(() => undefined);
  }
}
