import { backupCoverage } from "../rules/data-protection/backup-coverage";
import { elasticacheFinalSnapshot } from "../rules/data-protection/elasticache-final-snapshot";
import { kmsDeletionWindow } from "../rules/data-protection/kms-deletion-window";
import { planStatefulDestroy } from "../rules/data-protection/plan-stateful-destroy";
import { preventDestroy } from "../rules/data-protection/prevent-destroy";
import { rdsCopyTagsToSnapshot } from "../rules/data-protection/rds-copy-tags-to-snapshot";
import { rdsFinalSnapshot } from "../rules/data-protection/rds-final-snapshot";
import { rdsStatementLogging } from "../rules/data-protection/rds-statement-logging";
import { s3AccessLogging } from "../rules/data-protection/s3-access-logging";
import { s3ForceDestroy } from "../rules/data-protection/s3-force-destroy";
import { s3Replication } from "../rules/data-protection/s3-replication";
import { s3Versioning } from "../rules/data-protection/s3-versioning";
import type { Pack } from "../types";

/** Nothing a user stores may be lost by a refactor or a typo. */
export const DATA_PROTECTION_PACK: Pack = {
  name: "data-protection",
  description: "prevent_destroy and final snapshots on stateful resources, versioning, no force_destroy",
  rules: [
    {
      scope: "stack",
      check: preventDestroy,
      id: "DP-PREVENT-DESTROY",
      severity: "error",
      title: "Stateful resources carry lifecycle.prevent_destroy",
      why:
        "A renamed construct id or a removed stack plans a delete-and-recreate; prevent_destroy makes that " +
        "plan fail instead of losing data.",
      fix: "Set lifecycle: { preventDestroy: true } on the resource; rename through moveTo / moved blocks.",
    },
    {
      scope: "stack",
      check: planStatefulDestroy,
      id: "DP-PLAN-STATEFUL-DESTROY",
      severity: "error",
      title: "Plans delete or replace no stateful resource",
      why:
        "A rename, a changed immutable argument or a removed construct shows up in the plan as delete/replace " +
        "of a database, bucket or key: data loss at apply.",
      fix:
        "Keep the address stable (moveTo / moved block), revert the argument that forces replacement, or " +
        "suppress with a reason when the deletion is intended and backed up.",
    },
    {
      scope: "stack",
      check: rdsFinalSnapshot,
      id: "DP-RDS-FINAL-SNAPSHOT",
      severity: "error",
      title: "Databases take a named final snapshot on deletion",
      why: "The final snapshot is the last copy of the data when a database is deleted on purpose or by mistake.",
      fix: "Leave skip_final_snapshot false and set final_snapshot_identifier (a literal name).",
    },
    {
      scope: "stack",
      check: elasticacheFinalSnapshot,
      id: "DP-ELASTICACHE-FINAL-SNAPSHOT",
      severity: "warning",
      title: "Caches take a final snapshot on deletion",
      why: "Caches holding sessions or queues lose them on deletion without one.",
      fix: "Set final_snapshot_identifier on the replication group.",
    },
    {
      scope: "stack",
      check: s3Versioning,
      id: "DP-S3-VERSIONING",
      severity: "error",
      title: "S3 buckets keep object versions",
      why:
        "Versioning turns an overwrite or delete into something that can be undone, and is required for " +
        "replication.",
      fix:
        'Add aws_s3_bucket_versioning pointing at the bucket with versioning_configuration.status = "Enabled" ' +
        "(and a noncurrent-version expiry lifecycle).",
      checkov: ["CKV_AWS_21"],
      cdkNag: ["NIST.800.53.R5-S3BucketVersioningEnabled"],
    },
    {
      scope: "stack",
      check: s3ForceDestroy,
      id: "DP-S3-FORCE-DESTROY",
      severity: "error",
      title: "S3 buckets do not set force_destroy",
      why: "force_destroy empties the bucket, every version included, when Terraform destroys it.",
      fix: "Remove force_destroy or set it to false.",
    },
    {
      scope: "stack",
      check: kmsDeletionWindow,
      id: "DP-KMS-DELETION-WINDOW",
      severity: "warning",
      title: "KMS keys keep the 30-day deletion window",
      why: "Data encrypted under a deleted key is unrecoverable; the window is the time to notice and cancel.",
      fix: "Leave deletion_window_in_days unset or set it to 30.",
    },
    {
      scope: "stack",
      check: s3AccessLogging,
      id: "DP-S3-ACCESS-LOGGING",
      severity: "warning",
      title: "S3 buckets write server access logs",
      why: "Access logs show who read or changed which object (LGPD audit trail).",
      fix: "Add aws_s3_bucket_logging pointing at the bucket with a target_bucket dedicated to logs.",
      checkov: ["CKV_AWS_18"],
      cdkNag: ["AwsSolutions-S1"],
    },
    // Guardrail coverage (issue 18).
    {
      scope: "stack",
      check: rdsCopyTagsToSnapshot,
      id: "DP-RDS-COPY-TAGS",
      severity: "error",
      title: "Databases copy their tags to snapshots",
      why: "Untagged snapshots escape tag-based backup selection, retention clean-up and cost reports.",
      fix: "Set copy_tags_to_snapshot = true on the instance or cluster.",
      checkov: ["CKV2_AWS_60", "CKV_AWS_313"],
    },
    // Guardrail coverage (issue 18) for the classes issue 16 adds to the estate.
    {
      scope: "stack",
      check: s3Replication,
      id: "DP-S3-REPLICATION",
      severity: "error",
      title: "Buckets that keep data (versioned) replicate to another region, beyond development",
      why: "A regional outage or a deleted bucket loses every object when one region holds the only copy.",
      fix:
        "Add an aws_s3_bucket_replication_configuration with an Enabled rule to a versioned bucket in the DR " +
        "region (DataBucket's replication prop does); replicas and log targets are exempt.",
    },
    {
      scope: "stack",
      check: rdsStatementLogging,
      id: "DP-RDS-STATEMENT-LOGGING",
      severity: "error",
      title: "PostgreSQL databases log schema and data changes (log_statement ddl, mod or all)",
      why: "Without statement logs nobody can tell who dropped a table or rewrote rows, or when.",
      fix: 'Set log_statement = "ddl" (or "mod") in the instance or cluster parameter group of this stack.',
    },
    {
      scope: "stack",
      check: backupCoverage,
      id: "DP-BACKUP-COVERAGE",
      severity: "error",
      title: "Databases beyond development are in an AWS Backup plan",
      why:
        "Automated RDS backups die with the instance, its key or the account; AWS Backup keeps copies in a vault " +
        "with its own lifecycle and lock.",
      fix:
        "Add an aws_backup_selection in the stack naming the database ARN (or selecting it by tag) " +
        "in a backup plan.",
    },
  ],
};
