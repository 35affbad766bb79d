import type { z } from "zod";
import { closest, didYouMean } from "../contracts/suggest";
import { AWS_REGIONS, unknownRegionMessage } from "./schema/primitives";
import { expectedAt } from "./schema/walk";

/** One problem found in a config: where, what, the value received. */
export interface ConfigProblem {
  /** Dotted path from the environment root, e.g. `regions.us-east-1.network.vpcCidr`. */
  readonly path: string;
  /** What is wrong and how to fix it. */
  readonly message: string;
  /** The value found at `path`, when there is one. */
  readonly received?: unknown;
}

/**
 * A user's config is wrong. Carries every problem found, so one run lists them all.
 * `main.ts` prints {@link ConfigError.report} without a stack trace and exits 1.
 */
export class ConfigError extends Error {
  constructor(
    /** Which config (environment name or file) the problems belong to. */
    readonly source: string,
    readonly problems: readonly ConfigProblem[],
  ) {
    super(formatProblems(source, problems));
    this.name = "ConfigError";
  }

  /** The human-readable report. */
  get report(): string {
    return this.message;
  }
}

function formatProblems(source: string, problems: readonly ConfigProblem[]): string {
  const lines = problems.map((p) => {
    const received = p.received === undefined ? "" : ` (received: ${preview(p.received)})`;
    return `  - ${p.path || "<root>"}: ${p.message}${received}`;
  });
  const noun = problems.length === 1 ? "problem" : "problems";
  return `Invalid configuration ${source}: ${problems.length} ${noun}\n${lines.join("\n")}`;
}

function preview(value: unknown): string {
  const text = JSON.stringify(value);
  if (text === undefined) return String(value);
  return text.length > 120 ? `${text.slice(0, 117)}...` : text;
}

/**
 * Dotted path for an issue path. A key that is empty or holds characters other than
 * letters, digits, `_`, `-`, `@`, `*` or `/` is written quoted in brackets (`tags[""]`,
 * `records["a.b"]`), so every problem has a non-empty path that names one place.
 */
export function formatPath(path: readonly PropertyKey[]): string {
  let out = "";
  for (const part of path) {
    const text = String(part);
    if (/^[A-Za-z0-9_@*/-]+$/.test(text)) out += out === "" ? text : `.${text}`;
    else out += `[${JSON.stringify(text)}]`;
  }
  return out;
}

/** The fix hint for zod's own (non-custom) issue codes. */
function hintFor(issue: z.core.$ZodIssue): string {
  switch (issue.code) {
    case "invalid_type":
      return `. Fix: provide a ${issue.expected}`;
    case "too_small":
      return (
        `. Fix: use ${issue.inclusive === false ? "more than" : "at least"} ` +
        `${String(issue.minimum)}${issue.origin === "array" ? " items" : ""}`
      );
    case "too_big":
      return (
        `. Fix: use ${issue.inclusive === false ? "less than" : "at most"} ` +
        `${String(issue.maximum)}${issue.origin === "array" ? " items" : ""}`
      );
    default:
      return "";
  }
}

/** What {@link problemsFromIssues} needs to explain keys: the schema and the input it read. */
export interface IssueContext {
  /** The schema the issue paths are relative to. */
  readonly schema: z.core.$ZodType;
  /** The input that schema parsed (to tell a missing key from a wrong value). */
  readonly input: unknown;
}

/** Inserts `, did you mean "x"?` before the message's `. Fix:` (or at its end). */
function withSuggestion(message: string, input: unknown, candidates: readonly string[]): string {
  const hint = didYouMean(input, candidates);
  if (!hint || message.includes("did you mean")) return message;
  const at = message.indexOf(". Fix:");
  return at < 0 ? `${message}${hint}` : `${message.slice(0, at)}${hint}${message.slice(at + 1)}`;
}

/** The value at a path of the input, and whether its parent object has the key at all. */
function lookup(input: unknown, path: readonly PropertyKey[]): { parent: unknown; present: boolean } {
  let parent: unknown;
  let value = input;
  for (const key of path) {
    parent = value;
    if (value === null || typeof value !== "object" || !Object.hasOwn(value, key)) return { parent, present: false };
    value = (value as Record<PropertyKey, unknown>)[key];
  }
  return { parent, present: true };
}

function quoteAll(values: readonly unknown[]): string {
  return values.map((v) => JSON.stringify(v)).join(", ");
}

/** One unknown key: did-you-mean among the keys the object knows, or the unknown region/module it is. */
function unknownKeyProblem(issue: z.core.$ZodIssue, key: string, context?: IssueContext): ConfigProblem {
  const input = (issue.input ?? {}) as Record<string, unknown>;
  const path = formatPath([...issue.path, key]);
  const expected = context ? expectedAt(context.schema, issue.path, context.input) : { kind: "unknown" as const };
  if (expected.kind === "record") {
    const regions = expected.keys.every((k) => (AWS_REGIONS as readonly string[]).includes(k));
    const message = regions
      ? unknownRegionMessage(key)
      : `unknown key ${JSON.stringify(key)}${didYouMean(key, expected.keys) || "."} ` +
        `Fix: use one of ${quoteAll(expected.keys)}`;
    return { path, message, received: input[key] };
  }
  if (expected.kind === "object") {
    const match = renameTarget(issue, key, context);
    const message = match
      ? `unknown key ${JSON.stringify(key)}, did you mean ${JSON.stringify(match)}? ` +
        `Fix: rename it to ${JSON.stringify(match)}`
      : `unknown key ${JSON.stringify(key)}. ` +
        `Fix: remove it or correct the spelling (known keys: ${expected.keys.join(", ")})`;
    return { path, message, received: input[key] };
  }
  return { path, message: `unknown key "${key}". Fix: remove it or correct the spelling`, received: input[key] };
}

/** A required key the input leaves out: "missing", with what to add. */
function missingKeyProblem(issue: z.core.$ZodIssue, path: readonly PropertyKey[]): ConfigProblem {
  const key = String(path[path.length - 1] ?? "");
  let what = "";
  if (issue.code === "invalid_value") what = ` with one of ${quoteAll(issue.values)}`;
  else if (issue.code === "invalid_union" && "options" in issue)
    what = ` with one of ${quoteAll(issue.options as unknown[])}`;
  else if (issue.code === "invalid_type") what = ` (${/^[aeiou]/.test(issue.expected) ? "an" : "a"} ${issue.expected})`;
  return { path: formatPath(path), message: `missing required key "${key}". Fix: add it${what}` };
}

/** One zod issue as the problems it stands for (an unrecognized-keys issue names several keys). */
function problemsOfIssue(issue: z.core.$ZodIssue, context?: IssueContext): ConfigProblem[] {
  if (issue.code === "unrecognized_keys") return issue.keys.map((key) => unknownKeyProblem(issue, key, context));
  const discriminator = issue.code === "invalid_union" && "discriminator" in issue ? String(issue.discriminator) : "";
  if (discriminator) {
    const path = issue.path[issue.path.length - 1] === discriminator ? issue.path : [...issue.path, discriminator];
    const value = (issue.input as Record<string, unknown> | undefined)?.[discriminator];
    if (value === undefined) return [missingKeyProblem(issue, path)];
    const options = ("options" in issue ? (issue.options as unknown[]) : []).map(String);
    const message =
      `${JSON.stringify(value)} is not one of the allowed values${didYouMean(value, options) || "."} ` +
      `Fix: use one of ${quoteAll(options)}`;
    return [{ path: formatPath(path), message, received: value }];
  }
  const structural = issue.code === "invalid_type" || issue.code === "invalid_value";
  if (structural && issue.input === undefined && (!context || !lookup(context.input, issue.path).present)) {
    return [missingKeyProblem(issue, issue.path)];
  }
  let message = issue.message;
  if (issue.code === "invalid_value") {
    const values = issue.values.map(String);
    if (message.startsWith("Invalid option")) {
      message =
        `${JSON.stringify(issue.input)} is not one of the allowed values. ` +
        `Fix: use one of ${quoteAll(issue.values)}`;
    }
    message = withSuggestion(message, issue.input, values);
  }
  if (!message.includes("Fix:")) message = `${message}${hintFor(issue)}`;
  return [{ path: formatPath(issue.path), message, received: issue.input }];
}

/**
 * Turns zod issues into {@link ConfigProblem}s with paths, values, fixes and suggestions. A
 * misspelled key is one problem: "unknown key natGateway, did you mean natGateways?" stands
 * for the "missing required key natGateways" zod also reports.
 */
export function problemsFromIssues(issues: readonly z.core.$ZodIssue[], context?: IssueContext): ConfigProblem[] {
  const renamed = new Set<string>();
  for (const issue of issues) {
    if (issue.code !== "unrecognized_keys") continue;
    for (const key of issue.keys) {
      const meant = renameTarget(issue, key, context);
      if (meant !== undefined) renamed.add(formatPath([...issue.path, meant]));
    }
  }
  return issues
    .flatMap((issue) => problemsOfIssue(issue, context))
    .filter((p) => !(renamed.has(p.path) && p.message.startsWith("missing required key")));
}

/** The known key an unknown one misspells, when its object lacks that key. */
function renameTarget(issue: z.core.$ZodIssue, key: string, context?: IssueContext): string | undefined {
  if (!context) return undefined;
  const expected = expectedAt(context.schema, issue.path, context.input);
  if (expected.kind !== "object") return undefined;
  const input = (issue.input ?? {}) as Record<string, unknown>;
  return closest(
    key,
    expected.keys.filter((k) => !Object.hasOwn(input, k)),
  );
}

/** Turns a zod error into {@link ConfigProblem}s (see {@link problemsFromIssues}). */
export function problemsFromZod(error: z.core.$ZodError, context?: IssueContext): ConfigProblem[] {
  return problemsFromIssues(error.issues, context);
}

/** Compares dotted paths part by part, numbers numerically (`a.2` before `a.10`). */
function comparePaths(a: string, b: string): number {
  const pa = a === "" ? [] : a.split(".");
  const pb = b === "" ? [] : b.split(".");
  for (let i = 0; i < Math.min(pa.length, pb.length); i++) {
    if (pa[i] === pb[i]) continue;
    const [na, nb] = [Number(pa[i]), Number(pb[i])];
    if (/^\d+$/.test(pa[i]) && /^\d+$/.test(pb[i])) return na - nb;
    return pa[i] < pb[i] ? -1 : 1;
  }
  return pa.length - pb.length;
}

/** Problems sorted by path (stable within one path) with repeats of one message at one path dropped. */
export function sortProblems(problems: readonly ConfigProblem[]): ConfigProblem[] {
  const seen = new Set<string>();
  const unique = problems.filter((p) => {
    const key = `${p.path}\u0000${p.message}`;
    if (seen.has(key)) return false;
    seen.add(key);
    return true;
  });
  return unique
    .map((problem, index) => ({ problem, index }))
    .sort((x, y) => comparePaths(x.problem.path, y.problem.path) || x.index - y.index)
    .map((x) => x.problem);
}
