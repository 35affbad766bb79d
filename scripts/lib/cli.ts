/**
 * What every script CLI does the same way: checkpoint lookups off, `--help` to stdout with
 * exit 0, user mistakes as one line on stderr (no stack trace) with their exit code.
 */
import { HelpRequested, UsageError } from "../../cli/args";
import { ConfigFileError } from "../../cli/config-file";
import { InputError } from "../../cli/inputs";
import { ConstructValidationError } from "../../constructs/core/validation";
import { ConfigError } from "../../environments/errors";

/**
 * Runs a CLI's main function and exits with its code. Usage mistakes exit 2; config and
 * input problems exit 1 (unless `codes` says otherwise); anything else is a bug and keeps
 * its stack trace.
 */
export function runCli(
  name: string,
  main: () => number | Promise<number>,
  codes: { readonly config?: number; readonly input?: number } = {},
): void {
  // Terraform and cdktf look up versions online unless told not to: nothing spawned by a
  // CLI of ours should, and offline that lookup only prints a confusing failure.
  process.env.CHECKPOINT_DISABLE = "1";
  // `npm run x | head` closes stdout early; that is not an error worth a stack trace.
  process.stdout.on("error", (error: NodeJS.ErrnoException) => {
    if (error.code !== "EPIPE") throw error;
  });
  const fail = (error: unknown): number => {
    if (error instanceof HelpRequested) {
      process.stdout.write(`${error.message}\n`);
      return 0;
    }
    if (error instanceof UsageError) {
      process.stderr.write(`${name}: ${error.message}\n`);
      return 2;
    }
    if (error instanceof ConfigError) {
      process.stderr.write(`${error.report}\n`);
      return codes.config ?? 1;
    }
    if (error instanceof ConfigFileError) {
      process.stderr.write(`${name}: ${error.message}\n`);
      return codes.config ?? 1;
    }
    if (error instanceof InputError) {
      process.stderr.write(`${name}: ${error.message}\n`);
      return codes.input ?? 1;
    }
    if (error instanceof ConstructValidationError) {
      process.stderr.write(`${name}: ${error.message}\n`);
      return codes.config ?? 1;
    }
    if (isPathError(error)) {
      process.stderr.write(
        `${name}: cannot ${error.syscall} ${error.path} (${error.code}). ` +
          "Fix: check the path, that its folder exists, and its permissions\n",
      );
      return codes.input ?? 1;
    }
    throw error;
  };
  let result: number | Promise<number>;
  try {
    result = main();
  } catch (error) {
    process.exit(fail(error));
  }
  Promise.resolve(result).then(
    (code) => process.exit(code),
    (error: unknown) => process.exit(fail(error)),
  );
}

/**
 * A file-system error on a path the user named (`--out`, `--config`, a report folder):
 * one line naming the path, not a stack trace.
 */
function isPathError(error: unknown): error is NodeJS.ErrnoException & { path: string; syscall: string } {
  const e = error as NodeJS.ErrnoException;
  return (
    e instanceof Error &&
    typeof e.path === "string" &&
    typeof e.syscall === "string" &&
    ["ENOENT", "EACCES", "EPERM", "EISDIR", "ENOTDIR", "EROFS", "EEXIST"].includes(e.code ?? "")
  );
}
