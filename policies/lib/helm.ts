/**
 * Helm release values as synthesized: `values` (a list of YAML or JSON documents, cdktf
 * renders objects with JSON.stringify), `set` and `set_sensitive` entries. Each value
 * becomes a dotted path and a scalar (`controller.securityContext.privileged` = true) so
 * rules can look for a key whatever chart nests it. The YAML reader covers block mappings,
 * sequences of scalars and mappings, and plain or quoted scalars: what values files hold.
 */
import type { Resource, StackView, Violation } from "../types";
import { resourcesOf } from "./stack";
import { blocks, literalString } from "./values";

/** One scalar setting of a release. */
export interface HelmSetting {
  /** Dotted path; list items as `[i]` (`containers[0].image`). */
  readonly path: string;
  /** The path's last segment, list index dropped ({@link leaf}): read once here, not by every rule. */
  readonly leaf: string;
  readonly value: unknown;
}

/** A setting with its leaf. */
function setting(path: string, value: unknown): HelmSetting {
  return { path, leaf: leaf(path), value };
}

/** What a release's values read as: its settings, or why some document cannot be read. */
export type HelmValues = { readonly settings: readonly HelmSetting[] } | { readonly unreadable: string };

function flatten(value: unknown, path: string, out: HelmSetting[]): void {
  if (Array.isArray(value)) {
    value.forEach((item, i) => {
      flatten(item, `${path}[${i}]`, out);
    });
  } else if (typeof value === "object" && value !== null) {
    for (const key of Object.keys(value))
      flatten((value as Record<string, unknown>)[key], path ? `${path}.${key}` : key, out);
  } else out.push(setting(path, value));
}

/** A YAML scalar: quoted string, boolean, null, number or plain string. */
function scalar(text: string): unknown {
  const t = text.replace(/\s+#.*$/, "").trim();
  if (/^".*"$/.test(t)) {
    try {
      return JSON.parse(t) as unknown;
    } catch {
      return t.slice(1, -1);
    }
  }
  if (/^'.*'$/.test(t)) return t.slice(1, -1).replace(/''/g, "'");
  if (/^(true|false)$/i.test(t)) return t.toLowerCase() === "true";
  if (/^(null|~)?$/.test(t)) return null;
  if (/^-?\d+(\.\d+)?$/.test(t)) return Number(t);
  return t;
}

/** An open node of the YAML reader: a mapping key awaiting children, or a list item. */
interface Open {
  readonly column: number;
  readonly path: string;
  readonly key: boolean;
  items: number;
}

/** Settings of a YAML values document (block style), by indentation. */
function readYaml(text: string): HelmSetting[] {
  const out: HelmSetting[] = [];
  const open: Open[] = [{ column: -1, path: "", key: true, items: 0 }];
  for (const raw of text.split(/\r?\n/)) {
    if (/^\s*(#.*)?$/.test(raw) || /^(---|\.\.\.)/.test(raw)) continue;
    let column = raw.length - raw.trimStart().length;
    let line = raw.trim();
    const item = line === "-" || line.startsWith("- ");
    // A sequence may sit at its key's column; anything else at or left of a node closes it.
    const closes = (o: Open) => o.column > column || (o.column === column && !(item && o.key));
    while (open.length > 1 && closes(open[open.length - 1])) open.pop();
    let parent = open[open.length - 1];
    if (item) {
      const path = `${parent.path}[${parent.items++}]`;
      const rest = line.slice(1).trimStart();
      if (!/^("[^"]+"|'[^']+'|[^:#\s][^:#]*?):(\s|$)/.test(rest)) {
        if (rest) out.push(setting(path, scalar(rest)));
        else open.push({ column, path, key: false, items: 0 });
        continue;
      }
      open.push({ column, path, key: false, items: 0 });
      parent = open[open.length - 1];
      column += line.length - rest.length;
      line = rest;
    }
    const pair = /^("[^"]+"|'[^']+'|[^:#]+?):(\s+(.*))?$/.exec(line);
    if (!pair) continue;
    const path = `${parent.path ? `${parent.path}.` : ""}${pair[1].replace(/^["']|["']$/g, "")}`;
    const rest = (pair[3] ?? "").trim();
    if (rest === "" || rest.startsWith("#")) open.push({ column, path, key: true, items: 0 });
    else if (/^\[.*\]$|^\{.*\}$/.test(rest)) {
      try {
        flatten(JSON.parse(rest), path, out);
      } catch {
        // A flow sequence of plain scalars ([NET_ADMIN, SYS_TIME]) is not JSON.
        if (rest.startsWith("["))
          rest
            .slice(1, -1)
            .split(",")
            .filter((item) => item.trim() !== "")
            .forEach((item, i) => {
              out.push(setting(`${path}[${i}]`, scalar(item)));
            });
        else out.push(setting(path, rest));
      }
    } else out.push(setting(path, scalar(rest)));
  }
  return out;
}

/** Settings of one values document: JSON when it parses, else YAML. */
function readDocument(text: string): HelmSetting[] {
  try {
    const parsed: unknown = JSON.parse(text);
    const out: HelmSetting[] = [];
    flatten(parsed, "", out);
    return out;
  } catch {
    return readYaml(text);
  }
}

/** Settings read so far, by the release's (immutable) argument object: several rules read each release. */
const READ = new WeakMap<object, HelmValues>();

/** Every setting of a release: its values documents in order, then `set` and `set_sensitive` (memoized). */
export function helmValues(release: Resource): HelmValues {
  const cached = READ.get(release.values);
  if (cached) return cached;
  const values = readValues(release);
  READ.set(release.values, values);
  return values;
}

function readValues(release: Resource): HelmValues {
  const documents = Array.isArray(release.values.values) ? release.values.values : [];
  const settings: HelmSetting[] = [];
  for (const document of documents) {
    if (typeof document !== "string" || /^\$\{[\s\S]*\}$/.test(document.trim()))
      return { unreadable: `a values document is an expression (${String(document).slice(0, 60)})` };
    settings.push(...readDocument(document));
  }
  for (const entry of [...blocks(release.values.set), ...blocks(release.values.set_sensitive)]) {
    const name = literalString(entry.name);
    if (name !== undefined)
      settings.push(setting(name, entry.type === "string" ? String(entry.value) : scalar(String(entry.value))));
  }
  return { settings };
}

/** Every Helm release of the stack with its settings. */
export function helmReleases(stack: StackView): { readonly release: Resource; readonly values: HelmValues }[] {
  return resourcesOf(stack, "helm_release").map((release) => ({ release, values: helmValues(release) }));
}

/** The last path segment (`controller.securityContext.privileged` -> `privileged`), list indexes dropped. */
export function leaf(path: string): string {
  // Index arithmetic rather than replace/split: it runs once per setting, thousands per synth.
  let end = path.length;
  const open = path.endsWith("]") ? path.lastIndexOf("[") : -1;
  if (open !== -1 && open < end - 2 && isDigits(path, open + 1, end - 1)) end = open;
  return path.slice(path.lastIndexOf(".", end - 1) + 1, end);
}

/** True when `text[from, to)` is all ASCII digits (a list index). */
function isDigits(text: string, from: number, to: number): boolean {
  for (let i = from; i < to; i++) {
    const code = text.charCodeAt(i);
    if (code < 48 || code > 57) return false;
  }
  return true;
}

/** Positions of a release's settings by leaf, built on first use: most Helm rules ask for one or two leaves. */
const BY_LEAF = new WeakMap<readonly HelmSetting[], ReadonlyMap<string, readonly number[]>>();

function positionsByLeaf(settings: readonly HelmSetting[]): ReadonlyMap<string, readonly number[]> {
  const cached = BY_LEAF.get(settings);
  if (cached) return cached;
  const index = new Map<string, number[]>();
  settings.forEach((s, i) => {
    const list = index.get(s.leaf);
    if (list) list.push(i);
    else index.set(s.leaf, [i]);
  });
  BY_LEAF.set(settings, index);
  return index;
}

/** The settings whose leaf is one of `leaves`, in document order. */
function settingsWithLeaf(settings: readonly HelmSetting[], leaves: readonly string[]): HelmSetting[] {
  const index = positionsByLeaf(settings);
  const positions = leaves.flatMap((l) => index.get(l) ?? []);
  if (leaves.length > 1) positions.sort((a, b) => a - b);
  return positions.map((i) => settings[i]);
}

/**
 * Builds the Helm half of a Kubernetes rule: each readable release setting that `bad`
 * flags is a violation on the release. Unreadable values are left to KUBE-HELM-VALUES-READABLE.
 * `leaves`, when given, promises that `bad` flags only settings with one of those leaves:
 * the check then reads just those (a release holds hundreds of settings) instead of all.
 */
export function helmSettingCheck(bad: (setting: HelmSetting) => string | undefined, leaves?: readonly string[]) {
  return (stack: StackView) => {
    const found: Violation[] = [];
    for (const { release, values } of helmReleases(stack)) {
      if ("unreadable" in values) continue;
      const candidates = leaves ? settingsWithLeaf(values.settings, [...new Set(leaves)]) : values.settings;
      for (const s of candidates) {
        const problem = bad(s);
        if (problem) found.push({ address: release.address, message: `values ${s.path}: ${problem}` });
      }
    }
    return found;
  };
}
