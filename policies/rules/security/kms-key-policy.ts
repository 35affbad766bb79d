import {
  isAccountRoot,
  isPublicPrincipal,
  isWildcardAction,
  narrowsCaller,
  parsePolicy,
  principals,
  type Statement,
} from "../../lib/iam";
import { resourcesOf } from "../../lib/stack";
import type { StackCheck, Violation } from "../../types";

/**
 * What is wrong with one key policy statement. In a key policy `Resource: "*"` means
 * "this key" and is always fine; `kms:*` is fine only for the account root (AWS's
 * default key policy, which delegates the key to the account's IAM policies).
 */
function statementProblem(s: Statement): string | undefined {
  if (s.effect !== "Allow") return undefined;
  const label = s.sid ?? "(no Sid)";
  if (isPublicPrincipal(s.principal) && !narrowsCaller(s.condition))
    return (
      `statement ${label} allows everyone (Principal "*") with no condition narrowing the caller ` +
      `(kms:CallerAccount, kms:ViaService, aws:PrincipalOrgID...)`
    );
  if (s.notActions.length > 0)
    return `statement ${label} allows NotAction ${s.notActions.join(", ")}: everything else is allowed`;
  const wildcard = s.actions.filter(isWildcardAction);
  if (wildcard.length === 0) return undefined;
  const who = principals(s.principal);
  const rootOnly = who.length > 0 && who.every(isAccountRoot);
  return rootOnly
    ? undefined
    : `statement ${label} allows ${wildcard.join(", ")} to ${who.join(", ") || "an unreadable principal"}; only ` +
        `the account root may hold kms:*`;
}

/** Key policies give no one but the account root full control, and nobody unconditional access. */
export const kmsKeyPolicy: StackCheck = (stack) =>
  resourcesOf(stack, "aws_kms_key", "aws_kms_key_policy", "aws_kms_replica_key").flatMap((key): Violation[] => {
    if (key.values.policy === undefined) return [];
    const parsed = parsePolicy(key.values.policy);
    if ("unreadable" in parsed)
      return [{ address: key.address, message: `cannot read the key policy: ${parsed.unreadable}` }];
    return parsed.statements
      .map(statementProblem)
      .filter((m): m is string => m !== undefined)
      .map((message) => ({ address: key.address, message }));
  });
