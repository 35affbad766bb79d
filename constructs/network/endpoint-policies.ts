import { type PolicyStatement, renderPolicy } from "../iam/policy-document";

/**
 * Endpoint policies of the VPC's S3 gateway and interface endpoints. An endpoint without a
 * policy lets any principal reach any resource of the service, including other accounts'
 * buckets (a data exfiltration path that skips NAT and its flow logs). These documents keep
 * the paths to this account's resources, plus the AWS-owned buckets the estate needs.
 */

/**
 * AWS-owned S3 buckets a private subnet must reach through the gateway endpoint, by region:
 * ECR keeps image layers in `prod-<region>-starport-layer-bucket` (every image pull), and
 * Amazon Linux 2023 nodes read their package repositories from `al2023-repos-<region>-*`.
 */
export function awsOwnedBucketArns(region: string): string[] {
  return [`arn:aws:s3:::prod-${region}-starport-layer-bucket/*`, `arn:aws:s3:::al2023-repos-${region}-*/*`];
}

/**
 * S3 gateway endpoint policy: any S3 action on buckets owned by `accountId`
 * (`aws:ResourceAccount`), and reads of the AWS-owned buckets of {@link awsOwnedBucketArns}.
 */
export function s3GatewayEndpointPolicy(accountId: string, region: string): string {
  const statements: PolicyStatement[] = [
    {
      Sid: "ThisAccountBuckets",
      Effect: "Allow",
      Principal: "*",
      Action: "s3:*",
      Resource: "*",
      Condition: { StringEquals: { "aws:ResourceAccount": accountId } },
    },
    {
      Sid: "AwsOwnedBuckets",
      Effect: "Allow",
      Principal: "*",
      Action: "s3:GetObject",
      Resource: awsOwnedBucketArns(region),
    },
  ];
  return renderPolicy(statements);
}

/**
 * Interface endpoint policy: callers must be principals of `accountId`. STS also admits
 * `AssumeRoleWithWebIdentity` (IRSA) into this account's roles: that call is made before the
 * caller has credentials, so it carries no principal account to match.
 */
export function interfaceEndpointPolicy(accountId: string, service: string): string {
  const statements: PolicyStatement[] = [
    {
      Sid: "ThisAccountPrincipals",
      Effect: "Allow",
      Principal: "*",
      Action: "*",
      Resource: "*",
      Condition: { StringEquals: { "aws:PrincipalAccount": accountId } },
    },
  ];
  if (service === "sts") {
    statements.push({
      Sid: "WebIdentityIntoThisAccount",
      Effect: "Allow",
      Principal: "*",
      Action: "sts:AssumeRoleWithWebIdentity",
      Resource: `arn:aws:iam::${accountId}:role/*`,
    });
  }
  return renderPolicy(statements);
}
