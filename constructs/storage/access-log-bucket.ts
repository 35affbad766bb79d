import type { AwsProvider } from "@cdktf/provider-aws/lib/provider";
import { S3Bucket } from "@cdktf/provider-aws/lib/s3-bucket";
import { S3BucketLifecycleConfiguration } from "@cdktf/provider-aws/lib/s3-bucket-lifecycle-configuration";
import { S3BucketPolicy } from "@cdktf/provider-aws/lib/s3-bucket-policy";
import { S3BucketServerSideEncryptionConfigurationA } from "@cdktf/provider-aws/lib/s3-bucket-server-side-encryption-configuration";
import { S3BucketVersioningA } from "@cdktf/provider-aws/lib/s3-bucket-versioning";
import { Construct } from "constructs";
import { renderPolicy } from "../iam/policy-document";
import { suppressPolicy } from "../policy/suppress-policy";
import { bucketBaseline } from "./bucket-baseline";
import { denyInsecureTransport } from "./tls-only";

/** Days access logs are kept (audit: a year). */
export const DEFAULT_ACCESS_LOG_RETENTION_DAYS = 365;

/** Properties of {@link AccessLogBucket}. */
export interface AccessLogBucketProps {
  readonly bucketName: string;
  /** Account whose buckets may deliver logs here (confused-deputy guard). */
  readonly accountId: string;
  /** @default 365 */
  readonly retentionDays?: number;
  /** @default - the scope's default provider */
  readonly provider?: AwsProvider;
}

/**
 * Destination of S3 server access logs for the region's data buckets. Encrypted with
 * SSE-S3, not KMS: S3 log delivery cannot write to buckets whose default encryption is
 * SSE-KMS. Versioned (logs are audit evidence), public access blocked, ACLs disabled
 * (delivery is granted by bucket policy to `logging.s3.amazonaws.com` for this account
 * only), TLS-only, expiring after a year, `prevent_destroy`.
 */
export class AccessLogBucket extends Construct {
  readonly bucket: S3Bucket;

  constructor(scope: Construct, id: string, props: AccessLogBucketProps) {
    super(scope, id);
    const provider = props.provider;
    const retention = props.retentionDays ?? DEFAULT_ACCESS_LOG_RETENTION_DAYS;
    if (!Number.isInteger(retention) || retention < 1) throw new Error(`${this.node.path}: retentionDays must be a positive integer, got ${retention}`);
    const arn = `arn:aws:s3:::${props.bucketName}`;
    this.bucket = new S3Bucket(this, "bucket", { bucket: props.bucketName, forceDestroy: false, provider, lifecycle: { preventDestroy: true } });
    suppressPolicy(this.bucket, { ruleId: "SEC-S3-ENCRYPTION", reason: "S3 server access log delivery cannot write to a bucket whose default encryption is SSE-KMS; SSE-S3 (AES256) is the only supported choice" });
    suppressPolicy(this.bucket, { ruleId: "DP-S3-ACCESS-LOGGING", reason: "this is the access-log destination itself; logging it into itself would loop and logging it elsewhere only moves the problem" });
    new S3BucketVersioningA(this, "versioning", { bucket: this.bucket.id, versioningConfiguration: { status: "Enabled" }, provider });
    new S3BucketServerSideEncryptionConfigurationA(this, "encryption", {
      bucket: this.bucket.id,
      rule: [{ applyServerSideEncryptionByDefault: { sseAlgorithm: "AES256" } }],
      provider,
    });
    bucketBaseline(this, this.bucket.id, { provider });
    new S3BucketLifecycleConfiguration(this, "lifecycle", {
      bucket: this.bucket.id,
      rule: [{
        id: "expire-access-logs",
        status: "Enabled",
        filter: [{ prefix: "" }],
        expiration: [{ days: retention }],
        noncurrentVersionExpiration: [{ noncurrentDays: 30 }],
        abortIncompleteMultipartUpload: [{ daysAfterInitiation: 7 }],
      }],
      provider,
    });
    new S3BucketPolicy(this, "policy", {
      bucket: this.bucket.id,
      policy: renderPolicy([
        denyInsecureTransport(arn),
        {
          Sid: "AllowServerAccessLogDelivery",
          Effect: "Allow",
          Principal: { Service: "logging.s3.amazonaws.com" },
          Action: "s3:PutObject",
          Resource: `${arn}/*`,
          Condition: { StringEquals: { "aws:SourceAccount": props.accountId } },
        },
      ]),
      provider,
    });
  }
}
