import { budgetAlerts } from "../rules/tagging-cost/budget-alerts";
import { budgetPerEnvironment } from "../rules/tagging-cost/budget-per-environment";
import { ebsGp3 } from "../rules/tagging-cost/ebs-gp3";
import { environmentTag } from "../rules/tagging-cost/environment-tag";
import { logGroupRetention } from "../rules/tagging-cost/log-group-retention";
import { requiredTags } from "../rules/tagging-cost/required-tags";
import { s3AbortIncompleteUploads } from "../rules/tagging-cost/s3-abort-incomplete-uploads";
import type { Pack } from "../types";

/** Seed 003's cost-allocation tags, a budget per environment, bounded log storage. */
export const TAGGING_COST_PACK: Pack = {
  name: "tagging-cost",
  description:
    "Environment/Service/Team/CostCenter tags (seed 003), a monthly budget per environment, bounded log retention",
  rules: [
    {
      scope: "stack",
      check: requiredTags,
      id: "TAG-REQUIRED",
      severity: "error",
      title: "Taggable resources carry Environment, Service, Team and CostCenter",
      why: "Cost allocation, budgets and ownership all key on these tags; an untagged resource is a cost nobody owns.",
      fix:
        "Set the four tags once in the AWS provider's defaultTags (new AwsProvider(stack, id, { defaultTags: " +
        "[{ tags: {...} }] }); this repository's BaseStack does) or on the resource's own tags.",
    },
    {
      scope: "stack",
      check: environmentTag,
      id: "TAG-ENVIRONMENT-MATCH",
      severity: "error",
      title: "The Environment tag names the stack's environment",
      why: "Budgets filter on user:Environment; a wrong value bills one environment's spend to another.",
      fix:
        "Set Environment in the AWS provider's defaultTags to the stack's environment (checkApp " +
        "context.environment; this repository's BaseStack uses the environment's name); do not override it on " +
        "resources.",
    },
    {
      scope: "app",
      check: budgetPerEnvironment,
      id: "COST-BUDGET",
      severity: "error",
      title: "Each environment has a monthly budget in its bootstrap stack, filtered on its Environment tag",
      why: "Seed 003: a runaway cost is noticed by an alert, not by the invoice.",
      fix:
        "Add a MonthlyBudget (@plataforma/infra/constructs/monitoring) named <project>-<env>-monthly with " +
        'costTag { key: "Environment", value: <env> } to the stack checkApp context.budgetStack names (context ' +
        "also needs project and environment); this repository's BootstrapStack builds it from " +
        "environments/<env>.ts budget.",
    },
    {
      scope: "stack",
      check: budgetAlerts,
      id: "COST-BUDGET-ALERTS",
      severity: "error",
      title: "Budgets notify someone on actual spend",
      why: "A budget with no subscriber is a number nobody sees.",
      fix: "Add a notification with notification_type ACTUAL, a threshold <= 100% and subscriber_email_addresses.",
    },
    {
      scope: "stack",
      check: logGroupRetention,
      id: "COST-LOG-RETENTION",
      severity: "error",
      title: "Log groups expire their events",
      why:
        "Never-expiring logs grow storage cost forever and keep personal data longer than needed (LGPD " +
        "minimisation).",
      fix: "Set retention_in_days (any positive value; SEC-LOG-RETENTION-AUDIT sets the production minimum).",
      checkov: ["CKV_AWS_66"],
    },
    {
      scope: "stack",
      check: ebsGp3,
      id: "COST-EBS-GP3",
      severity: "warning",
      title: "EBS volumes use gp3",
      why: "gp3 costs about 20% less than gp2 and decouples IOPS from size.",
      fix: 'Set volume_type / type = "gp3".',
    },
    // Guardrail coverage (issue 18).
    {
      scope: "stack",
      check: s3AbortIncompleteUploads,
      id: "COST-S3-ABORT-INCOMPLETE-UPLOADS",
      severity: "error",
      title: "S3 lifecycles abort incomplete multipart uploads",
      why: "Parts of abandoned uploads are billed as storage forever and never appear in object listings.",
      fix:
        "Add a lifecycle rule with abort_incomplete_multipart_upload { days_after_initiation = 7 } " +
        "(status Enabled).",
      checkov: ["CKV_AWS_300"],
    },
  ],
};
