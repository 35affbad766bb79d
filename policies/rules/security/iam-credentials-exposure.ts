import { sensitiveActionCheck } from "../../lib/identity-policies";
import type { StackCheck } from "../../types";

/**
 * Actions that return credentials or tokens usable elsewhere (Checkov's CKV_AWS_287 set):
 * access keys, federation and session tokens, database and cluster passwords.
 * `ecr:GetAuthorizationToken` is absent on purpose: it has no resource-level permission
 * (it must be granted on "*") and the token only carries the caller's own ECR rights.
 */
export const CREDENTIALS_EXPOSURE_ACTIONS: readonly string[] = [
  "chime:CreateApiKey",
  "codepipeline:PollForJobs",
  "cognito-identity:GetOpenIdToken",
  "cognito-identity:GetOpenIdTokenForDeveloperIdentity",
  "cognito-identity:GetCredentialsForIdentity",
  "connect:GetFederationToken",
  "connect:GetFederationTokens",
  "ec2:GetPasswordData",
  "gamelift:RequestUploadCredentials",
  "iam:CreateAccessKey",
  "iam:CreateLoginProfile",
  "iam:CreateServiceSpecificCredential",
  "iam:ResetServiceSpecificCredential",
  "iam:UpdateAccessKey",
  "lightsail:GetInstanceAccessDetails",
  "lightsail:GetRelationalDatabaseMasterUserPassword",
  "rds-db:Connect",
  "redshift:GetClusterCredentials",
  "sso:GetRoleCredentials",
  "mediapackage:RotateChannelCredentials",
  "mediapackage:RotateIngestEndpointCredentials",
  "sts:AssumeRole",
  "sts:AssumeRoleWithSaml",
  "sts:AssumeRoleWithWebIdentity",
  "sts:GetFederationToken",
  "sts:GetSessionToken",
];

/** No identity policy allows a credentials-exposing action on every resource. */
export const iamCredentialsExposure: StackCheck = sensitiveActionCheck(
  CREDENTIALS_EXPOSURE_ACTIONS,
  "credentials-exposure",
);
