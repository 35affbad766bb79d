import { resourcesOf } from "../../lib/stack";
import { blocks, literalNumber, literalString } from "../../lib/values";
import type { Resource, StackCheck, Violation } from "../../types";
import { metricAlarms } from "./alarm-coverage";

/** Shortest period Route 53 accepts for an alarm a health check watches, seconds. */
export const ROUTE53_MIN_ALARM_PERIOD_SECONDS = 60;

/** Alarms on Route 53 health checks, or watched by a CLOUDWATCH_METRIC health check. */
function route53Alarms(stack: Parameters<StackCheck>[0]): Resource[] {
  const watchedNames = new Set(
    resourcesOf(stack, "aws_route53_health_check")
      .map((h) => literalString(h.values.cloudwatch_alarm_name))
      .filter((n): n is string => n !== undefined),
  );
  return metricAlarms(stack).filter(
    (a) =>
      a.values.namespace === "AWS/Route53" ||
      watchedNames.has(literalString(a.values.alarm_name) ?? "") ||
      Object.keys((a.values.dimensions as Record<string, unknown>) ?? {}).includes("HealthCheckId"),
  );
}

/**
 * Alarms Route 53 health checks use obey Route 53's limits: a single metric (no metric
 * math) and a period of at least 60 s; otherwise the health check stays "insufficient data".
 */
export const route53AlarmLimits: StackCheck = (stack) =>
  route53Alarms(stack).flatMap((alarm): Violation[] => {
    const problems: string[] = [];
    // Plan JSON lists the unset block as an empty list.
    if (blocks(alarm.values.metric_query).length > 0) problems.push("it uses metric math (metric_query)");
    const period = literalNumber(alarm.values.period);
    if (period === undefined || period < ROUTE53_MIN_ALARM_PERIOD_SECONDS) {
      problems.push(`its period is ${String(alarm.values.period)} (at least ${ROUTE53_MIN_ALARM_PERIOD_SECONDS} s)`);
    }
    return problems.length === 0 ? [] : [{ address: alarm.address, message: problems.join("; ") }];
  });
