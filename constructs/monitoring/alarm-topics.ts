import type { AwsProvider } from "@cdktf/provider-aws/lib/provider";
import { SnsTopic } from "@cdktf/provider-aws/lib/sns-topic";
import { SnsTopicPolicy } from "@cdktf/provider-aws/lib/sns-topic-policy";
import { SnsTopicSubscription } from "@cdktf/provider-aws/lib/sns-topic-subscription";
import { Construct } from "constructs";
import { type PropProblem, throwIfInvalid } from "../core/validation";
import { renderPolicy } from "../iam/policy-document";
import { EncryptionKey } from "../kms/encryption-key";
import type { AlarmSeverity } from "./monitoring-settings";

/** Who one topic notifies. */
export interface TopicSubscribers {
  /** E-mail addresses (each confirms the subscription once). @default [] */
  readonly emails?: readonly string[];
  /**
   * HTTPS endpoint of a pager, as a value resolved at apply time (a Secrets Manager
   * secret read by the stack), never a literal in the configuration. @default - none
   */
  readonly httpsEndpoint?: string;
}

/** Properties of {@link AlarmTopics}. */
export interface AlarmTopicsProps {
  /** Topic name per severity (the same names in every region: ARNs differ by region). */
  readonly topicNames: Readonly<Partial<Record<AlarmSeverity, string>>>;
  /** Alias (without `alias/`) of the key encrypting the topics. */
  readonly keyAlias: string;
  /** Account that owns topics and key; only its alarms and services may publish. */
  readonly accountId: string;
  /** Region of the topics (for the key policy's conditions). */
  readonly region: string;
  /** Subscribers per severity. @default - none */
  readonly subscribers?: Readonly<Partial<Record<AlarmSeverity, TopicSubscribers>>>;
  /** Provider of the region. @default - the scope's default provider */
  readonly provider?: AwsProvider;
}

/**
 * The SNS topics alarms notify in one region, one per severity: encrypted with a
 * customer-managed key whose policy lets CloudWatch (and EventBridge) use it (the
 * AWS-managed `aws/sns` key refuses them), a topic policy that admits only this
 * account's alarms and denies anything not sent over TLS, and the configured
 * subscriptions.
 *
 * @example
 * ```ts
 * import { AlarmTopics } from "@plataforma/infra/constructs/monitoring";
 *
 * new AlarmTopics(stack, "alarm-topics", {
 *   topicNames: { warning: "acme-prod-alarms-warning", critical: "acme-prod-alarms-critical" },
 *   keyAlias: "acme-prod-sa-east-1-alarms",
 *   accountId: "123456789012",
 *   region: "sa-east-1",
 *   subscribers: { critical: { emails: ["oncall@example.com"] } },
 * });
 * ```
 */
export class AlarmTopics extends Construct {
  /** The key encrypting every topic of the region. */
  readonly key: EncryptionKey;
  /** Topics by severity. */
  readonly topics: Readonly<Partial<Record<AlarmSeverity, SnsTopic>>>;

  constructor(scope: Construct, id: string, props: AlarmTopicsProps) {
    super(scope, id);
    const severities = Object.keys(props.topicNames) as AlarmSeverity[];
    const problems: PropProblem[] =
      severities.length > 0
        ? []
        : [{ prop: "topicNames", message: "names no topic", received: props.topicNames, fix: "name one per severity" }];
    for (const [severity, who] of Object.entries(props.subscribers ?? {}) as [AlarmSeverity, TopicSubscribers][]) {
      const emails = who.emails ?? [];
      if (new Set(emails).size !== emails.length) {
        problems.push({
          prop: `subscribers.${severity}.emails`,
          message: "repeats an address",
          received: emails,
          fix: "list each address once",
        });
      }
    }
    throwIfInvalid(this, problems);
    const account = props.accountId;
    this.key = new EncryptionKey(this, "key", {
      alias: props.keyAlias,
      purpose: `Encrypts the alarm topics of ${props.region}`,
      accountId: account,
      provider: props.provider,
      services: ["cloudwatch.amazonaws.com", "events.amazonaws.com"].map((principal) => ({
        principal,
        actions: ["kms:Decrypt", "kms:GenerateDataKey*"],
        condition: { StringEquals: { "aws:SourceAccount": account } },
      })),
    });
    const topics: Partial<Record<AlarmSeverity, SnsTopic>> = {};
    for (const severity of severities) {
      const name = props.topicNames[severity] as string;
      const topic = new SnsTopic(this, severity, {
        name,
        displayName: `${severity} alarms`,
        kmsMasterKeyId: this.key.key.arn,
        provider: props.provider,
      });
      const arn = `arn:aws:sns:${props.region}:${account}:${name}`;
      new SnsTopicPolicy(this, `${severity}-policy`, {
        arn: topic.arn,
        provider: props.provider,
        policy: renderPolicy([
          {
            Sid: "CloudWatchAlarmsOfThisAccount",
            Effect: "Allow",
            Principal: { Service: "cloudwatch.amazonaws.com" },
            Action: "sns:Publish",
            Resource: arn,
            Condition: {
              StringEquals: { "aws:SourceAccount": account },
              ArnLike: { "aws:SourceArn": `arn:aws:cloudwatch:${props.region}:${account}:alarm:*` },
            },
          },
          {
            Sid: "AccountAdministration",
            Effect: "Allow",
            Principal: { AWS: `arn:aws:iam::${account}:root` },
            Action: ["sns:GetTopicAttributes", "sns:SetTopicAttributes", "sns:Subscribe", "sns:Publish"],
            Resource: arn,
          },
          {
            Sid: "DenyInsecureTransport",
            Effect: "Deny",
            Principal: "*",
            Action: "sns:*",
            Resource: arn,
            Condition: { Bool: { "aws:SecureTransport": false } },
          },
        ]),
      });
      this.subscribe(severity, topic, props.subscribers?.[severity] ?? {}, props.provider);
      topics[severity] = topic;
    }
    this.topics = topics;
  }

  private subscribe(severity: AlarmSeverity, topic: SnsTopic, who: TopicSubscribers, provider?: AwsProvider): void {
    for (const email of who.emails ?? []) {
      new SnsTopicSubscription(this, `${severity}-email-${email}`, {
        topicArn: topic.arn,
        protocol: "email",
        endpoint: email,
        provider,
      });
    }
    if (who.httpsEndpoint !== undefined) {
      new SnsTopicSubscription(this, `${severity}-pager`, {
        topicArn: topic.arn,
        protocol: "https",
        endpoint: who.httpsEndpoint,
        endpointAutoConfirms: true,
        provider,
      });
    }
  }
}
