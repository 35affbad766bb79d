import type { AwsProvider } from "@cdktf/provider-aws/lib/provider";
import { S3BucketOwnershipControls } from "@cdktf/provider-aws/lib/s3-bucket-ownership-controls";
import { S3BucketPublicAccessBlock } from "@cdktf/provider-aws/lib/s3-bucket-public-access-block";
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
