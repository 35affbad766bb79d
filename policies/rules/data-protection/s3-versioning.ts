import { bucketCompanions, buckets, inlineBlock } from "../../lib/s3";
import { block, isTrue, show } from "../../lib/values";
import type { StackCheck, Violation } from "../../types";

/** Every bucket keeps object versions (an overwrite or delete can be undone). */
export const s3Versioning: StackCheck = (stack) =>
  buckets(stack).flatMap((bucket): Violation[] => {
    if (isTrue(inlineBlock(bucket, "versioning")?.enabled)) return [];
    const split = bucketCompanions(stack, bucket, "aws_s3_bucket_versioning");
    if (split.length === 0)
      return [{ address: bucket.address, message: "no aws_s3_bucket_versioning in this stack points at the bucket" }];
    return split
      .filter((v) => block(v.values.versioning_configuration)?.status !== "Enabled")
      .map((v) => ({
        address: bucket.address,
        message: `${v.address} has status ${show(block(v.values.versioning_configuration)?.status)}`,
      }));
  });
