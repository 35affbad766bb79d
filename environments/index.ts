import { didYouMean } from "../contracts/suggest";
import { dev } from "./dev";
import { ConfigError, type ConfigProblem, problemsFromIssues, sortProblems } from "./errors";
import { production } from "./production";
import { type EnvironmentConfig, EnvironmentSchema, validateEnvironment } from "./schema";
import { staging } from "./staging";

export * from "./errors";
export * from "./schema";

/** The environments shipped in this repository, by name. */
export const ENVIRONMENTS = { dev, staging, production } as const;

/** Name of a shipped environment. */
export type EnvironmentName = keyof typeof ENVIRONMENTS;

/** Shipped environment names, in deployment order. */
export const ENVIRONMENT_NAMES = Object.keys(ENVIRONMENTS) as EnvironmentName[];

/** Options of {@link parseEnvironment}. */
export interface ParseEnvironmentOptions {
  /**
   * The name the environment must have: its key in {@link ENVIRONMENTS}, which is also
   * the prefix of its stacks. @default - any name
   */
  readonly expectedName?: string;
  /**
   * Today as YYYY-MM-DD: a policy suppression whose `expires` is before it is refused at
   * its config path. @default - expiry is left to the policy gate
   */
  readonly today?: string;
}

/** Suppressions of the raw input that expired before `today`, as problems at their `expires`. */
function expiredSuppressions(input: unknown, today: string): ConfigProblem[] {
  const suppressions = (input as { policies?: { suppressions?: unknown } } | null)?.policies?.suppressions;
  if (!Array.isArray(suppressions)) return [];
  return suppressions.flatMap((entry: unknown, i): ConfigProblem[] => {
    const expires = (entry as { expires?: unknown } | null)?.expires;
    if (typeof expires !== "string" || !/^\d{4}-\d{2}-\d{2}$/.test(expires) || expires >= today) return [];
    const rule = (entry as { ruleId?: unknown }).ruleId;
    return [
      {
        path: `policies.suppressions.${i}.expires`,
        message:
          `the suppression of ${String(rule)} expired on ${expires} (today is ${today}). ` +
          "Fix: fix the finding and remove the suppression, or review it and set a new expires date",
        received: expires,
      },
    ];
  });
}

/**
 * Validates any environment object (a shipped one, a test fixture, a user's JSON file) in
 * one pass. Throws {@link ConfigError} listing every problem, structural and cross-field,
 * sorted by path, each once, with the value received and the fix.
 */
export function parseEnvironment(
  input: unknown,
  source = "environment",
  options: ParseEnvironmentOptions = {},
): EnvironmentConfig {
  const result = validateEnvironment(input);
  const problems: ConfigProblem[] = result.success
    ? []
    : problemsFromIssues(result.issues, { schema: EnvironmentSchema, input });
  const name = (input as { name?: unknown } | null)?.name;
  if (options.expectedName !== undefined && typeof name === "string" && name !== options.expectedName) {
    problems.push({
      path: "name",
      message:
        `environment ${options.expectedName} is named "${name}": its stacks would be ${name}-<region>-<layer>, ` +
        `a parallel estate beside ${options.expectedName}'s in the same account. ` +
        `Fix: set name to "${options.expectedName}" (the environment's key and stack prefix)`,
      received: name,
    });
  }
  if (options.today !== undefined) problems.push(...expiredSuppressions(input, options.today));
  if (problems.length > 0 || !result.success) throw new ConfigError(source, sortProblems(problems));
  return result.data;
}

/** Loads and validates a shipped environment by name. */
export function loadEnvironment(name: string): EnvironmentConfig {
  return loadEnvironmentFrom(ENVIRONMENTS, name);
}

/**
 * Loads environment `name` from a set of environment inputs keyed by name (the shipped
 * {@link ENVIRONMENTS}, or a test's): the key must equal the environment's `name`, which
 * prefixes its stacks.
 */
export function loadEnvironmentFrom(
  environments: Readonly<Record<string, unknown>>,
  name: string,
  options: Pick<ParseEnvironmentOptions, "today"> = {},
): EnvironmentConfig {
  const names = Object.keys(environments);
  if (!Object.hasOwn(environments, name)) {
    throw new ConfigError(`"${name}"`, [
      {
        path: "",
        message: `no environment named "${name}"${didYouMean(name, names) || "."} Fix: use one of ${names.join(", ")}`,
        received: name,
      },
    ]);
  }
  return parseEnvironment(environments[name], `of environment "${name}"`, { ...options, expectedName: name });
}
