/**
 * Suppressions: a written, reviewable exception to one rule for one resource. They come
 * from environment config (`policies.suppressions`) or from constructs (the
 * `suppressPolicy` helper writes them into the resource's `//` metadata, read back
 * here). Every suppression needs a rule id, a resource and a real reason; an expired one
 * stops applying and is itself an error. The current date is injected, never read.
 */
import {
  CONSTRUCT_SUPPRESSIONS_KEY,
  expiresProblem,
  reasonProblem,
  ruleIdProblem,
  type SuppressionFields,
} from "../contracts/suppressions";
import { asObject } from "./lib/values";
import type { StackView } from "./types";

/** A suppression as written in config or on a construct. */
export interface Suppression extends SuppressionFields {
  /**
   * What it covers: a resource address (`aws_s3_bucket.state_bucket_803B4E61`), a
   * prefix of the address or of the logical id (`state_`), or `stack` for stack-wide
   * findings. Construct-level suppressions cover their own resource.
   */
  readonly resource: string;
  /** Config only: the one stack of the environment it covers. @default - every stack of the environment */
  readonly stack?: string;
}

/** A suppression with where it came from and which stacks it may match. */
export interface ScopedSuppression extends Suppression {
  /** Where it was declared, for the report: `config dev`, `construct <path>`. */
  readonly source: string;
  /** Stacks it applies to; undefined means every stack. */
  readonly stacks?: readonly string[];
}

/** What is wrong with a suppression's fields, or undefined. `knownRules` catches typos in ids. */
export function validateSuppression(s: Suppression, knownRules: ReadonlySet<string>): string | undefined {
  const resource =
    typeof s.resource !== "string" || s.resource.trim() === ""
      ? 'resource is required (name an address, a logical id prefix or "stack")'
      : undefined;
  const problems = [ruleIdProblem(s.ruleId, knownRules), resource, reasonProblem(s.reason), expiresProblem(s.expires)];
  const found = problems.filter((p): p is string => p !== undefined);
  return found.length > 0 ? found.join("; ") : undefined;
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
    return list.map((raw) => ({
      ...readSuppression(raw, r.address),
      source: `construct ${typeof path === "string" ? path : r.address}`,
      stacks: [stack.name],
    }));
  });
}
