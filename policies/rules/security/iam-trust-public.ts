import { isPublicPrincipal, narrowsCaller, parsePolicy } from "../../lib/iam";
import { resourcesOf } from "../../lib/stack";
import type { StackCheck, Violation } from "../../types";

/**
 * No role can be assumed by anyone: trust policies name principals, or narrow `*` with a
 * condition on the caller (organization, account, source).
 */
export const iamTrustPublic: StackCheck = (stack) =>
  resourcesOf(stack, "aws_iam_role").flatMap((role): Violation[] => {
    const parsed = parsePolicy(role.values.assume_role_policy);
    if ("unreadable" in parsed)
      return [{ address: role.address, message: `cannot read assume_role_policy: ${parsed.unreadable}` }];
    return parsed.statements
      .filter((s) => s.effect === "Allow" && isPublicPrincipal(s.principal) && !narrowsCaller(s.condition))
      .map((s) => ({
        address: role.address,
        message:
          `statement ${s.sid ?? "(no Sid)"} lets anyone (Principal "*") call ${s.actions.join(", ")} with no ` +
          `condition narrowing the caller`,
      }));
  });
