import { environmentPrefix } from "../../../naming/derived";
import { absentFields, missingContext } from "../../lib/context";
import { referenced } from "../../lib/stack";
import { literalString } from "../../lib/values";
import type { StackCheck, StackView, Violation } from "../../types";
import { alarmActions, metricAlarms } from "./alarm-coverage";

/** An SNS topic ARN: region, account, topic name. */
const TOPIC_ARN = /^arn:aws[a-z-]*:sns:([a-z0-9-]+):(\d{12}):([A-Za-z0-9_-]+)$/;

/** The problem with one action of an alarm whose environment's topics start with `prefix`, if any. */
function actionProblem(stack: StackView, action: string, prefix: string, environment: string): string | undefined {
  const topic = referenced(stack, action);
  const name = topic?.type === "aws_sns_topic" ? literalString(topic.values.name) : TOPIC_ARN.exec(action)?.[3];
  if (name === undefined) return `action ${action} is not an SNS topic of this stack or an SNS ARN`;
  return name.startsWith(prefix)
    ? undefined
    : `action topic ${name} does not belong to environment ${environment} (${prefix}*)`;
}

/**
 * Every alarm action is an SNS topic of the alarm's own environment (`<project>-<env>-...`),
 * so a copied alarm never pages another environment's on-call, and an unknown target fails.
 * Without the project and environment in the context nothing can be compared: one finding
 * per alarm with actions (not one per action) says which context fields are missing.
 */
export const alarmActionTopic: StackCheck = (stack) => {
  const missing = absentFields(stack.context, ["project", "environment"]);
  const { project, environment } = stack.context ?? {};
  return metricAlarms(stack).flatMap((alarm): Violation[] => {
    const actions = [...new Set(alarmActions(alarm))];
    if (actions.length === 0) return [];
    if (project === undefined || environment === undefined) {
      const unchecked = `the topics of its actions (${actions.join(", ")}) cannot be checked`;
      return [{ address: alarm.address, message: missingContext(missing, unchecked) }];
    }
    return actions
      .map((action) =>
        actionProblem(stack, action, `${environmentPrefix({ project, name: environment })}-`, environment),
      )
      .filter((message) => message !== undefined)
      .map((message) => ({ address: alarm.address, message }));
  });
};
