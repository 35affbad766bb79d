import { parsePolicy, type Statement } from "../../lib/iam";
import { coversAction } from "../../lib/identity-policies";
import { resourcesOf } from "../../lib/stack";
import { asObject, strings } from "../../lib/values";
import type { StackCheck, Violation } from "../../types";

/**
 * True when a `sub` value names something: not only wildcards, and not "any service
 * account of any namespace" (`system:serviceaccount:*:*`).
 */
function namesSubject(value: string): boolean {
  const fixed = value.replace(/[*?]/g, "");
  return fixed.replace(/:/g, "") !== "" && fixed !== "system:serviceaccount::";
}

/** True when a positive clause (not negated, not IfExists) pins the token's `sub` claim. */
function pinsSubject(condition: Statement["condition"]): boolean {
  return Object.entries(condition ?? {}).some(
    ([operator, clause]) =>
      /^(StringEquals|StringLike|ForAllValues:StringEquals|ForAllValues:StringLike)$/.test(operator) &&
      Object.entries(asObject(clause) ?? {}).some(
        ([key, value]) => /:sub$/.test(key) && strings(value).length > 0 && strings(value).every(namesSubject),
      ),
  );
}

/**
 * Roles that trust an OIDC identity provider (`sts:AssumeRoleWithWebIdentity`: EKS IRSA,
 * GitHub Actions) pin the token's `sub` claim: without it any service account of the
 * cluster, or any repository of the provider, can assume the role.
 */
export const iamOidcTrustSub: StackCheck = (stack) =>
  resourcesOf(stack, "aws_iam_role").flatMap((role): Violation[] => {
    const parsed = parsePolicy(role.values.assume_role_policy);
    if ("unreadable" in parsed) return [];
    return parsed.statements
      .filter(
        (s) =>
          s.effect === "Allow" &&
          s.actions.some((a) => coversAction(a, "sts:AssumeRoleWithWebIdentity")) &&
          !pinsSubject(s.condition),
      )
      .map((s) => ({
        address: role.address,
        message: `statement ${s.sid ?? "(no Sid)"} trusts web identities with no condition pinning the sub claim`,
      }));
  });
