import { AuroraPostgres, type AuroraPostgresProps } from "../../../constructs/database/aurora-postgres";
import { valuesOf } from "../../helpers";
import { reported, synthWith, validationError } from "../fixtures";

const base = {
  name: "plataforma-production-sa-east-1",
  accountId: "123456789012",
  subnetIds: ["subnet-1", "subnet-2", "subnet-3"],
  instanceClass: "db.r6g.xlarge",
  engineVersion: "16.6",
  backupRetentionDays: 35,
};

function synth(props: Partial<AuroraPostgresProps> = {}) {
  return synthWith(
    (f) =>
      new AuroraPostgres(f.scope, "db", {
        ...base,
        securityGroup: f.securityGroup,
        key: f.key,
        logKey: f.logKey,
        ...props,
      }),
  );
}

describe("AuroraPostgres", () => {
  it(
    "defaults: standalone cluster with an RDS-managed password, encryption, TLS, protection, final snapshot; " +
      "one writer",
    () => {
      const json = synth();
      const [cluster] = valuesOf(json, "aws_rds_cluster");
      expect(cluster).toMatchObject({
        engine: "aurora-postgresql",
        manage_master_user_password: true,
        storage_encrypted: true,
        iam_database_authentication_enabled: true,
        backup_retention_period: 35,
        deletion_protection: true,
        skip_final_snapshot: false,
        final_snapshot_identifier: "plataforma-production-sa-east-1-final",
        copy_tags_to_snapshot: true,
        enabled_cloudwatch_logs_exports: ["postgresql"],
      });
      expect(cluster.master_password).toBeUndefined();
      expect(cluster.global_cluster_identifier).toBeUndefined();
      expect((cluster.lifecycle as { prevent_destroy: boolean }).prevent_destroy).toBe(true);
      expect(valuesOf(json, "aws_rds_cluster_parameter_group")[0]).toMatchObject({
        family: "aurora-postgresql16",
        parameter: [
          expect.objectContaining({ name: "rds.force_ssl", value: "1" }),
          expect.objectContaining({ name: "log_statement", value: "ddl" }),
          expect.objectContaining({ name: "log_min_duration_statement", value: "1000" }),
          expect.objectContaining({ name: "log_connections", value: "1" }),
          expect.objectContaining({ name: "log_disconnections", value: "1" }),
        ],
      });
      const instances = valuesOf(json, "aws_rds_cluster_instance");
      expect(instances.map((i) => i.identifier)).toEqual(["plataforma-production-sa-east-1-writer"]);
      expect(instances[0]).toMatchObject({
        performance_insights_enabled: true,
        monitoring_interval: 60,
        publicly_accessible: false,
        lifecycle: { prevent_destroy: true },
      });
      expect(valuesOf(json, "aws_rds_global_cluster")).toEqual([]);
    },
  );

  it("readers are named instances (stable addresses): writer, reader-1, reader-2", () => {
    const json = synth({ readers: 2 });
    expect(
      Object.keys(json.resource?.aws_rds_cluster_instance ?? {})
        .map((k) => k.replace(/_[0-9A-F]{8}$/, ""))
        .sort(),
    ).toEqual(["db_reader-1", "db_reader-2", "db_writer"]);
  });

  it("global primary: creates the global cluster and takes the password write-only from an ephemeral variable", () => {
    const json = synth({
      globalRole: { kind: "global-primary", globalClusterIdentifier: "plataforma-production" },
    }) as ReturnType<typeof synth> & { variable: Record<string, Record<string, unknown>> };
    expect(valuesOf(json, "aws_rds_global_cluster")[0]).toMatchObject({
      global_cluster_identifier: "plataforma-production",
      engine: "aurora-postgresql",
      storage_encrypted: true,
      deletion_protection: true,
    });
    const [cluster] = valuesOf(json, "aws_rds_cluster");
    expect(cluster.manage_master_user_password).toBeUndefined();
    expect(cluster.master_password_wo).toBe("${var.plataforma_production_sa_east_1_master_password}");
    expect(String(cluster.global_cluster_identifier)).toMatch(/aws_rds_global_cluster\./);
    expect(json.variable.plataforma_production_sa_east_1_master_password).toMatchObject({
      ephemeral: true,
      sensitive: true,
      default: null,
    });
  });

  it("global secondary: joins the given global cluster with no credentials at all", () => {
    const json = synth({
      globalRole: {
        kind: "global-secondary",
        globalClusterIdentifier: "plataforma-production",
        sourceRegion: "sa-east-1",
      },
    });
    const [cluster] = valuesOf(json, "aws_rds_cluster");
    expect(cluster).toMatchObject({
      global_cluster_identifier: "plataforma-production",
      source_region: "sa-east-1",
      storage_encrypted: true,
    });
    expect(cluster.master_username).toBeUndefined();
    expect(cluster.manage_master_user_password).toBeUndefined();
    expect((cluster.lifecycle as { ignore_changes: string[] }).ignore_changes).toContain(
      "replication_source_identifier",
    );
    // Users routed to the serving region write through it: the secondary forwards writes.
    expect(cluster.enable_global_write_forwarding).toBe(true);
    expect(
      valuesOf(
        synth({ globalRole: { kind: "global-primary", globalClusterIdentifier: "plataforma-production" } }),
        "aws_rds_cluster",
      )[0].enable_global_write_forwarding,
    ).toBeUndefined();
  });

  it("fails for too many readers and retention 0, naming the construct", () => {
    const error = validationError(() => synth({ readers: 16, backupRetentionDays: 0 }));
    expect(error.constructPath).toBe("stack/db");
    expect(error.problems.map((p) => [p.prop, p.received])).toEqual([
      ["backupRetentionDays", 0],
      ["readers", 16],
    ]);
  });

  it("readerAutoscaling: a reader-count target from the configured readers to maxReaders, tracking reader CPU", () => {
    const json = synth({ readers: 2, readerAutoscaling: { maxReaders: 6 } });
    const [target] = valuesOf(json, "aws_appautoscaling_target");
    expect(target).toMatchObject({
      service_namespace: "rds",
      scalable_dimension: "rds:cluster:ReadReplicaCount",
      min_capacity: 2,
      max_capacity: 6,
    });
    expect(String(target.resource_id)).toMatch(/^cluster:\$\{aws_rds_cluster\.db_cluster_.*\.cluster_identifier\}$/);
    expect(target.depends_on).toHaveLength(3);
    const [policy] = valuesOf(json, "aws_appautoscaling_policy");
    expect(policy).toMatchObject({
      policy_type: "TargetTrackingScaling",
      target_tracking_scaling_policy_configuration: {
        predefined_metric_specification: { predefined_metric_type: "RDSReaderAverageCPUUtilization" },
        target_value: 70,
      },
    });
    expect(valuesOf(synth({ readers: 2 }), "aws_appautoscaling_target")).toEqual([]);
  });

  it("fails when maxReaders is below the readers or above 15, or the CPU target is out of 10-90", () => {
    const problems = validationError(() =>
      synth({ readers: 3, readerAutoscaling: { maxReaders: 2, targetCpuPercent: 95 } }),
    ).problems.map((p) => [p.prop, p.received]);
    expect(problems).toEqual([
      ["readerAutoscaling.maxReaders", 2],
      ["readerAutoscaling.targetCpuPercent", 95],
    ]);
  });

  it("shares the base's subnet and instance class checks", () => {
    expect(reported(() => synth({ subnetIds: ["subnet-1"], instanceClass: "serverless" }))).toEqual([
      ["subnetIds", ["subnet-1"]],
      ["instanceClass", "serverless"],
    ]);
    expect(() => synth({ instanceClass: "db.serverless" })).not.toThrow();
  });
});
