import { referenced } from "../../lib/stack";
import { literalString } from "../../lib/values";
import type { StackCheck, Violation } from "../../types";
import { alarmActions, metricAlarms } from "./alarm-coverage";

/** An SNS topic ARN: region, account, topic name. */
const TOPIC_ARN = /^arn:aws[a-z-]*:sns:([a-z0-9-]+):(\d{12}):([A-Za-z0-9_-]+)$/;

/**
 * Every alarm action is an SNS topic of the alarm's own environment (`<project>-<env>-...`),
 * so a copied alarm never pages another environment's on-call, and an unknown target fails.
 */
export const alarmActionTopic: StackCheck = (stack) => {
  const { project, environment } = stack.context ?? {};
  const prefix = project !== undefined && environment !== undefined ? `${project}-${environment}-` : undefined;
  return metricAlarms(stack).flatMap((alarm): Violation[] =>
    alarmActions(alarm).flatMap((action): Violation[] => {
      if (prefix === undefined) {
        return [
          {
            address: alarm.address,
            message: `the stack's environment is unknown, so action ${action} cannot be checked`,
          },
        ];
      }
      const topic = referenced(stack, action);
      const name = topic?.type === "aws_sns_topic" ? literalString(topic.values.name) : TOPIC_ARN.exec(action)?.[3];
      if (name === undefined) {
        return [
          { address: alarm.address, message: `action ${action} is not an SNS topic of this stack or an SNS ARN` },
        ];
      }
      return name.startsWith(prefix)
        ? []
        : [
            {
              address: alarm.address,
              message: `action topic ${name} does not belong to environment ${environment} (${prefix}*)`,
            },
          ];
    }),
  );
};
