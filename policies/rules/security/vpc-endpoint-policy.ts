import { isPublicPrincipal, isWildcardAction, parsePolicy } from "../../lib/iam";
import { resourcesOf } from "../../lib/stack";
import type { StackCheck, Violation } from "../../types";

/**
 * VPC endpoints carry a policy narrower than full access: with none (or the default
 * `Allow * * *`), the endpoint lets stolen credentials of any account reach any resource
 * of the service from inside the VPC, e.g. copy data to a bucket outside the organization.
 */
export const vpcEndpointPolicy: StackCheck = (stack) =>
  resourcesOf(stack, "aws_vpc_endpoint").flatMap((endpoint): Violation[] => {
    if (endpoint.values.policy === undefined)
      return [{ address: endpoint.address, message: "no policy: the endpoint allows full access" }];
    const parsed = parsePolicy(endpoint.values.policy);
    if ("unreadable" in parsed)
      return [{ address: endpoint.address, message: `cannot read the policy: ${parsed.unreadable}` }];
    const full = parsed.statements.filter(
      (s) =>
        s.effect === "Allow" &&
        isPublicPrincipal(s.principal) &&
        s.actions.some(isWildcardAction) &&
        s.resources.includes("*") &&
        s.condition === undefined,
    );
    return full.map((s) => ({
      address: endpoint.address,
      message: `statement ${s.sid ?? "(no Sid)"} allows every action on every resource to everyone, unconditionally`,
    }));
  });
