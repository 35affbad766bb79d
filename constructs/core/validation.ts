/**
 * The one way constructs report invalid props: collect every problem, then throw one
 * {@link ConstructValidationError} that names the construct path and lists each problem
 * with the prop, the value received and the fix. Provider-free (no cdktf or provider
 * import), so settings files and config validation can share it without loading bindings.
 */
import type { IConstruct } from "constructs";

/** One thing wrong with a construct's props. */
export interface PropProblem {
  /** The prop, as a dotted path from the props object, e.g. `nodeGroups.main.minSize`. */
  readonly prop: string;
  /** What is wrong; the value itself is shown from {@link PropProblem.received}. */
  readonly message: string;
  /** The value the construct received (`undefined` when the prop was left out). */
  readonly received: unknown;
  /** How to fix it, e.g. `use 30 unless you must delete faster`. */
  readonly fix: string;
}

/** Longest preview of a received value before it is cut, in characters. */
const MAX_PREVIEW = 120;

/** A short, never-throwing rendering of a received value (constructs can be circular). */
function previewValue(value: unknown): string {
  if (value === undefined) return "undefined";
  if (typeof value === "number" || typeof value === "bigint") return String(value);
  let text: string | undefined;
  try {
    text = JSON.stringify(value);
  } catch {
    text = undefined;
  }
  text ??= String(value);
  return text.length > MAX_PREVIEW ? `${text.slice(0, MAX_PREVIEW - 3)}...` : text;
}

/** One problem as the error prints it. */
function formatPropProblem(problem: PropProblem): string {
  return `${problem.prop}: ${problem.message} (received: ${previewValue(problem.received)}). Fix: ${problem.fix}`;
}

/**
 * A construct was given props it cannot build from. Distinct from config errors
 * (`ConfigError`) and manifest errors (`ManifestError`), so callers can tell a library
 * misuse from a bad environment file.
 */
export class ConstructValidationError extends Error {
  constructor(
    /** Path of the construct in the tree (`node.path`), e.g. `dev-sa-east-1-cluster/eks`. */
    readonly constructPath: string,
    /** Class of the construct, e.g. `EksCluster`. */
    readonly constructType: string,
    /** Every problem found, in the order the construct checked them. */
    readonly problems: readonly PropProblem[],
  ) {
    const noun = problems.length === 1 ? "problem" : "problems";
    const lines = problems.map((p) => `  - ${formatPropProblem(p)}`);
    super(`${constructPath}: invalid ${constructType} props, ${problems.length} ${noun}:\n${lines.join("\n")}`);
    this.name = "ConstructValidationError";
  }
}

/**
 * Throws one {@link ConstructValidationError} for `construct` listing `problems`, or
 * returns when there are none. Call it once, after every check ran, so one synth shows
 * every mistake.
 */
export function throwIfInvalid(construct: IConstruct, problems: readonly PropProblem[]): void {
  if (problems.length === 0) return;
  throw new ConstructValidationError(construct.node.path, construct.constructor.name, problems);
}

/** AWS account ids: exactly 12 digits, leading zeros included. */
const ACCOUNT_ID = /^\d{12}$/;

/** AWS region names: `sa-east-1`, `ap-southeast-2`, `us-gov-west-1`. */
export const AWS_REGION_NAME = /^[a-z]{2}(-gov)?-[a-z]+-\d$/;

/**
 * A string holding a cdktf token (a reference resolved at apply, e.g. a data source's
 * account id), which no synth-time check can judge. Matches cdktf's string encoding
 * (`${TfToken[TOKEN.12]}`, as in token-json.ts) without importing cdktf, so this module
 * stays provider-free.
 */
function isTokenString(value: unknown): boolean {
  return typeof value === "string" && value.includes("${TfToken[");
}

/**
 * A "is required" problem when `value` is missing (undefined or null), else none. The
 * types already require the prop; plain JavaScript callers and casts get past them, and
 * must get this problem rather than a `TypeError` from whatever reads the prop first.
 */
export function checkRequired(prop: string, value: unknown, fix: string): PropProblem[] {
  return value === undefined || value === null ? [{ prop, message: "is required", received: value, fix }] : [];
}

/** Problems of a prop that must be a string with something other than blanks in it. */
export function checkNonEmpty(prop: string, value: unknown, fix: string): PropProblem[] {
  const missing = checkRequired(prop, value, fix);
  if (missing.length > 0) return missing;
  return typeof value === "string" && value.trim() !== ""
    ? []
    : [{ prop, message: "must be a non-empty string", received: value, fix }];
}

/** Problems of a required string prop that must match `pattern`; tokens pass (they resolve at apply). */
function checkShape(prop: string, value: unknown, pattern: RegExp, message: string, fix: string): PropProblem[] {
  const missing = checkRequired(prop, value, fix);
  if (missing.length > 0) return missing;
  return typeof value === "string" && (pattern.test(value) || isTokenString(value))
    ? []
    : [{ prop, message, received: value, fix }];
}

/** Problems of a prop that must be an AWS account id (AWS checks ARNs and policies only at apply); tokens pass. */
export function checkAccountId(prop: string, value: unknown): PropProblem[] {
  const fix = "pass the 12-digit id of the account, e.g. 123456789012 (keep leading zeros: use a string)";
  return checkShape(prop, value, ACCOUNT_ID, "must be a 12-digit AWS account id", fix);
}

/** Problems of a prop that must be an AWS region name (it lands in service names and ARNs); tokens pass. */
export function checkRegionName(prop: string, value: unknown): PropProblem[] {
  const fix = "pass a region name such as sa-east-1 or us-east-1 (not a zone such as sa-east-1a)";
  return checkShape(prop, value, AWS_REGION_NAME, "must be an AWS region name", fix);
}
