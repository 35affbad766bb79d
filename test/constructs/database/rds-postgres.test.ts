import { TerraformStack, TerraformVariable, Testing } from "cdktf";
import { RdsPostgres, type RdsPostgresProps } from "../../../constructs/database/rds-postgres";
import { valuesOf } from "../../helpers";
import { reported, synthWith, validationError } from "../fixtures";

const base = {
  name: "plataforma-dev-sa-east-1",
  accountId: "123456789012",
  subnetIds: ["subnet-1", "subnet-2"],
  instanceClass: "db.t4g.micro",
  engineVersion: "16.6",
  multiAz: false,
  backupRetentionDays: 7,
};

function synth(props: Partial<RdsPostgresProps> = {}) {
  return synthWith(
    (f) =>
      new RdsPostgres(f.scope, "db", {
        ...base,
        securityGroup: f.securityGroup,
        key: f.key,
        logKey: f.logKey,
        ...props,
      }),
  );
}

describe("RdsPostgres", () => {
  it(
    "defaults: encrypted gp3, RDS-managed master password, PI, 60 s monitoring, deletion protection, final snapshot, " +
      "prevent_destroy",
    () => {
      const json = synth();
      const [db] = valuesOf(json, "aws_db_instance");
      expect(db).toMatchObject({
        engine: "postgres",
        storage_type: "gp3",
        allocated_storage: 100,
        max_allocated_storage: 1000,
        storage_encrypted: true,
        manage_master_user_password: true,
        iam_database_authentication_enabled: true,
        publicly_accessible: false,
        backup_retention_period: 7,
        backup_window: "03:00-04:00",
        maintenance_window: "sun:04:00-sun:05:00",
        deletion_protection: true,
        skip_final_snapshot: false,
        final_snapshot_identifier: "plataforma-dev-sa-east-1-final",
        copy_tags_to_snapshot: true,
        delete_automated_backups: false,
        performance_insights_enabled: true,
        performance_insights_retention_period: 7,
        monitoring_interval: 60,
        enabled_cloudwatch_logs_exports: ["postgresql"],
      });
      expect(db.password).toBeUndefined();
      expect(String(db.kms_key_id)).toMatch(/aws_kms_key\.key/);
      expect(String(db.master_user_secret_kms_key_id)).toMatch(/aws_kms_key\.key/);
      expect(String(db.performance_insights_kms_key_id)).toMatch(/aws_kms_key\.key/);
      expect((db.lifecycle as { prevent_destroy: boolean }).prevent_destroy).toBe(true);
    },
  );

  it("names the master user neutrally unless told (the stacks pass this organisation's)", () => {
    expect(valuesOf(synth(), "aws_db_instance")[0]?.username).toBe("dbadmin");
    expect(valuesOf(synth({ masterUsername: "acme_admin" }), "aws_db_instance")[0]?.username).toBe("acme_admin");
  });

  it("forces TLS and logs DDL, slow statements (1 s) and connections in the engine family's parameter group", () => {
    const [group] = valuesOf(synth(), "aws_db_parameter_group");
    expect(group.family).toBe("postgres16");
    expect(group.parameter).toEqual([
      { name: "rds.force_ssl", value: "1", apply_method: "pending-reboot" },
      { name: "log_statement", value: "ddl", apply_method: "immediate" },
      { name: "log_min_duration_statement", value: "1000", apply_method: "immediate" },
      { name: "log_connections", value: "1", apply_method: "immediate" },
      { name: "log_disconnections", value: "1", apply_method: "immediate" },
    ]);
  });

  it("slowStatementMs sets log_min_duration_statement (-1 turns it off)", () => {
    const [group] = valuesOf(synth({ slowStatementMs: -1 }), "aws_db_parameter_group");
    expect(group.parameter).toContainEqual({
      name: "log_min_duration_statement",
      value: "-1",
      apply_method: "immediate",
    });
  });

  it("fails when slowStatementMs is not a whole number of milliseconds from -1", () => {
    expect(() => synth({ slowStatementMs: -5 })).toThrow(/slowStatementMs: must be a whole number.*\(received: -5\)/);
  });

  it("creates KMS-encrypted log groups before the instance and the Enhanced Monitoring role", () => {
    const json = synth();
    const [logs] = valuesOf(json, "aws_cloudwatch_log_group");
    expect(logs).toMatchObject({
      name: "/aws/rds/instance/plataforma-dev-sa-east-1/postgresql",
      retention_in_days: 90,
    });
    expect(String(logs.kms_key_id)).toMatch(/aws_kms_key\.log-key/);
    expect(valuesOf(json, "aws_iam_role_policy_attachment")[0].policy_arn).toBe(
      "arn:aws:iam::aws:policy/service-role/AmazonRDSEnhancedMonitoringRole",
    );
    expect(JSON.parse(String(valuesOf(json, "aws_iam_role")[0].assume_role_policy)).Statement[0].Principal).toEqual({
      Service: "monitoring.rds.amazonaws.com",
    });
  });

  it("options: Multi-AZ, windows, retention, no monitoring role at interval 0", () => {
    const json = synth({
      multiAz: true,
      backupRetentionDays: 35,
      monitoringIntervalSeconds: 0,
      backupWindow: "01:00-02:00",
      performanceInsightsRetentionDays: 93,
    });
    expect(valuesOf(json, "aws_db_instance")[0]).toMatchObject({
      multi_az: true,
      backup_retention_period: 35,
      monitoring_interval: 0,
      backup_window: "01:00-02:00",
      performance_insights_retention_period: 93,
    });
    expect(valuesOf(json, "aws_iam_role")).toEqual([]);
  });

  it(
    "fails, listing every problem with the construct path, " + "for retention 0, a bad interval and a bad PI retention",
    () => {
      const error = validationError(() =>
        synth({ backupRetentionDays: 0, monitoringIntervalSeconds: 7, performanceInsightsRetentionDays: 8 }),
      );
      expect(error.constructPath).toBe("stack/db");
      expect(error.problems.map((p) => [p.prop, p.received])).toEqual([
        ["backupRetentionDays", 0],
        ["monitoringIntervalSeconds", 7],
        ["performanceInsightsRetentionDays", 8],
      ]);
      expect(error.message).toMatch(/backupRetentionDays: must be 1-35 \(0 would turn off backups/);
    },
  );

  it("fails when the name is not an RDS identifier", () => {
    expect(() => synth({ name: "Plataforma_Dev" })).toThrow(/name: must be 1-63 lowercase letters.*"Plataforma_Dev"/);
  });

  it("fails when storage autoscaling would shrink below the allocation", () => {
    expect(() => synth({ allocatedStorageGb: 500, maxAllocatedStorageGb: 200 })).toThrow(
      /maxAllocatedStorageGb: is below allocatedStorageGb 500.*\(received: 200\)\. Fix: raise it to at least 500/,
    );
  });

  it("fails when the subnets cannot form a DB subnet group over two zones", () => {
    expect(reported(() => synth({ subnetIds: [] }))).toEqual([["subnetIds", []]]);
    expect(reported(() => synth({ subnetIds: ["subnet-1"] }))).toEqual([["subnetIds", ["subnet-1"]]]);
  });

  it("accepts another stack's subnet ids given as one list token", () => {
    const json = synthWith((f) => {
      const subnets = new TerraformVariable(f.scope, "subnets", { type: "list(string)" }).listValue;
      new RdsPostgres(f.scope, "db", {
        ...base,
        subnetIds: subnets,
        securityGroup: f.securityGroup,
        key: f.key,
        logKey: f.logKey,
      });
    });
    expect(valuesOf(json, "aws_db_subnet_group")[0].subnet_ids).toBe("${var.subnets}");
  });

  it("fails when the instance class is not an RDS one (db. prefix) or the account id is not 12 digits", () => {
    expect(reported(() => synth({ instanceClass: "m7g.large", accountId: "123" }))).toEqual([
      ["instanceClass", "m7g.large"],
      ["accountId", "123"],
    ]);
    expect(validationError(() => synth({ instanceClass: "large" })).problems[0].fix).toBe(
      'use e.g. "db.m7g.large" (not the EC2 name "m7g.large")',
    );
  });

  it("fails when allocated storage is outside gp3's 20-65536 GiB, or the autoscaling ceiling above it", () => {
    expect(reported(() => synth({ allocatedStorageGb: 5 }))).toEqual([["allocatedStorageGb", 5]]);
    expect(reported(() => synth({ allocatedStorageGb: 19.5 }))).toEqual([["allocatedStorageGb", 19.5]]);
    expect(reported(() => synth({ allocatedStorageGb: 70000, maxAllocatedStorageGb: 70000 }))).toEqual([
      ["allocatedStorageGb", 70000],
      ["maxAllocatedStorageGb", 70000],
    ]);
    const json = synth({ allocatedStorageGb: 20, maxAllocatedStorageGb: 65536 });
    expect(valuesOf(json, "aws_db_instance")[0]).toMatchObject({ allocated_storage: 20, max_allocated_storage: 65536 });
  });

  it("reports missing security group and keys (plain JavaScript callers) instead of a TypeError", () => {
    const error = validationError(
      () =>
        new RdsPostgres(new TerraformStack(Testing.app(), "stack"), "db", { ...base } as unknown as RdsPostgresProps),
    );
    expect(error.problems.map((p) => [p.prop, p.message])).toEqual([
      ["securityGroup", "is required"],
      ["key", "is required"],
      ["logKey", "is required"],
    ]);
  });
});
