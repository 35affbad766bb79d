/**
 * UTC time windows of RDS, Aurora and ElastiCache: a daily window `hh:mm-hh:mm` (backups,
 * snapshots) and a weekly one `ddd:hh:mm-ddd:hh:mm` (maintenance). Both may wrap (past
 * midnight, past Sunday). AWS refuses windows shorter than a minimum and a daily window
 * that overlaps the weekly one on any day, at apply; the schema refuses them first.
 */
import type { ReportIssue } from "./report-issue";

const MINUTES_PER_DAY = 24 * 60;
const MINUTES_PER_WEEK = 7 * MINUTES_PER_DAY;
const WEEKDAYS = ["mon", "tue", "wed", "thu", "fri", "sat", "sun"] as const;
const TIME = "([01]\\d|2[0-3]):([0-5]\\d)";
const DAILY = new RegExp(`^${TIME}-${TIME}$`);
const WEEKLY = new RegExp(`^(${WEEKDAYS.join("|")}):${TIME}-(${WEEKDAYS.join("|")}):${TIME}$`);

/** RDS and Aurora: shortest automated-backup window (`PreferredBackupWindow`), in minutes. */
export const RDS_MIN_BACKUP_WINDOW_MINUTES = 30;
/** RDS and Aurora: shortest maintenance window (`PreferredMaintenanceWindow`), in minutes. */
export const RDS_MIN_MAINTENANCE_WINDOW_MINUTES = 30;
/** ElastiCache: shortest snapshot window (`SnapshotWindow`), in minutes. */
export const CACHE_MIN_SNAPSHOT_WINDOW_MINUTES = 60;
/** ElastiCache: shortest maintenance window (`PreferredMaintenanceWindow`), in minutes. */
export const CACHE_MIN_MAINTENANCE_WINDOW_MINUTES = 60;

/** A window on a circular clock: start minute and length, both in minutes. */
interface Span {
  readonly start: number;
  readonly minutes: number;
}

const minuteOfDay = (hours: string, minutes: string) => Number(hours) * 60 + Number(minutes);
const wrap = (value: number, period: number) => ((value % period) + period) % period;

/** `03:00-04:00` as minutes of the day, or undefined when malformed (its field reports it). */
function dailySpan(text: string): Span | undefined {
  const m = DAILY.exec(text);
  if (!m) return undefined;
  const start = minuteOfDay(m[1], m[2]);
  return { start, minutes: wrap(minuteOfDay(m[3], m[4]) - start, MINUTES_PER_DAY) };
}

/** `sun:04:00-sun:05:00` as minutes of the week from Monday 00:00, or undefined when malformed. */
function weeklySpan(text: string): Span | undefined {
  const m = WEEKLY.exec(text);
  if (!m) return undefined;
  const at = (day: string, hours: string, minutes: string) =>
    WEEKDAYS.indexOf(day as (typeof WEEKDAYS)[number]) * MINUTES_PER_DAY + minuteOfDay(hours, minutes);
  const start = at(m[1], m[2], m[3]);
  return { start, minutes: wrap(at(m[4], m[5], m[6]) - start, MINUTES_PER_WEEK) };
}

/** True when two half-open spans of one circular clock share a minute (touching is fine). */
function spansOverlap(a: Span, b: Span, period: number): boolean {
  return wrap(b.start - a.start, period) < a.minutes || wrap(a.start - b.start, period) < b.minutes;
}

/** One service's windows and their limits, with the paths they are reported at. */
export interface WindowRules {
  /** What the windows belong to, for messages: `the database`, `the cache`. */
  readonly what: string;
  readonly daily: { readonly path: (string | number)[]; readonly value: string; readonly minMinutes: number };
  readonly weekly: { readonly path: (string | number)[]; readonly value: string; readonly minMinutes: number };
}

/**
 * Reports a daily or weekly window shorter than its minimum, and a daily window that
 * overlaps the weekly one on any day of the week (AWS refuses both at apply).
 */
export function refineWindows(rules: WindowRules, report: ReportIssue): void {
  const { daily, weekly } = rules;
  const dailyName = daily.path[daily.path.length - 1];
  const weeklyName = weekly.path[weekly.path.length - 1];
  const day = dailySpan(daily.value);
  const week = weeklySpan(weekly.value);
  for (const [window, span] of [
    [daily, day],
    [weekly, week],
  ] as const) {
    if (span && span.minutes < window.minMinutes) {
      report(
        window.path,
        `${window.path[window.path.length - 1]} ${window.value} of ${rules.what} lasts ${span.minutes} minutes; ` +
          `AWS needs at least ${window.minMinutes}. Fix: widen it to ${window.minMinutes} minutes or more (UTC)`,
        window.value,
      );
    }
  }
  if (!day || !week || day.minutes === 0 || week.minutes === 0) return;
  const clash = WEEKDAYS.find((_, i) =>
    spansOverlap({ start: i * MINUTES_PER_DAY + day.start, minutes: day.minutes }, week, MINUTES_PER_WEEK),
  );
  if (clash) {
    report(
      daily.path,
      `${dailyName} ${daily.value} of ${rules.what} overlaps ${weeklyName} ${weekly.value} ` +
        `(on ${clash}; the daily window runs every day); AWS refuses overlapping windows. ` +
        `Fix: move ${dailyName} to end before or start after the maintenance hours, ` +
        `e.g. ending when ${weeklyName} starts`,
      daily.value,
    );
  }
}
