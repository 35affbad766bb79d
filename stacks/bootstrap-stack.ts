import { DataAwsSecretsmanagerSecretVersion } from "@cdktf/provider-aws/lib/data-aws-secretsmanager-secret-version";
import { LocalBackend, TerraformOutput } from "cdktf";
import type { Construct } from "constructs";
import { AlarmTopics } from "../constructs/monitoring/alarm-topics";
import { AuditTrail } from "../constructs/monitoring/audit-trail";
import type { AlarmSeverity } from "../constructs/monitoring/monitoring-settings";
import { MonthlyBudget } from "../constructs/monitoring/monthly-budget";
import { CHATBOT_API_REGION, SlackAlarmChannel } from "../constructs/monitoring/slack-alarm-channel";
import { ThreatDetection } from "../constructs/monitoring/threat-detection";
import type { AccessLoggingExemption } from "../constructs/policy/bucket-access-logging";
import { StateBucket } from "../constructs/state/state-bucket";
import type { EnvironmentConfig } from "../environments/schema";
import {
  activeDrRegion,
  alarmChannelName,
  alarmTopicKeyAlias,
  alarmTopicName,
  auditTrailName,
  bootstrapStackName,
  budgetName,
  environmentPrefix,
  localStatePath,
  stateBucketName,
  stateRegion,
  stateReplicaBucketName,
} from "../naming/derived";
import { BaseStack } from "./base-stack";
import { alarmRegions, alarmTopicArn, topicSeverities } from "./monitoring";
import { AUDIT_METRIC_NAMESPACE } from "./organisation";
import type { StackSettings } from "./settings";

/**
 * Why the state buckets (source and replica) have no access logs yet: this stack creates the
 * account's first buckets, before any log-archive bucket exists. Reviewed again by the date.
 */
const STATE_ACCESS_LOGGING_EXEMPTION: AccessLoggingExemption = {
  reason:
    "The bootstrap stack creates the account's first bucket, so no log-archive bucket exists to receive " +
    "access logs; every state write is kept as a version for a year. " +
    "Add aws_s3_bucket_logging once the log-archive bucket exists.",
  expires: "2027-06-30",
};

/** Why the trail bucket has no access logs yet (see {@link STATE_ACCESS_LOGGING_EXEMPTION}). */
const TRAIL_ACCESS_LOGGING_EXEMPTION: AccessLoggingExemption = {
  reason:
    "The trail bucket is created with the account's first stack, before any log-archive bucket exists; " +
    "CloudTrail log file validation proves every object unchanged. Add access logging with the log archive.",
  expires: "2027-06-30",
};

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
 * It also holds what the account's other stacks report to: each environment's alarm
 * topics in every region it alarms in (they exist before any alarm that notifies them).
 */
export class BootstrapStack extends BaseStack {
  /** The account's state bucket and its key. */
  readonly stateBucket: StateBucket;
  /** The account's multi-region trail and its CIS alarms. */
  readonly auditTrail: AuditTrail;

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
      accessLoggingExemption: STATE_ACCESS_LOGGING_EXEMPTION,
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
    for (const env of props.envs) this.alarmTopics(env);
    this.auditTrail = this.addAuditTrail(props.envs);
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
      accessLoggingExemption: STATE_ACCESS_LOGGING_EXEMPTION,
    };
  }

  /** Alarm topics of `env`, one set per region its alarms live in, and their subscribers. */
  private alarmTopics(env: EnvironmentConfig): Readonly<Record<string, AlarmTopics>> {
    const severities = topicSeverities(env);
    const subscribers = env.monitoring.subscribers;
    const pager = this.pagerEndpoint(env);
    const byRegion: Record<string, AlarmTopics> = {};
    for (const region of alarmRegions(env)) {
      byRegion[region] = new AlarmTopics(this, `alarm-topics-${env.name}-${region}`, {
        topicNames: Object.fromEntries(severities.map((s) => [s, alarmTopicName(env, s)])),
        keyAlias: alarmTopicKeyAlias(env, region),
        accountId: env.account.id,
        region,
        provider: this.awsIn(region),
        subscribers: Object.fromEntries(
          severities.map((s: AlarmSeverity) => [
            s,
            { emails: subscribers[s].emails, httpsEndpoint: s === "critical" ? pager : undefined },
          ]),
        ),
      });
    }
    const slack = env.monitoring.slack;
    if (slack) {
      new SlackAlarmChannel(this, `slack-${env.name}`, {
        name: alarmChannelName(env),
        accountId: env.account.id,
        slackTeamId: slack.teamId,
        slackChannelId: slack.channelId,
        topicArns: Object.values(byRegion).flatMap((t) => Object.values(t.topics).map((topic) => topic.arn)),
        provider: this.awsIn(CHATBOT_API_REGION),
      });
    }
    return byRegion;
  }

  /**
   * The pager's HTTPS endpoint: read from its Secrets Manager secret by Terraform, so the
   * URL is in no file of this repository. Offline no data source may call AWS, so the plan
   * rehearses with a placeholder on the reserved `.invalid` domain (never applied: offline
   * runs have no credentials).
   */
  private pagerEndpoint(env: EnvironmentConfig): string | undefined {
    const secret = env.monitoring.pagerEndpointSecret;
    if (!env.monitoring.paging || secret === undefined) return undefined;
    if (this.settings.mode === "offline") return `https://pager.invalid/${env.name}`;
    return new DataAwsSecretsmanagerSecretVersion(this, `pager-endpoint-${env.name}`, {
      secretId: secret,
      provider: this.awsIn(env.primaryRegion),
    }).secretString;
  }

  /**
   * The account's audit trail (one multi-region trail in the state region), and GuardDuty
   * plus IAM Access Analyzer in every region any of the account's environments uses.
   * CIS alarms notify the first environment's critical topic in the trail's region.
   */
  private addAuditTrail(envs: readonly EnvironmentConfig[]): AuditTrail {
    const first = envs[0];
    const name = auditTrailName(first);
    const trail = new AuditTrail(this, "audit-trail", {
      name,
      bucketName: `${name}-${first.account.id}`,
      accountId: first.account.id,
      region: this.region,
      alarmTopicArn: alarmTopicArn(first, "critical", this.region),
      runbookBaseUrl: first.monitoring.runbookBaseUrl,
      metricNamespace: AUDIT_METRIC_NAMESPACE,
      accessLoggingExemption: TRAIL_ACCESS_LOGGING_EXEMPTION,
    });
    const regions = [...new Set(envs.flatMap((env) => alarmRegions(env)))].sort();
    for (const region of regions) {
      new ThreatDetection(this, `threat-detection-${region}`, {
        analyzerName: `${name}-${region}`,
        provider: this.awsIn(region),
      });
    }
    return trail;
  }
}
