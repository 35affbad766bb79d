/**
 * The policy-suppression contract, shared by the three places that handle suppressions:
 * constructs (`suppressPolicy` writes them into a resource's `//` metadata), the
 * environment schema (`policies.suppressions` in config) and the policy engine (reads,
 * validates and applies them). It lives outside all three, imports nothing and loads no
 * provider, so each may depend on it without depending on another layer.
 */

/** Key under a synthesized resource's `//` metadata holding construct-level suppressions. */
export const CONSTRUCT_SUPPRESSIONS_KEY = "policySuppressions";

/** Shortest accepted reason: "false positive" is 14; "ok" or "temp" is not a reason. */
export const MIN_REASON_LENGTH = 10;

/** The shape of a rule id (`DP-S3-ACCESS-LOGGING`): upper-case words joined by dashes. */
export const RULE_ID_PATTERN = /^[A-Z][A-Z0-9-]+$/;

/** The fields every suppression carries, wherever it is declared. */
export interface SuppressionFields {
  /** The rule id, e.g. `DP-S3-ACCESS-LOGGING`. */
  readonly ruleId: string;
  /** Why the finding is acceptable (at least {@link MIN_REASON_LENGTH} characters). */
  readonly reason: string;
  /** Date (`2026-03-31`, YYYY-MM-DD) after which it no longer applies and is reported as an error. */
  readonly expires?: string;
}

const ISO_DATE = /^(\d{4})-(\d{2})-(\d{2})$/;

/**
 * True for a real calendar date written YYYY-MM-DD: `2028-02-29` yes, `2026-02-30`,
 * `2026-3-1` and `2026-03-31T00:00Z` no. The one date rule for expiries and for the
 * date they are checked against.
 */
export function isIsoDate(value: string): boolean {
  const match = ISO_DATE.exec(value);
  if (!match) return false;
  const [year, month, day] = match.slice(1).map(Number);
  // Date.UTC rolls 2026-02-30 over to March 2; a real date survives the round trip.
  const date = new Date(Date.UTC(year, month - 1, day));
  return date.getUTCFullYear() === year && date.getUTCMonth() === month - 1 && date.getUTCDate() === day;
}

/**
 * True when `expires` is before `today` (both YYYY-MM-DD, today taken in UTC by the
 * caller): a suppression is valid through its expiry day.
 */
export function isExpired(expires: string | undefined, today: string): boolean {
  return expires !== undefined && expires < today;
}

/** True for a field a caller left out: undefined, null, or a string of blanks. */
function isMissing(value: unknown): boolean {
  return value === undefined || value === null || (typeof value === "string" && value.trim() === "");
}

/**
 * What is wrong with a rule id, or undefined. With `knownRuleIds` (the engine knows every
 * rule) the id must be one of them, which also catches typos; without (a construct cannot
 * see the packs) it must look like a rule id.
 */
export function ruleIdProblem(ruleId: unknown, knownRuleIds?: ReadonlySet<string>): string | undefined {
  if (isMissing(ruleId)) return 'ruleId is required (the id of the rule to suppress, e.g. "DP-S3-ACCESS-LOGGING")';
  if (knownRuleIds) {
    return knownRuleIds.has(String(ruleId)) ? undefined : `rule id ${JSON.stringify(ruleId)} is not a known rule`;
  }
  return typeof ruleId === "string" && RULE_ID_PATTERN.test(ruleId)
    ? undefined
    : `ruleId ${JSON.stringify(ruleId)} is not a rule id such as "DP-S3-ACCESS-LOGGING"`;
}

/** What is wrong with a reason, or undefined. A missing one is named as such, not as a short one. */
export function reasonProblem(reason: unknown): string | undefined {
  if (isMissing(reason)) return "reason is required (say why the finding is acceptable)";
  if (typeof reason !== "string")
    return `reason ${JSON.stringify(reason)} is not text (say why the finding is acceptable)`;
  return reason.trim().length >= MIN_REASON_LENGTH
    ? undefined
    : `reason ${JSON.stringify(reason)} is shorter than ${MIN_REASON_LENGTH} characters ` +
        "(say why the finding is acceptable)";
}

/** What is wrong with an expiry date, or undefined (no expiry is fine). */
export function expiresProblem(expires: unknown): string | undefined {
  if (expires === undefined || (typeof expires === "string" && isIsoDate(expires))) return undefined;
  return `expires ${JSON.stringify(expires)} is not an ISO date such as "2026-03-31"`;
}

/** Every problem with a suppression's shared fields, in field order; empty when it is valid. */
export function suppressionProblems(s: SuppressionFields, knownRuleIds?: ReadonlySet<string>): string[] {
  const problems = [ruleIdProblem(s.ruleId, knownRuleIds), reasonProblem(s.reason), expiresProblem(s.expires)];
  return problems.filter((p): p is string => p !== undefined);
}
