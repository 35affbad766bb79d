import type { AwsProvider } from "@cdktf/provider-aws/lib/provider";
import { S3BucketOwnershipControls } from "@cdktf/provider-aws/lib/s3-bucket-ownership-controls";
import { S3BucketPublicAccessBlock } from "@cdktf/provider-aws/lib/s3-bucket-public-access-block";
// biome-ignore format: the module path alone leaves no room for a one-line import in 120 columns
import {
  S3BucketServerSideEncryptionConfigurationA,
} from "@cdktf/provider-aws/lib/s3-bucket-server-side-encryption-configuration";
import type { Construct } from "constructs";

/** Who owns objects written to a bucket: ACLs off (`BucketOwnerEnforced`) unless a delivery service needs them. */
export type ObjectOwnership = "BucketOwnerEnforced" | "BucketOwnerPreferred";

/**
 * The two companions every bucket of this project gets, created in `scope` under the
 * ids `public-access-block` and `ownership` (part of the resources' addresses): all four
 * public access blocks on, and object ownership (ACLs disabled unless `BucketOwnerPreferred`
 * is asked for, e.g. CloudFront's ACL-based log delivery).
 */
export function bucketBaseline(
  scope: Construct,
  bucketId: string,
  options: { readonly objectOwnership?: ObjectOwnership; readonly provider?: AwsProvider } = {},
): { readonly publicAccessBlock: S3BucketPublicAccessBlock; readonly ownership: S3BucketOwnershipControls } {
  const provider = options.provider;
  const publicAccessBlock = new S3BucketPublicAccessBlock(scope, "public-access-block", {
    bucket: bucketId,
    blockPublicAcls: true,
    blockPublicPolicy: true,
    ignorePublicAcls: true,
    restrictPublicBuckets: true,
    provider,
  });
  const ownership = new S3BucketOwnershipControls(scope, "ownership", {
    bucket: bucketId,
    rule: { objectOwnership: options.objectOwnership ?? "BucketOwnerEnforced" },
    provider,
  });
  return { publicAccessBlock, ownership };
}

/**
 * Default encryption with a customer-managed KMS key and an S3 Bucket Key (fewer KMS calls),
 * created in `scope` under the id `encryption` (part of the resource's address).
 */
export function encryptWithKey(
  scope: Construct,
  bucketId: string,
  keyArn: string,
  provider?: AwsProvider,
): S3BucketServerSideEncryptionConfigurationA {
  return new S3BucketServerSideEncryptionConfigurationA(scope, "encryption", {
    bucket: bucketId,
    rule: [
      {
        applyServerSideEncryptionByDefault: { sseAlgorithm: "aws:kms", kmsMasterKeyId: keyArn },
        bucketKeyEnabled: true,
      },
    ],
    provider,
  });
}
