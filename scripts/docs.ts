/**
 * `npm run docs`: the API reference of the published package, generated from the TSDoc in
 * the built declarations (`dist/**\/*.d.ts`, so `npm run build` first) into `docs/api/`
 * (git-ignored): one Markdown page per entry point, each export with its summary, `@default`
 * and `@example` blocks.
 *
 * TypeDoc 0.28 supports TypeScript up to 6.0 and this project compiles with 7.0, so this
 * reads the declarations tsc already wrote instead of compiling the sources a second time.
 *
 *   node --import tsx scripts/docs.ts [--out docs/api]
 */
import { existsSync, mkdirSync, readdirSync, readFileSync, rmSync, writeFileSync } from "node:fs";
import { join, relative, resolve } from "node:path";

const ROOT = resolve(__dirname, "..");

/** One documented export of a declaration file. */
export interface ApiEntry {
  readonly name: string;
  readonly kind: string;
  /** The TSDoc text without the comment markers. */
  readonly doc: string;
  /** Declaration file, relative to dist/. */
  readonly file: string;
}

/** An optional TSDoc block, then `export [declare] <kind> <name>`. */
const EXPORT = new RegExp(
  String.raw`(?:/\*\*((?:(?!\*/)[\s\S])*)\*/\s*)?` +
    String.raw`export (?:declare )?((?:abstract )?class|interface|function|const|type|enum) (\w+)`,
  "g",
);

/** The exports of one `.d.ts` text with their TSDoc (empty when a symbol has none). */
export function apiEntries(text: string, file: string): ApiEntry[] {
  return [...text.matchAll(EXPORT)].map((m) => ({
    name: m[3]!,
    kind: m[2]!,
    file,
    doc: (m[1] ?? "")
      .split("\n")
      .map((line) => line.replace(/^\s*\* ?/, ""))
      .join("\n")
      .trim(),
  }));
}

function declarations(dir: string): string[] {
  return readdirSync(dir, { withFileTypes: true }).flatMap((d) => {
    const path = join(dir, d.name);
    if (d.isDirectory()) return declarations(path);
    return d.name.endsWith(".d.ts") && d.name !== "index.d.ts" ? [path] : [];
  });
}

/** The Markdown page of one entry point (a folder of dist/). */
export function renderPage(title: string, entries: readonly ApiEntry[]): string {
  const sorted = [...entries].sort((a, b) => a.name.localeCompare(b.name));
  const toc = sorted.map((e) => `- [\`${e.name}\`](#${e.name.toLowerCase()}) (${e.kind})`).join("\n");
  const body = sorted.map((e) => `### ${e.name}\n\n*${e.kind}*, \`${e.file}\`\n\n${e.doc || "(undocumented)"}\n`);
  return `# ${title}\n\n${toc}\n\n${body.join("\n")}`;
}

function main(): void {
  const i = process.argv.indexOf("--out");
  const out = resolve(ROOT, i > 0 ? process.argv[i + 1]! : "docs/api");
  const dist = join(ROOT, "dist");
  if (!existsSync(join(dist, "constructs", "index.d.ts"))) {
    console.error("docs: dist/ has no declarations. Fix: run `npm run build` first.");
    process.exit(1);
  }
  rmSync(out, { recursive: true, force: true });
  mkdirSync(out, { recursive: true });
  const pages: [string, string][] = [];
  const domains = readdirSync(join(dist, "constructs"), { withFileTypes: true }).filter((d) => d.isDirectory());
  for (const d of domains) pages.push([`constructs/${d.name}`, join(dist, "constructs", d.name)]);
  pages.push(["policies", join(dist, "policies")]);
  const index: string[] = ["# @plataforma/infra API reference", ""];
  for (const [entry, dir] of pages) {
    const entries = declarations(dir).flatMap((f) => apiEntries(readFileSync(f, "utf8"), relative(dist, f)));
    const file = `${entry.replace("/", "-")}.md`;
    writeFileSync(join(out, file), renderPage(`@plataforma/infra/${entry}`, entries));
    index.push(`- [\`@plataforma/infra/${entry}\`](${file}): ${entries.length} exports`);
  }
  writeFileSync(join(out, "README.md"), `${index.join("\n")}\n`);
  console.error(`docs: ${pages.length} pages written to ${relative(ROOT, out)}/`);
}

if (require.main === module) main();
