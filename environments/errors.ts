import type { z } from "zod";

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

/** Dotted path for an issue path. */
function formatPath(path: readonly PropertyKey[]): string {
  return path.map((part) => String(part)).join(".");
}

/** The fix hint for zod's own (non-custom) issue codes. */
function hintFor(issue: z.core.$ZodIssue): string {
  switch (issue.code) {
    case "invalid_type":
      return issue.input === undefined ? `. Fix: this field is required; add it` : `. Fix: provide a ${issue.expected}`;
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
    case "invalid_value":
      return `. Fix: use one of ${issue.values.map((v) => JSON.stringify(v)).join(", ")}`;
    default:
      return "";
  }
}

/** Turns zod issues into {@link ConfigProblem}s with paths, values and fixes. */
export function problemsFromZod(error: z.core.$ZodError): ConfigProblem[] {
  return error.issues.flatMap((issue): ConfigProblem[] => {
    if (issue.code === "unrecognized_keys") {
      const input = (issue.input ?? {}) as Record<string, unknown>;
      return issue.keys.map((key) => ({
        path: formatPath([...issue.path, key]),
        message: `unknown key "${key}". Fix: remove it or correct the spelling`,
        received: input[key],
      }));
    }
    const message = issue.message.includes("Fix:") ? issue.message : `${issue.message}${hintFor(issue)}`;
    return [{ path: formatPath(issue.path), message, received: issue.input }];
  });
}
