/**
 * Which environments and stacks a command works on (`--env`, `--config`, `--stack`), one
 * rule for plan, validate, deploy and graph.
 */
import { UsageError } from "../../cli/args";
import { loadConfigFile } from "../../cli/config-file";
import { ENVIRONMENT_NAMES, loadEnvironment, parseEnvironment } from "../../environments";
import type { EnvironmentConfig } from "../../environments/schema";
import { belongsToEnvironment } from "../../naming/derived";

/** The environments named by `--env` and read from `--config` files; all shipped ones when neither is given. */
export function selectedEnvironments(envs: readonly string[], configs: readonly string[]): EnvironmentConfig[] {
  const names = envs.length === 0 && configs.length === 0 ? ENVIRONMENT_NAMES : envs;
  return [...names.map(loadEnvironment), ...configs.map((path) => loadConfigFile(path, parseEnvironment))];
}

/**
 * The stacks of the environments (each one's layer stacks and its account's bootstrap
 * stack), narrowed to `--stack` names when given. A `--stack` name that is not among them
 * is a usage error listing the names there are.
 */
export function selectStacks<T extends { readonly name: string }>(
  stacks: readonly T[],
  envs: readonly EnvironmentConfig[],
  names: readonly string[],
): T[] {
  const own = stacks.filter((s) => envs.some((env) => belongsToEnvironment(env, s.name)));
  const unknown = names.filter((name) => !own.some((s) => s.name === name));
  if (unknown.length > 0) {
    throw new UsageError(
      `--stack ${unknown.join(", ")}: no such stack in ${envs.map((e) => e.name).join(", ")}. ` +
        `Fix: use one of ${own.map((s) => s.name).join(", ")}`,
    );
  }
  return names.length === 0 ? own : own.filter((s) => names.includes(s.name));
}

/** `--concurrency`: a whole number of at least 1, or the fallback when not given. */
export function concurrencyFrom(value: string | undefined, fallback: number): number {
  if (value === undefined) return fallback;
  const n = Number(value);
  if (!Number.isInteger(n) || n < 1) {
    throw new UsageError(
      `--concurrency ${JSON.stringify(value)} is not a whole number >= 1. Fix: e.g. --concurrency 2`,
    );
  }
  return n;
}
