import { cacheBehaviors, headersPolicy, MANAGED_HSTS_POLICIES, managedPolicyId } from "../../lib/cloudfront";
import { resourcesOf } from "../../lib/stack";
import { block, isTrue, literalNumber, show } from "../../lib/values";
import type { Resource, StackCheck, StackView, Violation } from "../../types";

/** One year, the minimum browsers' preload lists and most audits accept. */
export const MIN_HSTS_SECONDS = 31_536_000;

function hstsProblem(stack: StackView, behavior: Readonly<Record<string, unknown>>): string | undefined {
  const managed = managedPolicyId(behavior);
  if (managed !== undefined)
    return MANAGED_HSTS_POLICIES.has(managed) ? undefined : `managed policy ${managed} is not one that sends HSTS`;
  const policy: Resource | undefined = headersPolicy(stack, behavior);
  if (!policy) return `response_headers_policy_id is ${show(behavior.response_headers_policy_id)}`;
  const hsts = block(block(policy.values.security_headers_config)?.strict_transport_security);
  if (!hsts) return `${policy.address} sends no strict_transport_security`;
  const age = literalNumber(hsts.access_control_max_age_sec);
  if (age === undefined || age < MIN_HSTS_SECONDS)
    return `${policy.address} sets HSTS max-age ${show(hsts.access_control_max_age_sec)} (< ${MIN_HSTS_SECONDS})`;
  return isTrue(hsts.override) ? undefined : `${policy.address} does not override the origin's HSTS header`;
}

/**
 * Every cache behavior sends Strict-Transport-Security for at least a year (through a
 * response headers policy of this stack, or an AWS managed security-headers policy), so
 * browsers never try plain HTTP again.
 */
export const cloudfrontHsts: StackCheck = (stack) =>
  resourcesOf(stack, "aws_cloudfront_distribution").flatMap((d): Violation[] =>
    cacheBehaviors(d).flatMap((b): Violation[] => {
      const problem = hstsProblem(stack, b.values);
      return problem ? [{ address: d.address, message: `${b.label}: ${problem}` }] : [];
    }),
  );
