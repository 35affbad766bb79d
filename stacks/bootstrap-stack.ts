import { LocalBackend, TerraformOutput } from "cdktf";
import type { Construct } from "constructs";
import { MonthlyBudget } from "../constructs/monitoring/monthly-budget";
import { StateBucket } from "../constructs/state/state-bucket";
import type { EnvironmentConfig } from "../environments/schema";
import { bootstrapStackName, stateBucketName, stateRegion } from "./naming";
import { PlatformStack } from "./platform-stack";
import type { StackSettings } from "./settings";

/** Properties of {@link BootstrapStack}. */
export interface BootstrapStackProps {
  /** Every environment deployed to this account (all share its state bucket). */
  readonly envs: readonly EnvironmentConfig[];
  readonly settings: StackSettings;
}

/**
 * `bootstrap-<account>`: the account's state bucket and KMS key, plus each environment's
 * monthly budget. It keeps a local backend in both modes: it creates the bucket the
 * other backends need (after the first apply, `terraform init -migrate-state` can move it).
 */
export class BootstrapStack extends PlatformStack {
  readonly stateBucket: StateBucket;

  constructor(scope: Construct, props: BootstrapStackProps) {
    const first = props.envs[0];
    const name = bootstrapStackName(first);
    super(scope, name, { env: first, region: stateRegion(first), settings: props.settings, service: "bootstrap" });
    new LocalBackend(this, { path: `terraform.${name}.tfstate` });
    this.stateBucket = new StateBucket(this, "state", { bucketName: stateBucketName(first), accountId: first.account.id });
    for (const env of props.envs) {
      new MonthlyBudget(this, `budget-${env.name}`, {
        name: `${env.project}-${env.name}-monthly`,
        limitUsd: env.budget.monthlyLimitUsd,
        thresholdsPercent: env.budget.alertThresholdsPercent,
        emails: env.budget.notifyEmails,
        costTag: { key: "Environment", value: env.name },
      });
    }
    new TerraformOutput(this, "state_bucket", { value: this.stateBucket.bucket.bucket, description: "Terraform state bucket" });
    new TerraformOutput(this, "state_key_arn", { value: this.stateBucket.key.key.arn, description: "KMS key encrypting state" });
  }
}
