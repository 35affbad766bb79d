/** Identity-based policy documents of a stack (what IAM principals may do). */
import type { StackView } from "../types";
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
