/**
 * The pull-request comment of one environment (tfcmt's order: verdict, deletion warnings,
 * counts, collapsed details) and the review JSON. The hidden marker lets CI find and
 * update the same comment on every push instead of posting a new one.
 */
import type { Finding } from "../../../policies/engine";
import type { SkippedStack } from "./plan-stacks";
import type { Blocking, ChangeSummary, StackReview } from "./verdict";

/** Comments never exceed this (GitHub refuses bodies over 65,536 characters; tfcmt keeps 60,000). */
export const COMMENT_LIMIT = 60_000;

/** Everything the comment of one environment shows. */
export interface EnvironmentReview {
  readonly environment: string;
  /** The base as given (`main`) and its commit. */
  readonly base: { readonly ref: string; readonly commit: string };
  readonly stacks: readonly StackReview[];
  readonly skipped: readonly SkippedStack[];
  /** Upstream -> dependant edges between the stacks shown. */
  readonly edges: readonly (readonly [string, string])[];
  readonly findings: { readonly introduced: readonly Finding[]; readonly removed: readonly Finding[] };
  readonly allowDestroy: boolean;
}

/** The hidden marker identifying an environment's comment. */
export function commentMarker(environment: string): string {
  return `<!-- plataforma-plan-review:env=${environment} -->`;
}

/** True when the environment's review blocks the pull request. */
export function isBlocked(review: EnvironmentReview): boolean {
  return review.stacks.some((s) => s.blocking.length > 0);
}

const SYMBOL: Readonly<Record<string, string>> = { create: "+", update: "~", delete: "-", replace: "±", "no-op": "→" };

/** Renders the comment, dropping diffs, then details, until it fits `limit`; says what was cut. */
export function renderComment(review: EnvironmentReview, limit = COMMENT_LIMIT): string {
  const cuts = [
    { diffs: true, details: true, note: "" },
    { diffs: false, details: true, note: "attribute diffs were dropped" },
    { diffs: false, details: false, note: "attribute diffs and per-stack details were dropped" },
  ];
  for (const cut of cuts) {
    const body = assemble(review, cut.diffs, cut.details, cut.note);
    if (body.length <= limit) return body;
  }
  // Only the warnings themselves can be this long; cut them at a line and say so.
  const body = assemble(review, false, false, "attribute diffs, per-stack details and findings were dropped", false);
  if (body.length <= limit) return body;
  const note = "\n\n:scissors: **Cut here**: the list above is incomplete; see the review JSON artifact.\n";
  return body.slice(0, body.lastIndexOf("\n", limit - note.length)) + note;
}

function assemble(review: EnvironmentReview, diffs: boolean, details: boolean, cut: string, findings = true): string {
  const parts = [commentMarker(review.environment), verdict(review), warnings(review), summary(review)];
  if (cut) {
    parts.push(
      `> :scissors: Shortened to fit GitHub's comment limit: ${cut}. ` +
        "The full plans are in the workflow's `plan-review` artifact.",
    );
  }
  if (details) parts.push(...review.stacks.map((stack) => stackDetails(stack, diffs)));
  if (findings) parts.push(findingsSection(review));
  return `${parts.filter(Boolean).join("\n\n")}\n`;
}

function verdict(review: EnvironmentReview): string {
  const base = `\`${review.base.ref}\` (${review.base.commit.slice(0, 7)})`;
  const title = `## Plan review: ${review.environment}`;
  if (isBlocked(review)) {
    const count = review.stacks.reduce((n, s) => n + s.blocking.length, 0);
    const why = "would lose stored data or did not plan";
    return `${title}\n\n:no_entry: **Blocked**: ${count} change(s) below ${why} (vs ${base}).`;
  }
  const total = totals(review.stacks);
  if (review.stacks.length === 0 && review.skipped.length === 0) {
    const same = `the synthesized Terraform of ${review.environment} is identical to ${base}`;
    return `${title}\n\n:white_check_mark: **No changes**: ${same}.`;
  }
  if (total.add + total.change + total.replace + total.destroy === 0 && review.skipped.length === 0) {
    const planned = `${review.stacks.length} stack(s) planned against ${base}`;
    return `${title}\n\n:white_check_mark: **No changes**: ${planned}, nothing to do.`;
  }
  const where = `in ${review.stacks.length} stack(s) (vs ${base})`;
  return `${title}\n\n:white_check_mark: **Not blocked**: ${countsLine(total)} ${where}.`;
}

function countsLine(c: { add: number; change: number; replace: number; destroy: number }): string {
  return `${c.add} to add, ${c.change} to change, ${c.replace} to replace, ${c.destroy} to destroy`;
}

function totals(stacks: readonly StackReview[]) {
  return stacks.reduce(
    (t, s) => ({
      add: t.add + s.add,
      change: t.change + s.change,
      replace: t.replace + s.replace,
      destroy: t.destroy + s.destroy,
    }),
    { add: 0, change: 0, replace: 0, destroy: 0 },
  );
}

function warnings(review: EnvironmentReview): string {
  const lines: string[] = [];
  const line = (stack: string, item: Blocking, blocking: boolean) =>
    `- ${blocking ? ":no_entry: **blocks**" : ":warning:"} ${item.action} \`${item.address}\` in \`${stack}\`: ` +
    oneLine(item.reason);
  for (const stack of review.stacks) {
    for (const item of stack.blocking) lines.push(line(stack.name, item, true));
    for (const item of stack.warnings) lines.push(line(stack.name, item, false));
  }
  const skipped = review.skipped.map((s) => `- :grey_question: \`${s.name}\` not planned: ${s.reason} (${s.cause})`);
  const out: string[] = [];
  if (lines.length > 0) out.push(`### :warning: Destroys and replacements\n\n${lines.join("\n")}`);
  if (skipped.length > 0) out.push(`### Stacks not planned\n\n${skipped.join("\n")}`);
  return out.join("\n\n");
}

function summary(review: EnvironmentReview): string {
  if (review.stacks.length === 0) return "";
  const rows = review.stacks.map(
    (s) =>
      `| \`${s.name}\` | ${s.add} | ${s.change} | ${s.destroy} | ${s.replace} | ` +
      `${s.blocking.length > 0 ? ":no_entry:" : ""} | ${escapeCell(s.cause)} |`,
  );
  const table = [
    "| stack | + add | ~ change | - destroy | ± replace | blocked | why planned |",
    "|---|--:|--:|--:|--:|:-:|---|",
    ...rows,
  ];
  return [table.join("\n"), graph(review)].filter(Boolean).join("\n\n");
}

function graph(review: EnvironmentReview): string {
  const names = [...review.stacks.map((s) => s.name), ...review.skipped.map((s) => s.name)];
  if (names.length < 2) return "";
  const id = (name: string) => `s_${name.replace(/[^A-Za-z0-9]/g, "_")}`;
  const shown = new Set(names);
  const lines = ["```mermaid", "graph LR"];
  for (const name of names) lines.push(`  ${id(name)}["${name}"]`);
  for (const [from, to] of review.edges)
    if (shown.has(from) && shown.has(to)) lines.push(`  ${id(from)} --> ${id(to)}`);
  const blocked = review.stacks.filter((s) => s.blocking.length > 0).map((s) => id(s.name));
  if (blocked.length > 0) {
    lines.push("  classDef blocked fill:#f8d7da,stroke:#d93f0b", `  class ${blocked.join(",")} blocked`);
  }
  lines.push("```");
  return lines.join("\n");
}

function stackDetails(stack: StackReview, diffs: boolean): string {
  const header = `<details><summary><code>${stack.name}</code>: ${countsLine(stack)}</summary>`;
  const body: string[] = [];
  if (stack.error !== undefined) body.push(`Plan failed:\n\n\`\`\`\n${stack.error.slice(0, 4000)}\n\`\`\``);
  if (stack.changes.length === 0 && stack.error === undefined) body.push("No changes.");
  for (const change of stack.changes) body.push(changeLines(change, diffs));
  return `${header}\n\n${body.join("\n")}\n\n</details>`;
}

function changeLines(change: ChangeSummary, diffs: boolean): string {
  const moved = change.movedFrom ? ` (moved from \`${change.movedFrom}\`)` : "";
  const lines = [`- \`${SYMBOL[change.action] ?? "?"}\` ${change.action} \`${change.address}\`${moved}`];
  if (diffs) {
    for (const diff of change.diffs) {
      const forces = diff.forcesReplacement ? " **(forces replacement)**" : "";
      lines.push(`  - \`${diff.path}\`: \`${inlineCode(diff.before)}\` → \`${inlineCode(diff.after)}\`${forces}`);
    }
  }
  return lines.join("\n");
}

function findingsSection(review: EnvironmentReview): string {
  const { introduced, removed } = review.findings;
  if (introduced.length === 0 && removed.length === 0) return "";
  const row = (f: Finding) =>
    `| ${f.severity} | \`${f.ruleId}\` | \`${f.stack}\` | \`${f.address}\` | ${escapeCell(f.message)} |`;
  const parts = ["### Policy findings"];
  const header = "| severity | rule | stack | resource | finding |\n|---|---|---|---|---|";
  if (introduced.length > 0) parts.push(`New with this change:\n\n${header}\n${introduced.map(row).join("\n")}`);
  if (removed.length > 0) parts.push(`Fixed by this change:\n\n${header}\n${removed.map(row).join("\n")}`);
  return parts.join("\n\n");
}

function oneLine(text: string): string {
  return text.replace(/\s+/g, " ").trim();
}

function escapeCell(text: string): string {
  return oneLine(text).replaceAll("|", "\\|");
}

function inlineCode(text: string): string {
  return text.replaceAll("`", "'");
}

/** The review JSON: exactly the fields, planned stacks only. */
export interface ReviewJson {
  readonly blocked: boolean;
  readonly stacks: readonly {
    readonly name: string;
    readonly add: number;
    readonly change: number;
    readonly replace: number;
    readonly destroy: number;
    readonly blocking: readonly Blocking[];
  }[];
}

/** The review JSON of the environments reviewed. */
export function reviewJson(reviews: readonly EnvironmentReview[]): ReviewJson {
  return {
    blocked: reviews.some(isBlocked),
    stacks: reviews.flatMap((r) =>
      r.stacks.map((s) => ({
        name: s.name,
        add: s.add,
        change: s.change,
        replace: s.replace,
        destroy: s.destroy,
        blocking: s.blocking.map((b) => ({ address: b.address, action: b.action, reason: b.reason })),
      })),
    ),
  };
}
