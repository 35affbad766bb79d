/**
 * Compliant and non-compliant fixtures of the rules issue 18 added to the existing packs
 * (security, reliability, data protection, tagging and cost). Each pack's test spreads
 * its cases into its describePack call, so the "every rule has cases" guard covers them.
 */
import { DEV, type Part, type RuleCases, tfStack } from "../helpers";

const KEY = "${aws_kms_key.k.arn}";
const STAGING = { ...DEV, environment: "staging", tier: "staging" as const };

const doc = (...statements: unknown[]) => JSON.stringify({ Version: "2012-10-17", Statement: statements });
const rolePolicy = (...statements: unknown[]): Part => [
  "aws_iam_role_policy",
  "p",
  { role: "${aws_iam_role.r.id}", policy: doc(...statements) },
];
const trust = (...statements: unknown[]): Part => ["aws_iam_role", "r", { assume_role_policy: doc(...statements) }];
const managedRule = (name: string, extra: Record<string, unknown> = {}, override: unknown = { none: {} }) => ({
  name,
  priority: 1,
  override_action: override,
  statement: { managed_rule_group_statement: { name, vendor_name: "AWS", ...extra } },
  visibility_config: { cloudwatch_metrics_enabled: true, metric_name: name, sampled_requests_enabled: true },
});
const acl = (rules: unknown[]): Part => [
  "aws_wafv2_web_acl",
  "acl",
  {
    scope: "CLOUDFRONT",
    default_action: { allow: {} },
    rule: rules,
    visibility_config: { cloudwatch_metrics_enabled: true, metric_name: "acl", sampled_requests_enabled: true },
  },
];
const wafLogging: Part = [
  "aws_wafv2_web_acl_logging_configuration",
  "log",
  { resource_arn: "${aws_wafv2_web_acl.acl.arn}", log_destination_configs: ["${aws_cloudwatch_log_group.w.arn}"] },
];
const bucket: Part = ["aws_s3_bucket", "b", { bucket: "plataforma-production-uploads" }];
const ownership = (value: string): Part => [
  "aws_s3_bucket_ownership_controls",
  "own",
  { bucket: "${aws_s3_bucket.b.id}", rule: { object_ownership: value } },
];
const lifecycle = (rule: Record<string, unknown>): Part => [
  "aws_s3_bucket_lifecycle_configuration",
  "lc",
  { bucket: "${aws_s3_bucket.b.id}", rule: [{ id: "r", status: "Enabled", filter: [{ prefix: "" }], ...rule }] },
];
const db = (over: Record<string, unknown> = {}): Part => [
  "aws_db_instance",
  "db",
  {
    engine: "postgres",
    iam_database_authentication_enabled: true,
    enabled_cloudwatch_logs_exports: ["postgresql"],
    monitoring_interval: 60,
    monitoring_role_arn: "${aws_iam_role.mon.arn}",
    performance_insights_enabled: true,
    performance_insights_kms_key_id: KEY,
    copy_tags_to_snapshot: true,
    parameter_group_name: "${aws_db_parameter_group.pg.name}",
    ...over,
  },
];
const params = (parameters: unknown[]): Part => [
  "aws_db_parameter_group",
  "pg",
  { family: "postgres16", parameter: parameters },
];
const forceSsl = params([{ name: "rds.force_ssl", value: "1", apply_method: "pending-reboot" }]);
const cluster = (over: Record<string, unknown> = {}): Part => [
  "aws_rds_cluster",
  "c",
  {
    engine: "aurora-postgresql",
    iam_database_authentication_enabled: true,
    enabled_cloudwatch_logs_exports: ["postgresql"],
    copy_tags_to_snapshot: true,
    db_cluster_parameter_group_name: "${aws_rds_cluster_parameter_group.cpg.name}",
    ...over,
  },
];
const clusterParams: Part = [
  "aws_rds_cluster_parameter_group",
  "cpg",
  { family: "aurora-postgresql16", parameter: [{ name: "rds.force_ssl", value: "1" }] },
];
const member = (over: Record<string, unknown> = {}): Part => [
  "aws_rds_cluster_instance",
  "m",
  {
    cluster_identifier: "${aws_rds_cluster.c.id}",
    monitoring_interval: 30,
    monitoring_role_arn: "${aws_iam_role.mon.arn}",
    performance_insights_enabled: true,
    performance_insights_kms_key_id: KEY,
    ...over,
  },
];
const redis = (over: Record<string, unknown> = {}): Part => [
  "aws_elasticache_replication_group",
  "r",
  { transit_encryption_enabled: true, user_group_ids: ["${aws_elasticache_user_group.g.user_group_id}"], ...over },
];
const eks = (version: unknown): Part => ["aws_eks_cluster", "eks", { name: "x", version }];
const nodeGroup = (over: Record<string, unknown> = {}): Part => [
  "aws_eks_node_group",
  "ng",
  { cluster_name: "x", scaling_config: { min_size: 2, max_size: 4, desired_size: 2 }, ...over },
];
const template = (over: Record<string, unknown> = {}): Part => [
  "aws_launch_template",
  "lt",
  { metadata_options: { http_tokens: "required", http_put_response_hop_limit: 1 }, ...over },
];
const b64 = (text: string) => Buffer.from(text, "utf8").toString("base64");
const keyResource = (over: Record<string, unknown> = {}): Part => [
  "aws_kms_key",
  "k",
  { enable_key_rotation: true, ...over },
];
const attachment = (arn: string): Part => [
  "aws_iam_role_policy_attachment",
  "att",
  { role: "${aws_iam_role.r.name}", policy_arn: arn },
];
const webIdentity = (condition?: Record<string, unknown>) => ({
  Effect: "Allow",
  Principal: { Federated: "${aws_iam_openid_connect_provider.oidc.arn}" },
  Action: "sts:AssumeRoleWithWebIdentity",
  ...(condition ? { Condition: condition } : {}),
});
const group = (over: Record<string, unknown> = {}): Part => [
  "aws_security_group",
  "sg",
  { name: "db", description: "database: 5432 from the nodes", vpc_id: "${aws_vpc.v.id}", ...over },
];
const egress = (over: Record<string, unknown>): Part => [
  "aws_vpc_security_group_egress_rule",
  "out",
  { security_group_id: "${aws_security_group.sg.id}", description: "HTTPS out", ...over },
];
const headers = (hsts: Record<string, unknown> | undefined): Part => [
  "aws_cloudfront_response_headers_policy",
  "h",
  { name: "security", security_headers_config: hsts ? { strict_transport_security: hsts } : {} },
];
const HSTS = { access_control_max_age_sec: 63_072_000, include_subdomains: true, override: true };
const distribution = (over: Record<string, unknown> = {}, behavior: Record<string, unknown> = {}): Part => [
  "aws_cloudfront_distribution",
  "d",
  {
    enabled: true,
    origin: [{ origin_id: "s3", domain_name: "b.s3.amazonaws.com", origin_access_control_id: "oac" }],
    default_cache_behavior: {
      target_origin_id: "s3",
      viewer_protocol_policy: "redirect-to-https",
      response_headers_policy_id: "${aws_cloudfront_response_headers_policy.h.id}",
      ...behavior,
    },
    ...over,
  },
];
const customOrigin = (config: Record<string, unknown>) =>
  distribution({
    origin: [{ origin_id: "api", domain_name: "api.plataforma.app", custom_origin_config: config }],
  });

/** Cases of the security rules added by issue 18. */
export const SECURITY_COVERAGE_CASES: Readonly<Record<string, RuleCases>> = {
  "SEC-WAF-LOG4J": {
    ok: [
      {
        name: "Known Bad Inputs blocking",
        json: tfStack([acl([managedRule("AWSManagedRulesKnownBadInputsRuleSet")])]),
      },
    ],
    bad: [
      {
        name: "group missing",
        json: tfStack([acl([managedRule("AWSManagedRulesCommonRuleSet")])]),
        address: "aws_wafv2_web_acl.acl",
      },
      {
        name: "group in count mode",
        json: tfStack([acl([managedRule("AWSManagedRulesKnownBadInputsRuleSet", {}, { count: {} })])]),
        address: "aws_wafv2_web_acl.acl",
      },
      {
        name: "Log4J rule overridden to count",
        json: tfStack([
          acl([
            managedRule("AWSManagedRulesKnownBadInputsRuleSet", {
              rule_action_override: [{ name: "Log4JRCE_HEADER", action_to_use: { count: {} } }],
            }),
          ]),
        ]),
        address: "aws_wafv2_web_acl.acl",
      },
    ],
  },
  "SEC-WAF-NO-COUNT": {
    ok: [
      { name: "every rule blocks", json: tfStack([acl([managedRule("AWSManagedRulesCommonRuleSet")])]) },
      {
        name: "plan JSON lists the unset count block as an empty list",
        json: tfStack([
          acl([
            {
              name: "rate",
              priority: 2,
              action: [{ block: [{}], count: [] }],
              statement: { rate_based_statement: { limit: 100 } },
            },
          ]),
        ]),
      },
    ],
    bad: [
      {
        name: "a rule counts",
        json: tfStack([
          acl([
            { name: "rate", priority: 2, action: { count: {} }, statement: { rate_based_statement: { limit: 100 } } },
          ]),
        ]),
        address: "aws_wafv2_web_acl.acl",
      },
      {
        name: "rule_json group override counts",
        json: tfStack([
          [
            "aws_wafv2_web_acl",
            "acl",
            { rule_json: JSON.stringify([{ Name: "common", OverrideAction: { Count: {} }, Statement: {} }]) },
          ],
        ]),
        address: "aws_wafv2_web_acl.acl",
      },
    ],
  },
  "SEC-WAF-LOGGING": {
    ok: [{ name: "logging configuration points at the ACL", json: tfStack([acl([]), wafLogging]) }],
    bad: [{ name: "no logging configuration", json: tfStack([acl([])]), address: "aws_wafv2_web_acl.acl" }],
  },
  "SEC-S3-ACLS-DISABLED": {
    ok: [
      { name: "BucketOwnerEnforced", json: tfStack([bucket, ownership("BucketOwnerEnforced")]) },
      {
        name: "CloudFront standard-log target keeps BucketOwnerPreferred",
        json: tfStack([
          bucket,
          ownership("BucketOwnerPreferred"),
          distribution({ logging_config: { bucket: "${aws_s3_bucket.b.bucket_domain_name}" } }),
          headers(HSTS),
        ]),
      },
    ],
    bad: [
      { name: "no ownership controls", json: tfStack([bucket]), address: "aws_s3_bucket.b" },
      { name: "ObjectWriter", json: tfStack([bucket, ownership("ObjectWriter")]), address: "aws_s3_bucket.b" },
      {
        name: "BucketOwnerPreferred without a log delivery",
        json: tfStack([bucket, ownership("BucketOwnerPreferred")]),
        address: "aws_s3_bucket.b",
      },
    ],
  },
  "SEC-RDS-IAM-AUTH": {
    ok: [{ name: "instance and cluster", json: tfStack([db(), cluster()]) }],
    bad: [
      {
        name: "instance without",
        json: tfStack([db({ iam_database_authentication_enabled: undefined })]),
        address: "aws_db_instance.db",
      },
      {
        name: "cluster off",
        json: tfStack([cluster({ iam_database_authentication_enabled: false })]),
        address: "aws_rds_cluster.c",
      },
    ],
  },
  "SEC-RDS-LOG-EXPORTS": {
    ok: [{ name: "postgresql log exported", json: tfStack([db(), cluster()]) }],
    bad: [
      {
        name: "nothing exported",
        json: tfStack([db({ enabled_cloudwatch_logs_exports: undefined })]),
        address: "aws_db_instance.db",
      },
      {
        name: "only upgrade log on PostgreSQL",
        json: tfStack([cluster({ enabled_cloudwatch_logs_exports: ["upgrade"] })]),
        address: "aws_rds_cluster.c",
      },
    ],
  },
  "SEC-RDS-PI-ENCRYPTION": {
    ok: [
      { name: "customer key", json: tfStack([db(), member()]) },
      { name: "insights off (REL rule covers it)", json: tfStack([db({ performance_insights_enabled: false })]) },
    ],
    bad: [
      {
        name: "AWS managed key",
        json: tfStack([member({ performance_insights_kms_key_id: "alias/aws/rds" })]),
        address: "aws_rds_cluster_instance.m",
      },
      {
        name: "key unset",
        json: tfStack([db({ performance_insights_kms_key_id: undefined })]),
        address: "aws_db_instance.db",
      },
    ],
  },
  "SEC-RDS-MINOR-UPGRADES": {
    ok: [
      { name: "unset (provider default true)", json: tfStack([db()]) },
      { name: "true", json: tfStack([member({ auto_minor_version_upgrade: true })]) },
    ],
    bad: [
      { name: "false", json: tfStack([db({ auto_minor_version_upgrade: false })]), address: "aws_db_instance.db" },
      {
        name: "expression",
        json: tfStack([member({ auto_minor_version_upgrade: "${var.upgrade}" })]),
        address: "aws_rds_cluster_instance.m",
      },
    ],
  },
  "SEC-RDS-CA-CERT": {
    ok: [
      { name: "unset (RDS default is current)", json: tfStack([db()]) },
      { name: "rsa4096", json: tfStack([db({ ca_cert_identifier: "rds-ca-rsa4096-g1" })]) },
    ],
    bad: [
      {
        name: "expired 2019 CA",
        json: tfStack([db({ ca_cert_identifier: "rds-ca-2019" })]),
        address: "aws_db_instance.db",
      },
    ],
  },
  "SEC-RDS-FORCE-SSL": {
    ok: [
      { name: "PostgreSQL with rds.force_ssl", json: tfStack([db(), forceSsl]) },
      { name: "Aurora with rds.force_ssl", json: tfStack([cluster(), clusterParams]) },
      {
        name: "MySQL with require_secure_transport",
        json: tfStack([db({ engine: "mysql" }), params([{ name: "require_secure_transport", value: "ON" }])]),
      },
    ],
    bad: [
      {
        name: "default parameter group",
        json: tfStack([db({ parameter_group_name: undefined })]),
        address: "aws_db_instance.db",
      },
      {
        name: "force_ssl 0",
        json: tfStack([db(), params([{ name: "rds.force_ssl", value: "0" }])]),
        address: "aws_db_instance.db",
      },
      {
        name: "group without the parameter",
        json: tfStack([cluster(), ["aws_rds_cluster_parameter_group", "cpg", {}]]),
        address: "aws_rds_cluster.c",
      },
    ],
  },
  "SEC-ELASTICACHE-AUTH": {
    ok: [
      { name: "RBAC user group", json: tfStack([redis()]) },
      {
        name: "AUTH token over TLS",
        json: tfStack([redis({ user_group_ids: undefined, auth_token: "${var.token}" })]),
      },
    ],
    bad: [
      {
        name: "no authentication",
        json: tfStack([redis({ user_group_ids: undefined })]),
        address: "aws_elasticache_replication_group.r",
      },
      {
        name: "token without TLS",
        json: tfStack([redis({ user_group_ids: [], auth_token: "${var.t}", transit_encryption_enabled: false })]),
        address: "aws_elasticache_replication_group.r",
      },
    ],
  },
  "SEC-EKS-SUPPORTED-VERSION": {
    ok: [
      { name: "1.36", json: tfStack([eks("1.36")]) },
      { name: "2.0", json: tfStack([eks("2.0")]) },
    ],
    bad: [
      { name: "1.28 (out of support)", json: tfStack([eks("1.28")]), address: "aws_eks_cluster.eks" },
      { name: "unset", json: tfStack([eks(undefined)]), address: "aws_eks_cluster.eks" },
      { name: "expression", json: tfStack([eks("${var.v}")]), address: "aws_eks_cluster.eks" },
    ],
  },
  "SEC-EKS-NODE-SSH": {
    ok: [{ name: "no remote access", json: tfStack([nodeGroup()]) }],
    bad: [
      {
        name: "SSH from anywhere",
        json: tfStack([nodeGroup({ remote_access: { ec2_ssh_key: "ops" } })]),
        address: "aws_eks_node_group.ng",
      },
      {
        name: "SSH from a group",
        json: tfStack([nodeGroup({ remote_access: { ec2_ssh_key: "ops", source_security_group_ids: ["sg-1"] } })]),
        address: "aws_eks_node_group.ng",
      },
    ],
  },
  "SEC-EC2-IMDS-HOP-LIMIT": {
    ok: [{ name: "hop limit 1", json: tfStack([template()]) }],
    bad: [
      {
        name: "hop limit 2",
        json: tfStack([template({ metadata_options: { http_tokens: "required", http_put_response_hop_limit: 2 } })]),
        address: "aws_launch_template.lt",
      },
      {
        name: "unset (AMI default)",
        json: tfStack([template({ metadata_options: { http_tokens: "required" } })]),
        address: "aws_launch_template.lt",
      },
    ],
  },
  "SEC-EC2-PUBLIC-IP": {
    ok: [
      { name: "no public IP", json: tfStack([template()]) },
      {
        name: "explicitly false",
        json: tfStack([template({ network_interfaces: [{ associate_public_ip_address: false }] })]),
      },
    ],
    bad: [
      {
        name: "public IP on the interface",
        json: tfStack([template({ network_interfaces: [{ associate_public_ip_address: "true" }] })]),
        address: "aws_launch_template.lt",
      },
      {
        name: "instance with a public IP",
        json: tfStack([["aws_instance", "i", { associate_public_ip_address: true }]]),
        address: "aws_instance.i",
      },
    ],
  },
  "SEC-EC2-USER-DATA-SECRETS": {
    ok: [
      {
        name: "bootstrap script",
        json: tfStack([template({ user_data: b64("#!/bin/bash\n/etc/eks/bootstrap.sh x\n") })]),
      },
      {
        name: "secret read at boot",
        json: tfStack([template({ user_data: b64('PASSWORD="$(aws secretsmanager get-secret-value)"') })]),
      },
    ],
    bad: [
      {
        name: "access key in user data",
        json: tfStack([template({ user_data: b64("export AWS_ACCESS_KEY_ID=AKIAIOSFODNN7EXAMPLE\n") })]),
        address: "aws_launch_template.lt",
      },
      {
        name: "password on an instance",
        json: tfStack([["aws_instance", "i", { user_data: "#!/bin/sh\nDB_PASSWORD=hunter2hunter2\n" }]]),
        address: "aws_instance.i",
      },
    ],
  },
  "SEC-KMS-POLICY-PRESENT": {
    ok: [
      { name: "inline policy", json: tfStack([keyResource({ policy: doc() })]) },
      {
        name: "aws_kms_key_policy",
        json: tfStack([keyResource(), ["aws_kms_key_policy", "kp", { key_id: "${aws_kms_key.k.id}", policy: doc() }]]),
      },
    ],
    bad: [{ name: "default key policy", json: tfStack([keyResource()]), address: "aws_kms_key.k" }],
  },
  "SEC-IAM-PRIVILEGE-ESCALATION": {
    ok: [
      {
        name: "PassRole on one role",
        json: tfStack([rolePolicy({ Effect: "Allow", Action: "iam:PassRole", Resource: "arn:aws:iam::1:role/x" })]),
      },
    ],
    bad: [
      {
        name: "PassRole on *",
        json: tfStack([rolePolicy({ Effect: "Allow", Action: "iam:PassRole", Resource: "*" })]),
        address: "aws_iam_role_policy.p",
      },
      {
        name: "iam:Put* on *",
        json: tfStack([rolePolicy({ Effect: "Allow", Action: ["iam:Put*"], Resource: "*" })]),
        address: "aws_iam_role_policy.p",
      },
    ],
  },
  "SEC-IAM-CREDENTIALS-EXPOSURE": {
    ok: [
      {
        name: "ecr:GetAuthorizationToken on *",
        json: tfStack([rolePolicy({ Effect: "Allow", Action: "ecr:GetAuthorizationToken", Resource: "*" })]),
      },
      {
        name: "rds-db:Connect on one user",
        json: tfStack([
          rolePolicy({
            Effect: "Allow",
            Action: "rds-db:Connect",
            Resource: "arn:aws:rds-db:sa-east-1:1:dbuser:db-1/app",
          }),
        ]),
      },
    ],
    bad: [
      {
        name: "rds-db:Connect on *",
        json: tfStack([rolePolicy({ Effect: "Allow", Action: "rds-db:Connect", Resource: "*" })]),
        address: "aws_iam_role_policy.p",
      },
      {
        name: "sts:* on *",
        json: tfStack([rolePolicy({ Effect: "Allow", Action: "sts:*", Resource: "*" })]),
        address: "aws_iam_role_policy.p",
      },
    ],
  },
  "SEC-IAM-DATA-EXFILTRATION": {
    ok: [
      {
        name: "GetObject on one bucket",
        json: tfStack([rolePolicy({ Effect: "Allow", Action: "s3:GetObject", Resource: "arn:aws:s3:::b/*" })]),
      },
    ],
    bad: [
      {
        name: "GetSecretValue on *",
        json: tfStack([rolePolicy({ Effect: "Allow", Action: "secretsmanager:GetSecretValue", Resource: "*" })]),
        address: "aws_iam_role_policy.p",
      },
      {
        name: "NotAction leaves s3:GetObject on *",
        json: tfStack([rolePolicy({ Effect: "Allow", NotAction: "iam:*", Resource: "*" })]),
        address: "aws_iam_role_policy.p",
      },
    ],
  },
  "SEC-IAM-ADMINISTRATOR-ACCESS": {
    ok: [
      {
        name: "scoped managed policy",
        json: tfStack([attachment("arn:aws:iam::aws:policy/AmazonEKSWorkerNodePolicy")]),
      },
    ],
    bad: [
      {
        name: "AdministratorAccess attached",
        json: tfStack([attachment("arn:aws:iam::aws:policy/AdministratorAccess")]),
        address: "aws_iam_role_policy_attachment.att",
      },
      {
        name: "AdministratorAccess in managed_policy_arns",
        json: tfStack([
          ["aws_iam_role", "r", { managed_policy_arns: ["arn:aws:iam::aws:policy/AdministratorAccess"] }],
        ]),
        address: "aws_iam_role.r",
      },
    ],
  },
  "SEC-IAM-FULL-ACCESS": {
    ok: [{ name: "read-only IAM", json: tfStack([attachment("arn:aws:iam::aws:policy/IAMReadOnlyAccess")]) }],
    bad: [
      {
        name: "IAMFullAccess attached",
        json: tfStack([attachment("arn:aws:iam::aws:policy/IAMFullAccess")]),
        address: "aws_iam_role_policy_attachment.att",
      },
    ],
  },
  "SEC-IAM-OIDC-TRUST-SUB": {
    ok: [
      {
        name: "IRSA pinned to one service account",
        json: tfStack([
          trust(
            webIdentity({
              StringEquals: {
                "${aws_iam_openid_connect_provider.oidc.url}:sub": "system:serviceaccount:vendas:vendas",
                "${aws_iam_openid_connect_provider.oidc.url}:aud": "sts.amazonaws.com",
              },
            }),
          ),
        ]),
      },
      {
        name: "service trust (not web identity)",
        json: tfStack([
          trust({ Effect: "Allow", Principal: { Service: "ec2.amazonaws.com" }, Action: "sts:AssumeRole" }),
        ]),
      },
    ],
    bad: [
      { name: "no condition", json: tfStack([trust(webIdentity())]), address: "aws_iam_role.r" },
      {
        name: "aud only",
        json: tfStack([
          trust(webIdentity({ StringEquals: { "oidc.eks.amazonaws.com/id/X:aud": "sts.amazonaws.com" } })),
        ]),
        address: "aws_iam_role.r",
      },
      {
        name: "any service account",
        json: tfStack([
          trust(webIdentity({ StringLike: { "oidc.eks.amazonaws.com/id/X:sub": "system:serviceaccount:*:*" } })),
        ]),
        address: "aws_iam_role.r",
      },
    ],
  },
  "SEC-SG-OPEN-EGRESS": {
    ok: [
      {
        name: "HTTPS out to the world",
        json: tfStack([group(), egress({ cidr_ipv4: "0.0.0.0/0", ip_protocol: "tcp", from_port: 443, to_port: 443 })]),
      },
      {
        name: "all out to the VPC",
        json: tfStack([group(), egress({ cidr_ipv4: "10.30.0.0/16", ip_protocol: "-1" })]),
      },
    ],
    bad: [
      {
        name: "all protocols to 0.0.0.0/0",
        json: tfStack([group(), egress({ cidr_ipv4: "0.0.0.0/0", ip_protocol: "-1" })]),
        address: "aws_vpc_security_group_egress_rule.out",
      },
      {
        name: "inline egress to ::/0",
        json: tfStack([group({ egress: [{ protocol: "-1", from_port: 0, to_port: 0, ipv6_cidr_blocks: ["::/0"] }] })]),
        address: "aws_security_group.sg",
      },
    ],
  },
  "SEC-SG-DESCRIPTIONS": {
    ok: [
      {
        name: "group and rule described",
        json: tfStack([group(), egress({ cidr_ipv4: "10.0.0.0/8", ip_protocol: "tcp" })]),
      },
    ],
    bad: [
      {
        name: "group without description",
        json: tfStack([group({ description: undefined })]),
        address: "aws_security_group.sg",
      },
      {
        name: "provider default description",
        json: tfStack([group({ description: "Managed by Terraform" })]),
        address: "aws_security_group.sg",
      },
      {
        name: "rule without description",
        json: tfStack([group(), egress({ description: undefined, cidr_ipv4: "10.0.0.0/8", ip_protocol: "tcp" })]),
        address: "aws_vpc_security_group_egress_rule.out",
      },
    ],
  },
  "SEC-CLOUDFRONT-RESPONSE-HEADERS": {
    ok: [{ name: "policy on the default behavior", json: tfStack([distribution(), headers(HSTS)]) }],
    bad: [
      {
        name: "behavior without a policy",
        json: tfStack([distribution({}, { response_headers_policy_id: undefined })]),
        address: "aws_cloudfront_distribution.d",
      },
      {
        name: "ordered behavior without a policy",
        json: tfStack([
          distribution({ ordered_cache_behavior: [{ path_pattern: "/api/*", target_origin_id: "s3" }] }),
          headers(HSTS),
        ]),
        address: "aws_cloudfront_distribution.d",
      },
    ],
  },
  "SEC-CLOUDFRONT-HSTS": {
    ok: [
      { name: "two-year HSTS", json: tfStack([distribution(), headers(HSTS)]) },
      {
        name: "AWS SecurityHeadersPolicy",
        json: tfStack([distribution({}, { response_headers_policy_id: "67f7725c-6f97-4210-82d7-5512b31e9d03" })]),
      },
    ],
    bad: [
      {
        name: "no HSTS",
        json: tfStack([distribution(), headers(undefined)]),
        address: "aws_cloudfront_distribution.d",
      },
      {
        name: "one-day HSTS",
        json: tfStack([distribution(), headers({ ...HSTS, access_control_max_age_sec: 86_400 })]),
        address: "aws_cloudfront_distribution.d",
      },
      {
        name: "no response headers policy",
        json: tfStack([distribution({}, { response_headers_policy_id: undefined })]),
        address: "aws_cloudfront_distribution.d",
      },
    ],
  },
  "SEC-CLOUDFRONT-ORIGIN-TLS": {
    ok: [
      { name: "S3 origin with OAC", json: tfStack([distribution(), headers(HSTS)]) },
      {
        name: "custom origin https-only TLS 1.2",
        json: tfStack([customOrigin({ origin_protocol_policy: "https-only", origin_ssl_protocols: ["TLSv1.2"] })]),
      },
    ],
    bad: [
      {
        name: "match-viewer",
        json: tfStack([customOrigin({ origin_protocol_policy: "match-viewer", origin_ssl_protocols: ["TLSv1.2"] })]),
        address: "aws_cloudfront_distribution.d",
      },
      {
        name: "TLS 1.0 allowed",
        json: tfStack([
          customOrigin({ origin_protocol_policy: "https-only", origin_ssl_protocols: ["TLSv1", "TLSv1.2"] }),
        ]),
        address: "aws_cloudfront_distribution.d",
      },
    ],
  },
  "SEC-SNS-ENCRYPTION": {
    ok: [{ name: "customer key", json: tfStack([["aws_sns_topic", "t", { kms_master_key_id: KEY }]]) }],
    bad: [
      { name: "unencrypted", json: tfStack([["aws_sns_topic", "t", {}]]), address: "aws_sns_topic.t" },
      {
        name: "AWS managed key",
        json: tfStack([["aws_sns_topic", "t", { kms_master_key_id: "alias/aws/sns" }]]),
        address: "aws_sns_topic.t",
      },
    ],
  },
  "SEC-SECRETS-MANAGER-KMS": {
    ok: [{ name: "customer key", json: tfStack([["aws_secretsmanager_secret", "s", { kms_key_id: KEY }]]) }],
    bad: [
      {
        name: "AWS managed key",
        json: tfStack([["aws_secretsmanager_secret", "s", {}]]),
        address: "aws_secretsmanager_secret.s",
      },
    ],
  },
};

/** Cases of the reliability rules added by issue 18. */
export const RELIABILITY_COVERAGE_CASES: Readonly<Record<string, RuleCases>> = {
  "REL-RDS-ENHANCED-MONITORING": {
    ok: [
      { name: "60 s with a role", json: tfStack([db(), member()]) },
      { name: "off in development", json: tfStack([db({ monitoring_interval: 0 })]), context: DEV },
    ],
    bad: [
      { name: "off in production", json: tfStack([db({ monitoring_interval: 0 })]), address: "aws_db_instance.db" },
      {
        name: "no role in staging",
        json: tfStack([member({ monitoring_role_arn: undefined })]),
        address: "aws_rds_cluster_instance.m",
        context: STAGING,
      },
    ],
  },
  "REL-RDS-PERFORMANCE-INSIGHTS": {
    ok: [{ name: "on", json: tfStack([db(), member()]) }],
    bad: [
      {
        name: "off",
        json: tfStack([member({ performance_insights_enabled: false })]),
        address: "aws_rds_cluster_instance.m",
      },
      {
        name: "unset",
        json: tfStack([db({ performance_insights_enabled: undefined })]),
        address: "aws_db_instance.db",
      },
    ],
  },
};

/** Cases of the data-protection rules added by issue 18. */
export const DATA_PROTECTION_COVERAGE_CASES: Readonly<Record<string, RuleCases>> = {
  "DP-RDS-COPY-TAGS": {
    ok: [{ name: "instance and cluster copy tags", json: tfStack([db(), cluster()]) }],
    bad: [
      {
        name: "instance default (false)",
        json: tfStack([db({ copy_tags_to_snapshot: undefined })]),
        address: "aws_db_instance.db",
      },
      {
        name: "cluster false",
        json: tfStack([cluster({ copy_tags_to_snapshot: false })]),
        address: "aws_rds_cluster.c",
      },
    ],
  },
};

/** Cases of the tagging and cost rules added by issue 18. */
export const TAGGING_COST_COVERAGE_CASES: Readonly<Record<string, RuleCases>> = {
  "COST-S3-ABORT-INCOMPLETE-UPLOADS": {
    ok: [
      {
        name: "abort after 7 days",
        json: tfStack([bucket, lifecycle({ abort_incomplete_multipart_upload: [{ days_after_initiation: 7 }] })]),
      },
    ],
    bad: [
      { name: "no lifecycle", json: tfStack([bucket]), address: "aws_s3_bucket.b" },
      {
        name: "lifecycle without abort",
        json: tfStack([bucket, lifecycle({ expiration: [{ days: 30 }] })]),
        address: "aws_s3_bucket.b",
      },
      {
        name: "abort rule disabled",
        json: tfStack([
          bucket,
          lifecycle({ status: "Disabled", abort_incomplete_multipart_upload: [{ days_after_initiation: 7 }] }),
        ]),
        address: "aws_s3_bucket.b",
      },
    ],
  },
};
