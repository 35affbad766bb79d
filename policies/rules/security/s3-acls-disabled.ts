import { bucketCompanions, buckets } from "../../lib/s3";
import { resourcesOf } from "../../lib/stack";
import { block, resourceReference, show } from "../../lib/values";
import type { Resource, StackCheck, StackView, Violation } from "../../types";

/**
 * True when a CloudFront distribution of the stack delivers standard (legacy) access logs
 * to the bucket: that delivery writes objects through an ACL grant (awslogsdelivery), so
 * the bucket must keep ACLs enabled, as `BucketOwnerPreferred` (the owner still owns them).
 */
function receivesCloudFrontLogs(stack: StackView, bucket: Resource): boolean {
  return resourcesOf(stack, "aws_cloudfront_distribution").some((d) => {
    const ref = resourceReference(block(d.values.logging_config)?.bucket);
    return ref?.type === bucket.type && ref.name === bucket.name;
  });
}

/**
 * Every bucket disables ACLs (`aws_s3_bucket_ownership_controls` with
 * `object_ownership = "BucketOwnerEnforced"`): access is decided by policies alone, and
 * objects written by other accounts still belong to the bucket owner. The one exception
 * is a CloudFront standard-logging target, which may use `BucketOwnerPreferred`.
 */
export const s3AclsDisabled: StackCheck = (stack) =>
  buckets(stack).flatMap((bucket): Violation[] => {
    const controls = bucketCompanions(stack, bucket, "aws_s3_bucket_ownership_controls");
    const ownership = controls.map((c) => block(c.values.rule)?.object_ownership);
    if (ownership.includes("BucketOwnerEnforced")) return [];
    if (ownership.includes("BucketOwnerPreferred") && receivesCloudFrontLogs(stack, bucket)) return [];
    return [
      {
        address: bucket.address,
        message:
          controls.length === 0
            ? "no aws_s3_bucket_ownership_controls points at the bucket (ACLs stay enabled)"
            : `object_ownership is ${ownership.map((o) => show(o)).join(", ")}`,
      },
    ];
  });
