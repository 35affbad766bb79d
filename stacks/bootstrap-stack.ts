import { LocalBackend, TerraformOutput } from "cdktf";
import type { Construct } from "constructs";
import { MonthlyBudget } from "../constructs/monitoring/monthly-budget";
import { StateBucket } from "../constructs/state/state-bucket";
import type { EnvironmentConfig } from "../environments/schema";
import {
  activeDrRegion,
  bootstrapStackName,
  budgetName,
  environmentPrefix,
  localStatePath,
  stateBucketName,
  stateRegion,
  stateReplicaBucketName,
} from "../naming/derived";
import { BaseStack } from "./base-stack";
import type { StackSettings } from "./settings";

/** Properties of {@link BootstrapStack}. */
export interface BootstrapStackProps {
  /** Every environment deployed to this account (all share its state bucket). */
  readonly envs: readonly EnvironmentConfig[];
  /** Mode of this synth run. */
  readonly settings: StackSettings;
}

/**
 * `bootstrap-<account>`: the account's state bucket and KMS key, plus each environment's
 * monthly budget. It starts on a local backend (it creates the bucket every other backend
 * needs); once applied, set `state.bootstrapMigrated: true` and run
 * `terraform init -migrate-state` in its folder to move its state into that bucket.
 */
export class BootstrapStack extends BaseStack {
  /** The account's state bucket and its key. */
  readonly stateBucket: StateBucket;

  constructor(scope: Construct, props: BootstrapStackProps) {
    const first = props.envs[0];
    const name = bootstrapStackName(first);
    super(scope, name, { env: first, region: stateRegion(first), settings: props.settings, service: "bootstrap" });
    if (props.settings.mode === "online" && first.state.bootstrapMigrated) this.useBackend(name);
    else new LocalBackend(this, { path: localStatePath(name) });
    this.stateBucket = new StateBucket(this, "state", {
      bucketName: stateBucketName(first),
      accountId: first.account.id,
      replica: this.stateReplica(first),
    });
    for (const env of props.envs) {
      new MonthlyBudget(this, `budget-${env.name}`, {
        name: budgetName(env),
        limitUsd: env.budget.monthlyLimitUsd,
        thresholdsPercent: env.budget.alertThresholdsPercent,
        emails: env.budget.notifyEmails,
        costTag: { key: "Environment", value: env.name },
      });
    }
    new TerraformOutput(this, "state_bucket", {
      value: this.stateBucket.bucket.bucket,
      description: "Terraform state bucket",
    });
    new TerraformOutput(this, "state_key_arn", {
      value: this.stateBucket.key.key.arn,
      description: "KMS key encrypting state",
    });
  }

  /**
   * Where state survives the loss of its region: the DR region of the account's first
   * environment, when it has one (the replica is a state bucket just like the source).
   */
  private stateReplica(env: EnvironmentConfig) {
    const region = activeDrRegion(env);
    const source = stateRegion(env);
    if (!region || region === source) return undefined;
    return {
      bucketName: stateReplicaBucketName(env),
      sourceRegion: source,
      provider: this.awsIn(region),
      roleName: `${environmentPrefix(env)}-tfstate-replication`,
    };
  }
}
