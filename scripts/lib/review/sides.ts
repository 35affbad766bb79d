/**
 * The base side of a review: the base ref as a commit, checked out in a temporary git
 * worktree that `npm run synth`'s `main.ts` runs in (`scripts/lib/synth.ts`). Each side
 * synthesizes into its own folder, so their offline states (`terraform-state/` beside each
 * `cdktf.out`) never mix with the user's.
 */
import { execFile } from "node:child_process";
import { existsSync, mkdirSync, rmSync, symlinkSync } from "node:fs";
import { join, resolve } from "node:path";
import { promisify } from "node:util";
import { UsageError } from "../../../cli/args";

const execFileAsync = promisify(execFile);

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
