import { IamRole } from "@cdktf/provider-aws/lib/iam-role";
import { IamRolePolicy } from "@cdktf/provider-aws/lib/iam-role-policy";
import type { AwsProvider } from "@cdktf/provider-aws/lib/provider";
import { S3BucketReplicationConfigurationA } from "@cdktf/provider-aws/lib/s3-bucket-replication-configuration";
import type { ITerraformDependable } from "cdktf";
import type { Construct } from "constructs";
import { renderPolicy, serviceTrustPolicy } from "../iam/policy-document";

/** One end of a replication: a versioned, SSE-KMS bucket. */
export interface ReplicationEnd {
  /** Bucket id (name). */
  readonly bucketId: string;
  /** Bucket ARN as a plain string (policies stay readable in the synthesized JSON). */
  readonly bucketArn: string;
  /**
   * The bucket resource's `arn` attribute, so Terraform creates the bucket first.
   * @default - bucketArn
   */
  readonly bucketArnReference?: string;
  /** The key encrypting the bucket's objects. */
  readonly keyArn: string;
  /** The bucket's versioning resource: replication needs versioning on at both ends first. */
  readonly versioning?: ITerraformDependable;
}

/** What {@link replicateBucket} needs. */
export interface BucketReplicationSpec {
  readonly source: ReplicationEnd & {
    /** Region of the source (KMS `ViaService` condition). */
    readonly region: string;
  };
  readonly destination: ReplicationEnd;
  /** Name of the role S3 assumes. */
  readonly roleName: string;
  /** Account allowed to have S3 assume the role. */
  readonly accountId: string;
  /** Provider of the source bucket. @default - the scope's default provider */
  readonly provider?: AwsProvider;
}

/**
 * Cross-region replication of every object of `source` to `destination` (delete markers
 * included, SSE-KMS objects re-encrypted with the destination key, 15-minute Replication
 * Time Control with metrics), through a role allowed exactly that. Resources are created in
 * `scope` as `replication-role`, `replication-policy` and `replication`.
 */
export function replicateBucket(scope: Construct, spec: BucketReplicationSpec): IamRole {
  const { source, destination, provider } = spec;
  const role = new IamRole(scope, "replication-role", {
    name: spec.roleName,
    assumeRolePolicy: serviceTrustPolicy("s3.amazonaws.com", spec.accountId),
    provider,
  });
  new IamRolePolicy(scope, "replication-policy", {
    role: role.id,
    name: "replicate",
    policy: renderPolicy([
      {
        Sid: "ReadSourceConfig",
        Effect: "Allow",
        Action: ["s3:GetReplicationConfiguration", "s3:ListBucket"],
        Resource: source.bucketArn,
      },
      {
        Sid: "ReadSourceObjects",
        Effect: "Allow",
        Action: ["s3:GetObjectVersionForReplication", "s3:GetObjectVersionAcl", "s3:GetObjectVersionTagging"],
        Resource: `${source.bucketArn}/*`,
      },
      {
        Sid: "WriteReplicas",
        Effect: "Allow",
        Action: ["s3:ReplicateObject", "s3:ReplicateDelete", "s3:ReplicateTags"],
        Resource: `${destination.bucketArn}/*`,
      },
      {
        Sid: "DecryptSource",
        Effect: "Allow",
        Action: "kms:Decrypt",
        Resource: source.keyArn,
        Condition: { StringLike: { "kms:ViaService": `s3.${source.region}.amazonaws.com` } },
      },
      {
        Sid: "EncryptReplicas",
        Effect: "Allow",
        Action: ["kms:Encrypt", "kms:GenerateDataKey"],
        Resource: destination.keyArn,
      },
    ]),
    provider,
  });
  new S3BucketReplicationConfigurationA(scope, "replication", {
    bucket: source.bucketId,
    role: role.arn,
    rule: [
      {
        id: "replicate-to-dr",
        status: "Enabled",
        priority: 1,
        filter: { prefix: "" },
        deleteMarkerReplication: { status: "Enabled" },
        sourceSelectionCriteria: { sseKmsEncryptedObjects: { status: "Enabled" } },
        destination: {
          bucket: destination.bucketArnReference ?? destination.bucketArn,
          storageClass: "STANDARD",
          encryptionConfiguration: { replicaKmsKeyId: destination.keyArn },
          replicationTime: { status: "Enabled", time: { minutes: 15 } },
          metrics: { status: "Enabled", eventThreshold: { minutes: 15 } },
        },
      },
    ],
    provider,
    dependsOn: [source.versioning, destination.versioning].filter((d): d is ITerraformDependable => d !== undefined),
  });
  return role;
}
