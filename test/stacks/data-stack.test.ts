import { parseEnvironment } from "../../environments";
import { bucketOutputNames, DATA_OUTPUTS, dataPlaceholders } from "../../stacks/data-outputs";
import { buildStacks, cloneInput, resourcesOf, type StackJson, valuesOf } from "../helpers";

const all = buildStacks(["dev", "staging", "production"]);
const remoteStates = (json: StackJson) =>
  Object.keys(json.data?.terraform_remote_state ?? {}).map((id) => id.replace(/_state_[0-9A-F]{8}$/, ""));

describe("DataStack", () => {
  it("creates a data stack in each region holding data: the primary, and the DR region when it keeps standbys", () => {
    expect(
      all.stacks
        .map((s) => s.node.id)
        .filter((n) => n.endsWith("-data"))
        .sort(),
    ).toEqual([
      "dev-sa-east-1-data",
      "production-sa-east-1-data",
      "production-us-east-1-data",
      "staging-sa-east-1-data",
      "staging-us-east-1-data",
    ]);
  });

  it(
    "database and cache accept only the cluster's node and cluster security groups, on their ports; " +
      "nothing from CIDRs, no egress",
    () => {
      const json = all.json("dev-sa-east-1-data");
      const rules = valuesOf(json, "aws_vpc_security_group_ingress_rule");
      expect(rules.map((r) => r.from_port).sort()).toEqual([5432, 5432, 6379, 6379]);
      expect(
        rules.every((r) =>
          /terraform_remote_state\.upstream-dev-sa-east-1-cluster.*(node|cluster)_security_group_id/.test(
            String(r.referenced_security_group_id),
          ),
        ),
      ).toBe(true);
      expect(JSON.stringify(json)).not.toContain("0.0.0.0/0");
      expect(valuesOf(json, "aws_vpc_security_group_egress_rule")).toEqual([]);
    },
  );

  it("gives each module with events:* its own cache user confined to its keys, in the primary and DR caches", () => {
    const users = (stack: string) =>
      Object.fromEntries(
        valuesOf(all.json(stack), "aws_elasticache_user")
          .filter((u) => u.user_name !== "default")
          .map((u) => [u.user_name, u.access_string]),
      );
    for (const region of ["sa-east-1", "us-east-1"]) {
      const user = (module: string) => `plataforma-production-${region}-module-${module}`;
      // auth and vendas only emit; admin-usuarios, estoque and financeiro subscribe to others' channels.
      expect(users(`production-${region}-data`)).toEqual({
        [user("admin-usuarios")]: "on ~admin-usuarios:* &* +@all -@dangerous",
        [user("auth")]: "on ~auth:* &auth:* +@all -@dangerous",
        [user("estoque")]: "on ~estoque:* &* +@all -@dangerous",
        [user("financeiro")]: "on ~financeiro:* &* +@all -@dangerous",
        [user("vendas")]: "on ~vendas:* &vendas:* +@all -@dangerous",
      });
    }
    expect(Object.keys(users("dev-sa-east-1-data")).every((u) => u.includes("-module-"))).toBe(true);
  });

  it("production: Aurora readers autoscale on CPU from the 2 configured up to 6; nowhere else", () => {
    const [target] = valuesOf(all.json("production-sa-east-1-data"), "aws_appautoscaling_target");
    expect(target).toMatchObject({
      scalable_dimension: "rds:cluster:ReadReplicaCount",
      min_capacity: 2,
      max_capacity: 6,
    });
    for (const stack of ["production-us-east-1-data", "staging-sa-east-1-data", "dev-sa-east-1-data"]) {
      expect(valuesOf(all.json(stack), "aws_appautoscaling_target")).toEqual([]);
    }
  });

  describe("AWS Backup", () => {
    it("production: compliance-locked vaults here and in the DR region; the plan copies there", () => {
      const json = all.json("production-sa-east-1-data");
      const locks = valuesOf(json, "aws_backup_vault_lock_configuration");
      expect(locks.map((l) => [l.provider, l.changeable_for_days, l.min_retention_days])).toEqual([
        ["aws.us-east-1", 3, 35],
        [undefined, 3, 35],
      ]);
      const [plan] = valuesOf(json, "aws_backup_plan");
      const [rule] = plan.rule as { copy_action: { destination_vault_arn: string }[] }[];
      expect(rule.copy_action.map((c) => c.destination_vault_arn)).toEqual([
        expect.stringMatching(/^\$\{aws_backup_vault\.backup-vault-dr_vault_/),
      ]);
    });

    it("selects the database and the state bucket (same region) of every environment", () => {
      for (const [stack, db, account] of [
        ["production-sa-east-1-data", "aws_rds_cluster", "333333333333"],
        ["staging-sa-east-1-data", "aws_db_instance", "222222222222"],
        ["dev-sa-east-1-data", "aws_db_instance", "111111111111"],
      ]) {
        const [selection] = valuesOf(all.json(stack), "aws_backup_selection");
        expect(selection.resources).toEqual([
          expect.stringMatching(new RegExp(`^\\$\\{${db}\\.database_`)),
          `arn:aws:s3:::plataforma-tfstate-${account}`,
        ]);
      }
    });

    it("governance locks outside production; restore testing in staging only; no copy without a DR region", () => {
      const staging = all.json("staging-sa-east-1-data");
      expect(valuesOf(staging, "aws_backup_vault_lock_configuration").map((l) => l.changeable_for_days)).toEqual([
        undefined,
        undefined,
      ]);
      expect(valuesOf(staging, "aws_backup_restore_testing_selection")).toEqual([
        expect.objectContaining({ protected_resource_type: "RDS" }),
      ]);
      const dev = all.json("dev-sa-east-1-data");
      expect(valuesOf(dev, "aws_backup_restore_testing_plan")).toEqual([]);
      expect((valuesOf(dev, "aws_backup_plan")[0].rule as { copy_action: unknown[] }[])[0].copy_action).toEqual([]);
      expect(valuesOf(all.json("production-sa-east-1-data"), "aws_backup_restore_testing_plan")).toEqual([]);
    });

    it("copyToAccount adds a copy into the backup account's vault", () => {
      const input = cloneInput("production");
      const vaultArn = "arn:aws:backup:sa-east-1:444444444444:backup-vault:plataforma-vault";
      (input.data as { backup: unknown }).backup = {
        vaultLock: "compliance",
        copyToAccount: { accountId: "444444444444", vaultArn },
      };
      const json = buildStacks([parseEnvironment(input)]).json("production-sa-east-1-data");
      const [rule] = valuesOf(json, "aws_backup_plan")[0].rule as {
        copy_action: { destination_vault_arn: string }[];
      }[];
      expect(rule.copy_action.map((c) => c.destination_vault_arn)).toContain(vaultArn);
    });
  });

  it("puts the cache in the database tier, where module network policies send 6379", () => {
    const [group] = valuesOf(all.json("production-sa-east-1-data"), "aws_elasticache_subnet_group");
    expect(String(group.subnet_ids)).toMatch(
      /upstream-production-sa-east-1-network_state_[0-9A-F]+\.outputs\.database_subnet_ids/,
    );
  });

  it("every KMS key rotates; the logs key lets only CloudWatch Logs of this account and region use it", () => {
    const json = all.json("production-sa-east-1-data");
    const keys = valuesOf(json, "aws_kms_key");
    expect(keys.length).toBeGreaterThanOrEqual(5);
    expect(keys.every((k) => k.enable_key_rotation === true)).toBe(true);
    const logsKey = Object.entries(resourcesOf(json, "aws_kms_key")).find(([id]) => id.startsWith("key-logs"))![1];
    const grant = JSON.parse(String(logsKey.policy)).Statement[1];
    expect(grant).toMatchObject({
      Principal: { Service: "logs.sa-east-1.amazonaws.com" },
      Condition: {
        ArnLike: { "kms:EncryptionContext:aws:logs:arn": "arn:aws:logs:sa-east-1:333333333333:log-group:*" },
      },
    });
  });

  it(
    "module bundles are encrypted with their own key, " +
      "which CloudFront of this account may decrypt and nothing else",
    () => {
      const json = all.json("production-sa-east-1-data");
      const [id, key] = Object.entries(resourcesOf(json, "aws_kms_key")).find(([k]) => k.startsWith("key-bundles_"))!;
      expect(JSON.parse(String(key.policy)).Statement[1]).toEqual({
        Sid: "Service0",
        Effect: "Allow",
        Principal: { Service: "cloudfront.amazonaws.com" },
        Action: ["kms:Decrypt"],
        Resource: "*",
        Condition: { StringLike: { "AWS:SourceArn": "arn:aws:cloudfront::333333333333:distribution/*" } },
      });
      const bundlesSse = Object.entries(resourcesOf(json, "aws_s3_bucket_server_side_encryption_configuration")).find(
        ([k]) => k.startsWith("bucket-module_bundles_"),
      )![1];
      expect(JSON.stringify(bundlesSse)).toContain(`aws_kms_key.${id}.arn`);
      const storage = Object.entries(resourcesOf(json, "aws_kms_key")).find(([k]) => k.startsWith("key-storage"))![1];
      expect(String(storage.policy)).not.toContain("cloudfront");
      // The us-east-1 replica (CloudFront's failover origin) gets its own key with the same grant.
      const [replicaId, replicaKey] = Object.entries(resourcesOf(json, "aws_kms_key")).find(([k]) =>
        k.startsWith("key-bundles-replica_"),
      )!;
      expect(replicaKey.provider).toBe("aws.us-east-1");
      expect(JSON.parse(String(replicaKey.policy)).Statement[1]).toMatchObject({
        Principal: { Service: "cloudfront.amazonaws.com" },
      });
      const replicaSse = Object.entries(resourcesOf(json, "aws_s3_bucket_server_side_encryption_configuration")).find(
        ([k]) => k.startsWith("bucket-module_bundles-replica_"),
      )![1];
      expect(JSON.stringify(replicaSse)).toContain(`aws_kms_key.${replicaId}.arn`);
      // The edge stack owns the replica's policy too (CloudFront OAC).
      const policies = valuesOf(json, "aws_s3_bucket_policy").map((p) => String(p.bucket));
      expect(policies.some((b) => b.includes("bucket-module_bundles"))).toBe(false);
    },
  );

  it(
    "production primary: Aurora Global primary (writer + 2 readers), Global Datastore primary, replicas of " +
      "reports/backups/module data in us-east-1",
    () => {
      const json = all.json("production-sa-east-1-data");
      expect(valuesOf(json, "aws_rds_global_cluster")).toHaveLength(1);
      expect(valuesOf(json, "aws_rds_cluster_instance")).toHaveLength(3);
      expect(valuesOf(json, "aws_elasticache_global_replication_group")).toHaveLength(1);
      const buckets = valuesOf(json, "aws_s3_bucket");
      const replicas = buckets.filter((b) => String(b.bucket).includes("-replica-"));
      expect(replicas.map((b) => b.bucket).sort()).toEqual([
        "plataforma-production-backups-replica-333333333333",
        "plataforma-production-module-bundles-replica-333333333333",
        "plataforma-production-reports-replica-333333333333",
        "plataforma-production-vendas-documents-replica-333333333333",
      ]);
      expect(replicas.every((b) => b.provider === "aws.us-east-1")).toBe(true);
      expect(valuesOf(json, "aws_s3_bucket_replication_configuration")).toHaveLength(4);
      expect(remoteStates(json).some((n) => n.includes("us-east-1"))).toBe(false);
    },
  );

  it(
    "module bundles: no bucket policy here (the edge stack attaches the OAC policy); name, " +
      "ARN and regional domain name exported",
    () => {
      const json = all.json("production-sa-east-1-data");
      const bundles = Object.keys(resourcesOf(json, "aws_s3_bucket_policy")).filter((id) =>
        id.startsWith("bucket-module_bundles_"),
      );
      expect(bundles).toEqual([]);
      expect(
        Object.keys(resourcesOf(json, "aws_s3_bucket_policy")).some((id) => id.startsWith("bucket-reports_")),
      ).toBe(true);
      const names = bucketOutputNames("module_bundles");
      expect(Object.keys(json.output ?? {})).toEqual(
        expect.arrayContaining([names.name, names.arn, names.regionalDomainName]),
      );
    },
  );

  it("uploads carry the CORS rule from config and expire after 30 days", () => {
    const json = all.json("production-sa-east-1-data");
    const [cors] = valuesOf(json, "aws_s3_bucket_cors_configuration");
    expect(cors.cors_rule).toEqual([
      expect.objectContaining({
        allowed_origins: ["https://plataforma.app"],
        allowed_methods: ["GET", "PUT", "POST"],
        max_age_seconds: 3000,
      }),
    ]);
  });

  it(
    "production DR: Aurora secondary and cache secondary read the primary's ids through upstream outputs (no " +
      "cycle)",
    () => {
      const json = all.json("production-us-east-1-data");
      expect(remoteStates(json).sort()).toEqual([
        "upstream-production-sa-east-1-data",
        "upstream-production-us-east-1-cluster",
        "upstream-production-us-east-1-network",
      ]);
      const [cluster] = valuesOf(json, "aws_rds_cluster");
      expect(String(cluster.global_cluster_identifier)).toContain(`upstream-production-sa-east-1-data`);
      expect(String(cluster.global_cluster_identifier)).toContain(DATA_OUTPUTS.databaseGlobalClusterId);
      expect(cluster.master_username).toBeUndefined();
      const [cache] = valuesOf(json, "aws_elasticache_replication_group");
      expect(String(cache.global_replication_group_id)).toContain(DATA_OUTPUTS.cacheGlobalReplicationGroupId);
      expect(valuesOf(json, "aws_s3_bucket")).toEqual([]);
    },
  );

  it("staging DR: replicated automated backups of the primary instance, encrypted with a us-east-1 key", () => {
    const json = all.json("staging-us-east-1-data");
    const [replication] = valuesOf(json, "aws_db_instance_automated_backups_replication");
    expect(String(replication.source_db_instance_arn)).toContain(DATA_OUTPUTS.databaseArn);
    expect(replication.retention_period).toBe(14);
    expect(valuesOf(json, "aws_db_instance")).toEqual([]);
  });

  it("dev: RDS with a managed master password and no password argument anywhere", () => {
    const json = all.json("dev-sa-east-1-data");
    const [db] = valuesOf(json, "aws_db_instance");
    expect(db).toMatchObject({ manage_master_user_password: true, multi_az: false, backup_retention_period: 7 });
    const text = JSON.stringify(json.resource);
    expect(text).not.toMatch(/"(password|master_password|auth_token)":/);
  });

  it("data placeholders are shaped like real values", () => {
    const p = dataPlaceholders({
      account: { id: "333333333333", name: "x" },
      project: "plataforma",
      name: "production",
      primaryRegion: "sa-east-1",
    });
    expect(p[DATA_OUTPUTS.databaseArn]).toMatch(/^arn:aws:rds:sa-east-1:333333333333:db:/);
    expect(p[DATA_OUTPUTS.databaseGlobalClusterId]).toBe("plataforma-production");
  });

  it(
    "CockroachDB environments: backup bucket in the primary, IRSA role and volume key in every CockroachDB region, " +
      "no RDS",
    () => {
      const input = cloneInput("production");
      input.data = {
        ...input.data,
        database: { engine: "cockroachdb", regions: ["sa-east-1", "us-east-1"], survivalGoal: "zone" },
      };
      const built = buildStacks([parseEnvironment(input)]);
      expect(
        built.stacks
          .map((s) => s.node.id)
          .filter((n) => n.endsWith("-data"))
          .sort(),
      ).toEqual(["production-sa-east-1-data", "production-us-east-1-data"]);
      const primary = built.json("production-sa-east-1-data");
      expect(valuesOf(primary, "aws_s3_bucket").map((b) => b.bucket)).toContain(
        "plataforma-production-cockroach-backups-333333333333",
      );
      expect(valuesOf(primary, "aws_db_instance")).toEqual([]);
      expect(valuesOf(primary, "aws_rds_cluster")).toEqual([]);
      for (const json of [primary, built.json("production-us-east-1-data")]) {
        expect(Object.keys(json.output ?? {})).toEqual(
          expect.arrayContaining([
            DATA_OUTPUTS.cockroachBackupRoleArn,
            DATA_OUTPUTS.cockroachVolumeKeyArn,
            DATA_OUTPUTS.cockroachBackupBucketName,
          ]),
        );
        const trust = JSON.parse(
          String(
            valuesOf(json, "aws_iam_role").find((r) => String(r.name).endsWith("-cockroachdb-backup"))!
              .assume_role_policy,
          ),
        );
        expect(trust.Statement[0].Action).toBe("sts:AssumeRoleWithWebIdentity");
      }
      // The platform stack of each CockroachDB region runs the chart; eu-west-1 (no data) does not.
      for (const region of ["sa-east-1", "us-east-1"]) {
        const platform = built.json(`production-${region}-platform`);
        const [release] = valuesOf(platform, "helm_release").filter((r) => r.chart === "cockroachdb");
        expect(release).toMatchObject({ repository: "https://charts.cockroachdb.com/", namespace: "cockroachdb" });
        const remote = Object.values(platform.data?.terraform_remote_state ?? {}).filter((d) =>
          String((d.config as { path: string }).path).includes(`production-${region}-data`),
        );
        expect(remote).toHaveLength(1); // one data source per upstream, shared by bucket keys and CockroachDB outputs
      }
      expect(
        valuesOf(built.json("production-eu-west-1-platform"), "helm_release").filter((r) => r.chart === "cockroachdb"),
      ).toEqual([]);
    },
  );
});

describe("DataStack game days", () => {
  const templates = (stack: string) => valuesOf(all.json(stack), "aws_fis_experiment_template");
  /** The game-day stop alarm of a stack (the monitoring aspect adds others beside it). */
  const stopAlarms = (json: ReturnType<typeof all.json>) =>
    Object.entries(resourcesOf(json, "aws_cloudwatch_metric_alarm")).filter(([key]) => key === "game-day-stop-alarm");

  it("gives staging's primary both FIS templates, each stopping on the database's game-day alarm", () => {
    const json = all.json("staging-sa-east-1-data");
    const alarms = stopAlarms(json);
    expect(alarms).toHaveLength(1);
    expect(alarms[0]![1]).toMatchObject({
      alarm_name: "plataforma-staging-sa-east-1-game-day-stop",
      namespace: "AWS/RDS",
      metric_name: "DatabaseConnections",
      dimensions: { DBInstanceIdentifier: "plataforma-staging-sa-east-1" },
      comparison_operator: "LessThanThreshold",
      treat_missing_data: "breaching",
    });
    const found = templates("staging-sa-east-1-data") as {
      tags: Record<string, string>;
      stop_condition: unknown[];
      action: { action_id: string; parameter?: { key: string; value: string }[] }[];
    }[];
    expect(found.map((t) => t.tags.GameDay).sort()).toEqual(["az-power-interruption", "cross-region-connectivity"]);
    for (const t of found) {
      expect(t.stop_condition).toEqual([
        { source: "aws:cloudwatch:alarm", value: "${aws_cloudwatch_metric_alarm.game-day-stop-alarm.arn}" },
      ]);
    }
    const cross = found.find((t) => t.tags.GameDay === "cross-region-connectivity");
    expect(cross?.action[0].parameter).toContainEqual({ key: "region", value: "us-east-1" });
    const az = found.find((t) => t.tags.GameDay === "az-power-interruption");
    expect(az?.tags.AvailabilityZone).toBe("sa-east-1a");
    expect(az?.action.map((a) => a.action_id)).toEqual([
      "aws:ec2:stop-instances",
      "aws:network:disrupt-connectivity",
      "aws:rds:reboot-db-instances",
      "aws:elasticache:replicationgroup-interrupt-az-power",
    ]);
    // The FIS log groups use the stack's existing logs key: no new stateful resource.
    const groups = valuesOf(json, "aws_cloudwatch_log_group").filter((g) => String(g.name).startsWith("/aws/fis/"));
    expect(groups.map((g) => g.name).sort()).toEqual([
      "/aws/fis/plataforma-staging-sa-east-1-az-power",
      "/aws/fis/plataforma-staging-sa-east-1-cross-region",
    ]);
    for (const g of groups) expect(String(g.kms_key_id)).toMatch(/aws_kms_key\.key-logs_key_\w+\.arn/);
  });

  it("leaves dev, production and staging's DR region without game days or their alarm", () => {
    for (const stack of [
      "dev-sa-east-1-data",
      "production-sa-east-1-data",
      "production-us-east-1-data",
      "staging-us-east-1-data",
    ]) {
      expect(templates(stack)).toEqual([]);
      expect(stopAlarms(all.json(stack))).toEqual([]);
    }
    for (const stack of all.stacks.map((s) => s.node.id).filter((n) => !n.endsWith("-data"))) {
      expect(templates(stack)).toEqual([]);
    }
  });

  it("fails an Aurora writer over with failover-db-cluster, its alarm on the cluster", () => {
    const input = cloneInput("production");
    input.dr.gameDays = { availabilityZone: "sa-east-1b" };
    const { json } = buildStacks([parseEnvironment(input)]);
    const stack = json("production-sa-east-1-data");
    const found = valuesOf(stack, "aws_fis_experiment_template") as { action: { action_id: string }[] }[];
    expect(found.flatMap((t) => t.action.map((a) => a.action_id))).toContain("aws:rds:failover-db-cluster");
    expect(stopAlarms(stack)[0]![1].dimensions).toEqual({
      DBClusterIdentifier: "plataforma-production-sa-east-1",
    });
  });
});
