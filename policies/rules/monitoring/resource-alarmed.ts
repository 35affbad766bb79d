import { resourcesOf } from "../../lib/stack";
import { isProductionLike } from "../../lib/tier";
import { strings } from "../../lib/values";
import type { StackCheck, Violation } from "../../types";
import { ALARMED_TYPES, metricAlarms, watches } from "./alarm-coverage";

/**
 * Production databases, caches, distributions, health checks and NAT gateways each have
 * at least one metric alarm with an action (an alarm nobody hears is not monitoring).
 */
export const resourceAlarmed: StackCheck = (stack) => {
  if (!isProductionLike(stack)) return [];
  const alarms = metricAlarms(stack).filter((a) => strings(a.values.alarm_actions).length > 0);
  return resourcesOf(stack, ...Object.keys(ALARMED_TYPES)).flatMap((resource): Violation[] =>
    alarms.some((alarm) => watches(alarm, resource))
      ? []
      : [
          {
            address: resource.address,
            message: `no aws_cloudwatch_metric_alarm with alarm_actions watches ${resource.address}`,
          },
        ],
  );
};
