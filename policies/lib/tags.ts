/**
 * Effective tags of a resource: its provider's `default_tags` merged with its own
 * `tags`, as the AWS provider computes `tags_all`. Plans carry `tags_all` directly.
 */
import type { Resource, StackView } from "../types";
import { providerConfig } from "./stack";
import { asObject, block } from "./values";

/**
 * AWS resource types that take no `tags` argument (checked against provider 5.100.0's
 * generated bindings): default tags do not reach them and tag rules skip them.
 * Everything else is assumed taggable (fail closed); with BaseStack's complete
 * default_tags every resource passes anyway.
 */
const UNTAGGABLE_AWS_TYPES: ReadonlySet<string> = new Set([
  "aws_acm_certificate_validation",
  "aws_appautoscaling_policy",
  "aws_autoscaling_attachment",
  "aws_autoscaling_lifecycle_hook",
  "aws_autoscaling_policy",
  "aws_cloudfront_cache_policy",
  "aws_cloudfront_function",
  "aws_cloudfront_origin_access_control",
  "aws_cloudfront_origin_request_policy",
  "aws_cloudfront_response_headers_policy",
  "aws_cloudwatch_dashboard",
  "aws_cloudwatch_log_resource_policy",
  "aws_cloudwatch_log_stream",
  "aws_cloudwatch_log_subscription_filter",
  "aws_db_instance_automated_backups_replication",
  "aws_db_instance_role_association",
  "aws_ebs_default_kms_key",
  "aws_ebs_encryption_by_default",
  "aws_eks_access_policy_association",
  "aws_elasticache_global_replication_group",
  "aws_iam_group_membership",
  "aws_iam_group_policy",
  "aws_iam_group_policy_attachment",
  "aws_iam_policy_attachment",
  "aws_iam_role_policy",
  "aws_iam_role_policy_attachment",
  "aws_iam_user_group_membership",
  "aws_iam_user_policy",
  "aws_iam_user_policy_attachment",
  "aws_kms_alias",
  "aws_kms_grant",
  "aws_kms_key_policy",
  "aws_lambda_permission",
  "aws_lb_listener_certificate",
  "aws_lb_target_group_attachment",
  "aws_main_route_table_association",
  "aws_network_interface_sg_attachment",
  "aws_rds_cluster_role_association",
  "aws_route",
  "aws_route_table_association",
  "aws_route53_hosted_zone_dnssec",
  "aws_route53_key_signing_key",
  "aws_route53_query_log",
  "aws_route53_record",
  "aws_route53_zone_association",
  "aws_s3_bucket_accelerate_configuration",
  "aws_s3_bucket_acl",
  "aws_s3_bucket_cors_configuration",
  "aws_s3_bucket_inventory",
  "aws_s3_bucket_lifecycle_configuration",
  "aws_s3_bucket_logging",
  "aws_s3_bucket_notification",
  "aws_s3_bucket_object_lock_configuration",
  "aws_s3_bucket_ownership_controls",
  "aws_s3_bucket_policy",
  "aws_s3_bucket_public_access_block",
  "aws_s3_bucket_replication_configuration",
  "aws_s3_bucket_request_payment_configuration",
  "aws_s3_bucket_server_side_encryption_configuration",
  "aws_s3_bucket_versioning",
  "aws_s3_bucket_website_configuration",
  "aws_secretsmanager_secret_version",
  "aws_security_group_rule",
  "aws_sns_topic_policy",
  "aws_sns_topic_subscription",
  "aws_volume_attachment",
  "aws_vpc_endpoint_route_table_association",
  "aws_vpc_endpoint_security_group_association",
  "aws_vpc_endpoint_subnet_association",
  "aws_wafv2_web_acl_association",
  "aws_wafv2_web_acl_logging_configuration",
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

/**
 * Tags computed so far, by resource, with the providers they were read from: every tag rule
 * reads every taggable resource, so each merge is done once per run.
 */
const EFFECTIVE = new WeakMap<Resource, { readonly providers: StackView["providers"]; readonly tags: Tags }>();

type Tags = Readonly<Record<string, unknown>>;

/** Effective tags: `tags_all` when present (plans), else default tags overlaid with own tags (memoized). */
export function effectiveTags(stack: StackView, resource: Resource): Tags {
  const cached = EFFECTIVE.get(resource);
  if (cached && cached.providers === stack.providers) return cached.tags;
  const tags = mergedTags(stack, resource);
  EFFECTIVE.set(resource, { providers: stack.providers, tags });
  return tags;
}

function mergedTags(stack: StackView, resource: Resource): Tags {
  const all = asObject(resource.values.tags_all);
  if (all && Object.keys(all).length > 0) return all;
  const defaults = defaultTags(stack, resource);
  const own = asObject(resource.values.tags);
  // Most resources carry only the provider's default tags: no copy for them.
  return own && Object.keys(own).length > 0 ? { ...defaults, ...own } : defaults;
}
