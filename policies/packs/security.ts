import { backupVaultEncryption } from "../rules/security/backup-vault-encryption";
import { cloudfrontHsts } from "../rules/security/cloudfront-hsts";
import { cloudfrontHttpsOnly } from "../rules/security/cloudfront-https-only";
import { cloudfrontOriginTls } from "../rules/security/cloudfront-origin-tls";
import { cloudfrontResponseHeaders } from "../rules/security/cloudfront-response-headers";
import { cloudfrontViewerTls } from "../rules/security/cloudfront-viewer-tls";
import { cloudfrontWaf } from "../rules/security/cloudfront-waf";
import { ebsEncryption } from "../rules/security/ebs-encryption";
import { ec2ImdsHopLimit } from "../rules/security/ec2-imds-hop-limit";
import { ec2Imdsv2 } from "../rules/security/ec2-imdsv2";
import { ec2PublicIp } from "../rules/security/ec2-public-ip";
import { ec2UserDataSecrets } from "../rules/security/ec2-user-data-secrets";
import { eksControlPlaneLogging } from "../rules/security/eks-control-plane-logging";
import { eksNodeSsh } from "../rules/security/eks-node-ssh";
import { eksPublicEndpoint } from "../rules/security/eks-public-endpoint";
import { eksSecretsEncryption } from "../rules/security/eks-secrets-encryption";
import { eksSupportedVersion } from "../rules/security/eks-supported-version";
import { elasticacheAuth } from "../rules/security/elasticache-auth";
import { elasticacheEncryptionAtRest } from "../rules/security/elasticache-encryption-at-rest";
import { elasticacheEncryptionInTransit } from "../rules/security/elasticache-encryption-in-transit";
import { iamAdministratorAccess } from "../rules/security/iam-administrator-access";
import { iamCredentialsExposure } from "../rules/security/iam-credentials-exposure";
import { iamDataExfiltration } from "../rules/security/iam-data-exfiltration";
import { iamFullAccess } from "../rules/security/iam-full-access";
import { iamOidcTrustSub } from "../rules/security/iam-oidc-trust-sub";
import { iamPrivilegeEscalation } from "../rules/security/iam-privilege-escalation";
import { iamTrustPublic } from "../rules/security/iam-trust-public";
import { iamWildcardAction } from "../rules/security/iam-wildcard-action";
import { iamWildcardResource } from "../rules/security/iam-wildcard-resource";
import { kmsKeyPolicy } from "../rules/security/kms-key-policy";
import { kmsKeyPolicyPresent } from "../rules/security/kms-key-policy-present";
import { kmsKeyRotation } from "../rules/security/kms-key-rotation";
import { lbListenerTls } from "../rules/security/lb-listener-tls";
import { logGroupEncryption } from "../rules/security/log-group-encryption";
import { logRetentionAudit } from "../rules/security/log-retention-audit";
import { rdsCaCertificate } from "../rules/security/rds-ca-certificate";
import { rdsClusterEncryption } from "../rules/security/rds-cluster-encryption";
import { rdsForceSsl } from "../rules/security/rds-force-ssl";
import { rdsGlobalClusterEncryption } from "../rules/security/rds-global-cluster-encryption";
import { rdsIamAuth } from "../rules/security/rds-iam-auth";
import { rdsInstanceEncryption } from "../rules/security/rds-instance-encryption";
import { rdsLogExports } from "../rules/security/rds-log-exports";
import { rdsMinorVersionUpgrade } from "../rules/security/rds-minor-version-upgrade";
import { rdsPerformanceInsightsEncryption } from "../rules/security/rds-performance-insights-encryption";
import { rdsPublicAccess } from "../rules/security/rds-public-access";
import { route53Dnssec } from "../rules/security/route53-dnssec";
import { route53QueryLogging } from "../rules/security/route53-query-logging";
import { s3AclsDisabled } from "../rules/security/s3-acls-disabled";
import { s3BucketEncryption } from "../rules/security/s3-bucket-encryption";
import { s3PublicAccessBlock } from "../rules/security/s3-public-access-block";
import { s3PublicAcl } from "../rules/security/s3-public-acl";
import { s3PublicPolicy } from "../rules/security/s3-public-policy";
import { s3TlsOnly } from "../rules/security/s3-tls-only";
import { secretsManagerEncryption } from "../rules/security/secrets-manager-encryption";
import { securityGroupDescriptions } from "../rules/security/security-group-descriptions";
import { securityGroupOpenEgress } from "../rules/security/security-group-open-egress";
import { securityGroupOpenIngress } from "../rules/security/security-group-open-ingress";
import { snsEncryption } from "../rules/security/sns-encryption";
import { vpcDefaultSecurityGroup } from "../rules/security/vpc-default-security-group";
import { vpcEndpointPolicy } from "../rules/security/vpc-endpoint-policy";
import { vpcFlowLogs } from "../rules/security/vpc-flow-logs";
import { wafLog4j } from "../rules/security/waf-log4j";
import { wafLogging } from "../rules/security/waf-logging";
import { wafNoCount } from "../rules/security/waf-no-count";
import { wafWebAclRules } from "../rules/security/waf-web-acl-rules";
import type { Pack } from "../types";

const CMK =
  "Encrypt with a customer-managed key: reference it (`${aws_kms_key.<id>.arn}`), e.g. the EncryptionKey " +
  "construct's `key.arn`.";

/** Encryption at rest and in transit, no public access, IMDSv2, TLS minimums, least-privilege IAM, closed networks. */
export const SECURITY_PACK: Pack = {
  name: "security",
  description:
    "Encryption at rest and in transit, no public access, IMDSv2, TLS 1.2+, least-privilege IAM, closed " +
    "security groups",
  rules: [
    {
      scope: "stack",
      check: s3BucketEncryption,
      id: "SEC-S3-ENCRYPTION",
      severity: "error",
      title: "S3 buckets are encrypted with a customer-managed KMS key",
      why:
        "Objects at rest (uploads, reports, backups, state) must be unreadable without a key whose use we " +
        "control and audit; SSE-S3 keys are shared and cannot be revoked.",
      fix:
        `Add an aws_s3_bucket_server_side_encryption_configuration pointing at the bucket with sse_algorithm ` +
        `"aws:kms". ${CMK}`,
      checkov: ["CKV_AWS_145", "CKV_AWS_19"],
      cdkNag: ["NIST.800.53.R5-S3DefaultEncryptionKMS"],
    },
    {
      scope: "stack",
      check: s3PublicAccessBlock,
      id: "SEC-S3-PUBLIC-ACCESS-BLOCK",
      severity: "error",
      title: "S3 buckets block all public access",
      why:
        "One public ACL or policy statement exposes every object; the block makes that impossible whatever is " +
        "attached later.",
      fix:
        "Add an aws_s3_bucket_public_access_block pointing at the bucket with block_public_acls, " +
        "block_public_policy, ignore_public_acls and restrict_public_buckets all true.",
      checkov: ["CKV2_AWS_6", "CKV_AWS_53", "CKV_AWS_54", "CKV_AWS_55", "CKV_AWS_56"],
      cdkNag: ["AwsSolutions-S2"],
    },
    {
      scope: "stack",
      check: s3TlsOnly,
      id: "SEC-S3-TLS-ONLY",
      severity: "error",
      title: "S3 bucket policies deny requests without TLS",
      why: "Without the deny, clients may read and write objects over plain HTTP.",
      fix:
        'Add a bucket policy statement: Effect Deny, Principal "*", Action s3:*, Condition Bool ' +
        "aws:SecureTransport false (as StateBucket does).",
      cdkNag: ["AwsSolutions-S10"],
    },
    {
      scope: "stack",
      check: s3PublicPolicy,
      id: "SEC-S3-PUBLIC-POLICY",
      severity: "error",
      title: "S3 bucket policies allow nobody unconditionally",
      why: 'An Allow to Principal "*" without a condition publishes the bucket to the internet.',
      fix:
        "Name the principals (account, role, CloudFront OAC via aws:SourceArn) or add a condition; serve " +
        "public content through CloudFront.",
      checkov: ["CKV_AWS_70"],
      cdkNag: ["NIST.800.53.R5-S3BucketLevelPublicAccessProhibited"],
    },
    {
      scope: "stack",
      check: s3PublicAcl,
      id: "SEC-S3-PUBLIC-ACL",
      severity: "error",
      title: "S3 ACLs grant nothing to all users",
      why: "public-read ACLs expose objects to anyone with the URL.",
      fix: "Remove the ACL; set aws_s3_bucket_ownership_controls to BucketOwnerEnforced to disable ACLs.",
      checkov: ["CKV_AWS_20", "CKV_AWS_57"],
      cdkNag: ["NIST.800.53.R5-S3BucketPublicReadProhibited"],
    },
    {
      scope: "stack",
      check: rdsInstanceEncryption,
      id: "SEC-RDS-ENCRYPTION",
      severity: "error",
      title: "RDS instances are encrypted with a customer-managed key",
      why: "Databases hold personal data (LGPD); encryption cannot be turned on after creation without a restore.",
      fix: `Set storage_encrypted = true and kms_key_id. ${CMK}`,
      checkov: ["CKV_AWS_16"],
      cdkNag: ["AwsSolutions-RDS2"],
    },
    {
      scope: "stack",
      check: rdsClusterEncryption,
      id: "SEC-RDS-CLUSTER-ENCRYPTION",
      severity: "error",
      title: "Aurora/RDS clusters are encrypted with a customer-managed key",
      why: "Cluster storage and snapshots hold personal data; cross-region secondaries need their own key.",
      fix: `Set storage_encrypted = true and kms_key_id on every cluster (secondaries too). ${CMK}`,
      checkov: ["CKV_AWS_96", "CKV_AWS_327"],
      cdkNag: ["AwsSolutions-RDS2"],
    },
    {
      scope: "stack",
      check: rdsGlobalClusterEncryption,
      id: "SEC-RDS-GLOBAL-ENCRYPTION",
      severity: "error",
      title: "Global clusters are encrypted",
      why: "A global cluster created unencrypted forces every member cluster to be unencrypted.",
      fix:
        "Set storage_encrypted = true on aws_rds_global_cluster, or create it from an encrypted " +
        "source_db_cluster_identifier.",
    },
    {
      scope: "stack",
      check: rdsPublicAccess,
      id: "SEC-RDS-PUBLIC",
      severity: "error",
      title: "Databases are not publicly accessible",
      why: "A public endpoint exposes the database to credential stuffing and zero-days from the whole internet.",
      fix: "Remove publicly_accessible or set it to false; reach the database from the VPC (database subnets).",
      checkov: ["CKV_AWS_17"],
      cdkNag: ["NIST.800.53.R5-RDSInstancePublicAccess"],
    },
    {
      scope: "stack",
      check: elasticacheEncryptionAtRest,
      id: "SEC-ELASTICACHE-AT-REST",
      severity: "error",
      title: "ElastiCache replication groups are encrypted at rest with a customer-managed key",
      why: "Caches hold sessions and personal data; snapshots and swap land on disk.",
      fix: `Set at_rest_encryption_enabled = true and kms_key_id. ${CMK}`,
      checkov: ["CKV_AWS_29", "CKV_AWS_191"],
      cdkNag: ["AwsSolutions-AEC3"],
    },
    {
      scope: "stack",
      check: elasticacheEncryptionInTransit,
      id: "SEC-ELASTICACHE-IN-TRANSIT",
      severity: "error",
      title: "ElastiCache replication groups require TLS",
      why: "Without TLS, session tokens cross the network in clear text.",
      fix: 'Set transit_encryption_enabled = true (and transit_encryption_mode = "required" if you set a mode).',
      checkov: ["CKV_AWS_30"],
      cdkNag: ["AwsSolutions-AEC3"],
    },
    {
      scope: "stack",
      check: kmsKeyRotation,
      id: "SEC-KMS-ROTATION",
      severity: "error",
      title: "Symmetric KMS keys rotate automatically",
      why: "Rotation limits how much data one key version protects and is required by most audits.",
      fix: "Set enable_key_rotation = true (EncryptionKey does).",
      checkov: ["CKV_AWS_7"],
      cdkNag: ["AwsSolutions-KMS5"],
    },
    {
      scope: "stack",
      check: kmsKeyPolicy,
      id: "SEC-KMS-KEY-POLICY",
      severity: "error",
      title: "KMS key policies grant kms:* only to the account root and nothing to everyone",
      why:
        'In a key policy Resource "*" means this key and is fine; kms:* for the account root is AWS\'s default ' +
        '(delegation to IAM). kms:* for any other principal, or an unconditional Principal "*", hands the key ' +
        "away.",
      fix:
        "Give services and roles only the actions they need (Encrypt, Decrypt, GenerateDataKey*...) and keep " +
        "kms:* for arn:aws:iam::<account>:root.",
      checkov: ["CKV_AWS_33"],
    },
    {
      scope: "stack",
      check: iamWildcardAction,
      id: "SEC-IAM-WILDCARD-ACTION",
      severity: "error",
      title: "IAM policies name their actions (no *, service:* or NotAction)",
      why:
        "Wildcard actions grant every current and future API of a service, including destructive and " +
        "privilege-escalating ones.",
      fix: "List the actions the workload calls (see the module manifest permissions); never Allow with NotAction.",
      checkov: ["CKV_AWS_62", "CKV_AWS_63"],
      cdkNag: ["AwsSolutions-IAM5"],
    },
    {
      scope: "stack",
      check: iamWildcardResource,
      id: "SEC-IAM-WILDCARD-RESOURCE",
      severity: "error",
      title: 'IAM policies name their resources (Resource "*" only for Describe*/List* or with a condition)',
      why: 'Resource "*" lets a role touch every bucket, key and table of the account, not just its own.',
      fix:
        "Scope Resource to ARNs (bucket/*, table, key) or add a condition such as aws:ResourceTag; " +
        'Describe*/List* calls may keep "*".',
      checkov: ["CKV_AWS_355", "CKV_AWS_290"],
      cdkNag: ["AwsSolutions-IAM5"],
    },
    {
      scope: "stack",
      check: iamTrustPublic,
      id: "SEC-IAM-TRUST-PUBLIC",
      severity: "error",
      title: "Role trust policies do not trust everyone",
      why: 'A trust policy with Principal "*" lets any AWS account assume the role.',
      fix:
        "Name the service, account or OIDC provider in Principal, and scope with conditions " +
        "(aws:SourceAccount, OIDC sub/aud).",
      checkov: ["CKV_AWS_60", "CKV_AWS_61"],
    },
    {
      scope: "stack",
      check: securityGroupOpenIngress,
      id: "SEC-SG-OPEN-INGRESS",
      severity: "error",
      title: "Security groups admit no traffic from 0.0.0.0/0 or ::/0 (except a load balancer's group on TCP 443)",
      why: "World-open ports on nodes or databases are found by scanners within minutes.",
      fix:
        "Allow from a security group (source_security_group_id / referenced_security_group_id) or internal " +
        "CIDRs; only an aws_lb's own group may take 443 from the internet.",
      checkov: ["CKV_AWS_24", "CKV_AWS_25", "CKV_AWS_260", "CKV_AWS_277"],
      cdkNag: ["AwsSolutions-EC23"],
    },
    {
      scope: "stack",
      check: ec2Imdsv2,
      id: "SEC-EC2-IMDSV2",
      severity: "error",
      title: "Launch templates and instances require IMDSv2",
      why: "IMDSv1 answers unauthenticated GETs, so one SSRF bug leaks the node role's credentials.",
      fix:
        'Set metadata_options { http_tokens = "required", http_put_response_hop_limit = 2 (for pods), ' +
        'http_endpoint = "enabled" }.',
      checkov: ["CKV_AWS_79"],
      cdkNag: ["NIST.800.53.R5-EC2IMDSv2Enabled"],
    },
    {
      scope: "stack",
      check: ebsEncryption,
      id: "SEC-EBS-ENCRYPTION",
      severity: "error",
      title: "EBS volumes are encrypted",
      why: "Node volumes hold container images, logs and pod data, i.e. personal data.",
      fix:
        "Set encrypted = true (and kms_key_id) on every volume / launch template block device, or enable " +
        "aws_ebs_encryption_by_default in the region.",
      checkov: ["CKV_AWS_3", "CKV_AWS_8"],
      cdkNag: ["AwsSolutions-EC26"],
    },
    {
      scope: "stack",
      check: eksSecretsEncryption,
      id: "SEC-EKS-SECRETS-ENCRYPTION",
      severity: "error",
      title: "EKS clusters envelope-encrypt secrets with a customer-managed key",
      why: "Kubernetes secrets (database passwords, tokens) are otherwise only base64 in etcd.",
      fix: `Add encryption_config { resources = ["secrets"], provider { key_arn } }. ${CMK}`,
      checkov: ["CKV_AWS_58"],
      cdkNag: ["NIST.800.53.R5-EKSClusterSecretsEncryption"],
    },
    {
      scope: "stack",
      check: eksPublicEndpoint,
      id: "SEC-EKS-PUBLIC-ENDPOINT",
      severity: "error",
      title: "EKS API endpoints are private, or public only to listed networks",
      why: "The provider's defaults expose the Kubernetes API to the whole internet.",
      fix:
        "Set vpc_config.endpoint_private_access = true and endpoint_public_access = false, or list " +
        "public_access_cidrs (office/VPN ranges, never 0.0.0.0/0).",
      checkov: ["CKV_AWS_38", "CKV_AWS_39"],
      cdkNag: ["AwsSolutions-EKS1"],
    },
    {
      scope: "stack",
      check: eksControlPlaneLogging,
      id: "SEC-EKS-LOGGING",
      severity: "error",
      title: "EKS clusters log api, audit and authenticator",
      why: "Without audit logs nobody can tell who changed or read what in the cluster.",
      fix: 'Set enabled_cluster_log_types = ["api", "audit", "authenticator", "controllerManager", "scheduler"].',
      checkov: ["CKV_AWS_37"],
      cdkNag: ["AwsSolutions-EKS2"],
    },
    {
      scope: "stack",
      check: cloudfrontViewerTls,
      id: "SEC-CLOUDFRONT-TLS",
      severity: "error",
      title: "CloudFront viewers negotiate TLS 1.2 or newer",
      why: "TLS 1.0/1.1 have known weaknesses and fail PCI and most audits.",
      fix:
        'Use an ACM certificate with viewer_certificate.minimum_protocol_version = "TLSv1.2_2021" and ' +
        'ssl_support_method = "sni-only".',
      checkov: ["CKV_AWS_174"],
      cdkNag: ["AwsSolutions-CFR4"],
    },
    {
      scope: "stack",
      check: cloudfrontHttpsOnly,
      id: "SEC-CLOUDFRONT-HTTPS",
      severity: "error",
      title: "CloudFront behaviors redirect viewers to HTTPS",
      why: "Plain HTTP exposes cookies and tokens to anyone on the path.",
      fix: 'Set viewer_protocol_policy = "redirect-to-https" on the default and every ordered cache behavior.',
      checkov: ["CKV_AWS_34"],
    },
    {
      scope: "stack",
      check: cloudfrontWaf,
      id: "SEC-CLOUDFRONT-WAF",
      severity: "error",
      title: "CloudFront distributions are behind WAF",
      why: "The edge is where bots, scrapers and injection attempts arrive.",
      fix: "Set web_acl_id to the ARN of an aws_wafv2_web_acl with scope CLOUDFRONT (created in us-east-1).",
      checkov: ["CKV_AWS_68"],
      cdkNag: ["AwsSolutions-CFR2"],
    },
    {
      scope: "stack",
      check: lbListenerTls,
      id: "SEC-LB-LISTENER-TLS",
      severity: "error",
      title: "Load balancer listeners use TLS 1.2+ (HTTP only redirects)",
      why: "The ELB default policy still accepts TLS 1.0; an HTTP listener that serves content leaks sessions.",
      fix:
        'Use protocol HTTPS with ssl_policy "ELBSecurityPolicy-TLS13-1-2-2021-06"; HTTP listeners get a ' +
        "redirect default_action to HTTPS.",
      checkov: ["CKV_AWS_2", "CKV_AWS_103"],
    },
    {
      scope: "stack",
      check: wafWebAclRules,
      id: "SEC-WAF-RULES",
      severity: "error",
      title: "WAF web ACLs run managed rule groups and publish metrics",
      why: "An ACL with no rule and default allow protects nothing while looking like protection.",
      fix:
        "Add rules running AWSManagedRulesCommonRuleSet and AWSManagedRulesKnownBadInputsRuleSet, and set " +
        "visibility_config.cloudwatch_metrics_enabled = true.",
    },
    {
      scope: "stack",
      check: logGroupEncryption,
      id: "SEC-LOG-GROUP-KMS",
      severity: "error",
      title: "CloudWatch log groups are encrypted with a customer-managed key",
      why: "Logs carry request data, IPs and identities (personal data under LGPD).",
      fix: `Set kms_key_id on the log group and grant logs.<region>.amazonaws.com use of the key. ${CMK}`,
      checkov: ["CKV_AWS_158"],
      cdkNag: ["NIST.800.53.R5-CloudWatchLogGroupEncrypted"],
    },
    {
      scope: "stack",
      check: vpcFlowLogs,
      id: "SEC-VPC-FLOW-LOGS",
      severity: "error",
      title: "Every VPC records flow logs",
      why: "Flow logs are the only record of who talked to what during an incident.",
      fix: "Add an aws_flow_log with vpc_id pointing at the VPC (RegionalNetwork does, via VpcFlowLogs).",
      checkov: ["CKV2_AWS_11"],
      cdkNag: ["AwsSolutions-VPC7"],
    },
    {
      scope: "stack",
      check: vpcDefaultSecurityGroup,
      id: "SEC-VPC-DEFAULT-SG",
      severity: "error",
      title: "Every VPC's default security group has no rules",
      why: "The default group allows all traffic between its members; resources launched without a group land in it.",
      fix: "Add aws_default_security_group for the VPC with ingress = [] and egress = [].",
      checkov: ["CKV2_AWS_12"],
    },
    // Guardrail coverage (issue 18): rules closing the gap to Checkov and Trivy.
    {
      scope: "stack",
      check: wafLog4j,
      id: "SEC-WAF-LOG4J",
      severity: "error",
      title: "WAF web ACLs block with the Known Bad Inputs group, Log4J rules included",
      why: "Log4Shell probes still arrive daily; the group only protects when it blocks, not when it counts.",
      fix:
        "Add a rule running AWS/AWSManagedRulesKnownBadInputsRuleSet with override_action { none {} } and no " +
        "rule_action_override setting a Log4JRCE_* rule to count.",
      checkov: ["CKV_AWS_192"],
    },
    {
      scope: "stack",
      check: wafNoCount,
      id: "SEC-WAF-NO-COUNT",
      severity: "error",
      title: "WAF web ACL rules block (no rule or rule group in count mode)",
      why: "A rule in count mode only logs: it looks like protection in reviews and stops nothing.",
      fix: "Use action block (or captcha/challenge) and override_action none; test new rules in a staging ACL.",
      checkov: ["CKV_AWS_342"],
    },
    {
      scope: "stack",
      check: wafLogging,
      id: "SEC-WAF-LOGGING",
      severity: "error",
      title: "WAF web ACLs log requests",
      why: "Without WAF logs nobody can tell which requests were blocked, why, or what got through during an attack.",
      fix:
        "Add an aws_wafv2_web_acl_logging_configuration with resource_arn = the ACL's arn and a log group named " +
        "aws-waf-logs-* (EdgeWebAcl does).",
      checkov: ["CKV2_AWS_31"],
    },
    {
      scope: "stack",
      check: s3AclsDisabled,
      id: "SEC-S3-ACLS-DISABLED",
      severity: "error",
      title: "S3 buckets disable ACLs (object ownership BucketOwnerEnforced)",
      why: "ACLs are a second, per-object permission system that bucket policies and reviews do not see.",
      fix:
        "Add an aws_s3_bucket_ownership_controls pointing at the bucket with rule { object_ownership = " +
        '"BucketOwnerEnforced" }.',
      checkov: ["CKV2_AWS_65"],
    },
    {
      scope: "stack",
      check: rdsIamAuth,
      id: "SEC-RDS-IAM-AUTH",
      severity: "error",
      title: "Databases accept IAM authentication",
      why: "IAM tokens live 15 minutes and are tied to a role; stored passwords leak and are rarely rotated.",
      fix: "Set iam_database_authentication_enabled = true on the instance or cluster.",
      checkov: ["CKV_AWS_161", "CKV_AWS_162"],
      trivy: ["AVD-AWS-0176"],
    },
    {
      scope: "stack",
      check: rdsLogExports,
      id: "SEC-RDS-LOG-EXPORTS",
      severity: "error",
      title: "Databases export their engine log to CloudWatch Logs",
      why: "Connection, authentication and error logs are the trail of an intrusion; on the instance they rotate away.",
      fix: 'Set enabled_cloudwatch_logs_exports = ["postgresql"] (PostgreSQL) or ["error", ...] (MySQL).',
      checkov: ["CKV_AWS_129", "CKV_AWS_324"],
    },
    {
      scope: "stack",
      check: rdsPerformanceInsightsEncryption,
      id: "SEC-RDS-PI-ENCRYPTION",
      severity: "error",
      title: "Performance Insights data is encrypted with a customer-managed key",
      why: "Performance Insights stores query texts, literal values included: personal data.",
      fix: `Set performance_insights_kms_key_id. ${CMK}`,
      checkov: ["CKV_AWS_354"],
      trivy: ["AVD-AWS-0078"],
    },
    {
      scope: "stack",
      check: rdsMinorVersionUpgrade,
      id: "SEC-RDS-MINOR-UPGRADES",
      severity: "error",
      title: "Databases take minor engine upgrades automatically",
      why: "Minor versions carry security fixes; turning them off leaves known CVEs open until someone remembers.",
      fix: "Remove auto_minor_version_upgrade or set it to true (ignore engine_version changes in lifecycle).",
      checkov: ["CKV_AWS_226"],
    },
    {
      scope: "stack",
      check: rdsCaCertificate,
      id: "SEC-RDS-CA-CERT",
      severity: "error",
      title: "Databases use a current RDS certificate authority",
      why: "Clients that verify the server certificate fail once an expired CA's certificate is served.",
      fix:
        "Leave ca_cert_identifier unset (RDS picks rds-ca-rsa2048-g1) or set a current CA such as " +
        '"rds-ca-rsa2048-g1".',
      checkov: ["CKV_AWS_211"],
    },
    {
      scope: "stack",
      check: rdsForceSsl,
      id: "SEC-RDS-FORCE-SSL",
      severity: "error",
      title: "Databases refuse unencrypted connections (rds.force_ssl / require_secure_transport)",
      why:
        "Storage encryption does not cover the wire: without the parameter a misconfigured client sends " +
        "data in clear.",
      fix:
        'Give the instance or cluster a parameter group of this stack with rds.force_ssl = "1" (PostgreSQL) or ' +
        'require_secure_transport = "ON" (MySQL).',
    },
    {
      scope: "stack",
      check: elasticacheAuth,
      id: "SEC-ELASTICACHE-AUTH",
      severity: "error",
      title: "Redis/Valkey caches authenticate clients (RBAC user groups, or an AUTH token over TLS)",
      why: "Without authentication, anything that reaches port 6379 reads and writes every session and queue.",
      fix:
        "Set user_group_ids to a user group with the default user disabled (CacheCluster does, with IAM users), " +
        "or auth_token with transit_encryption_enabled = true.",
    },
    {
      scope: "stack",
      check: eksSupportedVersion,
      id: "SEC-EKS-SUPPORTED-VERSION",
      severity: "error",
      title: "EKS clusters pin a Kubernetes version in standard support",
      why: "Versions past standard support get no fixes in the standard price and move to paid extended support.",
      fix: "Set version to a supported minor (see OLDEST_SUPPORTED_EKS_VERSION) and upgrade before it leaves support.",
      checkov: ["CKV_AWS_339"],
    },
    {
      scope: "stack",
      check: eksNodeSsh,
      id: "SEC-EKS-NODE-SSH",
      severity: "error",
      title: "EKS node groups open no SSH access",
      why:
        "An SSH key shared by every node is a standing credential to the hosts of every pod; without " +
        "source_security_group_ids the port is open to the internet.",
      fix: "Remove remote_access; use SSM Session Manager for break-glass access to nodes.",
      checkov: ["CKV_AWS_100"],
    },
    {
      scope: "stack",
      check: ec2ImdsHopLimit,
      id: "SEC-EC2-IMDS-HOP-LIMIT",
      severity: "error",
      title: "Instance metadata answers one hop only (pods cannot read the node role)",
      why: "With a hop limit of 2, any pod on the node can fetch the node role's credentials through IMDS.",
      fix: "Set metadata_options.http_put_response_hop_limit = 1; give pods IRSA or Pod Identity roles.",
      checkov: ["CKV_AWS_341"],
    },
    {
      scope: "stack",
      check: ec2PublicIp,
      id: "SEC-EC2-PUBLIC-IP",
      severity: "error",
      title: "Launch templates and instances ask for no public IP",
      why:
        "A public address puts the node on the internet; egress goes through NAT and ingress through " +
        "load balancers.",
      fix: "Remove associate_public_ip_address (or set false) and launch into private subnets.",
      checkov: ["CKV_AWS_88"],
    },
    {
      scope: "stack",
      check: ec2UserDataSecrets,
      id: "SEC-EC2-USER-DATA-SECRETS",
      severity: "error",
      title: "User data carries no credentials",
      why: "User data is readable through the EC2 API and IMDS, and lands in Terraform state and plans.",
      fix: "Read secrets at boot from Secrets Manager or SSM Parameter Store with the instance role.",
      checkov: ["CKV_AWS_46"],
    },
    {
      scope: "stack",
      check: kmsKeyPolicyPresent,
      id: "SEC-KMS-POLICY-PRESENT",
      severity: "error",
      title: "KMS keys have an explicit key policy",
      why: "The default key policy delegates the key to every account principal an identity policy allows.",
      fix: "Set policy on the key (EncryptionKey writes one naming the services and roles that use it).",
      checkov: ["CKV2_AWS_64"],
    },
    {
      scope: "stack",
      check: iamPrivilegeEscalation,
      id: "SEC-IAM-PRIVILEGE-ESCALATION",
      severity: "error",
      title: 'IAM policies allow no privilege-escalation action on Resource "*"',
      why: "iam:PassRole, iam:Put*Policy, iam:CreatePolicyVersion and friends on any resource make a role an admin.",
      fix: "Scope the action to the exact role or policy ARNs it needs (e.g. iam:PassRole on one role ARN).",
      checkov: ["CKV_AWS_286"],
    },
    {
      scope: "stack",
      check: iamCredentialsExposure,
      id: "SEC-IAM-CREDENTIALS-EXPOSURE",
      severity: "error",
      title: 'IAM policies allow no credentials-exposing action on Resource "*"',
      why: "Access keys, session and federation tokens, and database credentials for every resource leave the account.",
      fix:
        "Scope the action to the resources it is for (e.g. rds-db:Connect on one dbuser ARN, " +
        "sts:AssumeRole on one role).",
      checkov: ["CKV_AWS_287"],
    },
    {
      scope: "stack",
      check: iamDataExfiltration,
      id: "SEC-IAM-DATA-EXFILTRATION",
      severity: "error",
      title: 'IAM policies allow no data-exfiltration action on Resource "*"',
      why: 's3:GetObject, secretsmanager:GetSecretValue or ssm:GetParameter* on "*" read every object and secret.',
      fix: "Scope reads to the bucket prefixes, secrets and parameters the workload owns.",
      checkov: ["CKV_AWS_288"],
    },
    {
      scope: "stack",
      check: iamAdministratorAccess,
      id: "SEC-IAM-ADMINISTRATOR-ACCESS",
      severity: "error",
      title: "No principal gets the AdministratorAccess managed policy",
      why: "AdministratorAccess is every action on every resource: one leaked credential is the whole account.",
      fix: "Attach a policy with the actions the principal needs; keep administration to SSO permission sets.",
      checkov: ["CKV_AWS_274"],
    },
    {
      scope: "stack",
      check: iamFullAccess,
      id: "SEC-IAM-FULL-ACCESS",
      severity: "error",
      title: "No principal gets the IAMFullAccess managed policy",
      why: "IAMFullAccess can attach AdministratorAccess to itself: it is administration one step removed.",
      fix: "Grant the specific IAM actions on the specific roles or policies, with a permissions boundary.",
      checkov: ["CKV2_AWS_56"],
    },
    {
      scope: "stack",
      check: iamOidcTrustSub,
      id: "SEC-IAM-OIDC-TRUST-SUB",
      severity: "error",
      title: "Roles trusting an OIDC provider pin the token's sub claim",
      why:
        "Without a sub condition any service account of the cluster (or any repository of the provider) can " +
        "assume the role.",
      fix:
        'Add Condition StringEquals { "<issuer>:sub": "system:serviceaccount:<namespace>:<name>", "<issuer>:aud": ' +
        '"sts.amazonaws.com" } (IrsaRole does).',
    },
    {
      scope: "stack",
      check: securityGroupOpenEgress,
      id: "SEC-SG-OPEN-EGRESS",
      severity: "error",
      title: "Security groups do not allow all traffic out to the internet",
      why: "All-protocol egress to 0.0.0.0/0 lets a compromised host exfiltrate or call home over any port.",
      fix:
        "Allow egress to the ports and destinations needed (443 to endpoints or NAT, the database port " +
        "to its group).",
      checkov: ["CKV_AWS_382"],
    },
    {
      scope: "stack",
      check: securityGroupDescriptions,
      id: "SEC-SG-DESCRIPTIONS",
      severity: "error",
      title: "Security groups and their rules have descriptions",
      why: "During an incident an undocumented open port cannot be told from a mistake.",
      fix: "Set description on the group and on every ingress/egress rule (what talks to what, and why).",
      checkov: ["CKV_AWS_23"],
      trivy: ["AVD-AWS-0099", "AVD-AWS-0124"],
    },
    {
      scope: "stack",
      check: cloudfrontResponseHeaders,
      id: "SEC-CLOUDFRONT-RESPONSE-HEADERS",
      severity: "error",
      title: "CloudFront cache behaviors attach a response headers policy",
      why: "Security headers must not depend on every origin remembering to send them.",
      fix: "Set response_headers_policy_id on the default and every ordered cache behavior.",
      checkov: ["CKV2_AWS_32"],
    },
    {
      scope: "stack",
      check: cloudfrontHsts,
      id: "SEC-CLOUDFRONT-HSTS",
      severity: "error",
      title: "CloudFront sends HSTS for at least a year",
      why: "Without HSTS a browser's first request can be downgraded to HTTP and its cookies stolen.",
      fix:
        "Use a response headers policy with security_headers_config.strict_transport_security " +
        "{ access_control_max_age_sec >= 31536000, include_subdomains = true, override = true }.",
    },
    {
      scope: "stack",
      check: cloudfrontOriginTls,
      id: "SEC-CLOUDFRONT-ORIGIN-TLS",
      severity: "error",
      title: "CloudFront reaches custom origins over HTTPS with TLS 1.2",
      why: "The edge-to-origin leg crosses the internet with the viewer's cookies and tokens.",
      fix: 'Set custom_origin_config { origin_protocol_policy = "https-only", origin_ssl_protocols = ["TLSv1.2"] }.',
    },
    {
      scope: "stack",
      check: snsEncryption,
      id: "SEC-SNS-ENCRYPTION",
      severity: "error",
      title: "SNS topics are encrypted with a customer-managed key",
      why: "Alarm and event messages name resources, users and errors; the AWS managed key cannot be scoped.",
      fix: `Set kms_master_key_id and let the publishing services (cloudwatch.amazonaws.com) use the key. ${CMK}`,
      checkov: ["CKV_AWS_26"],
      trivy: ["AVD-AWS-0095", "AVD-AWS-0136"],
    },
    {
      scope: "stack",
      check: secretsManagerEncryption,
      id: "SEC-SECRETS-MANAGER-KMS",
      severity: "error",
      title: "Secrets Manager secrets are encrypted with a customer-managed key",
      why: "With the AWS managed key, GetSecretValue alone reads every secret; a customer key adds a second gate.",
      fix: `Set kms_key_id on the secret. ${CMK}`,
      checkov: ["CKV_AWS_149"],
      trivy: ["AVD-AWS-0098"],
    },
    // Guardrail coverage (issue 18) for the classes issue 16 adds to the estate.
    {
      scope: "stack",
      check: backupVaultEncryption,
      id: "SEC-BACKUP-VAULT-KMS",
      severity: "error",
      title: "AWS Backup vaults encrypt with a customer-managed key",
      why:
        "Recovery points hold full copies of the databases; the AWS managed key cannot be scoped " +
        "or audited per vault.",
      fix: `Set kms_key_arn on the aws_backup_vault. ${CMK}`,
      checkov: ["CKV_AWS_166"],
    },
    {
      scope: "stack",
      check: route53Dnssec,
      id: "SEC-ROUTE53-DNSSEC",
      severity: "error",
      title: "Public hosted zones are signed with DNSSEC",
      why: "Without DNSSEC a resolver cannot tell our answers from forged ones (cache poisoning redirects users).",
      fix:
        "Add an aws_route53_key_signing_key (KMS key in us-east-1, ECC_NIST_P256) and an " +
        "aws_route53_hosted_zone_dnssec for the zone, then publish the DS record at the parent.",
      checkov: ["CKV2_AWS_38"],
    },
    {
      scope: "stack",
      check: route53QueryLogging,
      id: "SEC-ROUTE53-QUERY-LOGS",
      severity: "error",
      title: "Public hosted zones log DNS queries",
      why: "Query logs show reconnaissance, subdomain enumeration and abuse of our names before anything else does.",
      fix: "Add an aws_route53_query_log for the zone to a log group in us-east-1 (named /aws/route53/<zone>).",
      checkov: ["CKV2_AWS_39"],
    },
    {
      scope: "stack",
      check: vpcEndpointPolicy,
      id: "SEC-VPC-ENDPOINT-POLICY",
      severity: "error",
      title: "VPC endpoints carry a policy narrower than full access",
      why:
        "The default endpoint policy lets any credentials reach any resource of the service through the VPC, e.g. " +
        "copy data to a bucket outside the organization.",
      fix: "Set policy on the endpoint: the actions the VPC uses, scoped by aws:PrincipalOrgID or aws:ResourceAccount.",
    },
    {
      scope: "stack",
      check: logRetentionAudit,
      id: "SEC-LOG-RETENTION-AUDIT",
      severity: "error",
      title: "Production log groups keep events for at least a year",
      why: "Incidents are often found months later; audits (and LGPD investigations) ask for a year of logs.",
      fix: "Set retention_in_days = 365 (or more) on production log groups.",
      checkov: ["CKV_AWS_338"],
    },
  ],
};
