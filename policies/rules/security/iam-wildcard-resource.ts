import { parsePolicy, scopesResources } from "../../lib/iam";
import { identityPolicies, isResourcelessAction } from "../../lib/identity-policies";
import type { StackCheck, Violation } from "../../types";

/**
 * No identity policy allows actions on `Resource: "*"`, except read-only metadata
 * actions that have no resource-level permission (Describe*, List*) and statements
 * narrowed by a condition on the resources (tags, account, calling service, VPC).
 */
export const iamWildcardResource: StackCheck = (stack) =>
  identityPolicies(stack).flatMap(({ address, policy }): Violation[] => {
    const parsed = parsePolicy(policy);
    if ("unreadable" in parsed) return [{ address, message: `cannot read the policy: ${parsed.unreadable}` }];
    return parsed.statements
      .filter(
        (s) =>
          s.effect === "Allow" &&
          !scopesResources(s.condition) &&
          (s.resources.includes("*") || s.notResources.length > 0),
      )
      .flatMap((s): Violation[] => {
        const label = s.sid ?? "(no Sid)";
        if (s.notResources.length > 0)
          return [
            {
              address,
              message:
                `statement ${label} uses NotResource ${s.notResources.join(", ")}: ` +
                `every other resource is allowed`,
            },
          ];
        const scoped = [...s.actions, ...s.notActions].filter((a) => !isResourcelessAction(a));
        return scoped.length === 0
          ? []
          : [{ address, message: `statement ${label} allows ${scoped.join(", ")} on Resource "*"` }];
      });
  });
