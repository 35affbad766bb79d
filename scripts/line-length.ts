/**
 * The line-length half of `npm run lint` (Biome formats to 120 columns but leaves long
 * strings and comments alone): every tracked TypeScript/JavaScript source line fits in
 * {@link MAX_LINE_LENGTH} characters.
 *
 *   node --import tsx scripts/line-length.ts     exit 1 and list the lines that do not
 */
import { execFileSync } from "node:child_process";
import { readFileSync } from "node:fs";

/** The house limit (style.md: "120 columns"). */
export const MAX_LINE_LENGTH = 120;

/** Source files the limit applies to: tracked and untracked-but-not-ignored code files. */
const SOURCE = /\.(ts|mts|cts|js|mjs|cjs)$/;

/** One line over the limit. */
export interface LongLine {
  readonly file: string;
  readonly line: number;
  readonly length: number;
}

/** The lines of `text` (a file named `file`) longer than `limit` characters. */
export function longLines(file: string, text: string, limit = MAX_LINE_LENGTH): LongLine[] {
  return text
    .split("\n")
    .flatMap((content, i) => (content.length > limit ? [{ file, line: i + 1, length: content.length }] : []));
}

/** The repository's code files, as git sees them (ignored files such as cdktf.out excluded). */
export function sourceFiles(cwd = process.cwd()): string[] {
  const listed = execFileSync("git", ["ls-files", "--cached", "--others", "--exclude-standard"], {
    cwd,
    encoding: "utf8",
  });
  return listed.split("\n").filter((f) => SOURCE.test(f));
}

if (process.argv[1]?.endsWith("line-length.ts")) {
  const found = sourceFiles().flatMap((file) => longLines(file, readFileSync(file, "utf8")));
  for (const l of found) process.stderr.write(`${l.file}:${l.line}: ${l.length} characters (max ${MAX_LINE_LENGTH})\n`);
  if (found.length > 0) {
    process.stderr.write(
      `${found.length} line(s) over ${MAX_LINE_LENGTH} characters. Fix: split the string or comment\n`,
    );
    process.exitCode = 1;
  } else process.stdout.write(`line length: every source line within ${MAX_LINE_LENGTH} characters\n`);
}
