/** The tier a stack is held to, from its environment context. */
import type { StackView } from "../types";

/**
 * True when production-only rules apply: the tier is production, or unknown (a stack
 * the caller could not place is held to the strictest tier: fail closed).
 */
export function isProductionLike(stack: StackView): boolean {
  const tier = stack.context?.tier;
  return tier === undefined || tier === "production";
}

/**
 * True when rules for shared, long-lived tiers apply: anything but development (staging
 * rehearses production, so its databases and caches are held to the same availability).
 * An unknown tier is not development: fail closed.
 */
export function isBeyondDevelopment(stack: StackView): boolean {
  return stack.context?.tier !== "development";
}
