import { BackupPlan as AwsBackupPlan } from "@cdktf/provider-aws/lib/backup-plan";
import { BackupRestoreTestingPlan } from "@cdktf/provider-aws/lib/backup-restore-testing-plan";
import { BackupRestoreTestingSelection } from "@cdktf/provider-aws/lib/backup-restore-testing-selection";
import { BackupSelection } from "@cdktf/provider-aws/lib/backup-selection";
import { IamRole } from "@cdktf/provider-aws/lib/iam-role";
import { IamRolePolicyAttachment } from "@cdktf/provider-aws/lib/iam-role-policy-attachment";
import { Construct } from "constructs";
import { type PropProblem, throwIfInvalid } from "../core/validation";
import { serviceTrustPolicy } from "../iam/policy-document";
import { DEFAULT_BACKUP_RETENTION_DAYS, DEFAULT_BACKUP_SCHEDULE } from "./backup-settings";
import type { BackupVault } from "./backup-vault";

/** AWS managed policies AWS Backup needs to back up and restore databases and S3 buckets. */
export const BACKUP_SERVICE_POLICY_ARNS = [
  "arn:aws:iam::aws:policy/service-role/AWSBackupServiceRolePolicyForBackup",
  "arn:aws:iam::aws:policy/service-role/AWSBackupServiceRolePolicyForRestores",
  "arn:aws:iam::aws:policy/AWSBackupServiceRolePolicyForS3Backup",
  "arn:aws:iam::aws:policy/AWSBackupServiceRolePolicyForS3Restore",
] as const;

/** A copy of every recovery point in another vault (another region or account). */
export interface BackupCopy {
  /** ARN of the destination vault. */
  readonly vaultArn: string;
  /** Days the copy is kept. @default - the plan's retention */
  readonly retentionDays?: number;
}

/** A weekly restore test of the newest recovery points of some resources. */
export interface RestoreTesting {
  /** AWS Backup resource type of the tested resources: `Aurora`, `RDS`, `S3`... */
  readonly resourceType: string;
  /** ARNs of the resources whose recovery points get restored. */
  readonly resourceArns: readonly string[];
  /** @default "cron(0 6 ? * SAT *)" (Saturday morning, UTC) */
  readonly schedule?: string;
}

/** Properties of {@link BackupPlan}. */
export interface BackupPlanProps {
  /** Name of the plan, its role (`<name>-backup`) and selections; letters, digits, dashes. */
  readonly name: string;
  readonly accountId: string;
  /** Where recovery points land. */
  readonly vault: BackupVault;
  /** What to back up: resource ARNs keyed by a stable name (`database`, `state-bucket`). */
  readonly resources: Readonly<Record<string, string>>;
  /** @default 35 */
  readonly retentionDays?: number;
  /** @default "cron(0 5 * * ? *)" (daily, 05:00 UTC) */
  readonly schedule?: string;
  /** Copies of every recovery point, keyed by a stable name (`dr-region`, `backup-account`). @default - none */
  readonly copies?: Readonly<Record<string, BackupCopy>>;
  /** A restore-testing plan that restores the newest recovery points weekly. @default - none */
  readonly restoreTesting?: RestoreTesting;
}

/**
 * A daily AWS Backup plan into a locked {@link BackupVault}, with copies to other vaults
 * (the DR region; a separate account), the selection of resources by ARN, the service role,
 * and optionally a restore-testing plan proving the recovery points restore.
 *
 * @example
 * ```ts
 * import { BackupPlan, type BackupVault } from "@plataforma/infra/constructs/backup";
 *
 * declare const vault: BackupVault;
 * declare const drVault: BackupVault; // a locked vault in the DR region
 *
 * new BackupPlan(stack, "plan", {
 *   name: "orders-production-sa-east-1",
 *   accountId: "123456789012",
 *   vault,
 *   resources: { database: "arn:aws:rds:sa-east-1:123456789012:cluster:orders-production" },
 *   retentionDays: 35,
 *   copies: { "dr-region": { vaultArn: drVault.vault.arn } },
 * });
 * ```
 */
export class BackupPlan extends Construct {
  /** The plan. */
  readonly plan: AwsBackupPlan;
  /** The role AWS Backup assumes to back up and restore. */
  readonly role: IamRole;
  /** The restore-testing plan, when asked for. */
  readonly restoreTestingPlan?: BackupRestoreTestingPlan;

  constructor(scope: Construct, id: string, props: BackupPlanProps) {
    super(scope, id);
    const retention = props.retentionDays ?? DEFAULT_BACKUP_RETENTION_DAYS;
    const problems: PropProblem[] = [];
    if (!/^[a-z][a-z0-9-]{1,50}$/.test(props.name)) {
      problems.push({
        prop: "name",
        message: "must be 2-51 lowercase letters, digits and dashes, starting with a letter",
        received: props.name,
        fix: 'use e.g. "orders-production-sa-east-1"',
      });
    }
    if (!Number.isInteger(retention) || retention < 1) {
      problems.push({
        prop: "retentionDays",
        message: "must be a whole number of days",
        received: retention,
        fix: "use 35",
      });
    }
    if (Object.keys(props.resources).length === 0) {
      problems.push({
        prop: "resources",
        message: "is empty; a plan without resources backs up nothing",
        received: props.resources,
        fix: "pass the ARNs of the databases and buckets to protect",
      });
    }
    throwIfInvalid(this, problems);
    this.role = new IamRole(this, "role", {
      name: `${props.name}-backup`,
      assumeRolePolicy: serviceTrustPolicy("backup.amazonaws.com", props.accountId),
    });
    for (const [i, arn] of BACKUP_SERVICE_POLICY_ARNS.entries()) {
      new IamRolePolicyAttachment(this, `policy-${i}`, { role: this.role.name, policyArn: arn });
    }
    this.plan = new AwsBackupPlan(this, "plan", {
      name: props.name,
      rule: [
        {
          ruleName: "daily",
          targetVaultName: props.vault.vault.name,
          schedule: props.schedule ?? DEFAULT_BACKUP_SCHEDULE,
          startWindow: 60,
          completionWindow: 480,
          lifecycle: { deleteAfter: retention },
          copyAction: Object.keys(props.copies ?? {})
            .sort()
            .map((key) => {
              const copy = props.copies![key];
              return {
                destinationVaultArn: copy.vaultArn,
                lifecycle: { deleteAfter: copy.retentionDays ?? retention },
              };
            }),
        },
      ],
    });
    new BackupSelection(this, "selection", {
      name: props.name,
      planId: this.plan.id,
      iamRoleArn: this.role.arn,
      resources: Object.keys(props.resources)
        .sort()
        .map((key) => props.resources[key]),
    });
    if (props.restoreTesting) this.restoreTestingPlan = this.addRestoreTesting(props, props.restoreTesting);
  }

  private addRestoreTesting(props: BackupPlanProps, testing: RestoreTesting): BackupRestoreTestingPlan {
    // Restore-testing names take letters, digits and underscores only.
    const name = props.name.replace(/-/g, "_");
    const plan = new BackupRestoreTestingPlan(this, "restore-testing", {
      name,
      scheduleExpression: testing.schedule ?? "cron(0 6 ? * SAT *)",
      startWindowHours: 24,
      recoveryPointSelection: [
        {
          algorithm: "LATEST_WITHIN_WINDOW",
          includeVaults: [props.vault.vault.arn],
          recoveryPointTypes: ["SNAPSHOT"],
          selectionWindowDays: 7,
        },
      ],
    });
    new BackupRestoreTestingSelection(this, "restore-testing-selection", {
      name: `${name}_${testing.resourceType.toLowerCase()}`,
      restoreTestingPlanName: plan.name,
      protectedResourceType: testing.resourceType,
      protectedResourceArns: [...testing.resourceArns],
      iamRoleArn: this.role.arn,
      // Restored copies are deleted this many hours after validation starts.
      validationWindowHours: 4,
    });
    return plan;
  }
}
