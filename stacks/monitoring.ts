import { Aspects } from "cdktf";
import { AlarmAspect } from "../constructs/monitoring/alarm-aspect";
import { GLOBAL_METRICS_REGION } from "../constructs/monitoring/alarm-catalogue";
import { type AlarmSeverity, resolveAlarmThresholds } from "../constructs/monitoring/monitoring-settings";
import type { EnvironmentConfig } from "../environments/schema";
import { alarmTopicName } from "../naming/derived";
import type { BaseStack } from "./base-stack";

/**
 * The severities an environment has topics for: both when it pages, only `warning` when
 * it does not (dev: every alarm notifies, none pages).
 */
export function topicSeverities(env: EnvironmentConfig): AlarmSeverity[] {
  return env.monitoring.paging ? ["warning", "critical"] : ["warning"];
}

/** The topic severity an alarm of `severity` notifies in `env`. */
export function routedSeverity(env: EnvironmentConfig, severity: AlarmSeverity): AlarmSeverity {
  return env.monitoring.paging ? severity : "warning";
}

/**
 * Regions where the environment's alarms live, so where it needs topics: every
 * configured region (network, cluster, data), plus us-east-1 where CloudFront and
 * Route 53 publish their metrics when it has an edge.
 */
export function alarmRegions(env: EnvironmentConfig): string[] {
  const regions = Object.keys(env.regions);
  if (env.edge && !regions.includes(GLOBAL_METRICS_REGION)) regions.push(GLOBAL_METRICS_REGION);
  return regions;
}

/** ARN of the environment's topic of `severity` in `region` (the bootstrap stack creates it). */
export function alarmTopicArn(env: EnvironmentConfig, severity: AlarmSeverity, region: string): string {
  return `arn:aws:sns:${region}:${env.account.id}:${alarmTopicName(env, routedSeverity(env, severity))}`;
}

/**
 * Applies the alarm catalogue to a stack through {@link AlarmAspect}: thresholds from the
 * environment (critical replication lag at its RPO), topics of the environment.
 */
export function applyAlarms(stack: BaseStack): AlarmAspect {
  const env = stack.env;
  const aspect = new AlarmAspect({
    thresholds: resolveAlarmThresholds(env.dr.rpoMinutes, env.monitoring.thresholds),
    topicArn: (severity, region) => alarmTopicArn(env, severity, region),
    providerIn: (region) => stack.awsIn(region),
    defaultRegion: stack.region,
    runbookBaseUrl: env.monitoring.runbookBaseUrl,
  });
  Aspects.of(stack).add(aspect);
  return aspect;
}
