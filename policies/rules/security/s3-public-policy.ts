import { isPublicPrincipal, narrowsCaller, parsePolicy } from "../../lib/iam";
import { bucketPolicies, buckets } from "../../lib/s3";
import type { StackCheck, Violation } from "../../types";

/**
 * No bucket policy allows anyone (`Principal: "*"`) unless a condition narrows the caller
 * (source ARN/account, VPC endpoint, organization).
 */
export const s3PublicPolicy: StackCheck = (stack) =>
  buckets(stack).flatMap((bucket) =>
    bucketPolicies(stack, bucket).flatMap(({ address, policy }): Violation[] => {
      const parsed = parsePolicy(policy);
      if ("unreadable" in parsed)
        return [{ address, message: `cannot read the policy of bucket ${bucket.address}: ${parsed.unreadable}` }];
      return parsed.statements
        .filter((s) => s.effect === "Allow" && isPublicPrincipal(s.principal) && !narrowsCaller(s.condition))
        .map((s) => ({
          address,
          message:
            `statement ${s.sid ?? "(no Sid)"} allows ${s.actions.join(", ")} to everyone (Principal "*") with no ` +
            `condition narrowing the caller`,
        }));
    }),
  );
