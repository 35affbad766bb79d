import { isWildcardAction, parsePolicy } from "../../lib/iam";
import { identityPolicies } from "../../lib/identity-policies";
import type { StackCheck, Violation } from "../../types";

/** No identity policy allows `*`, `service:*` or `NotAction` (least privilege: name the actions). */
export const iamWildcardAction: StackCheck = (stack) =>
  identityPolicies(stack).flatMap(({ address, policy }): Violation[] => {
    const parsed = parsePolicy(policy);
    if ("unreadable" in parsed) return [{ address, message: `cannot read the policy: ${parsed.unreadable}` }];
    return parsed.statements
      .filter((s) => s.effect === "Allow")
      .flatMap((s): Violation[] => {
        const label = s.sid ?? "(no Sid)";
        const wildcards = s.actions.filter(isWildcardAction);
        return [
          ...(wildcards.length > 0 ? [{ address, message: `statement ${label} allows ${wildcards.join(", ")}` }] : []),
          ...(s.notActions.length > 0
            ? [{ address, message: `statement ${label} allows everything but ${s.notActions.join(", ")} (NotAction)` }]
            : []),
        ];
      });
  });
