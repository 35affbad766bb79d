import { alarmActionTopic } from "../rules/monitoring/alarm-action-topic";
import { resourceAlarmed } from "../rules/monitoring/resource-alarmed";
import { ROUTE53_MIN_ALARM_PERIOD_SECONDS, route53AlarmLimits } from "../rules/monitoring/route53-alarm-limits";
import { snsTopicCmk } from "../rules/monitoring/sns-topic-cmk";
import type { Pack } from "../types";

/** Alarms on what production depends on, routed to the environment's encrypted topics. */
export const MONITORING_PACK: Pack = {
  name: "monitoring",
  description: "Production resources are alarmed; alarms notify their own environment's encrypted topics",
  rules: [
    {
      scope: "stack",
      check: resourceAlarmed,
      id: "MON-RESOURCE-ALARMED",
      severity: "error",
      title: "Production databases, caches, distributions, health checks and NAT gateways have an alarm with an action",
      why: "A failed database, a lagging replica or a 5xx storm that raises no alarm pages nobody.",
      fix:
        "Add an AlarmAspect (@plataforma/infra/constructs/monitoring) to the stack so the resource gets its " +
        "alarms (this repository: stacks/monitoring.ts adds it), or opt the construct out with " +
        "optOutOfAlarms(scope, reason) when another signal watches it.",
    },
    {
      scope: "stack",
      check: alarmActionTopic,
      id: "MON-ALARM-ACTION-TOPIC",
      severity: "error",
      title: "Every alarm action is an SNS topic of the alarm's own environment",
      why: "An action pointing at another environment's topic pages the wrong on-call; an unknown target pages nobody.",
      fix:
        "Point alarm_actions and ok_actions at the environment's topics, named <project>-<env>-... (AlarmTopics " +
        "creates them, AlarmAspect's topicArn targets them; checkApp needs context.project and " +
        "context.environment); this repository: alarmTopicArn in stacks/monitoring.ts.",
    },
    {
      scope: "stack",
      check: route53AlarmLimits,
      id: "MON-ROUTE53-ALARM-LIMITS",
      severity: "error",
      title:
        "Route 53 health-check alarms use one metric and a period of " +
        `${ROUTE53_MIN_ALARM_PERIOD_SECONDS} s or more`,
      why: "Route 53 cannot evaluate alarms with metric math or sub-minute periods; the health check stays unknown.",
      fix: `Use a single metric (no metric_query) and period >= ${ROUTE53_MIN_ALARM_PERIOD_SECONDS}.`,
    },
    {
      scope: "stack",
      check: snsTopicCmk,
      id: "MON-SNS-TOPIC-CMK",
      severity: "error",
      title: "SNS topics are encrypted with a customer-managed KMS key",
      why:
        "Alarm payloads describe the estate; the AWS-managed alias/aws/sns key cannot be used by CloudWatch, so " +
        "alarms would fail to publish.",
      fix: "Set kms_master_key_id to a customer key whose policy lets cloudwatch.amazonaws.com use it (AlarmTopics).",
      checkov: ["CKV_AWS_26"],
    },
  ],
};
