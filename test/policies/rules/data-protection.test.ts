import { DATA_PROTECTION_PACK } from "../../../policies/packs/data-protection";
import { describePack, type Part, tfStack } from "../helpers";
import { DATA_PROTECTION_COVERAGE_CASES } from "./coverage-cases";
import { DATA_PROTECTION_HARDENING_CASES } from "./estate-hardening-cases";

const keep = { lifecycle: { prevent_destroy: true } };
const bucket = (over: Record<string, unknown> = {}): Part => [
  "aws_s3_bucket",
  "b",
  { bucket: "plataforma-production-reports", ...keep, ...over },
];
const versioning = (status: string): Part => [
  "aws_s3_bucket_versioning",
  "v",
  { bucket: "${aws_s3_bucket.b.id}", versioning_configuration: { status } },
];

describePack(DATA_PROTECTION_PACK, {
  "DP-PREVENT-DESTROY": {
    ok: [
      {
        name: "stateful resources protected",
        json: tfStack([bucket(), ["aws_db_instance", "db", keep], ["aws_kms_key", "k", keep], ["aws_vpc", "v", {}]]),
      },
    ],
    bad: [
      {
        name: "database without prevent_destroy",
        json: tfStack([["aws_db_instance", "db", {}]]),
        address: "aws_db_instance.db",
      },
      {
        name: "prevent_destroy false on a cache",
        json: tfStack([["aws_elasticache_replication_group", "r", { lifecycle: { prevent_destroy: false } }]]),
        address: "aws_elasticache_replication_group.r",
      },
    ],
  },
  "DP-PLAN-STATEFUL-DESTROY": {
    ok: [
      {
        name: "plan creating and updating",
        json: {
          ...tfStack([bucket()]),
          "//": {
            planActions: { "aws_s3_bucket.b": ["create"], "aws_db_instance.db": ["update"], "aws_route.r": ["delete"] },
          },
        },
      },
      { name: "synth output (no plan actions)", json: tfStack([bucket()]) },
    ],
    bad: [
      {
        name: "database deleted (absent from planned values)",
        json: { ...tfStack([]), "//": { planActions: { "aws_db_instance.db": ["delete"] } } },
        address: "aws_db_instance.db",
      },
      {
        name: "bucket replaced",
        json: { ...tfStack([bucket()]), "//": { planActions: { "aws_s3_bucket.b[0]": ["delete", "create"] } } },
        address: "aws_s3_bucket.b[0]",
      },
    ],
  },
  "DP-RDS-FINAL-SNAPSHOT": {
    ok: [
      {
        name: "named final snapshot",
        json: tfStack([
          [
            "aws_db_instance",
            "db",
            { final_snapshot_identifier: "plataforma-production-final", skip_final_snapshot: false },
          ],
        ]),
      },
    ],
    bad: [
      {
        name: "skip_final_snapshot",
        json: tfStack([["aws_db_instance", "db", { skip_final_snapshot: true }]]),
        address: "aws_db_instance.db",
      },
      {
        name: "cluster without identifier",
        json: tfStack([["aws_rds_cluster", "c", {}]]),
        address: "aws_rds_cluster.c",
      },
    ],
  },
  "DP-ELASTICACHE-FINAL-SNAPSHOT": {
    ok: [
      {
        name: "final snapshot named",
        json: tfStack([["aws_elasticache_replication_group", "r", { final_snapshot_identifier: "cache-final" }]]),
      },
    ],
    bad: [
      {
        name: "none",
        json: tfStack([["aws_elasticache_replication_group", "r", {}]]),
        address: "aws_elasticache_replication_group.r",
      },
    ],
  },
  "DP-S3-VERSIONING": {
    ok: [
      { name: "split versioning enabled", json: tfStack([bucket(), versioning("Enabled")]) },
      { name: "legacy inline versioning", json: tfStack([bucket({ versioning: { enabled: true } })]) },
    ],
    bad: [
      { name: "no versioning resource (fail closed)", json: tfStack([bucket()]), address: "aws_s3_bucket.b" },
      { name: "suspended", json: tfStack([bucket(), versioning("Suspended")]), address: "aws_s3_bucket.b" },
    ],
  },
  "DP-S3-FORCE-DESTROY": {
    ok: [{ name: "force_destroy false", json: tfStack([bucket({ force_destroy: false })]) }],
    bad: [{ name: "force_destroy true", json: tfStack([bucket({ force_destroy: true })]), address: "aws_s3_bucket.b" }],
  },
  "DP-KMS-DELETION-WINDOW": {
    ok: [
      { name: "30 days", json: tfStack([["aws_kms_key", "k", { deletion_window_in_days: 30 }]]) },
      { name: "default", json: tfStack([["aws_kms_key", "k", {}]]) },
    ],
    bad: [
      {
        name: "7 days",
        json: tfStack([["aws_kms_key", "k", { deletion_window_in_days: 7 }]]),
        address: "aws_kms_key.k",
      },
    ],
  },
  "DP-S3-ACCESS-LOGGING": {
    ok: [
      {
        name: "logging companion",
        json: tfStack([
          bucket(),
          [
            "aws_s3_bucket_logging",
            "log",
            { bucket: "plataforma-production-reports", target_bucket: "logs", target_prefix: "reports/" },
          ],
        ]),
      },
    ],
    bad: [{ name: "no logging", json: tfStack([bucket()]), address: "aws_s3_bucket.b" }],
  },
  ...DATA_PROTECTION_COVERAGE_CASES,
  ...DATA_PROTECTION_HARDENING_CASES,
});
