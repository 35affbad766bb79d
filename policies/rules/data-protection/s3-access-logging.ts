import { bucketCompanions, buckets, inlineBlock } from "../../lib/s3";
import type { StackCheck, Violation } from "../../types";

/** Every bucket writes server access logs (who read or changed which object). */
export const s3AccessLogging: StackCheck = (stack) =>
  buckets(stack).flatMap((bucket): Violation[] =>
    inlineBlock(bucket, "logging") || bucketCompanions(stack, bucket, "aws_s3_bucket_logging").length > 0
      ? []
      : [{ address: bucket.address, message: "no aws_s3_bucket_logging in this stack points at the bucket" }],
  );
