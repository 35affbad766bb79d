import { cacheBehaviors } from "../../lib/cloudfront";
import { resourcesOf } from "../../lib/stack";
import type { StackCheck, Violation } from "../../types";

/**
 * Every cache behavior of every distribution attaches a response headers policy, so
 * browsers get the security headers (HSTS, nosniff, frame options) whatever the origin sends.
 */
export const cloudfrontResponseHeaders: StackCheck = (stack) =>
  resourcesOf(stack, "aws_cloudfront_distribution").flatMap((d): Violation[] => {
    const missing = cacheBehaviors(d).filter((b) => b.values.response_headers_policy_id === undefined);
    return missing.length === 0
      ? []
      : [{ address: d.address, message: `no response_headers_policy_id on ${missing.map((b) => b.label).join(", ")}` }];
  });
