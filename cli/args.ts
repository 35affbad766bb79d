/**
 * Command-line arguments for every CLI of the repository (`main.ts` and `scripts/`): one
 * parser, one usage error. It lives outside `scripts/` because `main.ts` may not import
 * `scripts/`, and it imports nothing, so any CLI may use it.
 */

/** A mistake in how a CLI was called or set up; printed without a stack trace. */
export class UsageError extends Error {}

/**
 * `--help` (or `-h`) was given: the CLI prints {@link HelpRequested.message} (its usage) to
 * stdout and exits 0 without doing anything else.
 */
export class HelpRequested extends Error {}

/**
 * How a flag takes its value: `boolean` takes none; `string` takes one (given twice, the
 * last wins); `list` may repeat; `csv` may repeat and each value is split on commas.
 * Values follow the flag (`--env dev`) or an equals sign (`--env=dev`).
 */
export type FlagKind = "boolean" | "string" | "list" | "csv";

/** The flags a CLI knows, by name with its dashes (`--env`). */
export type FlagSpec = Readonly<Record<string, FlagKind>>;

/** What {@link parseArgs} found. */
export class ParsedArgs {
  constructor(
    private readonly values: ReadonlyMap<string, readonly string[]>,
    /** Arguments that are neither flags nor flag values, in order. */
    readonly positionals: readonly string[],
    /** Flags the spec does not know, as written (`--bogus`, `--bogus=1`). */
    readonly unknown: readonly string[],
    /**
     * Every mistake in argument order, one message each: unknown flags, stray arguments,
     * a value missing or given to a boolean flag.
     */
    readonly mistakes: readonly string[],
  ) {}

  /** True when the flag was given (with a value, for flags that take one). */
  has(flag: string): boolean {
    return this.values.has(flag);
  }

  /** Every value of the flag, in order (comma-separated values split for `csv` flags). */
  list(flag: string): readonly string[] {
    return this.values.get(flag) ?? [];
  }

  /** The flag's last value, or undefined. */
  string(flag: string): string | undefined {
    return this.list(flag).at(-1);
  }

  /** The flag's last value as a number when `accept` takes it, else the fallback. */
  number(flag: string, fallback: number, accept: (value: number) => boolean = (value) => value > 0): number {
    const value = Number(this.string(flag) ?? Number.NaN);
    return Number.isFinite(value) && accept(value) ? value : fallback;
  }
}

/**
 * Reads `argv` (without the node and script paths) against the spec. Never throws:
 * unknown flags, stray arguments and missing values are collected for the caller to
 * reject ({@link parseArgsStrict}) or to ignore. A value may not start with `--`, so a
 * forgotten value never swallows the next flag.
 */
export function parseArgs(argv: readonly string[], spec: FlagSpec): ParsedArgs {
  const values = new Map<string, string[]>();
  const positionals: string[] = [];
  const unknown: string[] = [];
  const mistakes: string[] = [];
  for (let i = 0; i < argv.length; i++) {
    const arg = argv[i];
    const equals = arg.indexOf("=");
    const flag = equals > 0 ? arg.slice(0, equals) : arg;
    const kind = arg.startsWith("--") && Object.hasOwn(spec, flag) ? spec[flag] : undefined;
    if (kind === undefined) {
      (arg.startsWith("--") ? unknown : positionals).push(arg);
      mistakes.push(`unknown option ${JSON.stringify(arg)}`);
      continue;
    }
    const next = argv[i + 1];
    const takesNext = kind !== "boolean" && equals < 0 && next !== undefined && !next.startsWith("--");
    const read = flagValues(flag, kind, equals > 0 ? arg.slice(equals + 1) : takesNext ? argv[++i] : undefined);
    if (typeof read === "string") mistakes.push(read);
    else values.set(flag, [...(values.get(flag) ?? []), ...read]);
  }
  return new ParsedArgs(values, positionals, unknown, mistakes);
}

/** The values one occurrence of a known flag contributes, or what is wrong with it. */
function flagValues(flag: string, kind: FlagKind, value: string | undefined): string[] | string {
  if (kind === "boolean") return value === undefined ? [] : `${flag} takes no value`;
  const parts = kind === "csv" ? (value ?? "").split(",").filter(Boolean) : value ? [value] : [];
  return parts.length > 0 ? parts : `${flag} needs a value`;
}

/**
 * {@link parseArgs} for CLIs that refuse what they do not understand: `--help` throws
 * {@link HelpRequested}; otherwise the first mistake throws a {@link UsageError} ending
 * with the usage line.
 */
export function parseArgsStrict(argv: readonly string[], spec: FlagSpec, usage: string): ParsedArgs {
  if (argv.includes("--help") || argv.includes("-h")) throw new HelpRequested(usage);
  const parsed = parseArgs(argv, spec);
  const [first] = parsed.mistakes;
  if (first !== undefined) throw new UsageError(`${first}. ${usage}`);
  return parsed;
}
