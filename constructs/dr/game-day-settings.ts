/**
 * Defaults and limits of the FIS game-day constructs, provider-free so environment
 * validation can share them without loading cdktf or provider bindings.
 */
import type { PropProblem } from "../core/validation";

/** How long a game day keeps its faults in place, in minutes: long enough to watch a failover settle. */
export const DEFAULT_GAME_DAY_DURATION_MINUTES = 30;

/** FIS action durations run from one minute to 12 hours. */
export const MAX_GAME_DAY_DURATION_MINUTES = 720;

/** Days the experiments' CloudWatch log group keeps the FIS logs. */
export const DEFAULT_GAME_DAY_LOG_RETENTION_DAYS = 90;

/** An alarm ARN FIS accepts as a stop condition (`aws:cloudwatch:alarm`). */
export const ALARM_ARN_PATTERN = /^arn:aws[a-z-]*:cloudwatch:[a-z0-9-]+:\d{12}:alarm:.+$/;

/** An availability-zone name of `region`, e.g. `sa-east-1a` of `sa-east-1`. */
export function isZoneOfRegion(zone: string, region: string): boolean {
  return zone.length === region.length + 1 && zone.startsWith(region) && /[a-z]$/.test(zone);
}

/** ISO 8601 duration FIS actions take, e.g. `PT30M`. */
export function isoMinutes(minutes: number): string {
  return `PT${minutes}M`;
}

/** Problems with a game day's `durationMinutes`. */
export function durationProblems(minutes: number): PropProblem[] {
  if (Number.isInteger(minutes) && minutes >= 1 && minutes <= MAX_GAME_DAY_DURATION_MINUTES) return [];
  return [
    {
      prop: "durationMinutes",
      message: `must be a whole number of minutes from 1 to ${MAX_GAME_DAY_DURATION_MINUTES}`,
      received: minutes,
      fix: `use ${DEFAULT_GAME_DAY_DURATION_MINUTES}`,
    },
  ];
}
