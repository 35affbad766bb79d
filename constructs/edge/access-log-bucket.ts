import { S3Bucket } from "@cdktf/provider-aws/lib/s3-bucket";
import { S3BucketLifecycleConfiguration } from "@cdktf/provider-aws/lib/s3-bucket-lifecycle-configuration";
import type { S3BucketOwnershipControls } from "@cdktf/provider-aws/lib/s3-bucket-ownership-controls";
import { S3BucketPolicy } from "@cdktf/provider-aws/lib/s3-bucket-policy";
import { S3BucketServerSideEncryptionConfigurationA } from "@cdktf/provider-aws/lib/s3-bucket-server-side-encryption-configuration";
import { Construct } from "constructs";
import { renderPolicy } from "../iam/policy-document";
import { suppressPolicy } from "../policy/suppress-policy";
import { bucketBaseline } from "../storage/bucket-baseline";
import { denyInsecureTransport } from "../storage/tls-only";

/** Days access logs are kept when none is given (audit retention, seed 002). */
export const DEFAULT_ACCESS_LOG_RETENTION_DAYS = 90;

/** Properties of {@link AccessLogBucket}. */
export interface AccessLogBucketProps {
  /** Globally unique bucket name. */
  readonly bucketName: string;
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
 */
export class AccessLogBucket extends Construct {
  /** The bucket; pass `bucket.bucketDomainName` to CloudFront's logging config. */
  readonly bucket: S3Bucket;
  /** Ownership controls; CloudFront logging must wait for them (ACLs enabled). */
  readonly ownership: S3BucketOwnershipControls;

  constructor(scope: Construct, id: string, props: AccessLogBucketProps) {
    super(scope, id);
    const days = props.retentionDays ?? DEFAULT_ACCESS_LOG_RETENTION_DAYS;
    if (!Number.isInteger(days) || days < 1 || days > 3653) {
      throw new Error(`${this.node.path}: retentionDays must be an integer from 1 to 3653, got ${days}. Fix: use ${DEFAULT_ACCESS_LOG_RETENTION_DAYS}`);
    }
    this.bucket = new S3Bucket(this, "bucket", {
      bucket: props.bucketName,
      forceDestroy: false,
      // Access logs are audit evidence: a refactor must not delete them.
      lifecycle: { preventDestroy: true },
    });
    suppressPolicy(this.bucket, { ruleId: "SEC-S3-ENCRYPTION", reason: "CloudFront standard log delivery (awslogsdelivery, by ACL) cannot use a customer-managed KMS key without opening the key policy to the delivery service; the logs hold no secrets, SSE-S3 encrypts them" });
    suppressPolicy(this.bucket, { ruleId: "DP-S3-VERSIONING", reason: "append-only access logs that expire by lifecycle; versions would only keep deleted logs longer than the retention the config sets" });
    suppressPolicy(this.bucket, { ruleId: "DP-S3-ACCESS-LOGGING", reason: "this is the access-log destination itself; logging it into itself would loop" });
    this.ownership = bucketBaseline(this, this.bucket.id, { objectOwnership: "BucketOwnerPreferred" }).ownership;
    new S3BucketServerSideEncryptionConfigurationA(this, "encryption", {
      bucket: this.bucket.id,
      rule: [{ applyServerSideEncryptionByDefault: { sseAlgorithm: "AES256" } }],
    });
    new S3BucketLifecycleConfiguration(this, "lifecycle", {
      bucket: this.bucket.id,
      rule: [{
        id: "expire-access-logs",
        status: "Enabled",
        filter: [{ prefix: "" }],
        expiration: [{ days }],
        abortIncompleteMultipartUpload: [{ daysAfterInitiation: 7 }],
      }],
    });
    new S3BucketPolicy(this, "policy", {
      bucket: this.bucket.id,
      policy: renderPolicy([
        denyInsecureTransport(`arn:aws:s3:::${props.bucketName}`),
      ]),
    });
  }
}
