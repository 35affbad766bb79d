/** Which environments a DR command works on: `--config` files, else `--env` names, else every shipped one. */
import { readFileSync } from "node:fs";
import { UsageError } from "../../cli/args";
import { ENVIRONMENT_NAMES, loadEnvironment, parseEnvironment } from "../../environments";
import type { EnvironmentConfig } from "../../environments/schema";

/** Reads one JSON environment file; a file that is not JSON is a usage error naming it. */
export function readConfigFile(path: string): unknown {
  try {
    return JSON.parse(readFileSync(path, "utf8")) as unknown;
  } catch (error) {
    throw new UsageError(
      `cannot read ${path} as JSON: ${(error as Error).message}. Fix: point --config at a JSON environment file`,
    );
  }
}

/** Loads and validates the selected environments (throws ConfigError with every problem). */
export function selectConfigs(envs: readonly string[], files: readonly string[]): EnvironmentConfig[] {
  const fromFiles = files.map((path) => parseEnvironment(readConfigFile(path), `in ${path}`));
  const names = envs.length > 0 ? envs : files.length > 0 ? [] : ENVIRONMENT_NAMES;
  return [...fromFiles, ...names.map((name) => loadEnvironment(name))];
}
