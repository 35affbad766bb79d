import { AwsProvider } from "@cdktf/provider-aws/lib/provider";
import { Testing } from "cdktf";
import type { Construct } from "constructs";
import { BACKUP_SERVICE_POLICY_ARNS, BackupPlan, type BackupPlanProps } from "../../../constructs/backup/backup-plan";
import { BackupVault, type BackupVaultProps } from "../../../constructs/backup/backup-vault";
import { resourcesOf, type StackJson, valuesOf } from "../../helpers";
import { reported } from "../fixtures";

const ACCOUNT = "123456789012";
const vaultBase: BackupVaultProps = {
  name: "acme-prod-sa-east-1",
  accountId: ACCOUNT,
  lockMode: "governance",
  minRetentionDays: 35,
};

function synth(build: (scope: Construct) => void): StackJson {
  return JSON.parse(Testing.synthScope(build)) as StackJson;
}

function synthPlan(props: Partial<BackupPlanProps> = {}): StackJson {
  return synth((scope) => {
    const vault = new BackupVault(scope, "vault", vaultBase);
    new BackupPlan(scope, "plan", {
      name: "acme-prod-sa-east-1",
      accountId: ACCOUNT,
      vault,
      resources: { database: "arn:aws:rds:sa-east-1:123456789012:cluster:db", "state-bucket": "arn:aws:s3:::state" },
      ...props,
    });
  });
}

describe("BackupVault", () => {
  it("governance: its own rotating key, prevent_destroy, a lock without changeable_for_days, no access policy", () => {
    const json = synth((scope) => new BackupVault(scope, "vault", vaultBase));
    const [vault] = valuesOf(json, "aws_backup_vault");
    expect(vault).toMatchObject({
      name: "acme-prod-sa-east-1",
      force_destroy: false,
      lifecycle: { prevent_destroy: true },
    });
    expect(String(vault.kms_key_arn)).toMatch(/aws_kms_key\.vault_key_/);
    expect(valuesOf(json, "aws_kms_key")[0]).toMatchObject({ enable_key_rotation: true });
    const [lock] = valuesOf(json, "aws_backup_vault_lock_configuration");
    expect(lock).toMatchObject({ min_retention_days: 35, max_retention_days: 3650 });
    expect(lock.changeable_for_days).toBeUndefined();
    expect(valuesOf(json, "aws_backup_vault_policy")).toEqual([]);
  });

  it("compliance: the lock sets changeable_for_days (3), which makes it permanent after the grace period", () => {
    const json = synth((scope) => new BackupVault(scope, "vault", { ...vaultBase, lockMode: "compliance" }));
    expect(valuesOf(json, "aws_backup_vault_lock_configuration")[0].changeable_for_days).toBe(3);
  });

  it("copySourceAccountIds: a vault policy allowing only backup:CopyIntoBackupVault from those accounts", () => {
    const json = synth(
      (scope) => new BackupVault(scope, "vault", { ...vaultBase, copySourceAccountIds: ["111111111111"] }),
    );
    const [policy] = valuesOf(json, "aws_backup_vault_policy");
    expect(JSON.parse(policy.policy as string).Statement).toEqual([
      {
        Sid: "CopyFromSourceAccounts",
        Effect: "Allow",
        Principal: { AWS: ["arn:aws:iam::111111111111:root"] },
        Action: "backup:CopyIntoBackupVault",
        Resource: "*",
      },
    ]);
  });

  it("places vault, lock and key in the provider's region", () => {
    const json = synth((scope) => {
      const provider = new AwsProvider(scope, "dr", { region: "us-east-1", alias: "dr" });
      new BackupVault(scope, "vault", { ...vaultBase, provider });
    });
    for (const type of ["aws_backup_vault", "aws_backup_vault_lock_configuration", "aws_kms_key"]) {
      expect(valuesOf(json, type)[0].provider).toBe("aws.dr");
    }
  });

  it("fails when the name or the minimum retention is invalid", () => {
    expect(
      reported(() =>
        Testing.synthScope((s) => new BackupVault(s, "v", { ...vaultBase, name: "a b", minRetentionDays: 0 })),
      ),
    ).toEqual([
      ["name", "a b"],
      ["minRetentionDays", 0],
    ]);
  });
});

describe("BackupPlan", () => {
  it("backs up daily at 05:00 UTC into the vault, keeps 35 days, selects the resources by ARN", () => {
    const json = synthPlan();
    const [plan] = valuesOf(json, "aws_backup_plan");
    expect(plan.rule).toEqual([
      expect.objectContaining({
        rule_name: "daily",
        schedule: "cron(0 5 * * ? *)",
        lifecycle: { delete_after: 35 },
        copy_action: [],
      }),
    ]);
    const [selection] = valuesOf(json, "aws_backup_selection");
    expect(selection.resources).toEqual(["arn:aws:rds:sa-east-1:123456789012:cluster:db", "arn:aws:s3:::state"]);
    expect(valuesOf(json, "aws_backup_restore_testing_plan")).toEqual([]);
  });

  it("runs as a role only AWS Backup of this account assumes, with the backup and restore managed policies", () => {
    const json = synthPlan();
    const [role] = valuesOf(json, "aws_iam_role");
    expect(JSON.parse(role.assume_role_policy as string).Statement[0]).toMatchObject({
      Principal: { Service: "backup.amazonaws.com" },
      Condition: { StringEquals: { "aws:SourceAccount": ACCOUNT } },
    });
    expect(valuesOf(json, "aws_iam_role_policy_attachment").map((a) => a.policy_arn)).toEqual([
      ...BACKUP_SERVICE_POLICY_ARNS,
    ]);
  });

  it("copies every recovery point to each copy's vault, sorted by key, with its own retention", () => {
    const json = synthPlan({
      copies: {
        "dr-region": { vaultArn: "arn:aws:backup:us-east-1:123456789012:backup-vault:dr" },
        "backup-account": { vaultArn: "arn:aws:backup:sa-east-1:444444444444:backup-vault:x", retentionDays: 90 },
      },
    });
    const [plan] = valuesOf(json, "aws_backup_plan");
    expect((plan.rule as { copy_action: unknown[] }[])[0].copy_action).toEqual([
      {
        destination_vault_arn: "arn:aws:backup:sa-east-1:444444444444:backup-vault:x",
        lifecycle: { delete_after: 90 },
      },
      {
        destination_vault_arn: "arn:aws:backup:us-east-1:123456789012:backup-vault:dr",
        lifecycle: { delete_after: 35 },
      },
    ]);
  });

  it("restoreTesting: a weekly plan over the vault's latest snapshots and a selection of the resources", () => {
    const json = synthPlan({
      restoreTesting: { resourceType: "Aurora", resourceArns: ["arn:aws:rds:sa-east-1:123456789012:cluster:db"] },
    });
    const [plan] = valuesOf(json, "aws_backup_restore_testing_plan");
    expect(plan).toMatchObject({ name: "acme_prod_sa_east_1", schedule_expression: "cron(0 6 ? * SAT *)" });
    expect(plan.recovery_point_selection).toEqual([
      expect.objectContaining({ algorithm: "LATEST_WITHIN_WINDOW", recovery_point_types: ["SNAPSHOT"] }),
    ]);
    const [selection] = valuesOf(json, "aws_backup_restore_testing_selection");
    expect(selection).toMatchObject({
      protected_resource_type: "Aurora",
      protected_resource_arns: ["arn:aws:rds:sa-east-1:123456789012:cluster:db"],
    });
    expect(Object.keys(resourcesOf(json, "aws_backup_restore_testing_selection"))).toHaveLength(1);
  });

  it("fails when the name, the retention or the resources are invalid", () => {
    expect(reported(() => synthPlan({ name: "Bad Name", retentionDays: 0, resources: {} }))).toEqual([
      ["name", "Bad Name"],
      ["retentionDays", 0],
      ["resources", {}],
    ]);
  });
});
