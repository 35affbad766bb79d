/** Identity-based policy documents of a stack (what IAM principals may do). */
import type { StackView } from "../types";
import { parsePolicy } from "./iam";
import { resourcesOf } from "./stack";
import { blocks } from "./values";

/** One identity policy document and the resource that carries it. */
export interface IdentityPolicy {
  readonly address: string;
  readonly policy: unknown;
}

/** Resource types whose `policy` argument is an identity policy. */
const IDENTITY_POLICY_TYPES = [
  "aws_iam_policy",
  "aws_iam_role_policy",
  "aws_iam_user_policy",
  "aws_iam_group_policy",
] as const;

/** Every identity policy: standalone and inline policy resources, and `aws_iam_role.inline_policy` blocks. */
export function identityPolicies(stack: StackView): IdentityPolicy[] {
  const standalone = resourcesOf(stack, ...IDENTITY_POLICY_TYPES).map((r) => ({
    address: r.address,
    policy: r.values.policy,
  }));
  const inline = resourcesOf(stack, "aws_iam_role").flatMap((role) =>
    blocks(role.values.inline_policy)
      .filter((b) => b.policy !== undefined)
      .map((b) => ({ address: role.address, policy: b.policy })),
  );
  return [...standalone, ...inline];
}

/**
 * Actions that only work on `Resource: "*"` because the service has no resource-level
 * permission for them: read-only metadata calls (Describe*, List*) and a few named calls.
 */
export function isResourcelessAction(action: string): boolean {
  return (
    /^[a-z0-9-]+:(Describe|List)[A-Za-z0-9*]*$/.test(action) ||
    ["sts:GetCallerIdentity", "ecr:GetAuthorizationToken", "route53:GetChange"].includes(action)
  );
}

/** True when an action pattern of a statement (`iam:*`, `iam:Put*`, `*`) covers `action`, case-insensitively. */
export function coversAction(pattern: string, action: string): boolean {
  if (!/[*?]/.test(pattern)) return pattern.toLowerCase() === action.toLowerCase();
  let regex = PATTERNS.get(pattern);
  if (!regex) {
    const source = pattern
      .replace(/[.+^${}()|[\]\\]/g, "\\$&")
      .replace(/\*/g, ".*")
      .replace(/\?/g, ".");
    regex = new RegExp(`^${source}$`, "i");
    PATTERNS.set(pattern, regex);
  }
  return regex.test(action);
}

/** Compiled wildcard action patterns: the same few patterns recur in every policy of the estate. */
const PATTERNS = new Map<string, RegExp>();
/** One identity policy statement that allows some of a sensitive action set on `Resource: "*"`. */
export interface SensitiveGrant {
  readonly address: string;
  readonly statement: string;
  readonly actions: readonly string[];
}

/**
 * Statements of identity policies that Allow any action of `sensitive` on every resource
 * (`Resource: "*"` or `NotResource`), through a literal action or a wildcard covering it.
 * Unreadable documents are reported with `actions` empty (callers fail closed).
 */
export function sensitiveGrants(stack: StackView, sensitive: readonly string[]): SensitiveGrant[] {
  const lower = new Map(sensitive.map((a) => [a.toLowerCase(), a]));
  // Literal actions are a set lookup; only wildcard patterns are matched against the whole set.
  const covered = (patterns: readonly string[]) =>
    patterns.flatMap((p) => {
      if (!/[*?]/.test(p)) {
        const hit = lower.get(p.toLowerCase());
        return hit ? [hit] : [];
      }
      return sensitive.filter((a) => coversAction(p, a));
    });
  return identityPolicies(stack).flatMap(({ address, policy }): SensitiveGrant[] => {
    const parsed = parsePolicy(policy);
    if ("unreadable" in parsed) return [{ address, statement: parsed.unreadable, actions: [] }];
    return parsed.statements
      .filter((s) => s.effect === "Allow" && (s.resources.includes("*") || s.notResources.length > 0))
      .map((s) => {
        const excluded = new Set(covered(s.notActions));
        const matched =
          s.notActions.length > 0 ? sensitive.filter((a) => !excluded.has(a)) : [...new Set(covered(s.actions))];
        return { address, statement: s.sid ?? "(no Sid)", actions: matched };
      })
      .filter((g) => g.actions.length > 0);
  });
}

/** Builds the check for one sensitive action set: each grant on `"*"` is a violation naming the actions. */
export function sensitiveActionCheck(sensitive: readonly string[], what: string) {
  return (stack: StackView) =>
    sensitiveGrants(stack, sensitive).map((g) => ({
      address: g.address,
      message:
        g.actions.length === 0
          ? `cannot read the policy: ${g.statement}`
          : `statement ${g.statement} allows ${what} actions ${g.actions.join(", ")} on Resource "*"`,
    }));
}
