import { S3BucketVersioningA } from "@cdktf/provider-aws/lib/s3-bucket-versioning";
import type { Construct } from "constructs";
import { checkAccountId } from "../core/validation";
import { suppressPolicy } from "../policy/suppress-policy";
import { LogBucket, type LogBucketProps } from "./log-bucket";

/** Days S3 server access logs are kept when none is given (audit: a year). */
export const DEFAULT_S3_ACCESS_LOG_RETENTION_DAYS = 365;

/** Days superseded log versions are kept. */
const NONCURRENT_LOG_VERSION_DAYS = 30;

/** Properties of {@link S3AccessLogBucket}. */
export interface S3AccessLogBucketProps extends LogBucketProps {
  /** Account whose buckets may deliver logs here (confused-deputy guard). */
  readonly accountId: string;
  /** Days before log objects expire, 1-3653. @default 365 */
  readonly retentionDays?: number;
}

/**
 * Destination of S3 server access logs for the region's data buckets. Encrypted with
 * SSE-S3, not KMS: S3 log delivery cannot write to buckets whose default encryption is
 * SSE-KMS. Versioned (logs are audit evidence), public access blocked, ACLs disabled
 * (delivery is granted by bucket policy to `logging.s3.amazonaws.com` for this account
 * only), TLS-only, expiring after a year, `prevent_destroy`.
 *
 * @example
 * ```ts
 * import { S3AccessLogBucket } from "@plataforma/infra/constructs/storage";
 *
 * const accessLogs = new S3AccessLogBucket(stack, "access-logs", {
 *   bucketName: "orders-production-sa-east-1-access-logs",
 *   accountId: "123456789012",
 *   retentionDays: 365,
 * });
 * ```
 */
export class S3AccessLogBucket extends LogBucket {
  constructor(scope: Construct, id: string, props: S3AccessLogBucketProps) {
    super(scope, id, props, DEFAULT_S3_ACCESS_LOG_RETENTION_DAYS, checkAccountId("accountId", props?.accountId));
    suppressPolicy(this.bucket, {
      ruleId: "SEC-S3-ENCRYPTION",
      reason:
        "S3 server access log delivery cannot write to a bucket whose default encryption is SSE-KMS; " +
        "SSE-S3 (AES256) is the only supported choice",
    });
    suppressPolicy(this.bucket, {
      ruleId: "DP-S3-ACCESS-LOGGING",
      reason:
        "this is the access-log destination itself; logging it into itself would loop and logging it " +
        "elsewhere only moves the problem",
    });
    new S3BucketVersioningA(this, "versioning", {
      bucket: this.bucket.id,
      versioningConfiguration: { status: "Enabled" },
      provider: this.provider,
    });
    this.encryptWithS3ManagedKeys();
    this.blockPublicAccess("BucketOwnerEnforced");
    this.expireLogs(NONCURRENT_LOG_VERSION_DAYS);
    this.requireTls([
      {
        Sid: "AllowServerAccessLogDelivery",
        Effect: "Allow",
        Principal: { Service: "logging.s3.amazonaws.com" },
        Action: "s3:PutObject",
        Resource: `${this.arn}/*`,
        Condition: { StringEquals: { "aws:SourceAccount": props.accountId } },
      },
    ]);
  }
}
