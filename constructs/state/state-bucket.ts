import type { AwsProvider } from "@cdktf/provider-aws/lib/provider";
import { S3Bucket } from "@cdktf/provider-aws/lib/s3-bucket";
import { S3BucketLifecycleConfiguration } from "@cdktf/provider-aws/lib/s3-bucket-lifecycle-configuration";
import { S3BucketPolicy } from "@cdktf/provider-aws/lib/s3-bucket-policy";
import { S3BucketVersioningA } from "@cdktf/provider-aws/lib/s3-bucket-versioning";
import { Construct } from "constructs";
import { renderPolicy } from "../iam/policy-document";
import { EncryptionKey } from "../kms/encryption-key";
import { suppressPolicy } from "../policy/suppress-policy";
import { bucketBaseline, encryptWithKey } from "../storage/bucket-baseline";
import { replicateBucket } from "../storage/bucket-replication";
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
  /**
   * Replicate every state version to a bucket just like this one (same protections, its own
   * key) in another region, so state survives the loss of this one.
   * @default - no replica
   */
  readonly replica?: {
    /** Name of the replica bucket. */
    readonly bucketName: string;
    /** This (the source) bucket's region: replication may decrypt through S3 there only. */
    readonly sourceRegion: string;
    /** A provider for that region. */
    readonly provider: AwsProvider;
    /** Name of the role S3 assumes to replicate. */
    readonly roleName: string;
  };
  /** Provider of the bucket's region. @default - the scope's default provider */
  readonly provider?: AwsProvider;
}

/**
 * The Terraform state bucket every other stack's S3 backend uses (with `use_lockfile`):
 * versioned, KMS-encrypted with its own key, public access blocked, ACLs disabled, TLS
 * required, superseded versions kept a year, and protected from `terraform destroy`;
 * optionally replicated to a bucket just like it in another region.
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
  /** The bucket's versioning. */
  readonly versioning: S3BucketVersioningA;
  /** The replica in another region, when asked for. */
  readonly replica?: StateBucket;

  constructor(scope: Construct, id: string, props: StateBucketProps) {
    super(scope, id);
    const provider = props.provider;
    this.key = new EncryptionKey(this, "key", {
      alias: `${props.bucketName}`,
      purpose: `Encrypts Terraform state in ${props.bucketName}`,
      accountId: props.accountId,
      provider,
    });
    this.bucket = new S3Bucket(this, "bucket", {
      bucket: props.bucketName,
      forceDestroy: false,
      provider,
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
    this.versioning = new S3BucketVersioningA(this, "versioning", {
      bucket: this.bucket.id,
      versioningConfiguration: { status: "Enabled" },
      provider,
    });
    encryptWithKey(this, this.bucket.id, this.key.key.arn, provider);
    bucketBaseline(this, this.bucket.id, { provider });
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
      provider,
    });
    new S3BucketPolicy(this, "policy", {
      bucket: this.bucket.id,
      policy: renderPolicy([denyInsecureTransport(`arn:aws:s3:::${props.bucketName}`)]),
      provider,
    });
    if (props.replica) this.replica = this.addReplica(props, props.replica);
  }

  private addReplica(props: StateBucketProps, replica: NonNullable<StateBucketProps["replica"]>): StateBucket {
    const copy = new StateBucket(this, "replica", {
      bucketName: replica.bucketName,
      accountId: props.accountId,
      provider: replica.provider,
    });
    replicateBucket(this, {
      source: {
        bucketId: this.bucket.id,
        bucketArn: `arn:aws:s3:::${props.bucketName}`,
        keyArn: this.key.key.arn,
        region: replica.sourceRegion,
        versioning: this.versioning,
      },
      destination: {
        bucketId: copy.bucket.id,
        bucketArn: `arn:aws:s3:::${replica.bucketName}`,
        bucketArnReference: copy.bucket.arn,
        keyArn: copy.key.key.arn,
        versioning: copy.versioning,
      },
      roleName: replica.roleName,
      accountId: props.accountId,
      provider: props.provider,
    });
    return copy;
  }
}
