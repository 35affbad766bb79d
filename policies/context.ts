/**
 * Placing stacks in their environments. Takes the environment config structurally (the
 * fields policies need), so policies stay independent of the config module: a
 * validated `EnvironmentConfig` fits as is.
 */
import type { ScopedSuppression, Suppression } from "./suppressions";
import type { StackContext, Tier } from "./types";

/** What policies read from an environment's config. */
export interface PolicyEnvironment {
  readonly name: string;
  readonly project: string;
  readonly tier: Tier;
  readonly account: { readonly name: string };
  readonly residency: { readonly personalDataRegions: readonly string[] };
  readonly policies?: { readonly suppressions?: readonly Suppression[] };
}

/** Contexts per stack name, and config suppressions scoped to their environment's stacks. */
export interface PolicyPlacement {
  readonly contexts: ReadonlyMap<string, StackContext>;
  readonly suppressions: readonly ScopedSuppression[];
}

const TIER_ORDER: readonly Tier[] = ["development", "staging", "production"];

/** The bootstrap stack of an account (must match stacks/naming.ts: `bootstrap-<account name>`). */
export function bootstrapStackOf(env: PolicyEnvironment): string {
  return `bootstrap-${env.account.name}`;
}

/** True when `stack` is one of the environment's layer stacks (`<env>-<region|global>-<layer>`). */
export function belongsTo(env: PolicyEnvironment, stack: string): boolean {
  return stack.startsWith(`${env.name}-`);
}

function contextOf(env: PolicyEnvironment): StackContext {
  return { environment: env.name, project: env.project, tier: env.tier, personalDataRegions: env.residency.personalDataRegions, budgetStack: bootstrapStackOf(env) };
}

/**
 * A bootstrap stack serves every environment of its account: it takes the first
 * environment's name (its default tags do), the strictest tier, and only regions every
 * environment allows.
 */
function bootstrapContext(envs: readonly PolicyEnvironment[]): StackContext {
  const first = envs[0];
  const tier = envs.map((e) => e.tier).reduce((a, b) => (TIER_ORDER.indexOf(a) >= TIER_ORDER.indexOf(b) ? a : b));
  const regions = first.residency.personalDataRegions.filter((r) => envs.every((e) => e.residency.personalDataRegions.includes(r)));
  return { ...contextOf(first), tier, personalDataRegions: regions };
}

/** Places each stack name in its environment (or its account's bootstrap) and scopes config suppressions. */
export function placeStacks(envs: readonly PolicyEnvironment[], stackNames: readonly string[]): PolicyPlacement {
  const contexts = new Map<string, StackContext>();
  for (const stack of stackNames) {
    const owners = envs.filter((e) => belongsTo(e, stack));
    const owner = owners.sort((a, b) => b.name.length - a.name.length)[0];
    if (owner) {
      contexts.set(stack, contextOf(owner));
      continue;
    }
    const accountEnvs = envs.filter((e) => bootstrapStackOf(e) === stack);
    if (accountEnvs.length > 0) contexts.set(stack, bootstrapContext(accountEnvs));
  }
  const suppressions = envs.flatMap((env) => {
    const stacks = stackNames.filter((s) => belongsTo(env, s) || s === bootstrapStackOf(env));
    return (env.policies?.suppressions ?? []).map((s): ScopedSuppression => ({
      ...s,
      source: `config ${env.name}`,
      stacks: s.stack === undefined ? stacks : stacks.filter((name) => name === s.stack),
    }));
  });
  return { contexts, suppressions };
}
