import { resourcesOf } from "../../lib/stack";
import type { StackCheck, Violation } from "../../types";

/** Every distribution is behind a WAF web ACL. */
export const cloudfrontWaf: StackCheck = (stack) =>
  resourcesOf(stack, "aws_cloudfront_distribution").flatMap((d): Violation[] => {
    const acl = d.values.web_acl_id;
    return typeof acl === "string" && acl.length > 0 ? [] : [{ address: d.address, message: "web_acl_id is unset" }];
  });
