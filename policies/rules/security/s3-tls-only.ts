import { parsePolicy, type Statement } from "../../lib/iam";
import { bucketPolicies, buckets } from "../../lib/s3";
import { asObject } from "../../lib/values";
import type { StackCheck, Violation } from "../../types";

/** A Deny of every S3 action when `aws:SecureTransport` is false. */
function deniesPlainHttp(s: Statement): boolean {
  const bool = asObject(s.condition?.Bool);
  const secure = bool?.["aws:SecureTransport"];
  const coversAll = s.actions.some((a) => a === "s3:*" || a === "*");
  return s.effect === "Deny" && coversAll && (secure === false || secure === "false");
}

/** Every bucket's policy denies requests not made over TLS. */
export const s3TlsOnly: StackCheck = (stack) =>
  buckets(stack).flatMap((bucket): Violation[] => {
    const policies = bucketPolicies(stack, bucket);
    if (policies.length === 0)
      return [
        {
          address: bucket.address,
          message: "no aws_s3_bucket_policy in this stack points at the bucket, so plain HTTP requests are not denied",
        },
      ];
    const ok = policies.some(({ policy }) => {
      const parsed = parsePolicy(policy);
      return "statements" in parsed && parsed.statements.some(deniesPlainHttp);
    });
    return ok
      ? []
      : [
          {
            address: bucket.address,
            message:
              `no policy statement denies s3:* when aws:SecureTransport is false (checked ` +
              `${policies.map((p) => p.address).join(", ")})`,
          },
        ];
  });
