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
