/**
 * Suppressions: a written, reviewable exception to one rule for one resource. They come
 * from environment config (`policies.suppressions`) or from constructs (the
 * `suppressPolicy` helper writes them into the resource's `//` metadata, read back
 * here). Every suppression needs a rule id, a resource and a real reason; an expired one
 * stops applying and is itself an error. The current date is injected, never read.
 */
import { asObject } from "./lib/values";
import type { StackView } from "./types";

/** Key under a synthesized resource's `//` metadata holding construct-level suppressions. */
export const CONSTRUCT_SUPPRESSIONS_KEY = "policySuppressions";

/** Shortest accepted reason: "false positive" is 14; "ok" or "temp" is not a reason. */
export const MIN_REASON_LENGTH = 10;

/** A suppression as written in config or on a construct. */
export interface Suppression {
  /** The rule id, e.g. `DP-S3-ACCESS-LOGGING`. */
  readonly ruleId: string;
  /**
   * What it covers: a resource address (`aws_s3_bucket.state_bucket_803B4E61`), a
   * prefix of the address or of the logical id (`state_`), or `stack` for stack-wide
   * findings. Construct-level suppressions cover their own resource.
   */
  readonly resource: string;
  /** Config only: the one stack of the environment it covers. @default - every stack of the environment */
  readonly stack?: string;
  /** Why the finding is acceptable (at least {@link MIN_REASON_LENGTH} characters). */
  readonly reason: string;
  /** ISO date (`2026-03-31`) after which it no longer applies and is reported as an error. */
  readonly expires?: string;
}

/** A suppression with where it came from and which stacks it may match. */
export interface ScopedSuppression extends Suppression {
  /** Where it was declared, for the report: `config dev`, `construct <path>`. */
  readonly source: string;
  /** Stacks it applies to; undefined means every stack. */
  readonly stacks?: readonly string[];
}

/** A problem with a suppression itself. */
export interface SuppressionProblem {
  readonly suppression: ScopedSuppression;
  readonly kind: "invalid" | "expired";
  readonly message: string;
}

const ISO_DATE = /^\d{4}-\d{2}-\d{2}(T[0-9:.]+(Z|[+-]\d{2}:\d{2})?)?$/;

/** What is wrong with a suppression's fields, or undefined. `knownRules` catches typos in ids. */
export function validateSuppression(s: Suppression, knownRules: ReadonlySet<string>): string | undefined {
  const problems: string[] = [];
  if (!knownRules.has(s.ruleId)) problems.push(`rule id ${JSON.stringify(s.ruleId)} is not a known rule`);
  if (typeof s.resource !== "string" || s.resource.trim() === "") problems.push("resource is empty (name an address, a logical id prefix or \"stack\")");
  if (typeof s.reason !== "string" || s.reason.trim().length < MIN_REASON_LENGTH) problems.push(`reason ${JSON.stringify(s.reason)} is shorter than ${MIN_REASON_LENGTH} characters (say why the finding is acceptable)`);
  if (s.expires !== undefined && (!ISO_DATE.test(s.expires) || Number.isNaN(Date.parse(s.expires)))) problems.push(`expires ${JSON.stringify(s.expires)} is not an ISO date such as "2026-03-31"`);
  return problems.length > 0 ? problems.join("; ") : undefined;
}

/** True when the suppression has expired on `today` (YYYY-MM-DD); it is valid through its expiry day. */
export function isExpired(s: Suppression, today: string): boolean {
  return s.expires !== undefined && s.expires.slice(0, 10) < today.slice(0, 10);
}

/** True when the suppression covers a finding of `ruleId` at `address` in `stack`. */
export function suppresses(s: ScopedSuppression, ruleId: string, stack: string, address: string): boolean {
  if (s.ruleId !== ruleId) return false;
  if (s.stacks && !s.stacks.includes(stack)) return false;
  if (address === s.resource || address.startsWith(s.resource)) return true;
  const logicalId = address.slice(address.indexOf(".") + 1);
  return address.includes(".") && logicalId.startsWith(s.resource);
}

/** Reads one raw suppression object (from JSON metadata); undefined fields stay undefined for validation to report. */
function readSuppression(raw: unknown, resource: string): Suppression {
  const o = asObject(raw) ?? {};
  return {
    ruleId: String(o.ruleId ?? ""),
    resource,
    reason: typeof o.reason === "string" ? o.reason : "",
    ...(typeof o.expires === "string" ? { expires: o.expires } : {}),
  };
}

/** Construct-level suppressions carried in the stack's resources' `//` metadata. */
export function constructSuppressions(stack: StackView): ScopedSuppression[] {
  return stack.resources.flatMap((r) => {
    const meta = asObject(r.values["//"]);
    const list = meta?.[CONSTRUCT_SUPPRESSIONS_KEY];
    if (!Array.isArray(list)) return [];
    const path = asObject(meta?.metadata)?.path;
    return list.map((raw) => ({ ...readSuppression(raw, r.address), source: `construct ${typeof path === "string" ? path : r.address}`, stacks: [stack.name] }));
  });
}
