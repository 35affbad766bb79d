/**
 * Compliant and non-compliant fixtures of the issue-18 rules for the classes issue 16
 * adds to the estate (S3 replication, statement logging, AWS Backup, DNSSEC, query logs,
 * VPC endpoint policies, one-year production logs). Their packs' tests spread them in.
 */
import { DEV, type Part, type RuleCases, tfStack } from "../helpers";

const KEY = "${aws_kms_key.k.arn}";
const STAGING = { ...DEV, environment: "staging", tier: "staging" as const };
const doc = (...statements: unknown[]) => JSON.stringify({ Version: "2012-10-17", Statement: statements });

const bucket = (name: string): Part => ["aws_s3_bucket", name, { bucket: `plataforma-production-${name}` }];
const versioning = (name: string): Part => [
  "aws_s3_bucket_versioning",
  `${name}-v`,
  { bucket: `\${aws_s3_bucket.${name}.id}`, versioning_configuration: { status: "Enabled" } },
];
const replication = (from: string, to: string, status = "Enabled"): Part => [
  "aws_s3_bucket_replication_configuration",
  `${from}-r`,
  {
    bucket: `\${aws_s3_bucket.${from}.id}`,
    role: "${aws_iam_role.r.arn}",
    rule: [{ id: "dr", status, destination: { bucket: `\${aws_s3_bucket.${to}.arn}` } }],
  },
];
const replicated = [bucket("reports"), versioning("reports"), bucket("replica"), versioning("replica")];

const db = (over: Record<string, unknown> = {}): Part => [
  "aws_db_instance",
  "db",
  { engine: "postgres", parameter_group_name: "${aws_db_parameter_group.pg.name}", ...over },
];
const params = (parameters: unknown[]): Part => [
  "aws_db_parameter_group",
  "pg",
  { family: "postgres16", parameter: parameters },
];
const cluster: Part = [
  "aws_rds_cluster",
  "c",
  { engine: "aurora-postgresql", db_cluster_parameter_group_name: "${aws_rds_cluster_parameter_group.cpg.name}" },
];
const selection = (over: Record<string, unknown>): Part => [
  "aws_backup_selection",
  "sel",
  { name: "databases", plan_id: "${aws_backup_plan.p.id}", iam_role_arn: "${aws_iam_role.b.arn}", ...over },
];

const zone = (over: Record<string, unknown> = {}): Part => [
  "aws_route53_zone",
  "z",
  { name: "plataforma.app", ...over },
];
const dnssec = (status?: string): Part => [
  "aws_route53_hosted_zone_dnssec",
  "sec",
  { hosted_zone_id: "${aws_route53_zone.z.id}", ...(status ? { signing_status: status } : {}) },
];
const ksk: Part = [
  "aws_route53_key_signing_key",
  "ksk",
  { hosted_zone_id: "${aws_route53_zone.z.id}", key_management_service_arn: KEY, name: "ksk" },
];
const queryLog: Part = [
  "aws_route53_query_log",
  "ql",
  { zone_id: "${aws_route53_zone.z.zone_id}", cloudwatch_log_group_arn: "${aws_cloudwatch_log_group.q.arn}" },
];
const endpoint = (policy?: unknown): Part => [
  "aws_vpc_endpoint",
  "s3",
  { vpc_id: "${aws_vpc.v.id}", service_name: "com.amazonaws.sa-east-1.s3", ...(policy ? { policy } : {}) },
];
const logGroup = (days: unknown): Part => [
  "aws_cloudwatch_log_group",
  "lg",
  { name: "/flow", retention_in_days: days },
];

/** Data-protection cases. */
export const DATA_PROTECTION_HARDENING_CASES: Readonly<Record<string, RuleCases>> = {
  "DP-S3-REPLICATION": {
    ok: [
      {
        name: "versioned bucket replicated (replica exempt)",
        json: tfStack([...replicated, replication("reports", "replica")]),
      },
      { name: "unversioned scratch bucket", json: tfStack([bucket("uploads")]) },
      { name: "development keeps one region", json: tfStack([bucket("reports"), versioning("reports")]), context: DEV },
      {
        name: "access-log target exempt",
        json: tfStack([
          bucket("logs"),
          versioning("logs"),
          ["aws_s3_bucket_logging", "l", { bucket: "x", target_bucket: "${aws_s3_bucket.logs.id}" }],
        ]),
      },
    ],
    bad: [
      {
        name: "versioned, not replicated",
        json: tfStack([bucket("reports"), versioning("reports")]),
        address: "aws_s3_bucket.reports",
      },
      {
        name: "replication rule disabled in staging",
        json: tfStack([...replicated, replication("reports", "replica", "Disabled")]),
        address: "aws_s3_bucket.reports",
        context: STAGING,
      },
    ],
  },
  "DP-RDS-STATEMENT-LOGGING": {
    ok: [
      { name: "log_statement ddl", json: tfStack([db(), params([{ name: "log_statement", value: "ddl" }])]) },
      {
        name: "plan JSON: the group by its resolved name",
        json: tfStack([
          db({ parameter_group_name: "pg-16" }),
          ["aws_db_parameter_group", "pg", { name: "pg-16", parameter: [{ name: "log_statement", value: "ddl" }] }],
        ]),
      },
      { name: "MySQL is not PostgreSQL", json: tfStack([db({ engine: "mysql" })]) },
    ],
    bad: [
      {
        name: "log_statement none",
        json: tfStack([db(), params([{ name: "log_statement", value: "none" }])]),
        address: "aws_db_instance.db",
      },
      {
        name: "parameter missing",
        json: tfStack([db(), params([{ name: "rds.force_ssl", value: "1" }])]),
        address: "aws_db_instance.db",
      },
      { name: "default group (Aurora)", json: tfStack([cluster]), address: "aws_rds_cluster.c" },
    ],
  },
  "DP-BACKUP-COVERAGE": {
    ok: [
      {
        name: "selection names the database",
        json: tfStack([db(), selection({ resources: ["${aws_db_instance.db.arn}"] })]),
      },
      {
        name: "selection by tag",
        json: tfStack([
          db({ tags: { Backup: "daily" } }),
          selection({ selection_tag: [{ type: "STRINGEQUALS", key: "Backup", value: "daily" }] }),
        ]),
      },
      { name: "development relies on RDS backups", json: tfStack([db()]), context: DEV },
      {
        name: "Global Database secondary (covered by the primary's copy action)",
        json: tfStack([
          ["aws_rds_cluster", "secondary", { engine: "aurora-postgresql", global_cluster_identifier: "g" }],
        ]),
      },
    ],
    bad: [
      { name: "no selection", json: tfStack([db()]), address: "aws_db_instance.db" },
      {
        name: "selection of something else",
        json: tfStack([cluster, selection({ resources: ["${aws_db_instance.other.arn}"] })]),
        address: "aws_rds_cluster.c",
      },
      {
        name: "Global Database primary without a selection",
        json: tfStack([["aws_rds_cluster", "primary", { global_cluster_identifier: "g", master_username: "admin" }]]),
        address: "aws_rds_cluster.primary",
      },
    ],
  },
};

/** Security cases. */
export const SECURITY_HARDENING_CASES: Readonly<Record<string, RuleCases>> = {
  "SEC-BACKUP-VAULT-KMS": {
    ok: [{ name: "customer key", json: tfStack([["aws_backup_vault", "v", { name: "v", kms_key_arn: KEY }]]) }],
    bad: [
      {
        name: "AWS managed key",
        json: tfStack([["aws_backup_vault", "v", { name: "v" }]]),
        address: "aws_backup_vault.v",
      },
    ],
  },
  "SEC-ROUTE53-DNSSEC": {
    ok: [
      { name: "signing with a KSK", json: tfStack([zone(), dnssec(), ksk]) },
      { name: "private zone", json: tfStack([zone({ vpc: [{ vpc_id: "vpc-1" }] })]) },
    ],
    bad: [
      { name: "unsigned", json: tfStack([zone()]), address: "aws_route53_zone.z" },
      { name: "NOT_SIGNING", json: tfStack([zone(), dnssec("NOT_SIGNING"), ksk]), address: "aws_route53_zone.z" },
    ],
  },
  "SEC-ROUTE53-QUERY-LOGS": {
    ok: [{ name: "query log", json: tfStack([zone(), queryLog]) }],
    bad: [{ name: "no query log", json: tfStack([zone()]), address: "aws_route53_zone.z" }],
  },
  "SEC-VPC-ENDPOINT-POLICY": {
    ok: [
      {
        name: "scoped to the organization",
        json: tfStack([
          endpoint(
            doc({
              Effect: "Allow",
              Principal: "*",
              Action: "s3:*",
              Resource: "*",
              Condition: { StringEquals: { "aws:PrincipalOrgID": "o-123" } },
            }),
          ),
        ]),
      },
    ],
    bad: [
      { name: "no policy", json: tfStack([endpoint()]), address: "aws_vpc_endpoint.s3" },
      {
        name: "full access",
        json: tfStack([endpoint(doc({ Effect: "Allow", Principal: "*", Action: "*", Resource: "*" }))]),
        address: "aws_vpc_endpoint.s3",
      },
    ],
  },
  "SEC-LOG-RETENTION-AUDIT": {
    ok: [
      { name: "one year in production", json: tfStack([logGroup(365)]) },
      { name: "30 days in development", json: tfStack([logGroup(30)]), context: DEV },
    ],
    bad: [
      { name: "90 days in production", json: tfStack([logGroup(90)]), address: "aws_cloudwatch_log_group.lg" },
      { name: "unset", json: tfStack([logGroup(undefined)]), address: "aws_cloudwatch_log_group.lg" },
    ],
  },
};
