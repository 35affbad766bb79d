import { RedisCache, type RedisCacheProps } from "../../../constructs/cache/redis-cache";
import { valuesOf } from "../../helpers";
import { reported, synthWith } from "../fixtures";

const base = {
  name: "plataforma-production-sa-east-1",
  subnetIds: ["subnet-1", "subnet-2", "subnet-3"],
  engineVersion: "7.1",
  nodeType: "cache.r6g.large",
  shards: 3,
  replicasPerShard: 2,
};

function synth(props: Partial<RedisCacheProps> = {}) {
  return synthWith(
    (f) =>
      new RedisCache(f.scope, "cache", {
        ...base,
        securityGroup: f.securityGroup,
        key: f.key,
        logKey: f.logKey,
        ...props,
      }),
  );
}

describe("RedisCache", () => {
  it(
    "defaults: cluster mode 3 x 2, Multi-AZ failover, KMS at rest, TLS, 7 daily snapshots, final snapshot, " +
      "prevent_destroy",
    () => {
      const [group] = valuesOf(synth(), "aws_elasticache_replication_group");
      expect(group).toMatchObject({
        engine: "redis",
        cluster_mode: "enabled",
        num_node_groups: 3,
        replicas_per_node_group: 2,
        automatic_failover_enabled: true,
        multi_az_enabled: true,
        at_rest_encryption_enabled: "true",
        transit_encryption_enabled: true,
        snapshot_retention_limit: 7,
        snapshot_window: "03:00-05:00",
        final_snapshot_identifier: "plataforma-production-sa-east-1-final",
        parameter_group_name: "default.redis7.cluster.on",
        lifecycle: { prevent_destroy: true },
      });
      expect(String(group.kms_key_id)).toMatch(/aws_kms_key\.key/);
      expect(group.auth_token).toBeUndefined();
    },
  );

  it("authenticates with IAM RBAC users only: default user switched off, no password anywhere", () => {
    const json = synth({ users: { app: "on ~* +@all -@dangerous", reports: "on ~reports:* +@read" } });
    const users = valuesOf(json, "aws_elasticache_user");
    expect(users.find((u) => u.user_name === "default")).toMatchObject({ access_string: "off -@all" });
    const iam = users.filter((u) => u.user_name !== "default");
    expect(iam.map((u) => u.user_name)).toEqual([
      "plataforma-production-sa-east-1-app",
      "plataforma-production-sa-east-1-reports",
    ]);
    expect(
      iam.every((u) => (u.authentication_mode as { type: string }).type === "iam" && u.user_id === u.user_name),
    ).toBe(true);
    expect(users.every((u) => u.passwords === undefined)).toBe(true);
    expect(valuesOf(json, "aws_elasticache_user_group")[0].user_ids).toHaveLength(3);
  });

  it("delivers the slow log as JSON to a KMS-encrypted log group", () => {
    const json = synth({ slowLogRetentionDays: 14 });
    const [group] = valuesOf(json, "aws_elasticache_replication_group");
    expect(group.log_delivery_configuration).toEqual([
      expect.objectContaining({ destination_type: "cloudwatch-logs", log_format: "json", log_type: "slow-log" }),
    ]);
    const [logs] = valuesOf(json, "aws_cloudwatch_log_group");
    expect(logs).toMatchObject({
      name: "/aws/elasticache/plataforma-production-sa-east-1/slow-log",
      retention_in_days: 14,
    });
    expect(String(logs.kms_key_id)).toMatch(/aws_kms_key\.log-key/);
  });

  it("no replicas: no Multi-AZ nor failover (dev)", () => {
    const [group] = valuesOf(synth({ shards: 1, replicasPerShard: 0 }), "aws_elasticache_replication_group");
    expect(group).toMatchObject({ num_node_groups: 1, automatic_failover_enabled: false, multi_az_enabled: false });
  });

  it(
    "global primary creates the Global Datastore; " + "a secondary joins it and inherits engine, shape and encryption",
    () => {
      expect(
        valuesOf(synth({ globalRole: { kind: "primary" } }), "aws_elasticache_global_replication_group")[0],
      ).toMatchObject({ global_replication_group_id_suffix: "plataforma-production-sa-east-1" });
      const [secondary] = valuesOf(
        synth({ globalRole: { kind: "secondary", globalReplicationGroupId: "ldgnf-x" } }),
        "aws_elasticache_replication_group",
      );
      expect(secondary).toMatchObject({ global_replication_group_id: "ldgnf-x", replicas_per_node_group: 2 });
      expect(secondary.engine).toBeUndefined();
      expect(secondary.num_node_groups).toBeUndefined();
      expect(secondary.at_rest_encryption_enabled).toBeUndefined();
    },
  );

  it("fails for valkey (its default user would need a password)", () => {
    expect(() => synth({ engine: "valkey" })).toThrow(/engine: is not supported yet.*\. Fix: use engine "redis"/);
  });

  it("fails without TLS, for an unencrypted Global Datastore member, a reserved user name and a bad id", () => {
    const bad = { transitEncryption: false, atRestEncryption: false, users: { default: "on" }, name: "Bad_Id" };
    expect(reported(() => synth({ ...bad, globalRole: { kind: "primary" } }))).toEqual([
      ["name", "Bad_Id"],
      ["transitEncryption", false],
      ["atRestEncryption", false],
      ["users.default", "on"],
    ]);
  });
});
