/**
 * Effective tags of a resource: its provider's `default_tags` merged with its own
 * `tags`, as the AWS provider computes `tags_all`. Plans carry `tags_all` directly.
 */
import type { Resource, StackView } from "../types";
import { providerConfig } from "./stack";
import { asObject, block } from "./values";

/**
 * AWS resource types that take no `tags` argument: default tags do not reach them and
 * tag rules skip them. Everything else is assumed taggable (fail closed).
 */
export const UNTAGGABLE_AWS_TYPES: ReadonlySet<string> = new Set([
  "aws_budgets_budget_action",
  "aws_default_route_table_association",
  "aws_eks_access_policy_association",
  "aws_iam_group_policy",
  "aws_iam_group_policy_attachment",
  "aws_iam_policy_attachment",
  "aws_iam_role_policy",
  "aws_iam_role_policy_attachment",
  "aws_iam_user_policy",
  "aws_iam_user_policy_attachment",
  "aws_kms_alias",
  "aws_kms_grant",
  "aws_lb_listener_certificate",
  "aws_lb_target_group_attachment",
  "aws_main_route_table_association",
  "aws_route",
  "aws_route53_record",
  "aws_route_table_association",
  "aws_s3_bucket_acl",
  "aws_s3_bucket_cors_configuration",
  "aws_s3_bucket_lifecycle_configuration",
  "aws_s3_bucket_logging",
  "aws_s3_bucket_notification",
  "aws_s3_bucket_ownership_controls",
  "aws_s3_bucket_policy",
  "aws_s3_bucket_public_access_block",
  "aws_s3_bucket_replication_configuration",
  "aws_s3_bucket_server_side_encryption_configuration",
  "aws_s3_bucket_versioning",
  "aws_s3_bucket_website_configuration",
  "aws_security_group_rule",
  "aws_sns_topic_policy",
  "aws_sns_topic_subscription",
  "aws_vpc_endpoint_route_table_association",
  "aws_wafv2_web_acl_association",
  "aws_wafv2_web_acl_logging_configuration",
  "aws_cloudwatch_log_subscription_filter",
  "aws_cloudwatch_log_resource_policy",
  "aws_eks_pod_identity_association",
]);

/** True when tag rules apply to the resource (an AWS type that takes tags). */
export function isTaggable(resource: Resource): boolean {
  return resource.type.startsWith("aws_") && !UNTAGGABLE_AWS_TYPES.has(resource.type);
}

/** The `default_tags` of the provider configuration the resource uses. */
export function defaultTags(stack: StackView, resource: Resource): Readonly<Record<string, unknown>> {
  const config = providerConfig(stack, resource);
  return asObject(block(config?.default_tags)?.tags) ?? {};
}

/** Effective tags: `tags_all` when present (plans), else default tags overlaid with own tags. */
export function effectiveTags(stack: StackView, resource: Resource): Readonly<Record<string, unknown>> {
  const all = asObject(resource.values.tags_all);
  if (all && Object.keys(all).length > 0) return all;
  return { ...defaultTags(stack, resource), ...(asObject(resource.values.tags) ?? {}) };
}
