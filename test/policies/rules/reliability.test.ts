import { RELIABILITY_PACK } from "../../../policies/packs/reliability";
import { DEV, describePack, type Part, tfStack } from "../helpers";
import { RELIABILITY_COVERAGE_CASES } from "./coverage-cases";

const db = (over: Record<string, unknown> = {}): Part => [
  "aws_db_instance",
  "db",
  { multi_az: true, backup_retention_period: 35, deletion_protection: true, ...over },
];
const cluster = (over: Record<string, unknown> = {}): Part => [
  "aws_rds_cluster",
  "c",
  { backup_retention_period: 14, deletion_protection: true, ...over },
];
const redis = (over: Record<string, unknown> = {}): Part => [
  "aws_elasticache_replication_group",
  "r",
  {
    automatic_failover_enabled: true,
    multi_az_enabled: true,
    num_cache_clusters: 2,
    snapshot_retention_limit: 7,
    ...over,
  },
];
const nodes = (min: unknown): Part => [
  "aws_eks_node_group",
  "ng",
  { scaling_config: { min_size: min, max_size: 6, desired_size: 3 } },
];
const record = (over: Record<string, unknown>): Part => [
  "aws_route53_record",
  "rec",
  { name: "api.plataforma.app", type: "A", set_identifier: "primary", ...over },
];
const check = (over: Record<string, unknown>): Part => [
  "aws_route53_health_check",
  "hc",
  {
    fqdn: "api-sa.plataforma.app",
    port: 443,
    type: "HTTPS",
    resource_path: "/healthz",
    failure_threshold: 3,
    request_interval: 10,
    ...over,
  },
];
const tg = (over: Record<string, unknown>): Part => [
  "aws_lb_target_group",
  "tg",
  { port: 8080, protocol: "HTTP", vpc_id: "vpc-1", ...over },
];

describePack(RELIABILITY_PACK, {
  "REL-RDS-MULTI-AZ": {
    ok: [
      { name: "Multi-AZ in production", json: tfStack([db()]) },
      { name: "single-AZ in development", json: tfStack([db({ multi_az: false })]), context: DEV },
      { name: "read replica exempt", json: tfStack([db({ multi_az: undefined, replicate_source_db: "primary" })]) },
    ],
    bad: [
      { name: "single-AZ in production", json: tfStack([db({ multi_az: false })]), address: "aws_db_instance.db" },
      {
        name: "single-AZ in staging",
        json: tfStack([db({ multi_az: false })]),
        address: "aws_db_instance.db",
        context: { ...DEV, environment: "staging", tier: "staging" },
      },
      {
        name: "unknown tier is held to production",
        json: tfStack([db({ multi_az: undefined })]),
        address: "aws_db_instance.db",
        context: undefined,
      },
    ],
  },
  "REL-RDS-BACKUP-RETENTION": {
    ok: [
      { name: "35 days", json: tfStack([db()]) },
      { name: "cluster 30 days", json: tfStack([cluster({ backup_retention_period: 30 })]) },
      { name: "1 day in dev", json: tfStack([db({ backup_retention_period: 1 })]), context: DEV },
    ],
    bad: [
      {
        name: "backups off in dev",
        json: tfStack([db({ backup_retention_period: 0 })]),
        address: "aws_db_instance.db",
        context: DEV,
      },
      {
        name: "1 day in production",
        json: tfStack([db({ backup_retention_period: 1 })]),
        address: "aws_db_instance.db",
      },
      {
        name: "cluster 29 days in production",
        json: tfStack([cluster({ backup_retention_period: 29 })]),
        address: "aws_rds_cluster.c",
      },
      {
        name: "unset cluster retention (fail closed)",
        json: tfStack([cluster({ backup_retention_period: undefined })]),
        address: "aws_rds_cluster.c",
      },
    ],
  },
  "REL-RDS-DELETION-PROTECTION": {
    ok: [
      {
        name: "protected",
        json: tfStack([db(), cluster(), ["aws_rds_global_cluster", "g", { deletion_protection: true }]]),
      },
      { name: "dev may skip", json: tfStack([db({ deletion_protection: false })]), context: DEV },
    ],
    bad: [
      {
        name: "unprotected instance",
        json: tfStack([db({ deletion_protection: false })]),
        address: "aws_db_instance.db",
      },
      {
        name: "global cluster unset",
        json: tfStack([["aws_rds_global_cluster", "g", {}]]),
        address: "aws_rds_global_cluster.g",
      },
    ],
  },
  "REL-ELASTICACHE-FAILOVER": {
    ok: [
      { name: "two nodes, failover, Multi-AZ", json: tfStack([redis()]) },
      {
        name: "single node in dev",
        json: tfStack([redis({ num_cache_clusters: 1, automatic_failover_enabled: false })]),
        context: DEV,
      },
    ],
    bad: [
      {
        name: "single node in production",
        json: tfStack([redis({ num_cache_clusters: 1 })]),
        address: "aws_elasticache_replication_group.r",
      },
      {
        name: "failover off",
        json: tfStack([redis({ automatic_failover_enabled: false })]),
        address: "aws_elasticache_replication_group.r",
      },
    ],
  },
  "REL-ELASTICACHE-BACKUP": {
    ok: [
      { name: "snapshots kept", json: tfStack([redis()]) },
      {
        name: "Global Datastore secondary (the primary's snapshots cover it)",
        json: tfStack([redis({ snapshot_retention_limit: undefined, global_replication_group_id: "g" })]),
      },
    ],
    bad: [
      {
        name: "no snapshots",
        json: tfStack([redis({ snapshot_retention_limit: 0 })]),
        address: "aws_elasticache_replication_group.r",
      },
      {
        name: "no snapshots in development either",
        json: tfStack([redis({ snapshot_retention_limit: 0 })]),
        address: "aws_elasticache_replication_group.r",
        context: DEV,
      },
    ],
  },
  "REL-EKS-NODE-GROUP-HA": {
    ok: [
      { name: "min 2", json: tfStack([nodes(2)]) },
      { name: "min 1 in dev", json: tfStack([nodes(1)]), context: DEV },
    ],
    bad: [
      { name: "min 1 in production", json: tfStack([nodes(1)]), address: "aws_eks_node_group.ng" },
      { name: "min from an expression", json: tfStack([nodes("${var.min}")]), address: "aws_eks_node_group.ng" },
    ],
  },
  "REL-ROUTE53-FAILOVER-HEALTH-CHECK": {
    ok: [
      {
        name: "primary with a health check",
        json: tfStack([
          check({}),
          record({
            failover_routing_policy: { type: "PRIMARY" },
            health_check_id: "${aws_route53_health_check.hc.id}",
          }),
        ]),
      },
      { name: "secondary without one", json: tfStack([record({ failover_routing_policy: [{ type: "SECONDARY" }] })]) },
    ],
    bad: [
      {
        name: "primary without a health check",
        json: tfStack([record({ failover_routing_policy: { type: "PRIMARY" } })]),
        address: "aws_route53_record.rec",
      },
    ],
  },
  "REL-ROUTE53-HEALTH-CHECK": {
    ok: [
      { name: "HTTPS on /healthz", json: tfStack([check({})]) },
      {
        name: "calculated check",
        json: tfStack([
          check({ type: "CALCULATED", child_health_threshold: 1, fqdn: undefined, resource_path: undefined }),
        ]),
      },
    ],
    bad: [
      { name: "plain HTTP", json: tfStack([check({ type: "HTTP" })]), address: "aws_route53_health_check.hc" },
      {
        name: "no path, slow threshold",
        json: tfStack([check({ resource_path: undefined, failure_threshold: 10 })]),
        address: "aws_route53_health_check.hc",
      },
    ],
  },
  "REL-LB-DELETION-PROTECTION": {
    ok: [
      { name: "protected", json: tfStack([["aws_lb", "lb", { enable_deletion_protection: true }]]) },
      { name: "dev may skip", json: tfStack([["aws_lb", "lb", {}]]), context: DEV },
    ],
    bad: [{ name: "unprotected in production", json: tfStack([["aws_lb", "lb", {}]]), address: "aws_lb.lb" }],
  },
  "REL-LB-HEALTH-CHECK": {
    ok: [
      {
        name: "explicit path",
        json: tfStack([tg({ health_check: { enabled: true, path: "/healthz", matcher: "200" } })]),
      },
      { name: "TCP group", json: tfStack([tg({ protocol: "TCP" })]) },
    ],
    bad: [
      { name: "default probe", json: tfStack([tg({})]), address: "aws_lb_target_group.tg" },
      {
        name: "disabled",
        json: tfStack([tg({ health_check: { enabled: false } })]),
        address: "aws_lb_target_group.tg",
      },
    ],
  },
  ...RELIABILITY_COVERAGE_CASES,
});
