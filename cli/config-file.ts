/**
 * Environment config files (`--config FILE`), read the same way by every CLI that takes
 * them (synth, validate, plan, policy, deploy, graph): JSON, validated by the one schema.
 */
import { readFileSync } from "node:fs";
import { ConfigError, parseEnvironment } from "../environments";
import type { EnvironmentConfig } from "../environments/schema";

/**
 * Reads and validates an environment config file. Throws {@link ConfigError} naming the
 * file when it cannot be read, is not JSON, or fails the schema (every problem listed).
 */
export function loadConfigFile(path: string): EnvironmentConfig {
  return parseEnvironment(readConfigJson(path), `in ${path}`);
}

/** The file's JSON value; the one place config files are parsed. */
function readConfigJson(path: string): unknown {
  let text: string;
  try {
    text = readFileSync(path, "utf8");
  } catch (error) {
    const reason = (error as NodeJS.ErrnoException).code === "ENOENT" ? "no such file" : (error as Error).message;
    const message = `cannot read it: ${reason}. Fix: point --config at an environment JSON file`;
    throw new ConfigError(`file ${path}`, [{ path: "", message }]);
  }
  try {
    return JSON.parse(text) as unknown;
  } catch (error) {
    const fix = "Fix: point --config at a JSON environment file";
    throw new ConfigError(`file ${path}`, [
      { path: "", message: `cannot read it as JSON: ${(error as Error).message}. ${fix}` },
    ]);
  }
}
