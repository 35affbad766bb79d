import { bucketCompanions, buckets } from "../../lib/s3";
import { block, blocks, literalNumber } from "../../lib/values";
import type { StackCheck, Violation } from "../../types";

/** True when an enabled lifecycle rule aborts incomplete multipart uploads after some days. */
function aborts(rule: Readonly<Record<string, unknown>>): boolean {
  const days = literalNumber(block(rule.abort_incomplete_multipart_upload)?.days_after_initiation);
  return rule.status === "Enabled" && days !== undefined && days >= 1;
}

/**
 * Every bucket's lifecycle aborts incomplete multipart uploads: their parts are billed as
 * storage, never listed as objects, and stay until deleted.
 */
export const s3AbortIncompleteUploads: StackCheck = (stack) =>
  buckets(stack).flatMap((bucket): Violation[] => {
    const lifecycles = bucketCompanions(stack, bucket, "aws_s3_bucket_lifecycle_configuration");
    if (lifecycles.some((l) => blocks(l.values.rule).some(aborts))) return [];
    return [
      {
        address: bucket.address,
        message:
          lifecycles.length === 0
            ? "no aws_s3_bucket_lifecycle_configuration points at the bucket"
            : "no enabled lifecycle rule sets abort_incomplete_multipart_upload.days_after_initiation",
      },
    ];
  });
