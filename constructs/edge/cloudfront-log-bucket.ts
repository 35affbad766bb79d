import type { S3BucketOwnershipControls } from "@cdktf/provider-aws/lib/s3-bucket-ownership-controls";
import type { Construct } from "constructs";
import { suppressPolicy } from "../policy/suppress-policy";
import { LogBucket, type LogBucketProps } from "../storage/log-bucket";

/** Days CloudFront access logs are kept when none is given (audit retention, seed 002). */
export const DEFAULT_CLOUDFRONT_LOG_RETENTION_DAYS = 90;

/** Properties of {@link CloudFrontLogBucket}. */
export interface CloudFrontLogBucketProps extends LogBucketProps {
  /** Days before log objects expire, 1-3653. @default 90 */
  readonly retentionDays?: number;
}

/**
 * A bucket receiving CloudFront standard access logs. CloudFront delivers them through
 * the `awslogsdelivery` account by bucket ACL, so ACLs stay enabled
 * (`BucketOwnerPreferred`: objects still end up owned by us) while public ACLs and
 * policies are blocked. Encryption is SSE-S3, not KMS: CloudFront's log delivery cannot
 * use a customer-managed key without opening the key policy to the delivery service, and
 * the logs hold no secrets. TLS is required; logs expire after the retention period.
 *
 * @example
 * ```ts
 * import { CloudFrontLogBucket } from "@plataforma/infra/constructs/edge";
 *
 * const cdnLogs = new CloudFrontLogBucket(stack, "cdn-logs", {
 *   bucketName: "orders-production-cdn-logs",
 *   retentionDays: 90,
 * });
 * ```
 */
export class CloudFrontLogBucket extends LogBucket {
  /** Ownership controls; CloudFront logging must wait for them (ACLs enabled). */
  readonly ownership: S3BucketOwnershipControls;

  constructor(scope: Construct, id: string, props: CloudFrontLogBucketProps) {
    super(scope, id, props, DEFAULT_CLOUDFRONT_LOG_RETENTION_DAYS);
    suppressPolicy(this.bucket, {
      ruleId: "SEC-S3-ENCRYPTION",
      reason:
        "CloudFront standard log delivery (awslogsdelivery, by ACL) cannot use a customer-managed KMS key " +
        "without opening the key policy to the delivery service; the logs hold no secrets, SSE-S3 encrypts them",
    });
    suppressPolicy(this.bucket, {
      ruleId: "DP-S3-VERSIONING",
      reason:
        "append-only access logs that expire by lifecycle; versions would only keep deleted logs longer than " +
        "the retention the config sets",
    });
    suppressPolicy(this.bucket, {
      ruleId: "DP-S3-ACCESS-LOGGING",
      reason: "this is the access-log destination itself; logging it into itself would loop",
    });
    this.ownership = this.blockPublicAccess("BucketOwnerPreferred");
    this.encryptWithS3ManagedKeys();
    this.expireLogs();
    this.requireTls();
  }
}
