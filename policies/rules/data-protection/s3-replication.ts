import { bucketCompanions, buckets } from "../../lib/s3";
import { resourcesOf } from "../../lib/stack";
import { isBeyondDevelopment } from "../../lib/tier";
import { block, blocks, resourceReference } from "../../lib/values";
import type { Resource, StackCheck, StackView, Violation } from "../../types";

/** Buckets of the stack that receive replicas (a replication rule's destination): they are the copy. */
function replicaNames(stack: StackView): Set<string> {
  return new Set(
    resourcesOf(stack, "aws_s3_bucket_replication_configuration").flatMap((c) =>
      blocks(c.values.rule).flatMap((r) => {
        const ref = resourceReference(block(r.destination)?.bucket);
        return ref?.type === "aws_s3_bucket" ? [ref.name] : [];
      }),
    ),
  );
}

/** Buckets that receive logs (S3 server access logs, CloudFront standard logs): append-only, expiring. */
function logTargetNames(stack: StackView): Set<string> {
  const targets = [
    ...resourcesOf(stack, "aws_s3_bucket_logging").map((l) => l.values.target_bucket),
    ...resourcesOf(stack, "aws_cloudfront_distribution").map((d) => block(d.values.logging_config)?.bucket),
  ];
  return new Set(
    targets.flatMap((t) => (resourceReference(t)?.type === "aws_s3_bucket" ? [resourceReference(t)?.name ?? ""] : [])),
  );
}

/** True when versioning is enabled for the bucket (split resource or legacy inline block). */
function versioned(stack: StackView, bucket: Resource): boolean {
  const split = bucketCompanions(stack, bucket, "aws_s3_bucket_versioning").some(
    (v) => block(v.values.versioning_configuration)?.status === "Enabled",
  );
  return split || block(bucket.values.versioning)?.enabled === true;
}

/**
 * Beyond development (where a DR region exists), every bucket that keeps its data
 * (versioned: reports, backups, module bundles, Terraform state) replicates to another
 * region: an `aws_s3_bucket_replication_configuration` with an enabled rule points at it.
 * Replica buckets themselves and log targets are exempt.
 */
export const s3Replication: StackCheck = (stack) => {
  if (!isBeyondDevelopment(stack)) return [];
  const replicas = replicaNames(stack);
  const logs = logTargetNames(stack);
  return buckets(stack)
    .filter((b) => !replicas.has(b.name) && !logs.has(b.name) && versioned(stack, b))
    .flatMap((bucket): Violation[] => {
      const configs = bucketCompanions(stack, bucket, "aws_s3_bucket_replication_configuration");
      const enabled = configs.some((c) => blocks(c.values.rule).some((r) => r.status === "Enabled"));
      return enabled
        ? []
        : [
            {
              address: bucket.address,
              message:
                configs.length === 0
                  ? "a versioned bucket with no aws_s3_bucket_replication_configuration (one region holds every copy)"
                  : "no replication rule is Enabled",
            },
          ];
    });
};
