/**
 * Placing stacks in their environments. Takes the environment config structurally (the
 * fields policies need), so policies stay independent of the config module: a
 * validated `EnvironmentConfig` fits as is. Stack names come from `naming/derived`, the
 * module that names the stacks.
 */
import { belongsToEnvironment, bootstrapStackName } from "../naming/derived";
import type { ScopedSuppression, Suppression } from "./suppressions";
import type { StackContext, Tier } from "./types";

/** What policies read from an environment's config. */
export interface PolicyEnvironment {
  readonly name: string;
  readonly project: string;
  readonly tier: Tier;
  readonly account: { readonly name: string };
  /** Configured regions, keyed by name: they are part of the environment's stack names. */
  readonly regions: Readonly<Record<string, unknown>>;
  readonly residency: { readonly personalDataRegions: readonly string[] };
  readonly policies?: { readonly suppressions?: readonly Suppression[] };
}

/** Contexts per stack name, and config suppressions scoped to their environment's stacks. */
export interface PolicyPlacement {
  readonly contexts: ReadonlyMap<string, StackContext>;
  readonly suppressions: readonly ScopedSuppression[];
}

const TIER_ORDER: readonly Tier[] = ["development", "staging", "production"];

function contextOf(env: PolicyEnvironment): StackContext {
  return {
    environment: env.name,
    project: env.project,
    tier: env.tier,
    personalDataRegions: env.residency.personalDataRegions,
    budgetStack: bootstrapStackName(env),
  };
}

/**
 * A bootstrap stack serves every environment of its account: it takes the first
 * environment's name (its default tags do), the strictest tier, and only regions every
 * environment allows.
 */
function bootstrapContext(envs: readonly PolicyEnvironment[]): StackContext {
  const first = envs[0];
  const tier = envs.map((e) => e.tier).reduce((a, b) => (TIER_ORDER.indexOf(a) >= TIER_ORDER.indexOf(b) ? a : b));
  const allowedEverywhere = (r: string) => envs.every((e) => e.residency.personalDataRegions.includes(r));
  const regions = first.residency.personalDataRegions.filter(allowedEverywhere);
  return { ...contextOf(first), tier, personalDataRegions: regions };
}

/** Places each stack name in its environment (or its account's bootstrap) and scopes config suppressions. */
export function placeStacks(envs: readonly PolicyEnvironment[], stackNames: readonly string[]): PolicyPlacement {
  const contexts = new Map<string, StackContext>();
  for (const stack of stackNames) {
    const accountEnvs = envs.filter((e) => bootstrapStackName(e) === stack);
    if (accountEnvs.length > 0) {
      contexts.set(stack, bootstrapContext(accountEnvs));
      continue;
    }
    const owner = envs.find((e) => belongsToEnvironment(e, stack));
    if (owner) contexts.set(stack, contextOf(owner));
  }
  const suppressions = envs.flatMap((env) => {
    const stacks = stackNames.filter((s) => belongsToEnvironment(env, s));
    return (env.policies?.suppressions ?? []).map(
      (s): ScopedSuppression => ({
        ...s,
        source: `config ${env.name}`,
        stacks: s.stack === undefined ? stacks : stacks.filter((name) => name === s.stack),
      }),
    );
  });
  return { contexts, suppressions };
}
