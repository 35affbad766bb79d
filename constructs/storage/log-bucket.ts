import type { AwsProvider } from "@cdktf/provider-aws/lib/provider";
import { S3Bucket } from "@cdktf/provider-aws/lib/s3-bucket";
import { S3BucketLifecycleConfiguration } from "@cdktf/provider-aws/lib/s3-bucket-lifecycle-configuration";
import type { S3BucketOwnershipControls } from "@cdktf/provider-aws/lib/s3-bucket-ownership-controls";
import { S3BucketPolicy } from "@cdktf/provider-aws/lib/s3-bucket-policy";
// biome-ignore format: the module path alone leaves no room for a one-line import in 120 columns
import {
  S3BucketServerSideEncryptionConfigurationA,
} from "@cdktf/provider-aws/lib/s3-bucket-server-side-encryption-configuration";
import { Construct } from "constructs";
import { type PropProblem, throwIfInvalid } from "../core/validation";
import { type PolicyStatement, renderPolicy } from "../iam/policy-document";
import { bucketBaseline, type ObjectOwnership } from "./bucket-baseline";
import { checkBucketName } from "./bucket-name";
import { denyInsecureTransport } from "./tls-only";

/** Longest log retention accepted, in days (ten years). */
export const MAX_LOG_RETENTION_DAYS = 3653;

/** Days an unfinished multipart upload of a log object may linger. */
const ABORT_INCOMPLETE_UPLOAD_DAYS = 7;

/** What every log bucket takes. */
export interface LogBucketProps {
  /** Globally unique bucket name, checked against S3's naming rules ({@link checkBucketName}). */
  readonly bucketName: string;
  /** Days before log objects expire, 1-3653. @default - per kind of log bucket */
  readonly retentionDays?: number;
  /** Provider of the bucket's region. @default - the scope's default provider */
  readonly provider?: AwsProvider;
}

/**
 * What an AWS service's log-delivery destination needs, whichever service delivers: a
 * bucket that refuses destroy, SSE-S3 encryption (log delivery services cannot write
 * with a customer-managed KMS key), all public access blocked, expiry after the
 * retention, and a TLS-only bucket policy. Subclasses call the steps in the order their
 * delivery needs and add what differs ({@link CloudFrontLogBucket}, {@link S3AccessLogBucket}).
 *
 * @example
 * ```ts
 * import type { LogBucket } from "@plataforma/infra/constructs/storage";
 *
 * // S3AccessLogBucket and CloudFrontLogBucket share this base: code that only needs the
 * // bucket and its retention accepts either.
 * function logTarget(logs: LogBucket, prefix: string): { bucket: string; prefix: string } {
 *   return { bucket: logs.bucket.bucket, prefix: `${prefix}/` };
 * }
 * ```
 */
export abstract class LogBucket extends Construct {
  /** The bucket. */
  readonly bucket: S3Bucket;
  /** The bucket's ARN, known at synth. */
  readonly arn: string;
  /** Days before log objects expire. */
  readonly retentionDays: number;
  /** Provider of the bucket's region, for every companion resource. */
  protected readonly provider?: AwsProvider;

  /**
   * @param problems - checks of the subclass's own props, reported with the shared ones in one error
   */
  protected constructor(
    scope: Construct,
    id: string,
    props: LogBucketProps,
    defaultRetentionDays: number,
    problems: readonly PropProblem[] = [],
  ) {
    super(scope, id);
    // Plain JavaScript callers may pass nothing: report the missing name instead of a TypeError.
    this.retentionDays = props?.retentionDays ?? defaultRetentionDays;
    const days = this.retentionDays;
    throwIfInvalid(this, [
      ...checkBucketName("bucketName", props?.bucketName),
      ...(Number.isInteger(days) && days >= 1 && days <= MAX_LOG_RETENTION_DAYS
        ? []
        : [
            {
              prop: "retentionDays",
              message: `must be an integer from 1 to ${MAX_LOG_RETENTION_DAYS}`,
              received: days,
              fix: `use ${defaultRetentionDays}`,
            },
          ]),
      ...problems,
    ]);
    this.provider = props.provider;
    this.arn = `arn:aws:s3:::${props.bucketName}`;
    this.bucket = new S3Bucket(this, "bucket", {
      bucket: props.bucketName,
      forceDestroy: false,
      provider: this.provider,
      // Access logs are audit evidence: a refactor must not delete them.
      lifecycle: { preventDestroy: true },
    });
  }

  /** Encrypts with S3-managed keys (SSE-S3), the only encryption log delivery writes to. */
  protected encryptWithS3ManagedKeys(): void {
    new S3BucketServerSideEncryptionConfigurationA(this, "encryption", {
      bucket: this.bucket.id,
      rule: [{ applyServerSideEncryptionByDefault: { sseAlgorithm: "AES256" } }],
      provider: this.provider,
    });
  }

  /** Blocks public access and sets object ownership; returns the ownership controls. */
  protected blockPublicAccess(objectOwnership: ObjectOwnership): S3BucketOwnershipControls {
    return bucketBaseline(this, this.bucket.id, { objectOwnership, provider: this.provider }).ownership;
  }

  /** Expires log objects after the retention (and superseded versions after `noncurrentDays`). */
  protected expireLogs(noncurrentDays?: number): void {
    new S3BucketLifecycleConfiguration(this, "lifecycle", {
      bucket: this.bucket.id,
      rule: [
        {
          id: "expire-access-logs",
          status: "Enabled",
          filter: [{ prefix: "" }],
          expiration: [{ days: this.retentionDays }],
          ...(noncurrentDays !== undefined ? { noncurrentVersionExpiration: [{ noncurrentDays }] } : {}),
          abortIncompleteMultipartUpload: [{ daysAfterInitiation: ABORT_INCOMPLETE_UPLOAD_DAYS }],
        },
      ],
      provider: this.provider,
    });
  }

  /** The bucket policy: deny requests without TLS, then `grants` (the delivery service's, if any). */
  protected requireTls(grants: readonly PolicyStatement[] = []): void {
    new S3BucketPolicy(this, "policy", {
      bucket: this.bucket.id,
      policy: renderPolicy([denyInsecureTransport(this.arn), ...grants]),
      provider: this.provider,
    });
  }
}
