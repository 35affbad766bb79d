import type { PolicyStatement } from "../iam/policy-document";

/**
 * The statement every bucket policy of this project carries: deny any request not made
 * over TLS. Exported so a stack that owns a bucket's policy elsewhere (the edge stack's
 * CloudFront OAC policy for module bundles) includes it too.
 */
export function denyInsecureTransport(bucketArn: string): PolicyStatement {
  return {
    Sid: "DenyInsecureTransport",
    Effect: "Deny",
    Principal: "*",
    Action: "s3:*",
    Resource: [bucketArn, `${bucketArn}/*`],
    Condition: { Bool: { "aws:SecureTransport": false } },
  };
}
