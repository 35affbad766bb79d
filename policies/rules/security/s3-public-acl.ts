import { resourcesOf } from "../../lib/stack";
import { block, blocks, show } from "../../lib/values";
import type { StackCheck, Violation } from "../../types";

const PUBLIC_ACLS = ["public-read", "public-read-write", "authenticated-read"];
const PUBLIC_GRANTEES = [
  "http://acs.amazonaws.com/groups/global/AllUsers",
  "http://acs.amazonaws.com/groups/global/AuthenticatedUsers",
];

/** URIs of grantees in an `access_control_policy` block. */
function granteeUris(acp: unknown): string[] {
  return blocks(block(acp)?.grant).flatMap((g) => blocks(g.grantee).map((grantee) => String(grantee.uri ?? "")));
}

/** No bucket ACL (legacy `acl` argument or `aws_s3_bucket_acl`) grants access to all users. */
export const s3PublicAcl: StackCheck = (stack) =>
  resourcesOf(stack, "aws_s3_bucket", "aws_s3_bucket_acl").flatMap((r): Violation[] => {
    const problems: Violation[] = [];
    if (PUBLIC_ACLS.includes(String(r.values.acl)))
      problems.push({ address: r.address, message: `acl is ${show(r.values.acl)}` });
    const publicGrants = granteeUris(r.values.access_control_policy).filter((uri) => PUBLIC_GRANTEES.includes(uri));
    if (publicGrants.length > 0)
      problems.push({ address: r.address, message: `access_control_policy grants to ${publicGrants.join(", ")}` });
    return problems;
  });
