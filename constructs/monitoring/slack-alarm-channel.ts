import { ChatbotSlackChannelConfiguration } from "@cdktf/provider-aws/lib/chatbot-slack-channel-configuration";
import { IamRole } from "@cdktf/provider-aws/lib/iam-role";
import { IamRolePolicy } from "@cdktf/provider-aws/lib/iam-role-policy";
import type { AwsProvider } from "@cdktf/provider-aws/lib/provider";
import { Construct } from "constructs";
import { renderPolicy, serviceTrustPolicy } from "../iam/policy-document";

/**
 * Region whose AWS Chatbot API holds channel configurations: Chatbot is a global service
 * served from a few regions (us-east-2, us-west-2, eu-west-1, ap-southeast-1); one
 * configuration subscribes to topics in every region.
 */
export const CHATBOT_API_REGION = "us-west-2";

/** Guardrail of what channel members may do through Chatbot: read CloudWatch, nothing else. */
export const CHATBOT_GUARDRAIL_POLICY = "arn:aws:iam::aws:policy/CloudWatchReadOnlyAccess";

/** Properties of {@link SlackAlarmChannel}. */
export interface SlackAlarmChannelProps {
  /** Configuration (and role) name. */
  readonly name: string;
  readonly accountId: string;
  /** Slack workspace id, authorized once in the Chatbot console. */
  readonly slackTeamId: string;
  readonly slackChannelId: string;
  /** Topics whose notifications the channel receives. */
  readonly topicArns: readonly string[];
  /** Provider in {@link CHATBOT_API_REGION}. @default - the scope's default provider */
  readonly provider?: AwsProvider;
}

/**
 * An AWS Chatbot Slack channel subscribed to alarm topics, with a read-only role and a
 * read-only guardrail (the default guardrail is AdministratorAccess).
 *
 * @example
 * ```ts
 * import { SlackAlarmChannel } from "@plataforma/infra/constructs/monitoring";
 *
 * new SlackAlarmChannel(stack, "slack", {
 *   name: "acme-prod-alarms",
 *   accountId: "123456789012",
 *   slackTeamId: "T0ABCDEFG",
 *   slackChannelId: "C0ABCDEFG",
 *   topicArns: ["arn:aws:sns:sa-east-1:123456789012:acme-prod-alarms-critical"],
 * });
 * ```
 */
export class SlackAlarmChannel extends Construct {
  readonly configuration: ChatbotSlackChannelConfiguration;

  constructor(scope: Construct, id: string, props: SlackAlarmChannelProps) {
    super(scope, id);
    const role = new IamRole(this, "role", {
      name: `${props.name}-chatbot`,
      assumeRolePolicy: serviceTrustPolicy("chatbot.amazonaws.com", props.accountId),
      provider: props.provider,
    });
    new IamRolePolicy(this, "policy", {
      role: role.id,
      name: "read-alarms",
      provider: props.provider,
      policy: renderPolicy([
        {
          Effect: "Allow",
          // Describe/List only: they need "*", and reading alarm state is all a channel does.
          Action: ["cloudwatch:Describe*", "cloudwatch:List*"],
          Resource: "*",
        },
      ]),
    });
    this.configuration = new ChatbotSlackChannelConfiguration(this, "channel", {
      configurationName: props.name,
      iamRoleArn: role.arn,
      slackTeamId: props.slackTeamId,
      slackChannelId: props.slackChannelId,
      snsTopicArns: [...props.topicArns],
      guardrailPolicyArns: [CHATBOT_GUARDRAIL_POLICY],
      loggingLevel: "ERROR",
      provider: props.provider,
    });
  }
}
