import { SECURITY_PACK } from "../../../policies/packs/security";
import { describePack, type Part, tfStack } from "../helpers";
import { SECURITY_COVERAGE_CASES } from "./coverage-cases";
import { SECURITY_HARDENING_CASES } from "./estate-hardening-cases";

const KEY = "${aws_kms_key.k.arn}";
const key: Part = ["aws_kms_key", "k", { enable_key_rotation: true, lifecycle: { prevent_destroy: true } }];
const B = "aws_s3_bucket.b";

const sse = (d: Record<string, unknown>): Part => [
  "aws_s3_bucket_server_side_encryption_configuration",
  "sse",
  { bucket: "${aws_s3_bucket.b.id}", rule: [{ apply_server_side_encryption_by_default: d }] },
];
const pab = (over: Record<string, unknown> = {}): Part => [
  "aws_s3_bucket_public_access_block",
  "pab",
  {
    bucket: "${aws_s3_bucket.b.id}",
    block_public_acls: true,
    block_public_policy: true,
    ignore_public_acls: true,
    restrict_public_buckets: true,
    ...over,
  },
];
const tlsDeny = {
  Effect: "Deny",
  Principal: "*",
  Action: "s3:*",
  Resource: ["arn:aws:s3:::b", "arn:aws:s3:::b/*"],
  Condition: { Bool: { "aws:SecureTransport": false } },
};
const bucketPolicy = (...statements: unknown[]): Part => [
  "aws_s3_bucket_policy",
  "policy",
  { bucket: "${aws_s3_bucket.b.bucket}", policy: JSON.stringify({ Version: "2012-10-17", Statement: statements }) },
];
const bucket = (over: Record<string, unknown> = {}): Part => [
  "aws_s3_bucket",
  "b",
  { bucket: "plataforma-production-uploads", ...over },
];

const db = (over: Record<string, unknown> = {}): Part => [
  "aws_db_instance",
  "db",
  { storage_encrypted: true, kms_key_id: KEY, ...over },
];
const cluster = (over: Record<string, unknown> = {}): Part => [
  "aws_rds_cluster",
  "c",
  { storage_encrypted: true, kms_key_id: KEY, ...over },
];
const redis = (over: Record<string, unknown> = {}): Part => [
  "aws_elasticache_replication_group",
  "r",
  { at_rest_encryption_enabled: true, kms_key_id: KEY, transit_encryption_enabled: true, ...over },
];
const keyPolicy = (...statements: unknown[]): Part => [
  "aws_kms_key",
  "k",
  { enable_key_rotation: true, policy: JSON.stringify({ Version: "2012-10-17", Statement: statements }) },
];
const ROOT_ADMIN = {
  Sid: "AccountAdministration",
  Effect: "Allow",
  Principal: { AWS: "arn:aws:iam::333333333333:root" },
  Action: "kms:*",
  Resource: "*",
};
const rolePolicy = (...statements: unknown[]): Part => [
  "aws_iam_role_policy",
  "p",
  { role: "${aws_iam_role.r.id}", policy: JSON.stringify({ Version: "2012-10-17", Statement: statements }) },
];
const role = (...statements: unknown[]): Part => [
  "aws_iam_role",
  "r",
  { assume_role_policy: JSON.stringify({ Version: "2012-10-17", Statement: statements }) },
];
const sg: Part = ["aws_security_group", "sg", { vpc_id: "${aws_vpc.v.id}", description: "x" }];
const ingress = (over: Record<string, unknown>): Part => [
  "aws_vpc_security_group_ingress_rule",
  "in",
  { security_group_id: "${aws_security_group.sg.id}", ip_protocol: "tcp", from_port: 443, to_port: 443, ...over },
];
const lb: Part = [
  "aws_lb",
  "lb",
  { load_balancer_type: "application", security_groups: ["${aws_security_group.sg.id}"] },
];
const lt = (over: Record<string, unknown> = {}): Part => [
  "aws_launch_template",
  "lt",
  {
    metadata_options: { http_tokens: "required", http_put_response_hop_limit: 2 },
    block_device_mappings: [
      { device_name: "/dev/xvda", ebs: { encrypted: true, kms_key_id: KEY, volume_type: "gp3" } },
    ],
    ...over,
  },
];
const eks = (over: Record<string, unknown> = {}): Part => [
  "aws_eks_cluster",
  "eks",
  {
    encryption_config: { resources: ["secrets"], provider: { key_arn: KEY } },
    vpc_config: { endpoint_private_access: true, endpoint_public_access: false, subnet_ids: ["subnet-1"] },
    enabled_cluster_log_types: ["api", "audit", "authenticator", "controllerManager", "scheduler"],
    ...over,
  },
];
const cf = (over: Record<string, unknown> = {}): Part => [
  "aws_cloudfront_distribution",
  "cdn",
  {
    web_acl_id: "${aws_wafv2_web_acl.edge.arn}",
    viewer_certificate: {
      acm_certificate_arn: "${aws_acm_certificate.c.arn}",
      minimum_protocol_version: "TLSv1.2_2021",
      ssl_support_method: "sni-only",
    },
    default_cache_behavior: { viewer_protocol_policy: "redirect-to-https" },
    ordered_cache_behavior: [{ path_pattern: "/api/*", viewer_protocol_policy: "https-only" }],
    ...over,
  },
];
const listener = (over: Record<string, unknown>): Part => [
  "aws_lb_listener",
  "l",
  { load_balancer_arn: "${aws_lb.lb.arn}", ...over },
];
const waf = (over: Record<string, unknown> = {}): Part => [
  "aws_wafv2_web_acl",
  "acl",
  {
    scope: "CLOUDFRONT",
    default_action: { allow: {} },
    rule: [
      {
        name: "common",
        priority: 1,
        override_action: { none: {} },
        statement: { managed_rule_group_statement: { name: "AWSManagedRulesCommonRuleSet", vendor_name: "AWS" } },
        visibility_config: { cloudwatch_metrics_enabled: true, metric_name: "common", sampled_requests_enabled: true },
      },
    ],
    visibility_config: { cloudwatch_metrics_enabled: true, metric_name: "acl", sampled_requests_enabled: true },
    ...over,
  },
];
const vpc: Part = ["aws_vpc", "v", { cidr_block: "10.30.0.0/16" }];
const flowLog: Part = ["aws_flow_log", "fl", { vpc_id: "${aws_vpc.v.id}", traffic_type: "ALL" }];
const defaultSg = (over: Record<string, unknown> = {}): Part => [
  "aws_default_security_group",
  "dsg",
  { vpc_id: "${aws_vpc.v.id}", ingress: [], egress: [], ...over },
];

describePack(SECURITY_PACK, {
  "SEC-S3-ENCRYPTION": {
    ok: [
      {
        name: "split SSE with a referenced customer key",
        json: tfStack([key, bucket(), sse({ sse_algorithm: "aws:kms", kms_master_key_id: KEY })]),
      },
      {
        name: "legacy inline block with a literal key ARN",
        json: tfStack([
          bucket({
            server_side_encryption_configuration: {
              rule: {
                apply_server_side_encryption_by_default: {
                  sse_algorithm: "aws:kms",
                  kms_master_key_id: "arn:aws:kms:sa-east-1:333333333333:key/1234abcd-12ab-34cd-56ef-1234567890ab",
                },
              },
            },
          }),
        ]),
      },
    ],
    bad: [
      { name: "no encryption configuration (fail closed)", json: tfStack([bucket()]), address: B },
      { name: "SSE-S3 (AES256)", json: tfStack([bucket(), sse({ sse_algorithm: "AES256" })]), address: B },
      {
        name: "AWS-managed key alias",
        json: tfStack([bucket(), sse({ sse_algorithm: "aws:kms", kms_master_key_id: "alias/aws/s3" })]),
        address: B,
      },
      {
        name: "key from an unresolvable expression",
        json: tfStack([bucket(), sse({ sse_algorithm: "aws:kms", kms_master_key_id: "${var.key}" })]),
        address: B,
      },
    ],
  },
  "SEC-S3-PUBLIC-ACCESS-BLOCK": {
    ok: [{ name: "all four flags", json: tfStack([bucket(), pab()]) }],
    bad: [
      { name: "no public access block", json: tfStack([bucket()]), address: B },
      { name: "one flag off", json: tfStack([bucket(), pab({ restrict_public_buckets: false })]), address: B },
      {
        name: "flag given as an expression",
        json: tfStack([bucket(), pab({ block_public_acls: "${var.block}" })]),
        address: B,
      },
      {
        name: "block points at another bucket",
        json: tfStack([
          bucket(),
          ["aws_s3_bucket_public_access_block", "other", { bucket: "${aws_s3_bucket.other.id}" }],
        ]),
        address: B,
      },
    ],
  },
  "SEC-S3-TLS-ONLY": {
    ok: [{ name: "deny without SecureTransport", json: tfStack([bucket(), bucketPolicy(tlsDeny)]) }],
    bad: [
      { name: "no bucket policy", json: tfStack([bucket()]), address: B },
      {
        name: "policy without the TLS deny",
        json: tfStack([
          bucket(),
          bucketPolicy({
            Effect: "Allow",
            Principal: { AWS: "arn:aws:iam::333333333333:root" },
            Action: "s3:GetObject",
            Resource: "arn:aws:s3:::b/*",
          }),
        ]),
        address: B,
      },
    ],
  },
  "SEC-S3-PUBLIC-POLICY": {
    ok: [
      { name: "only a deny to everyone", json: tfStack([bucket(), bucketPolicy(tlsDeny)]) },
      {
        name: "allow to CloudFront narrowed by SourceArn",
        json: tfStack([
          bucket(),
          bucketPolicy({
            Effect: "Allow",
            Principal: { Service: "cloudfront.amazonaws.com" },
            Action: "s3:GetObject",
            Resource: "arn:aws:s3:::b/*",
            Condition: { StringEquals: { "AWS:SourceArn": "arn:aws:cloudfront::333333333333:distribution/E1" } },
          }),
        ]),
      },
    ],
    bad: [
      {
        name: "public read",
        json: tfStack([
          bucket(),
          bucketPolicy({ Effect: "Allow", Principal: "*", Action: "s3:GetObject", Resource: "arn:aws:s3:::b/*" }),
        ]),
        address: "aws_s3_bucket_policy.policy",
      },
      {
        name: "public read over TLS only (condition does not narrow the caller)",
        json: tfStack([
          bucket(),
          bucketPolicy({
            Effect: "Allow",
            Principal: "*",
            Action: "s3:GetObject",
            Resource: "arn:aws:s3:::b/*",
            Condition: { Bool: { "aws:SecureTransport": true } },
          }),
        ]),
        address: "aws_s3_bucket_policy.policy",
      },
      {
        name: "policy document as an expression (fail closed)",
        json: tfStack([
          bucket(),
          [
            "aws_s3_bucket_policy",
            "policy",
            { bucket: "${aws_s3_bucket.b.id}", policy: "${data.aws_iam_policy_document.p.json}" },
          ],
        ]),
        address: "aws_s3_bucket_policy.policy",
      },
    ],
  },
  "SEC-S3-PUBLIC-ACL": {
    ok: [
      {
        name: "private ACL",
        json: tfStack([bucket(), ["aws_s3_bucket_acl", "acl", { bucket: "${aws_s3_bucket.b.id}", acl: "private" }]]),
      },
    ],
    bad: [
      { name: "public-read on the bucket", json: tfStack([bucket({ acl: "public-read" })]), address: B },
      {
        name: "grant to AllUsers",
        json: tfStack([
          bucket(),
          [
            "aws_s3_bucket_acl",
            "acl",
            {
              bucket: "${aws_s3_bucket.b.id}",
              access_control_policy: {
                grant: [
                  {
                    grantee: { type: "Group", uri: "http://acs.amazonaws.com/groups/global/AllUsers" },
                    permission: "READ",
                  },
                ],
                owner: { id: "x" },
              },
            },
          ],
        ]),
        address: "aws_s3_bucket_acl.acl",
      },
    ],
  },
  "SEC-RDS-ENCRYPTION": {
    ok: [
      { name: "encrypted with a customer key", json: tfStack([key, db()]) },
      {
        name: "read replica naming its key",
        json: tfStack([
          key,
          db({ storage_encrypted: undefined, replicate_source_db: "arn:aws:rds:sa-east-1:333333333333:db:primary" }),
        ]),
      },
    ],
    bad: [
      {
        name: "unencrypted",
        json: tfStack([db({ storage_encrypted: false, kms_key_id: undefined })]),
        address: "aws_db_instance.db",
      },
      {
        name: "encrypted with the AWS-managed key",
        json: tfStack([db({ kms_key_id: undefined })]),
        address: "aws_db_instance.db",
      },
      {
        name: "flag as expression",
        json: tfStack([db({ storage_encrypted: "${var.enc}" })]),
        address: "aws_db_instance.db",
      },
    ],
  },
  "SEC-RDS-CLUSTER-ENCRYPTION": {
    ok: [{ name: "encrypted with a customer key", json: tfStack([key, cluster()]) }],
    bad: [
      {
        name: "storage_encrypted unset",
        json: tfStack([cluster({ storage_encrypted: undefined })]),
        address: "aws_rds_cluster.c",
      },
      {
        name: "key from remote state (fail closed)",
        json: tfStack([cluster({ kms_key_id: "${data.terraform_remote_state.up.outputs.key}" })]),
        address: "aws_rds_cluster.c",
      },
    ],
  },
  "SEC-RDS-GLOBAL-ENCRYPTION": {
    ok: [
      { name: "storage_encrypted", json: tfStack([["aws_rds_global_cluster", "g", { storage_encrypted: true }]]) },
      {
        name: "created from a source cluster",
        json: tfStack([["aws_rds_global_cluster", "g", { source_db_cluster_identifier: "${aws_rds_cluster.c.arn}" }]]),
      },
    ],
    bad: [
      {
        name: "unencrypted",
        json: tfStack([["aws_rds_global_cluster", "g", { engine: "aurora-postgresql" }]]),
        address: "aws_rds_global_cluster.g",
      },
    ],
  },
  "SEC-RDS-PUBLIC": {
    ok: [
      { name: "private by default", json: tfStack([db()]) },
      { name: "explicitly private", json: tfStack([db({ publicly_accessible: false })]) },
    ],
    bad: [
      { name: "public instance", json: tfStack([db({ publicly_accessible: true })]), address: "aws_db_instance.db" },
      {
        name: "public cluster instance",
        json: tfStack([["aws_rds_cluster_instance", "ci", { publicly_accessible: "${var.public}" }]]),
        address: "aws_rds_cluster_instance.ci",
      },
    ],
  },
  "SEC-ELASTICACHE-AT-REST": {
    ok: [
      { name: "encrypted with a customer key", json: tfStack([key, redis()]) },
      {
        name: "global datastore secondary inherits",
        json: tfStack([
          [
            "aws_elasticache_replication_group",
            "r",
            {
              global_replication_group_id: "${aws_elasticache_global_replication_group.g.global_replication_group_id}",
            },
          ],
        ]),
      },
    ],
    bad: [
      {
        name: "no at-rest encryption",
        json: tfStack([redis({ at_rest_encryption_enabled: false })]),
        address: "aws_elasticache_replication_group.r",
      },
    ],
  },
  "SEC-ELASTICACHE-IN-TRANSIT": {
    ok: [{ name: "TLS required", json: tfStack([redis({ transit_encryption_mode: "required" })]) }],
    bad: [
      {
        name: "TLS off",
        json: tfStack([redis({ transit_encryption_enabled: undefined })]),
        address: "aws_elasticache_replication_group.r",
      },
      {
        name: "preferred mode lets plain text in",
        json: tfStack([redis({ transit_encryption_mode: "preferred" })]),
        address: "aws_elasticache_replication_group.r",
      },
    ],
  },
  "SEC-KMS-ROTATION": {
    ok: [
      { name: "rotating", json: tfStack([key]) },
      {
        name: "asymmetric key cannot rotate",
        json: tfStack([["aws_kms_key", "k", { customer_master_key_spec: "RSA_2048", key_usage: "SIGN_VERIFY" }]]),
      },
    ],
    bad: [
      { name: "no rotation", json: tfStack([["aws_kms_key", "k", { description: "x" }]]), address: "aws_kms_key.k" },
    ],
  },
  "SEC-KMS-KEY-POLICY": {
    ok: [
      { name: "default key policy: account root kms:* on Resource *", json: tfStack([keyPolicy(ROOT_ADMIN)]) },
      {
        name: "service grant with conditions on Resource *",
        json: tfStack([
          keyPolicy(ROOT_ADMIN, {
            Sid: "Logs",
            Effect: "Allow",
            Principal: { Service: "logs.sa-east-1.amazonaws.com" },
            Action: ["kms:Encrypt*", "kms:Decrypt*"],
            Resource: "*",
            Condition: {
              ArnEquals: { "kms:EncryptionContext:aws:logs:arn": "arn:aws:logs:sa-east-1:333333333333:log-group:x" },
            },
          }),
        ]),
      },
      { name: "no policy: AWS default", json: tfStack([key]) },
    ],
    bad: [
      {
        name: "kms:* for a role",
        json: tfStack([
          keyPolicy(ROOT_ADMIN, {
            Effect: "Allow",
            Principal: { AWS: "arn:aws:iam::333333333333:role/app" },
            Action: "kms:*",
            Resource: "*",
          }),
        ]),
        address: "aws_kms_key.k",
      },
      {
        name: "anyone may decrypt",
        json: tfStack([keyPolicy({ Effect: "Allow", Principal: "*", Action: "kms:Decrypt", Resource: "*" })]),
        address: "aws_kms_key.k",
      },
      {
        name: "policy as an expression",
        json: tfStack([
          ["aws_kms_key", "k", { enable_key_rotation: true, policy: "${data.aws_iam_policy_document.k.json}" }],
        ]),
        address: "aws_kms_key.k",
      },
    ],
  },
  "SEC-IAM-WILDCARD-ACTION": {
    ok: [
      {
        name: "named actions",
        json: tfStack([
          rolePolicy(
            { Effect: "Allow", Action: ["s3:GetObject", "s3:PutObject"], Resource: "arn:aws:s3:::b/*" },
            { Effect: "Deny", Action: "*", Resource: "*", Condition: { Bool: { "aws:SecureTransport": false } } },
          ),
        ]),
      },
    ],
    bad: [
      {
        name: "Action *",
        json: tfStack([rolePolicy({ Effect: "Allow", Action: "*", Resource: "arn:aws:s3:::b" })]),
        address: "aws_iam_role_policy.p",
      },
      {
        name: "service wildcard",
        json: tfStack([
          [
            "aws_iam_policy",
            "p",
            {
              policy: JSON.stringify({ Statement: [{ Effect: "Allow", Action: "s3:*", Resource: "arn:aws:s3:::b" }] }),
            },
          ],
        ]),
        address: "aws_iam_policy.p",
      },
      {
        name: "NotAction allow",
        json: tfStack([rolePolicy({ Effect: "Allow", NotAction: "iam:*", Resource: "arn:aws:s3:::b" })]),
        address: "aws_iam_role_policy.p",
      },
      {
        name: "inline role policy with *",
        json: tfStack([
          [
            "aws_iam_role",
            "r",
            {
              assume_role_policy: "{}",
              inline_policy: [
                { name: "x", policy: JSON.stringify({ Statement: [{ Effect: "Allow", Action: "*", Resource: "*" }] }) },
              ],
            },
          ],
        ]),
        address: "aws_iam_role.r",
      },
    ],
  },
  "SEC-IAM-WILDCARD-RESOURCE": {
    ok: [
      {
        name: "scoped resources",
        json: tfStack([rolePolicy({ Effect: "Allow", Action: "s3:GetObject", Resource: "${aws_s3_bucket.b.arn}/*" })]),
      },
      {
        name: "Describe on * is fine",
        json: tfStack([
          rolePolicy({
            Effect: "Allow",
            Action: ["ec2:DescribeInstances", "elasticloadbalancing:Describe*"],
            Resource: "*",
          }),
        ]),
      },
      {
        name: "* narrowed by a tag condition",
        json: tfStack([
          rolePolicy({
            Effect: "Allow",
            Action: "ec2:TerminateInstances",
            Resource: "*",
            Condition: { StringEquals: { "aws:ResourceTag/Team": "platform" } },
          }),
        ]),
      },
      {
        name: "* narrowed by a Null check that the tag is present",
        json: tfStack([
          rolePolicy({
            Effect: "Allow",
            Action: "ec2:DeleteSecurityGroup",
            Resource: "*",
            Condition: { Null: { "aws:ResourceTag/elbv2.k8s.aws/cluster": "false" } },
          }),
        ]),
      },
    ],
    bad: [
      {
        name: "GetObject on *",
        json: tfStack([rolePolicy({ Effect: "Allow", Action: "s3:GetObject", Resource: "*" })]),
        address: "aws_iam_role_policy.p",
      },
      {
        name: "* with a condition that scopes nothing (MFA)",
        json: tfStack([
          rolePolicy({
            Effect: "Allow",
            Action: "s3:GetObject",
            Resource: "*",
            Condition: { Bool: { "aws:MultiFactorAuthPresent": true } },
          }),
        ]),
        address: "aws_iam_role_policy.p",
      },
      {
        name: "NotResource",
        json: tfStack([rolePolicy({ Effect: "Allow", Action: "s3:GetObject", NotResource: "arn:aws:s3:::secret/*" })]),
        address: "aws_iam_role_policy.p",
      },
      ...[
        ["a negated tag condition", { StringNotEquals: { "aws:ResourceTag/Team": "other" } }],
        ["an IfExists tag condition (true when untagged)", { StringEqualsIfExists: { "aws:ResourceTag/Team": "x" } }],
        ["a wildcard tag value", { StringLike: { "aws:ResourceTag/Team": "*" } }],
        ["a Null check that the tag is absent", { Null: { "aws:ResourceTag/Team": "true" } }],
      ].map(([name, condition]) => ({
        name: `* with ${String(name)}`,
        json: tfStack([
          rolePolicy({ Effect: "Allow", Action: "ec2:TerminateInstances", Resource: "*", Condition: condition }),
        ]),
        address: "aws_iam_role_policy.p",
      })),
    ],
  },
  "SEC-IAM-TRUST-PUBLIC": {
    ok: [
      {
        name: "service principal",
        json: tfStack([
          role({ Effect: "Allow", Principal: { Service: "vpc-flow-logs.amazonaws.com" }, Action: "sts:AssumeRole" }),
        ]),
      },
      {
        name: "* narrowed to the organization",
        json: tfStack([
          role({
            Effect: "Allow",
            Principal: { AWS: "*" },
            Action: "sts:AssumeRole",
            Condition: { StringEquals: { "aws:PrincipalOrgID": "o-abc123" } },
          }),
        ]),
      },
    ],
    bad: [
      {
        name: "anyone may assume",
        json: tfStack([role({ Effect: "Allow", Principal: { AWS: "*" }, Action: "sts:AssumeRole" })]),
        address: "aws_iam_role.r",
      },
      {
        name: "trust policy as an expression",
        json: tfStack([["aws_iam_role", "r", { assume_role_policy: "${data.aws_iam_policy_document.t.json}" }]]),
        address: "aws_iam_role.r",
      },
    ],
  },
  "SEC-SG-OPEN-INGRESS": {
    ok: [
      {
        name: "load balancer group on 443 from the world",
        json: tfStack([sg, lb, ingress({ cidr_ipv4: "0.0.0.0/0" })]),
      },
      {
        name: "from the VPC block",
        json: tfStack([
          sg,
          [
            "aws_security_group_rule",
            "r",
            {
              type: "ingress",
              security_group_id: "${aws_security_group.sg.id}",
              protocol: "tcp",
              from_port: 5432,
              to_port: 5432,
              cidr_blocks: ["10.30.0.0/16", "${aws_vpc.v.cidr_block}"],
            },
          ],
        ]),
      },
      {
        name: "from another group",
        json: tfStack([
          sg,
          ingress({ referenced_security_group_id: "${aws_security_group.other.id}", from_port: 6379, to_port: 6379 }),
        ]),
      },
    ],
    bad: [
      {
        name: "SSH from the world (inline)",
        json: tfStack([
          [
            "aws_security_group",
            "sg",
            { ingress: [{ protocol: "tcp", from_port: 22, to_port: 22, cidr_blocks: ["0.0.0.0/0"] }] },
          ],
        ]),
        address: "aws_security_group.sg",
      },
      {
        name: "443 from the world on a group no load balancer uses",
        json: tfStack([sg, ingress({ cidr_ipv4: "0.0.0.0/0" })]),
        address: "aws_vpc_security_group_ingress_rule.in",
      },
      {
        name: "load balancer group on 80 from IPv6 world",
        json: tfStack([sg, lb, ingress({ cidr_ipv6: "::/0", from_port: 80, to_port: 80 })]),
        address: "aws_vpc_security_group_ingress_rule.in",
      },
      {
        name: "CIDR from an unresolvable expression",
        json: tfStack([
          sg,
          [
            "aws_security_group_rule",
            "r",
            {
              type: "ingress",
              security_group_id: "${aws_security_group.sg.id}",
              protocol: "tcp",
              from_port: 5432,
              to_port: 5432,
              cidr_blocks: "${var.cidrs}",
            },
          ],
        ]),
        address: "aws_security_group_rule.r",
      },
    ],
  },
  "SEC-EC2-IMDSV2": {
    ok: [
      { name: "tokens required", json: tfStack([lt()]) },
      {
        name: "metadata endpoint disabled",
        json: tfStack([["aws_instance", "i", { metadata_options: { http_endpoint: "disabled" } }]]),
      },
    ],
    bad: [
      {
        name: "no metadata options (IMDSv1 allowed)",
        json: tfStack([lt({ metadata_options: undefined })]),
        address: "aws_launch_template.lt",
      },
      {
        name: "tokens optional",
        json: tfStack([["aws_instance", "i", { metadata_options: { http_tokens: "optional" } }]]),
        address: "aws_instance.i",
      },
    ],
  },
  "SEC-EBS-ENCRYPTION": {
    ok: [
      { name: "encrypted block device", json: tfStack([lt()]) },
      {
        name: "no mappings but region encrypts by default",
        json: tfStack([
          lt({ block_device_mappings: undefined }),
          ["aws_ebs_encryption_by_default", "d", { enabled: true }],
        ]),
      },
      {
        name: "encrypted volume",
        json: tfStack([["aws_ebs_volume", "v", { encrypted: true, availability_zone: "sa-east-1a", size: 10 }]]),
      },
    ],
    bad: [
      {
        name: "unencrypted block device",
        json: tfStack([lt({ block_device_mappings: [{ device_name: "/dev/xvda", ebs: { volume_size: 50 } }] })]),
        address: "aws_launch_template.lt",
      },
      {
        name: "no mappings and no default encryption (fail closed)",
        json: tfStack([lt({ block_device_mappings: undefined })]),
        address: "aws_launch_template.lt",
      },
      {
        name: "unencrypted volume",
        json: tfStack([["aws_ebs_volume", "v", { size: 10 }]]),
        address: "aws_ebs_volume.v",
      },
    ],
  },
  "SEC-EKS-SECRETS-ENCRYPTION": {
    ok: [{ name: "secrets with a customer key", json: tfStack([key, eks()]) }],
    bad: [
      {
        name: "no encryption_config",
        json: tfStack([eks({ encryption_config: undefined })]),
        address: "aws_eks_cluster.eks",
      },
      {
        name: "key from an expression",
        json: tfStack([
          eks({ encryption_config: [{ resources: ["secrets"], provider: [{ key_arn: "${var.key}" }] }] }),
        ]),
        address: "aws_eks_cluster.eks",
      },
    ],
  },
  "SEC-EKS-PUBLIC-ENDPOINT": {
    ok: [
      { name: "private only", json: tfStack([eks()]) },
      {
        name: "public to an office range",
        json: tfStack([
          eks({
            vpc_config: {
              endpoint_private_access: true,
              endpoint_public_access: true,
              public_access_cidrs: ["203.0.113.0/24"],
            },
          }),
        ]),
      },
    ],
    bad: [
      {
        name: "provider defaults (public to the world)",
        json: tfStack([eks({ vpc_config: { subnet_ids: ["subnet-1"] } })]),
        address: "aws_eks_cluster.eks",
      },
      {
        name: "public to 0.0.0.0/0",
        json: tfStack([
          eks({
            vpc_config: {
              endpoint_private_access: true,
              endpoint_public_access: true,
              public_access_cidrs: ["0.0.0.0/0"],
            },
          }),
        ]),
        address: "aws_eks_cluster.eks",
      },
    ],
  },
  "SEC-EKS-LOGGING": {
    ok: [{ name: "all control plane logs", json: tfStack([eks()]) }],
    bad: [
      {
        name: "audit missing",
        json: tfStack([eks({ enabled_cluster_log_types: ["api"] })]),
        address: "aws_eks_cluster.eks",
      },
    ],
  },
  "SEC-CLOUDFRONT-TLS": {
    ok: [{ name: "TLSv1.2_2021 with an ACM certificate", json: tfStack([cf()]) }],
    bad: [
      {
        name: "default certificate",
        json: tfStack([cf({ viewer_certificate: { cloudfront_default_certificate: true } })]),
        address: "aws_cloudfront_distribution.cdn",
      },
      {
        name: "TLSv1 minimum",
        json: tfStack([cf({ viewer_certificate: { acm_certificate_arn: "arn", minimum_protocol_version: "TLSv1" } })]),
        address: "aws_cloudfront_distribution.cdn",
      },
    ],
  },
  "SEC-CLOUDFRONT-HTTPS": {
    ok: [{ name: "redirect and https-only", json: tfStack([cf()]) }],
    bad: [
      {
        name: "allow-all on an ordered behavior",
        json: tfStack([
          cf({ ordered_cache_behavior: [{ path_pattern: "/static/*", viewer_protocol_policy: "allow-all" }] }),
        ]),
        address: "aws_cloudfront_distribution.cdn",
      },
    ],
  },
  "SEC-CLOUDFRONT-WAF": {
    ok: [{ name: "web ACL attached", json: tfStack([cf()]) }],
    bad: [
      {
        name: "no web ACL",
        json: tfStack([cf({ web_acl_id: undefined })]),
        address: "aws_cloudfront_distribution.cdn",
      },
    ],
  },
  "SEC-LB-LISTENER-TLS": {
    ok: [
      {
        name: "HTTPS with a TLS 1.3/1.2 policy",
        json: tfStack([listener({ protocol: "HTTPS", port: 443, ssl_policy: "ELBSecurityPolicy-TLS13-1-2-2021-06" })]),
      },
      {
        name: "HTTP redirecting to HTTPS",
        json: tfStack([
          listener({
            protocol: "HTTP",
            port: 80,
            default_action: [
              { type: "redirect", redirect: { protocol: "HTTPS", port: "443", status_code: "HTTP_301" } },
            ],
          }),
        ]),
      },
    ],
    bad: [
      {
        name: "HTTPS with the 2016 default policy",
        json: tfStack([listener({ protocol: "HTTPS", port: 443 })]),
        address: "aws_lb_listener.l",
      },
      {
        name: "HTTP forwarding",
        json: tfStack([
          listener({ protocol: "HTTP", port: 80, default_action: [{ type: "forward", target_group_arn: "x" }] }),
        ]),
        address: "aws_lb_listener.l",
      },
    ],
  },
  "SEC-WAF-RULES": {
    ok: [
      { name: "managed rule group and metrics", json: tfStack([waf()]) },
      {
        name: "rule_json with a managed group",
        json: tfStack([
          waf({
            rule: undefined,
            rule_json: JSON.stringify([
              { Statement: { ManagedRuleGroupStatement: { Name: "AWSManagedRulesCommonRuleSet" } } },
            ]),
          }),
        ]),
      },
    ],
    bad: [
      { name: "no rules", json: tfStack([waf({ rule: [] })]), address: "aws_wafv2_web_acl.acl" },
      {
        name: "metrics off",
        json: tfStack([
          waf({
            visibility_config: {
              cloudwatch_metrics_enabled: false,
              metric_name: "acl",
              sampled_requests_enabled: false,
            },
          }),
        ]),
        address: "aws_wafv2_web_acl.acl",
      },
    ],
  },
  "SEC-LOG-GROUP-KMS": {
    ok: [
      {
        name: "customer key",
        json: tfStack([key, ["aws_cloudwatch_log_group", "lg", { kms_key_id: KEY, retention_in_days: 90 }]]),
      },
    ],
    bad: [
      {
        name: "no key",
        json: tfStack([["aws_cloudwatch_log_group", "lg", { retention_in_days: 90 }]]),
        address: "aws_cloudwatch_log_group.lg",
      },
    ],
  },
  "SEC-VPC-FLOW-LOGS": {
    ok: [{ name: "flow log on the VPC", json: tfStack([vpc, flowLog]) }],
    bad: [{ name: "no flow log", json: tfStack([vpc]), address: "aws_vpc.v" }],
  },
  "SEC-VPC-DEFAULT-SG": {
    ok: [{ name: "default group stripped", json: tfStack([vpc, defaultSg()]) }],
    bad: [
      { name: "default group not owned", json: tfStack([vpc]), address: "aws_vpc.v" },
      {
        name: "default group keeps a rule",
        json: tfStack([vpc, defaultSg({ ingress: [{ protocol: "-1", self: true, from_port: 0, to_port: 0 }] })]),
        address: "aws_default_security_group.dsg",
      },
    ],
  },
  ...SECURITY_COVERAGE_CASES,
  ...SECURITY_HARDENING_CASES,
});
