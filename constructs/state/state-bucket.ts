import type { AwsProvider } from "@cdktf/provider-aws/lib/provider";
import { S3Bucket } from "@cdktf/provider-aws/lib/s3-bucket";
import { S3BucketLifecycleConfiguration } from "@cdktf/provider-aws/lib/s3-bucket-lifecycle-configuration";
import type { S3BucketLoggingA } from "@cdktf/provider-aws/lib/s3-bucket-logging";
import { S3BucketPolicy } from "@cdktf/provider-aws/lib/s3-bucket-policy";
import { S3BucketVersioningA } from "@cdktf/provider-aws/lib/s3-bucket-versioning";
import { Construct } from "constructs";
import { throwIfInvalid } from "../core/validation";
import { renderPolicy } from "../iam/policy-document";
import { EncryptionKey } from "../kms/encryption-key";
import {
  type AccessLoggingExemption,
  type AccessLogTarget,
  accessLoggingProblems,
  applyAccessLogging,
} from "../policy/bucket-access-logging";
import { bucketBaseline, encryptWithKey } from "../storage/bucket-baseline";
import { replicateBucket } from "../storage/bucket-replication";
import { denyInsecureTransport } from "../storage/tls-only";

/** Days superseded state versions are kept: enough to roll back a bad apply found late. */
export const STATE_NONCURRENT_VERSION_DAYS = 365;

/** Days before an unfinished multipart upload is cleaned up. */
export const ABORT_INCOMPLETE_UPLOAD_DAYS = 7;

/** Properties of {@link StateBucket}. */
export interface StateBucketProps {
  /** Bucket name, e.g. `orders-tfstate-123456789012`. */
  readonly bucketName: string;
  /** Account that owns the bucket and key. */
  readonly accountId: string;
  /**
   * Where the bucket's S3 server access logs go (an `aws_s3_bucket_logging` is created).
   * @default - no access logs: the policy gate reports `DP-S3-ACCESS-LOGGING` for the
   * bucket unless `accessLoggingExemption` says why
   */
  readonly accessLogs?: AccessLogTarget;
  /**
   * Why the bucket has no access logs (for instance: it is the account's first bucket and
   * no log bucket exists yet), recorded as a `DP-S3-ACCESS-LOGGING` suppression the gate
   * reports with its reason, and as an error once `expires` has passed. Not with
   * `accessLogs`.
   * @default - no exemption: without `accessLogs` the gate reports the unlogged bucket
   */
  readonly accessLoggingExemption?: AccessLoggingExemption;
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
    /**
     * Where the replica's access logs go (a bucket in the replica's region).
     * @default - no access logs: the gate reports the replica unless it has an exemption
     */
    readonly accessLogs?: AccessLogTarget;
    /**
     * Why the replica has no access logs; the source's exemption does not carry over.
     * @default - no exemption
     */
    readonly accessLoggingExemption?: AccessLoggingExemption;
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
 * Server access logs are the caller's choice: give `accessLogs` to write them to a log
 * bucket, or `accessLoggingExemption` to record why there are none. With neither, the
 * policy gate reports the bucket under `DP-S3-ACCESS-LOGGING` like any unlogged bucket;
 * the library exempts nothing on its own.
 *
 * @example
 * ```ts
 * import { StateBucket } from "@plataforma/infra/constructs/state";
 *
 * const state = new StateBucket(stack, "state", {
 *   bucketName: "orders-tfstate-123456789012",
 *   accountId: "123456789012",
 *   accessLogs: { bucket: "orders-access-logs-123456789012", prefix: "tfstate/" },
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
  /** The bucket's access logging, when `accessLogs` is given. */
  readonly accessLogging?: S3BucketLoggingA;

  constructor(scope: Construct, id: string, props: StateBucketProps) {
    super(scope, id);
    const replica = props.replica;
    throwIfInvalid(this, [
      ...accessLoggingProblems(props, props.bucketName),
      ...(replica ? accessLoggingProblems(replica, replica.bucketName, "replica.") : []),
    ]);
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
    this.accessLogging = applyAccessLogging(this, this.bucket, props.bucketName, props, provider);
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
      accessLogs: replica.accessLogs,
      accessLoggingExemption: replica.accessLoggingExemption,
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
