import type { IamRole } from "@cdktf/provider-aws/lib/iam-role";
import type { AwsProvider } from "@cdktf/provider-aws/lib/provider";
import { S3Bucket } from "@cdktf/provider-aws/lib/s3-bucket";
import { S3BucketCorsConfiguration } from "@cdktf/provider-aws/lib/s3-bucket-cors-configuration";
import {
  S3BucketLifecycleConfiguration,
  type S3BucketLifecycleConfigurationRule,
} from "@cdktf/provider-aws/lib/s3-bucket-lifecycle-configuration";
import { S3BucketPolicy } from "@cdktf/provider-aws/lib/s3-bucket-policy";
import { S3BucketVersioningA } from "@cdktf/provider-aws/lib/s3-bucket-versioning";
import { Construct } from "constructs";
import { checkAccountId, checkRegionName, checkRequired, type PropProblem, throwIfInvalid } from "../core/validation";
import { renderPolicy } from "../iam/policy-document";
import type { EncryptionKey } from "../kms/encryption-key";
import { applyAccessLogging } from "../policy/bucket-access-logging";
import { suppressPolicy } from "../policy/suppress-policy";
import { bucketBaseline, encryptWithKey } from "./bucket-baseline";
import {
  BUCKET_KIND_DEFAULTS,
  BUCKET_KINDS,
  type BucketKind,
  type BucketTransition,
  lifecycleProblems,
} from "./bucket-kinds";
import { checkBucketName } from "./bucket-name";
import { replicateBucket } from "./bucket-replication";
import { denyInsecureTransport } from "./tls-only";

/** Days an incomplete multipart upload may linger before S3 removes its parts. */
export const ABORT_MULTIPART_DAYS = 7;

/** Browser access to a bucket. */
export interface BucketCors {
  readonly allowedOrigins: readonly string[];
  readonly allowedMethods: readonly string[];
  /** @default ["*"] */
  readonly allowedHeaders?: readonly string[];
  /** @default 3000 */
  readonly maxAgeSeconds?: number;
}

/** Where and how a bucket replicates. */
export interface BucketReplication {
  /** The replica (a `DataBucket` in the DR region, versioned). */
  readonly destination: DataBucket;
  /** Role name S3 assumes to replicate. */
  readonly roleName: string;
}

/** Properties of {@link DataBucket}. */
export interface DataBucketProps {
  /** Globally unique bucket name, checked against S3's naming rules ({@link checkBucketName}). */
  readonly bucketName: string;
  readonly kind: BucketKind;
  readonly accountId: string;
  /** Region of the bucket (KMS `ViaService` conditions). */
  readonly region: string;
  /** Default encryption key (SSE-KMS with bucket keys). */
  readonly key: EncryptionKey;
  /** Server access logs go here, under `<bucket name>/`. */
  readonly logBucket: S3Bucket;
  /** @default - per kind ({@link BUCKET_KIND_DEFAULTS}) */
  readonly versioned?: boolean;
  /** @default - per kind */
  readonly transitions?: readonly BucketTransition[];
  /** @default - per kind */
  readonly expirationDays?: number;
  /** @default - per kind */
  readonly noncurrentVersionExpirationDays?: number;
  /** @default - none */
  readonly cors?: BucketCors;
  /** Replicate every object to another bucket. @default - none */
  readonly replication?: BucketReplication;
  /**
   * Create the bucket policy (TLS only). `false` when another stack owns the policy,
   * e.g. the edge stack's CloudFront OAC policy for module bundles: that stack must
   * include {@link denyInsecureTransport}. @default true
   */
  readonly managePolicy?: boolean;
  /** @default - the scope's default provider */
  readonly provider?: AwsProvider;
}

/**
 * S3 allows dots in names, but a dotted bucket breaks TLS on virtual-hosted URLs
 * (`a.b.s3.amazonaws.com` does not match `*.s3.amazonaws.com`) and Transfer Acceleration:
 * data buckets, which modules and CloudFront reach over HTTPS, are refused one.
 */
function dottedName(name: unknown): PropProblem[] {
  if (typeof name !== "string" || !name.includes(".")) return [];
  return [
    {
      prop: "bucketName",
      message: "must not contain dots (HTTPS to a dotted bucket fails on the virtual-hosted endpoint)",
      received: name,
      fix: `use dashes instead: ${name.replaceAll(".", "-")}`,
    },
  ];
}

/** Every problem with the props; the kind's defaults are only read once the kind is known. */
function checkDataBucketProps(props: Partial<DataBucketProps>): PropProblem[] {
  const nameProblems = checkBucketName("bucketName", props.bucketName);
  const problems: PropProblem[] = [
    ...(nameProblems.length > 0 ? nameProblems : dottedName(props.bucketName)),
    ...checkAccountId("accountId", props.accountId),
    ...checkRegionName("region", props.region),
    ...checkRequired("key", props.key, "pass the EncryptionKey the bucket's objects are encrypted with"),
    ...checkRequired("logBucket", props.logBucket, "pass the bucket of an S3AccessLogBucket"),
  ];
  const kind = props.kind;
  if (typeof kind !== "string" || !Object.hasOwn(BUCKET_KIND_DEFAULTS, kind)) {
    problems.push({
      prop: "kind",
      message: kind === undefined ? "is required" : `must be one of ${BUCKET_KINDS.join(", ")}`,
      received: kind,
      fix: `use one of ${BUCKET_KINDS.join(", ")} (it decides versioning and lifecycle defaults)`,
    });
    return problems;
  }
  const defaults = BUCKET_KIND_DEFAULTS[kind as BucketKind];
  const versioned = props.versioned ?? defaults.versioned;
  const transitions = props.transitions ?? defaults.transitions;
  const expiration = props.expirationDays ?? defaults.expirationDays;
  if (props.replication && !versioned) {
    problems.push({
      prop: "versioned",
      message: "must be true to replicate",
      received: versioned,
      fix: "set versioned true",
    });
  }
  if (props.replication && !props.replication.destination.versioned) {
    problems.push({
      prop: "replication.destination",
      message: "must be versioned to receive replicas",
      received: props.replication.destination.node.path,
      fix: "make the replica versioned",
    });
  }
  for (const { path, message, received, fix } of lifecycleProblems(transitions, expiration)) {
    problems.push({ prop: path.join("."), message, received, fix });
  }
  return problems;
}

/**
 * A bucket of the data catalog: `prevent_destroy` and no `force_destroy`, SSE-KMS with
 * bucket keys, public access blocked, ACLs disabled, TLS-only policy, server access
 * logging, versioning where data must not be lost, lifecycle per kind (transitions,
 * expiry, old versions, aborted uploads), CORS when asked, and cross-region replication
 * of every object (delete markers included, 15-minute Replication Time Control).
 *
 * @example
 * ```ts
 * import type { EncryptionKey } from "@plataforma/infra/constructs/kms";
 * import { DataBucket, type S3AccessLogBucket } from "@plataforma/infra/constructs/storage";
 *
 * declare const dataKey: EncryptionKey;
 * declare const accessLogs: S3AccessLogBucket;
 *
 * const reports = new DataBucket(stack, "reports", {
 *   bucketName: "orders-production-reports",
 *   kind: "reports",
 *   accountId: "123456789012",
 *   region: "sa-east-1",
 *   key: dataKey,
 *   logBucket: accessLogs.bucket,
 *   cors: { allowedOrigins: ["https://app.example.com"], allowedMethods: ["GET"] },
 * });
 * ```
 */
export class DataBucket extends Construct {
  readonly bucket: S3Bucket;
  /** The bucket's ARN, known at synth (no apply needed to reference it). */
  readonly arn: string;
  readonly key: EncryptionKey;
  readonly versioned: boolean;
  readonly versioning?: S3BucketVersioningA;
  /** The replication role, when replicating. */
  readonly replicationRole?: IamRole;

  constructor(scope: Construct, id: string, props: DataBucketProps) {
    super(scope, id);
    throwIfInvalid(this, checkDataBucketProps(props ?? {}));
    const defaults = BUCKET_KIND_DEFAULTS[props.kind];
    const provider = props.provider;
    this.versioned = props.versioned ?? defaults.versioned;
    this.key = props.key;
    const transitions = props.transitions ?? defaults.transitions;
    const expiration = props.expirationDays ?? defaults.expirationDays;
    const noncurrent = props.noncurrentVersionExpirationDays ?? defaults.noncurrentVersionExpirationDays;
    this.arn = `arn:aws:s3:::${props.bucketName}`;

    this.bucket = new S3Bucket(this, "bucket", {
      bucket: props.bucketName,
      forceDestroy: false,
      provider,
      lifecycle: { preventDestroy: true },
    });
    if (this.versioned) {
      this.versioning = new S3BucketVersioningA(this, "versioning", {
        bucket: this.bucket.id,
        versioningConfiguration: { status: "Enabled" },
        provider,
      });
    }
    encryptWithKey(this, this.bucket.id, props.key.key.arn, provider);
    bucketBaseline(this, this.bucket.id, { provider });
    applyAccessLogging(
      this,
      this.bucket,
      props.bucketName,
      { accessLogs: { bucket: props.logBucket.bucket } },
      provider,
    );

    const rule: S3BucketLifecycleConfigurationRule = {
      id: `${props.kind}-lifecycle`,
      status: "Enabled",
      filter: [{ prefix: "" }],
      abortIncompleteMultipartUpload: [{ daysAfterInitiation: ABORT_MULTIPART_DAYS }],
      ...(transitions.length > 0
        ? { transition: transitions.map((t) => ({ days: t.days, storageClass: t.storageClass })) }
        : {}),
      ...(expiration !== undefined ? { expiration: [{ days: expiration }] } : {}),
      ...(this.versioned && noncurrent !== undefined
        ? { noncurrentVersionExpiration: [{ noncurrentDays: noncurrent }] }
        : {}),
    };
    new S3BucketLifecycleConfiguration(this, "lifecycle", {
      bucket: this.bucket.id,
      rule: [rule],
      provider,
      dependsOn: this.versioning ? [this.versioning] : undefined,
    });

    if (props.cors) {
      new S3BucketCorsConfiguration(this, "cors", {
        bucket: this.bucket.id,
        corsRule: [
          {
            allowedOrigins: [...props.cors.allowedOrigins],
            allowedMethods: [...props.cors.allowedMethods],
            allowedHeaders: [...(props.cors.allowedHeaders ?? ["*"])],
            maxAgeSeconds: props.cors.maxAgeSeconds ?? 3000,
          },
        ],
        provider,
      });
    }
    if (props.managePolicy ?? true) {
      new S3BucketPolicy(this, "policy", {
        bucket: this.bucket.id,
        policy: renderPolicy([denyInsecureTransport(this.arn)]),
        provider,
      });
    } else {
      // The policy checks look at one stack; the owner of this bucket's policy is another.
      suppressPolicy(this.bucket, {
        ruleId: "SEC-S3-TLS-ONLY",
        reason:
          "another stack owns this bucket's policy (the edge stack's CloudFront OAC grant, " +
          "which needs the distribution ARN) and includes the TLS-only deny statement",
      });
    }

    if (props.replication) {
      const destination = props.replication.destination;
      this.replicationRole = replicateBucket(this, {
        source: {
          bucketId: this.bucket.id,
          bucketArn: this.arn,
          keyArn: props.key.key.arn,
          region: props.region,
          versioning: this.versioning,
        },
        destination: {
          bucketId: destination.bucket.id,
          bucketArn: destination.arn,
          bucketArnReference: destination.bucket.arn,
          keyArn: destination.key.key.arn,
          versioning: destination.versioning,
        },
        roleName: props.replication.roleName,
        accountId: props.accountId,
        provider,
      });
    }
  }
}
