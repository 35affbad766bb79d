/**
 * Reads `--config` environment files for main.ts and scripts/: strict JSON (duplicate
 * keys, comments, trailing commas, NaN and single quotes are errors with line and column),
 * then the caller's validation. cli/ imports no environments/ code (test/layers.test.ts),
 * so the validator comes in as an argument.
 */
import { existsSync, readFileSync } from "node:fs";
import { parseStrictJson, StrictJsonError } from "./strict-json";

/** A `--config` file that cannot be read as strict JSON; printed without a stack trace, exit 1. */
export class ConfigFileError extends Error {
  constructor(
    message: string,
    /** The file. */
    readonly file: string,
    /** 1-based line and column of the problem, when it is a syntax problem. */
    readonly line?: number,
    readonly column?: number,
  ) {
    super(message);
    this.name = "ConfigFileError";
  }
}

const FIX_FILE = "Fix: point --config at an environment JSON file";

/** The one place `--config` text becomes a value: strict JSON with positions in every error. */
function readConfigJson(path: string): unknown {
  if (!existsSync(path)) throw new ConfigFileError(`config file ${path} not found. ${FIX_FILE}`, path);
  let text: string;
  try {
    text = readFileSync(path, "utf8");
  } catch (error) {
    throw new ConfigFileError(`cannot read config file ${path}: ${(error as Error).message}. ${FIX_FILE}`, path);
  }
  try {
    return parseStrictJson(text);
  } catch (error) {
    if (!(error instanceof StrictJsonError)) throw error;
    const member = error.path ? ` (${error.path})` : "";
    throw new ConfigFileError(
      `Invalid configuration file ${path}: line ${error.line}, column ${error.column}${member}: ${error.reason}`,
      path,
      error.line,
      error.column,
    );
  }
}

/**
 * Reads a `--config` file as strict JSON and validates it with `parse` (e.g.
 * `parseEnvironment`), which receives the value and a source label for its errors.
 */
export function loadConfigFile<T>(path: string, parse: (raw: unknown, source: string) => T): T {
  return parse(readConfigJson(path), `in ${path}`);
}
