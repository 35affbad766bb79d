/** Which resource an alarm watches: shared by the monitoring rules. */

import { asObject, blocks, literalString, strings } from "../../lib/values";
import type { Resource, StackView } from "../../types";

/** Resource types production must alarm on, with the argument holding their literal identifier. */
export const ALARMED_TYPES: Readonly<Record<string, string | undefined>> = {
  aws_rds_cluster: "cluster_identifier",
  aws_db_instance: "identifier",
  aws_elasticache_replication_group: "replication_group_id",
  aws_cloudfront_distribution: undefined,
  aws_route53_health_check: undefined,
  aws_nat_gateway: undefined,
};

/** Every dimension value of an alarm: its own dimensions and those of its metric queries. */
export function dimensionValues(alarm: Resource): string[] {
  const own = Object.values(asObject(alarm.values.dimensions) ?? {});
  const queried = blocks(alarm.values.metric_query).flatMap((q) =>
    blocks(q.metric).flatMap((m) => Object.values(asObject(m.dimensions) ?? {})),
  );
  return [...own, ...queried].map((v) => String(v));
}

/**
 * True when `alarm` watches `resource`: a dimension references it (`${type.name.attr}`),
 * equals its literal identifier, or names one of its member clusters (`<id>-0001-001`).
 */
export function watches(alarm: Resource, resource: Resource): boolean {
  const reference = `\${${resource.type}.${resource.name}.`;
  const idKey = ALARMED_TYPES[resource.type];
  const id = idKey ? literalString(resource.values[idKey]) : undefined;
  return dimensionValues(alarm).some(
    (v) => v.includes(reference) || (id !== undefined && (v === id || v.startsWith(`${id}-`))),
  );
}

/** The alarm's actions of every kind. */
export function alarmActions(alarm: Resource): string[] {
  return [
    ...strings(alarm.values.alarm_actions),
    ...strings(alarm.values.ok_actions),
    ...strings(alarm.values.insufficient_data_actions),
  ];
}

/** The stack's metric alarms. */
export function metricAlarms(stack: StackView): Resource[] {
  return stack.resources.filter((r) => r.type === "aws_cloudwatch_metric_alarm");
}
