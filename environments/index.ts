import { dev } from "./dev";
import { ConfigError, problemsFromZod } from "./errors";
import { production } from "./production";
import { type EnvironmentConfig, EnvironmentSchema } from "./schema";
import { staging } from "./staging";

export * from "./errors";
export * from "./schema";

/** The environments shipped in this repository, by name. */
export const ENVIRONMENTS = { dev, staging, production } as const;

/** Name of a shipped environment. */
export type EnvironmentName = keyof typeof ENVIRONMENTS;

/** Shipped environment names, in deployment order. */
export const ENVIRONMENT_NAMES = Object.keys(ENVIRONMENTS) as EnvironmentName[];

/**
 * Validates any environment object (a shipped one, a test fixture, a user's JSON file).
 * Throws {@link ConfigError} listing every problem with its path when it is invalid.
 */
export function parseEnvironment(input: unknown, source = "environment"): EnvironmentConfig {
  const result = EnvironmentSchema.safeParse(input, { reportInput: true });
  if (!result.success) throw new ConfigError(source, problemsFromZod(result.error));
  return result.data;
}

/** Loads and validates a shipped environment by name. */
export function loadEnvironment(name: string): EnvironmentConfig {
  if (!Object.hasOwn(ENVIRONMENTS, name)) {
    throw new ConfigError(`"${name}"`, [
      {
        path: "",
        message: `no environment named "${name}". Fix: use one of ${ENVIRONMENT_NAMES.join(", ")}`,
        received: name,
      },
    ]);
  }
  return parseEnvironment(ENVIRONMENTS[name as EnvironmentName], `of environment "${name}"`);
}
