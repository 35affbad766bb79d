/**
 * The S3 split-resource model (AWS provider v4+): a bucket's encryption, versioning,
 * public access block, policy and logging are separate resources pointing at it. A
 * rule over `aws_s3_bucket` looks for the companion in the same stack and fails closed
 * when there is none.
 */
import type { Resource, StackView } from "../types";
import { companions, resourcesOf } from "./stack";
import { block } from "./values";

/** Every bucket of the stack. */
export function buckets(stack: StackView): Resource[] {
  return resourcesOf(stack, "aws_s3_bucket");
}

/** Companions of `type` pointing at the bucket (`${aws_s3_bucket.b.id}`, `.bucket`, or its literal name). */
export function bucketCompanions(stack: StackView, bucket: Resource, type: string): Resource[] {
  return companions(stack, bucket, type, "bucket", "bucket");
}

/**
 * Policy documents governing a bucket: its companion `aws_s3_bucket_policy` resources
 * and the legacy inline `policy` argument.
 */
export function bucketPolicies(
  stack: StackView,
  bucket: Resource,
): { readonly address: string; readonly policy: unknown }[] {
  const split = bucketCompanions(stack, bucket, "aws_s3_bucket_policy").map((p) => ({
    address: p.address,
    policy: p.values.policy,
  }));
  return bucket.values.policy === undefined
    ? split
    : [...split, { address: bucket.address, policy: bucket.values.policy }];
}

/** The legacy inline block of a bucket (`versioning`, `logging`, ...), when set. */
export function inlineBlock(bucket: Resource, key: string): Readonly<Record<string, unknown>> | undefined {
  return block(bucket.values[key]);
}
