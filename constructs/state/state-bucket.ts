import { S3Bucket } from "@cdktf/provider-aws/lib/s3-bucket";
import { S3BucketLifecycleConfiguration } from "@cdktf/provider-aws/lib/s3-bucket-lifecycle-configuration";
import { S3BucketPolicy } from "@cdktf/provider-aws/lib/s3-bucket-policy";
// biome-ignore format: the module path alone leaves no room for a one-line import in 120 columns
import {
  S3BucketServerSideEncryptionConfigurationA,
} from "@cdktf/provider-aws/lib/s3-bucket-server-side-encryption-configuration";
import { S3BucketVersioningA } from "@cdktf/provider-aws/lib/s3-bucket-versioning";
import { Construct } from "constructs";
import { renderPolicy } from "../iam/policy-document";
import { EncryptionKey } from "../kms/encryption-key";
import { suppressPolicy } from "../policy/suppress-policy";
import { bucketBaseline } from "../storage/bucket-baseline";
import { denyInsecureTransport } from "../storage/tls-only";

/** Days superseded state versions are kept: enough to roll back a bad apply found late. */
export const STATE_NONCURRENT_VERSION_DAYS = 365;

/** Days before an unfinished multipart upload is cleaned up. */
export const ABORT_INCOMPLETE_UPLOAD_DAYS = 7;

/** Properties of {@link StateBucket}. */
export interface StateBucketProps {
  /** Bucket name, e.g. `plataforma-tfstate-333333333333`. */
  readonly bucketName: string;
  /** Account that owns the bucket and key. */
  readonly accountId: string;
}

/**
 * The Terraform state bucket every other stack's S3 backend uses (with `use_lockfile`):
 * versioned, KMS-encrypted with its own key, public access blocked, ACLs disabled, TLS
 * required, superseded versions kept a year, and protected from `terraform destroy`.
 *
 * @example
 * ```ts
 * import { StateBucket } from "@plataforma/infra/constructs/state";
 *
 * const state = new StateBucket(stack, "state", {
 *   bucketName: "plataforma-tfstate-123456789012",
 *   accountId: "123456789012",
 * });
 * const stateKeyArn = state.key.key.arn;
 * ```
 */
export class StateBucket extends Construct {
  /** The bucket. */
  readonly bucket: S3Bucket;
  /** The key encrypting state objects. */
  readonly key: EncryptionKey;

  constructor(scope: Construct, id: string, props: StateBucketProps) {
    super(scope, id);
    this.key = new EncryptionKey(this, "key", {
      alias: `${props.bucketName}`,
      purpose: `Encrypts Terraform state in ${props.bucketName}`,
      accountId: props.accountId,
    });
    this.bucket = new S3Bucket(this, "bucket", {
      bucket: props.bucketName,
      forceDestroy: false,
      lifecycle: { preventDestroy: true },
    });
    suppressPolicy(this.bucket, {
      ruleId: "DP-S3-ACCESS-LOGGING",
      reason:
        "The bootstrap stack creates the account's first bucket, so no log-archive bucket exists to receive " +
        "access logs; every state write is kept as a version for a year. " +
        "Add aws_s3_bucket_logging once the log-archive bucket exists.",
      expires: "2027-06-30",
    });
    new S3BucketVersioningA(this, "versioning", {
      bucket: this.bucket.id,
      versioningConfiguration: { status: "Enabled" },
    });
    new S3BucketServerSideEncryptionConfigurationA(this, "encryption", {
      bucket: this.bucket.id,
      rule: [
        {
          applyServerSideEncryptionByDefault: { sseAlgorithm: "aws:kms", kmsMasterKeyId: this.key.key.arn },
          bucketKeyEnabled: true,
        },
      ],
    });
    bucketBaseline(this, this.bucket.id);
    new S3BucketLifecycleConfiguration(this, "lifecycle", {
      bucket: this.bucket.id,
      rule: [
        {
          id: "expire-old-state-versions",
          status: "Enabled",
          filter: [{ prefix: "" }],
          noncurrentVersionExpiration: [{ noncurrentDays: STATE_NONCURRENT_VERSION_DAYS }],
          abortIncompleteMultipartUpload: [{ daysAfterInitiation: ABORT_INCOMPLETE_UPLOAD_DAYS }],
        },
      ],
    });
    new S3BucketPolicy(this, "policy", {
      bucket: this.bucket.id,
      policy: renderPolicy([denyInsecureTransport(`arn:aws:s3:::${props.bucketName}`)]),
    });
  }
}
