/** CloudFront distributions: their cache behaviors and the response headers policies they name. */
import type { Resource, StackView } from "../types";
import { referenced } from "./stack";
import { block, blocks, literalString } from "./values";

/** The default cache behavior and every ordered one, each with a label for messages. */
export function cacheBehaviors(
  distribution: Resource,
): { readonly label: string; readonly values: Readonly<Record<string, unknown>> }[] {
  const first = block(distribution.values.default_cache_behavior);
  const ordered = blocks(distribution.values.ordered_cache_behavior).map((b) => ({
    label: `ordered_cache_behavior ${String(b.path_pattern ?? "?")}`,
    values: b,
  }));
  return [...(first ? [{ label: "default_cache_behavior", values: first }] : []), ...ordered];
}

/**
 * AWS managed response headers policies that send HSTS (max-age one year, includeSubDomains):
 * SecurityHeadersPolicy and CORS-With-Preflight-And-SecurityHeadersPolicy, CORS-and-SecurityHeadersPolicy.
 */
export const MANAGED_HSTS_POLICIES: ReadonlySet<string> = new Set([
  "67f7725c-6f97-4210-82d7-5512b31e9d03",
  "eaab4381-ed33-4a86-88ca-d9558dc6cd63",
  "e61eb60c-9c35-4d20-a928-2b84e02af89c",
]);

/** The response headers policy resource a behavior names, when it is in this stack. */
export function headersPolicy(stack: StackView, behavior: Readonly<Record<string, unknown>>): Resource | undefined {
  return referenced(stack, behavior.response_headers_policy_id);
}

/** The literal managed policy id a behavior names, when it names one. */
export function managedPolicyId(behavior: Readonly<Record<string, unknown>>): string | undefined {
  return literalString(behavior.response_headers_policy_id);
}
