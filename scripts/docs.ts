/**
 * `npm run docs`: the API reference of the published package, generated from the TSDoc in
 * the built declarations (`dist/**\/*.d.ts`, so `npm run build` first) into `docs/api/`
 * (git-ignored): one Markdown page per entry point listing what that entry point exports
 * (following its `export * from` chain), each export with its signature, summary, `@default`,
 * `@example` and other block tags, interface and type-literal members as a table (name, type,
 * required, description, default), class members likewise, and `{@link X}` as a link to X's
 * section on this page or another, or as `X` in code when X is not part of the reference.
 *
 * TypeDoc 0.28 supports TypeScript up to 6.0 and this project compiles with 7.0, whose only
 * JavaScript API is the `typescript/unstable/*` client of the native compiler. So this reads
 * the declarations tsc already wrote with a small scanner: tsc prints them in one regular
 * shape (one member per `;`, no bodies), and the scanner skips comments, strings, template
 * literals and regular expressions, so it also finds the exports of a source file.
 *
 *   node --import tsx scripts/docs.ts [--out docs/api]
 */
import { existsSync, mkdirSync, readdirSync, readFileSync, rmSync, writeFileSync } from "node:fs";
import { dirname, join, relative, resolve } from "node:path";

const ROOT = resolve(__dirname, "..");

/** One member of an interface, class, enum or object type. */
export interface ApiMember {
  /** The name, or the bracketed key of an index signature, or `constructor`. */
  readonly name: string;
  readonly kind: "property" | "method" | "constructor" | "index" | "call" | "enum member";
  /** Property type or method return type; the value of an enum member. */
  readonly type: string;
  /** Method and constructor parameters, without the parentheses. */
  readonly parameters?: string;
  readonly optional: boolean;
  /** `readonly`, `static`, `protected`, `abstract`, `override` (a getter without a setter is `readonly`). */
  readonly modifiers: readonly string[];
  readonly doc: string;
}

/** One documented export of a declaration file. */
export interface ApiEntry {
  readonly name: string;
  readonly kind: string;
  /** The TSDoc text without the comment markers. */
  readonly doc: string;
  /** Declaration file, relative to dist/. */
  readonly file: string;
  /** The declaration without its body: each overload of a function, the whole alias of a type. */
  readonly signatures?: readonly string[];
  /** Members of an interface, class, enum or object-literal type alias, in source order. */
  readonly members?: readonly ApiMember[];
}

// ---------------------------------------------------------------------------------------
// Scanner

/** Characters after which `/` starts a regular expression rather than a division. */
const REGEX_AFTER = new Set([..."(,=:[!&|?{};+-*%<>~^"]);
const REGEX_AFTER_WORDS = /\b(?:return|typeof|case|do|else|in|of|void|yield|await|instanceof)$/;

/** The index just past the string literal that opens at `i`. */
function skipString(src: string, i: number): number {
  const quote = src[i];
  for (let j = i + 1; j < src.length; j++) {
    if (src[j] === "\\") j++;
    else if (src[j] === quote || src[j] === "\n") return j + 1;
  }
  return src.length;
}

/** The index just past the template literal that opens at `i`, `${...}` holes included. */
function skipTemplate(src: string, i: number): number {
  for (let j = i + 1; j < src.length; j++) {
    if (src[j] === "\\") j++;
    else if (src[j] === "`") return j + 1;
    else if (src[j] === "$" && src[j + 1] === "{") {
      const close = scan(src, j + 2, { untilClose: true });
      j = close.end - 1;
    }
  }
  return src.length;
}

function skipRegex(src: string, i: number): number {
  let inClass = false;
  for (let j = i + 1; j < src.length; j++) {
    const c = src[j];
    if (c === "\\") j++;
    else if (c === "[") inClass = true;
    else if (c === "]") inClass = false;
    else if (c === "/" && !inClass) return j + 1;
    else if (c === "\n") return j;
  }
  return src.length;
}

/** A declaration or member as written, with the TSDoc comment right before it. */
interface Piece {
  readonly doc: string;
  readonly text: string;
}

interface ScanOptions {
  /** What ends a piece at depth 0 besides a block closing: `;` for statements, `,` for enums. */
  readonly separator?: string;
  /** Stop at the `}` that closes an already open brace (a template hole). */
  readonly untilClose?: boolean;
}

/** After a block closes at depth 0, these continue the same declaration (`} | undefined;`). */
const CONTINUES = new Set([..."; ,|&[]>).=?:{"]);
const CONTINUES_WORDS = /^(?:as|satisfies|extends|implements|keyof)\b/;

/**
 * Splits `src` from `from` into top-level pieces: a piece ends at the separator at depth 0,
 * or where a `{}` block closes at depth 0 and nothing continues it (a class, an interface,
 * a function body). Comments, strings, template literals and regular expressions are skipped.
 */
function scan(src: string, from: number, options: ScanOptions = {}): { pieces: Piece[]; end: number } {
  const separator = options.separator ?? ";";
  const pieces: Piece[] = [];
  let depth = 0;
  let start = -1;
  let doc = "";
  let pendingDoc = "";
  let previous = "";
  const close = (end: number) => {
    pieces.push({ doc, text: src.slice(start, end).trim() });
    start = -1;
    doc = "";
  };
  let i = from;
  while (i < src.length) {
    const c = src[i]!;
    const next = src[i + 1];
    if (c === "/" && next === "*") {
      const end = src.indexOf("*/", i + 2);
      const stop = end < 0 ? src.length : end + 2;
      if (depth === 0 && start < 0 && src[i + 2] === "*" && src[i + 3] !== "/") {
        pendingDoc = cleanComment(src.slice(i + 3, stop - 2));
      }
      i = stop;
      continue;
    }
    if (c === "/" && next === "/") {
      const end = src.indexOf("\n", i);
      i = end < 0 ? src.length : end;
      continue;
    }
    if (/\s/.test(c)) {
      i++;
      continue;
    }
    if (start < 0 && depth === 0) {
      if (options.untilClose && c === "}") return { pieces, end: i + 1 };
      start = i;
      doc = pendingDoc;
      pendingDoc = "";
    }
    if (c === '"' || c === "'") i = skipString(src, i);
    else if (c === "`") i = skipTemplate(src, i);
    else if (c === "/" && (REGEX_AFTER.has(previous) || REGEX_AFTER_WORDS.test(src.slice(start, i).trimEnd()))) {
      i = skipRegex(src, i);
    } else {
      i++;
      if (c === "{" || c === "[" || c === "(") depth++;
      else if (c === "}" || c === "]" || c === ")") {
        depth--;
        if (depth < 0) {
          if (start >= 0 && start < i - 1) close(i - 1);
          return { pieces, end: i };
        }
        if (depth === 0 && c === "}" && !continues(src, i)) close(i);
      } else if (depth === 0 && c === separator) close(i);
    }
    previous = c;
  }
  if (start >= 0) close(src.length);
  return { pieces, end: src.length };
}

function continues(src: string, i: number): boolean {
  const rest = src.slice(i, i + 40).replace(/^\s+/, "");
  return rest === "" ? false : CONTINUES.has(rest[0]!) || CONTINUES_WORDS.test(rest);
}

/** The text of a `/** ... *\/` comment without its markers and leading `*`. */
function cleanComment(inner: string): string {
  return inner
    .split("\n")
    .map((line) => line.replace(/^\s*\* ?/, ""))
    .join("\n")
    .trim();
}

/** The index of the `{` that opens the body of a declaration head, skipping `<...>`. */
function bodyStart(text: string): number {
  let angle = 0;
  for (let i = 0; i < text.length; i++) {
    const c = text[i];
    if (c === "<") angle++;
    else if (c === ">" && text[i - 1] !== "=") angle--;
    else if (c === "{" && angle === 0) return i;
    else if (c === "=" && text[i + 1] !== ">" && angle === 0) return -1;
  }
  return -1;
}

// ---------------------------------------------------------------------------------------
// Declarations

const DECLARATION = new RegExp(
  String.raw`^export\s+(?:declare\s+)?(?:default\s+)?(?:async\s+)?` +
    String.raw`((?:abstract\s+)?class|interface|function|const|let|var|type|enum|namespace)\s+([\w$]+)`,
);

/** The exports of one `.d.ts` (or `.ts`) text with their TSDoc (empty when a symbol has none). */
export function apiEntries(text: string, file: string): ApiEntry[] {
  const entries = new Map<string, ApiEntry>();
  for (const piece of scan(text, 0).pieces) {
    const m = DECLARATION.exec(piece.text);
    if (!m) continue;
    const kind = m[1]!.replace(/\s+/, " ");
    const name = m[2]!;
    const entry = declarationEntry(name, kind, piece, file);
    const overload = entries.get(name);
    // Overloads of a function are one export with several signatures.
    entries.set(
      name,
      overload
        ? {
            ...overload,
            doc: overload.doc || entry.doc,
            signatures: [...(overload.signatures ?? []), ...(entry.signatures ?? [])],
          }
        : entry,
    );
  }
  return [...entries.values()];
}

function declarationEntry(name: string, kind: string, piece: Piece, file: string): ApiEntry {
  const text = piece.text.replace(/^export\s+(?:declare\s+)?/, "").replace(/;$/, "");
  const base = { name, kind, doc: piece.doc, file };
  if (kind.endsWith("class") || kind === "interface" || kind === "enum") {
    const open = bodyStart(text);
    if (open < 0) return { ...base, signatures: [text] };
    const head = text.slice(0, open).trim();
    const body = text.slice(open + 1, text.lastIndexOf("}"));
    const members = kind === "enum" ? enumMembers(body) : typeMembers(body);
    const ctor = members.filter((m) => m.kind === "constructor");
    const signatures = [
      head,
      ...ctor.map(
        (c) => `${c.modifiers.includes("protected") ? "protected constructor" : `new ${name}`}(${c.parameters})`,
      ),
    ];
    return { ...base, signatures, members: members.filter((m) => m.kind !== "constructor") };
  }
  if (kind === "type") {
    // `type X = { ... }`: the alias is an object type whose members read like an interface's.
    const open = /^type\s+[\w$]+(?:<[^=]*>)?\s*=\s*\{/.exec(text)?.[0].length;
    if (open && scan(text, open, { untilClose: true }).end === text.length) {
      return { ...base, signatures: [text], members: typeMembers(text.slice(open, -1)) };
    }
  }
  // A source function's body goes; a declared one has none, and its `}` may end its return type.
  const body = kind === "function" && !/^export\s+declare\b/.test(piece.text);
  return { ...base, signatures: [body ? text.replace(/\s*\{[\s\S]*\}$/, "") : text] };
}

function enumMembers(body: string): ApiMember[] {
  return scan(body, 0, { separator: "," }).pieces.map((p) => {
    const [name, value] = p.text.replace(/,$/, "").split(/\s*=\s*/, 2);
    return { name: name!, kind: "enum member", type: value ?? "", optional: false, modifiers: [], doc: p.doc };
  });
}

const MODIFIER =
  /^(public|private|protected|readonly|static|abstract|declare|override|accessor|get|set)\s+(?=[\w$"'[#])/;

/** The public and protected members of an interface, class or object type body. */
function typeMembers(body: string): ApiMember[] {
  const members: ApiMember[] = [];
  for (const piece of scan(body, 0).pieces) {
    let text = piece.text.replace(/;$/, "");
    const modifiers: string[] = [];
    for (let m = MODIFIER.exec(text); m; m = MODIFIER.exec(text)) {
      modifiers.push(m[1]!);
      text = text.slice(m[0].length);
    }
    if (modifiers.includes("private") || text.startsWith("#")) continue;
    const member = parseMember(
      text,
      modifiers.filter((m) => m !== "public" && m !== "declare"),
      piece.doc,
    );
    if (!member) continue;
    // A getter and its setter are one property, read-only when there is no setter.
    const accessor = members.findIndex((m) => m.name === member.name && m.modifiers.some((x) => x === "get"));
    if (modifiers.includes("set") && accessor >= 0) {
      const getter = members[accessor]!;
      members[accessor] = { ...getter, modifiers: getter.modifiers.filter((x) => x !== "get") };
      continue;
    }
    if (!modifiers.includes("set")) members.push(member);
  }
  return members.map((m) =>
    m.modifiers.includes("get") ? { ...m, modifiers: [...m.modifiers.filter((x) => x !== "get"), "readonly"] } : m,
  );
}

function parseMember(text: string, modifiers: string[], doc: string): ApiMember | undefined {
  const name = /^(?:[\w$]+|"[^"]*"|'[^']*')/.exec(text)?.[0] ?? (text.startsWith("[") ? bracket(text, 0) : "");
  if (text.startsWith("new ") || text.startsWith("(") || text.startsWith("<")) {
    const call = signature(text, text.indexOf("("));
    return call && { name: "(call)", kind: "call", ...call, optional: false, modifiers, doc };
  }
  if (!name) return undefined;
  let rest = text.slice(name.length).trimStart();
  const optional = rest.startsWith("?");
  if (optional) rest = rest.slice(1).trimStart();
  if (name.startsWith("[") && /^\[[\w$]+\s*:/.test(name)) {
    return { name, kind: "index", type: rest.replace(/^:\s*/, ""), optional, modifiers, doc };
  }
  if (rest.startsWith("(") || rest.startsWith("<")) {
    const call = signature(rest, rest.indexOf("("));
    if (!call) return undefined;
    const kind = name === "constructor" ? "constructor" : modifiers.includes("get") ? "property" : "method";
    return kind === "property"
      ? { name, kind, type: call.type, optional, modifiers, doc }
      : { name, kind, ...call, optional, modifiers, doc };
  }
  // tsc writes a private or untyped member without a type.
  return { name, kind: "property", type: rest.replace(/^:\s*/, "") || "unknown", optional, modifiers, doc };
}

/** `[...]` from `i`, brackets balanced. */
function bracket(text: string, i: number): string {
  const { end } = scan(text, i + 1, { untilClose: true });
  return text.slice(i, end);
}

/** Parameters and return type of `(params): type` from the `(` at `open`. */
function signature(text: string, open: number): { parameters: string; type: string } | undefined {
  if (open < 0) return undefined;
  const { end } = scan(text, open + 1, { untilClose: true });
  const parameters = text
    .slice(open + 1, end - 1)
    .replace(/\s+/g, " ")
    .trim();
  return {
    parameters,
    type: text
      .slice(end)
      .replace(/^\s*:\s*/, "")
      .trim(),
  };
}

// ---------------------------------------------------------------------------------------
// Entry points: what an index.d.ts exports, following `export * from` and `export { } from`.

/** The exports reachable from one entry point's `index.d.ts`. */
export function entryPointExports(indexFile: string, dist: string, seen = new Set<string>()): ApiEntry[] {
  if (seen.has(indexFile)) return [];
  seen.add(indexFile);
  const text = readFileSync(indexFile, "utf8");
  const entries = apiEntries(text, relative(dist, indexFile));
  for (const { text: statement } of scan(text, 0).pieces) {
    if (!/^export\s*(?:type\s*)?[*{]/.test(statement) || /^export\s*\{\s*\};?$/.test(statement)) continue;
    const star = /^export\s*\*\s*from\s*["']([^"']+)["']/.exec(statement);
    const named = /^export\s*(?:type\s*)?\{([^}]*)\}\s*from\s*["']([^"']+)["']/.exec(statement);
    if (star) {
      entries.push(...entryPointExports(moduleFile(indexFile, star[1]!), dist, seen));
    } else if (named) {
      const all = entryPointExports(moduleFile(indexFile, named[2]!), dist, new Set(seen));
      for (const spec of named[1]!.split(",").map((s) => s.replace(/^\s*type\s+/, "").trim())) {
        if (!spec) continue;
        const [from, as = from] = spec.split(/\s+as\s+/);
        const found = all.find((e) => e.name === from);
        if (found) entries.push({ ...found, name: as! });
      }
    } else {
      throw new Error(
        `docs: ${relative(ROOT, indexFile)} has an export form the reference does not read: ` +
          `${statement.slice(0, 80)}. Fix: re-export with \`export * from\` or \`export { a } from\`, ` +
          "or teach scripts/docs.ts entryPointExports this form.",
      );
    }
  }
  const byName = new Map(entries.map((e) => [e.name, e]));
  return [...byName.values()];
}

function moduleFile(from: string, specifier: string): string {
  const base = resolve(dirname(from), specifier.replace(/\.js$/, ""));
  const file = [`${base}.d.ts`, join(base, "index.d.ts")].find((f) => existsSync(f));
  if (!file) throw new Error(`docs: ${relative(ROOT, from)} re-exports ${specifier}, which has no declaration file.`);
  return file;
}

// ---------------------------------------------------------------------------------------
// Rendering

/** Where each documented name and member lives: page file and anchor. */
export type LinkTargets = ReadonlyMap<string, { readonly page: string; readonly anchor: string }>;

/** The GitHub heading anchor of an export's `### Name`. */
function anchor(name: string): string {
  return name.toLowerCase().replace(/[^\w-]/g, "");
}

function memberAnchor(owner: string, member: string): string {
  return `${anchor(owner)}-${anchor(member)}`;
}

/** Link targets of the pages: every export and every member of an interface or class. */
export function linkTargets(pages: readonly { readonly file: string; readonly entries: readonly ApiEntry[] }[]) {
  const targets = new Map<string, { page: string; anchor: string }>();
  for (const { file, entries } of pages) {
    for (const e of entries) {
      if (!targets.has(e.name)) targets.set(e.name, { page: file, anchor: anchor(e.name) });
      for (const m of e.members ?? []) {
        const key = `${e.name}.${m.name}`;
        if (!targets.has(key)) targets.set(key, { page: file, anchor: memberAnchor(e.name, m.name) });
      }
    }
  }
  return targets;
}

/** A code span holding `text` whatever backticks it contains. */
function code(text: string): string {
  const longest = Math.max(0, ...[...text.matchAll(/`+/g)].map((m) => m[0].length));
  const fence = "`".repeat(longest + 1);
  const pad = text.startsWith("`") || text.endsWith("`") ? " " : "";
  return `${fence}${pad}${text}${pad}${fence}`;
}

interface RenderContext {
  readonly page: string;
  readonly targets: LinkTargets;
}

function href(target: { page: string; anchor: string }, ctx: RenderContext): string {
  return target.page === ctx.page ? `#${target.anchor}` : `${target.page}#${target.anchor}`;
}

/** `{@link X}`, `{@link X.member}`, `{@link X | text}` and `{@link url}` as Markdown. */
export function renderLinks(text: string, ctx: RenderContext): string {
  return text.replace(/\{@link(?:code|plain)?\s+([^\s|}]+)(?:\s*\|?\s*([^}]*))?\}/g, (_, target: string, label) => {
    const text = (label as string | undefined)?.trim();
    if (/^https?:\/\//.test(target)) return `[${text || target}](${target})`;
    const key = target.replace("#", ".");
    const found = ctx.targets.get(key) ?? ctx.targets.get(key.split(".")[0]!);
    const shown = text || target;
    return found ? `[${text ? shown : code(shown)}](${href(found, ctx)})` : code(shown);
  });
}

/** TSDoc split into the summary and its block tags (`@default`, `@example`, ...). */
export function parseDoc(doc: string): { summary: string; tags: { tag: string; text: string }[] } {
  // A block tag starts a line or follows a space, outside code (fences, spans, `{@link}`).
  const parts: { tag: string; text: string }[] = [{ tag: "", text: "" }];
  const re = /```[\s\S]*?(?:```|$)|`[^`\n]*`|\{@[^}]*\}|(^|[ \t\n])@([a-zA-Z]+)(?=\s|$)/g;
  let last = 0;
  for (const m of doc.matchAll(re)) {
    if (!m[2]) continue;
    parts.at(-1)!.text += doc.slice(last, m.index + m[1]!.length);
    parts.push({ tag: m[2], text: "" });
    last = m.index + m[0].length;
  }
  parts.at(-1)!.text += doc.slice(last);
  const [summary, ...tags] = parts.map((p) => ({ tag: p.tag, text: p.text.trim() }));
  return { summary: summary!.text, tags };
}

/** A bare name the reference documents (`@see X`, `@default X`) as a `{@link}`. */
function linkIfKnown(text: string, ctx: RenderContext): string {
  return ctx.targets.has(text) ? `{@link ${text}}` : text;
}

/** The text of a `@default`: a value in code, or after `- ` a described behaviour. */
function renderDefault(value: string, ctx: RenderContext): string {
  if (value.startsWith("-")) return renderLinks(value.replace(/^-\s*/, ""), ctx);
  if (value.includes("{@link") || value.includes("`")) return renderLinks(value, ctx);
  if (ctx.targets.has(value)) return renderLinks(linkIfKnown(value, ctx), ctx);
  return code(value);
}

/** One table cell: one line, `|` escaped (also inside code, as GitHub tables require). */
function cell(markdown: string): string {
  return markdown
    .trim()
    .replace(/\n\s*\n/g, "<br><br>")
    .replace(/\s*\n\s*/g, " ")
    .replace(/\|/g, "\\|");
}

/** A type in code with the names the reference documents linked. */
function renderType(type: string, ctx: RenderContext): string {
  // String literal types are matched whole so a word inside one is never linked.
  const tokens = type.match(/"(?:[^"\\]|\\.)*"|'(?:[^'\\]|\\.)*'|`(?:[^`\\]|\\.)*`|[\w$]+(?:\.[\w$]+)*|[^"'`\w$]+/g);
  const out: string[] = [];
  let plain = "";
  for (const part of tokens ?? []) {
    const target = ctx.targets.get(part);
    if (!target) {
      plain += part;
      continue;
    }
    if (plain) out.push(code(plain));
    out.push(`[${code(part)}](${href(target, ctx)})`);
    plain = "";
  }
  if (plain) out.push(code(plain));
  return out.join("");
}

function renderMembers(entry: ApiEntry, ctx: RenderContext): string {
  const members = entry.members ?? [];
  if (members.length === 0) return "";
  const isClass = entry.kind.endsWith("class");
  const rows = members.map((m) => {
    const { summary, tags } = parseDoc(m.doc);
    const name = m.kind === "method" || m.kind === "call" ? `${m.name}(${m.parameters})` : m.name;
    const defaults = tags.filter((t) => t.tag === "default").map((t) => renderDefault(t.text, ctx));
    const other = tags.filter((t) => t.tag !== "default").map((t) => `**@${t.tag}** ${t.text}`);
    const description = cell(renderLinks([summary, ...other].filter(Boolean).join("\n\n"), ctx));
    const id = `<a id="${memberAnchor(entry.name, m.name)}"></a>${code(name)}`;
    const type = cell(m.type ? renderType(m.type, ctx) : "");
    if (entry.kind === "enum") return `| ${id} | ${type} | ${description} |`;
    const modifiers = [...m.modifiers, ...(m.optional ? ["optional"] : [])].join(" ");
    if (isClass) return `| ${id} | ${modifiers} | ${type} | ${description} |`;
    return `| ${id} | ${type} | ${m.optional ? "no" : "yes"} | ${description} | ${cell(defaults.join(" "))} |`;
  });
  const header =
    entry.kind === "enum"
      ? "| Member | Value | Description |\n| --- | --- | --- |"
      : isClass
        ? "| Member | Modifiers | Type | Description |\n| --- | --- | --- | --- |"
        : "| Property | Type | Required | Description | Default |\n| --- | --- | --- | --- | --- |";
  return `${header}\n${rows.join("\n")}\n`;
}

function renderEntry(e: ApiEntry, ctx: RenderContext): string {
  const { summary, tags } = parseDoc(e.doc);
  const sections = [`### ${e.name}`, `*${e.kind}*, ${code(e.file)}`];
  if (e.signatures?.length) sections.push(`\`\`\`ts\n${e.signatures.join("\n")}\n\`\`\``);
  sections.push(summary ? renderLinks(summary, ctx) : "(undocumented)");
  for (const { tag, text } of tags) {
    if (tag === "example") {
      const body = text.startsWith("```") ? text : `\`\`\`ts\n${text}\n\`\`\``;
      sections.push(`**Example**\n\n${body}`);
    } else if (tag === "default") sections.push(`**Default:** ${renderDefault(text, ctx)}`);
    else if (tag === "see") sections.push(`**See:** ${renderLinks(linkIfKnown(text, ctx), ctx)}`);
    else if (tag === "throws") sections.push(`**Throws** ${renderLinks(text, ctx)}`);
    else sections.push(`**@${tag}** ${renderLinks(text, ctx)}`);
  }
  const members = renderMembers(e, ctx);
  if (members) sections.push(members.trimEnd());
  return `${sections.join("\n\n")}\n`;
}

/** The Markdown page of one entry point (a folder of dist/). */
export function renderPage(
  title: string,
  entries: readonly ApiEntry[],
  ctx: RenderContext = { page: "", targets: linkTargets([{ file: "", entries }]) },
): string {
  const sorted = [...entries].sort((a, b) => a.name.localeCompare(b.name));
  const toc = sorted.map((e) => `- [${code(e.name)}](#${anchor(e.name)}) (${e.kind})`).join("\n");
  const body = sorted.map((e) => renderEntry(e, ctx));
  return `# ${title}\n\n${toc}\n\n${body.join("\n")}`;
}

/** Exports and members without TSDoc, for the lead to see at a glance. */
function undocumented(entries: readonly ApiEntry[]): string[] {
  return entries.flatMap((e) => [
    ...(e.doc ? [] : [e.name]),
    ...(e.members ?? []).filter((m) => !m.doc && m.kind !== "index").map((m) => `${e.name}.${m.name}`),
  ]);
}

/** The reference of one build: the Markdown of each page (and README.md, the index) by file name. */
export function apiReference(dist: string): { pages: Map<string, string>; undocumented: string[] } {
  const entryPoints: [string, string][] = [];
  const domains = readdirSync(join(dist, "constructs"), { withFileTypes: true }).filter((d) => d.isDirectory());
  for (const d of domains) entryPoints.push([`constructs/${d.name}`, join(dist, "constructs", d.name, "index.d.ts")]);
  entryPoints.push(["policies", join(dist, "policies", "index.d.ts")]);
  const pages = entryPoints.map(([entry, index]) => ({
    entry,
    file: `${entry.replace("/", "-")}.md`,
    entries: entryPointExports(index, dist),
  }));
  const targets = linkTargets(pages);
  const markdown = new Map<string, string>();
  const index: string[] = ["# @plataforma/infra API reference", ""];
  for (const { entry, file, entries } of pages) {
    markdown.set(file, renderPage(`@plataforma/infra/${entry}`, entries, { page: file, targets }));
    index.push(`- [\`@plataforma/infra/${entry}\`](${file}): ${entries.length} exports`);
  }
  markdown.set("README.md", `${index.join("\n")}\n`);
  return { pages: markdown, undocumented: pages.flatMap((p) => undocumented(p.entries)) };
}

function main(): void {
  const started = performance.now();
  const i = process.argv.indexOf("--out");
  const out = resolve(ROOT, i > 0 ? process.argv[i + 1]! : "docs/api");
  const dist = join(ROOT, "dist");
  if (!existsSync(join(dist, "constructs", "index.d.ts"))) {
    console.error("docs: dist/ has no declarations. Fix: run `npm run build` first.");
    process.exit(1);
  }
  let reference: ReturnType<typeof apiReference>;
  try {
    reference = apiReference(dist);
  } catch (error) {
    console.error((error as Error).message);
    process.exit(1);
  }
  rmSync(out, { recursive: true, force: true });
  mkdirSync(out, { recursive: true });
  for (const [file, markdown] of reference.pages) writeFileSync(join(out, file), markdown);
  const ms = Math.round(performance.now() - started);
  console.error(`docs: ${reference.pages.size - 1} pages written to ${relative(ROOT, out)}/ in ${ms} ms`);
  const missing = reference.undocumented;
  if (missing.length > 0) console.error(`docs: ${missing.length} without TSDoc: ${missing.join(", ")}`);
}

if (require.main === module) main();
