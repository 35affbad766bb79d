/**
 * The estate as a picture: stacks grouped by environment and region (bootstrap stacks by
 * account), an edge from each stack to each stack that depends on it (the deploy order),
 * provider kinds on every node. Rendered as Graphviz DOT (for the SVG) and as a Mermaid
 * flowchart (GitHub renders it in Markdown).
 */
import type { EnvironmentConfig } from "../../environments/schema";
import { bootstrapStackName, GLOBAL_SCOPE, LAYERS, stackName } from "../../naming/derived";

/** A stack to draw. */
export interface GraphStack {
  readonly name: string;
  /** Providers it requires (aws, kubernetes, helm, cloudflare). */
  readonly providers: readonly string[];
  /** Stacks it depends on. */
  readonly dependencies: readonly string[];
}

/** Where a stack is drawn: a top-level group and, inside it, a scope (region, `global` or none). */
interface Placement {
  readonly group: string;
  readonly scope?: string;
}

/** Node colours by provider kind (the first non-aws provider wins: it is what sets the stack apart). */
const KIND_COLOURS: Readonly<Record<string, string>> = {
  aws: "#fde7c2",
  kubernetes: "#cfe0fc",
  helm: "#cfe0fc",
  cloudflare: "#fcd9c9",
};

/** The stack's kind for colouring: its non-aws provider when it has one, else aws. */
function kindOf(stack: GraphStack): string {
  return stack.providers.find((p) => p !== "aws") ?? stack.providers[0] ?? "none";
}

/** Environment and region of each stack (bootstrap stacks: their account). */
function placements(stacks: readonly GraphStack[], envs: readonly EnvironmentConfig[]): Map<string, Placement> {
  const found = new Map<string, Placement>();
  for (const env of envs) {
    for (const scope of [...Object.keys(env.regions), GLOBAL_SCOPE]) {
      for (const layer of LAYERS) found.set(stackName(env, scope, layer), { group: env.name, scope });
    }
    found.set(bootstrapStackName(env), { group: `account ${env.account.name}` });
  }
  return new Map(stacks.map((s) => [s.name, found.get(s.name) ?? { group: "other" }]));
}

/** Groups in first-seen order: group -> scope ("" for none) -> stacks. */
function grouped(stacks: readonly GraphStack[], envs: readonly EnvironmentConfig[]) {
  const where = placements(stacks, envs);
  const groups = new Map<string, Map<string, GraphStack[]>>();
  for (const stack of stacks) {
    const { group, scope = "" } = where.get(stack.name) ?? { group: "other" };
    const scopes = groups.get(group) ?? new Map<string, GraphStack[]>();
    scopes.set(scope, [...(scopes.get(scope) ?? []), stack]);
    groups.set(group, scopes);
  }
  return groups;
}

/** The dependency edges among the drawn stacks: [upstream, dependant]. */
function edges(stacks: readonly GraphStack[]): [string, string][] {
  const drawn = new Set(stacks.map((s) => s.name));
  return stacks.flatMap((s) => s.dependencies.filter((d) => drawn.has(d)).map((d): [string, string] => [d, s.name]));
}

/** An identifier safe in DOT and Mermaid. */
function id(text: string): string {
  return text.replace(/[^A-Za-z0-9]/g, "_");
}

/** Graphviz DOT of the estate. */
export function toDot(stacks: readonly GraphStack[], envs: readonly EnvironmentConfig[]): string {
  const lines = [
    "digraph estate {",
    '  rankdir=LR; compound=true; fontname="Helvetica";',
    '  node [shape=box, style="rounded,filled", fontname="Helvetica", fontsize=10];',
  ];
  for (const [group, scopes] of grouped(stacks, envs)) {
    lines.push(`  subgraph cluster_${id(group)} {`, `    label=${JSON.stringify(group)}; style=rounded;`);
    for (const [scope, members] of scopes) {
      const indent = scope ? "      " : "    ";
      if (scope)
        lines.push(`    subgraph cluster_${id(`${group}_${scope}`)} {`, `      label=${JSON.stringify(scope)};`);
      for (const s of members) {
        const label = `${s.name}\\n(${s.providers.join(", ")})`;
        lines.push(
          `${indent}${JSON.stringify(s.name)} [label="${label}", fillcolor="${KIND_COLOURS[kindOf(s)] ?? "#eeeeee"}"];`,
        );
      }
      if (scope) lines.push("    }");
    }
    lines.push("  }");
  }
  for (const [from, to] of edges(stacks)) lines.push(`  ${JSON.stringify(from)} -> ${JSON.stringify(to)};`);
  lines.push("}");
  return `${lines.join("\n")}\n`;
}

/** A Mermaid flowchart of the estate, fenced for Markdown. */
export function toMermaid(stacks: readonly GraphStack[], envs: readonly EnvironmentConfig[]): string {
  const lines = ["```mermaid", "flowchart LR"];
  for (const [group, scopes] of grouped(stacks, envs)) {
    lines.push(`  subgraph ${id(`g_${group}`)}["${group}"]`);
    for (const [scope, members] of scopes) {
      const indent = scope ? "      " : "    ";
      if (scope) lines.push(`    subgraph ${id(`g_${group}_${scope}`)}["${scope}"]`);
      for (const s of members)
        lines.push(`${indent}${id(s.name)}["${s.name}<br/>${s.providers.join(", ")}"]:::${id(kindOf(s))}`);
      if (scope) lines.push("    end");
    }
    lines.push("  end");
  }
  for (const [from, to] of edges(stacks)) lines.push(`  ${id(from)} --> ${id(to)}`);
  for (const [kind, colour] of Object.entries(KIND_COLOURS))
    lines.push(`  classDef ${kind} fill:${colour},stroke:#555`);
  lines.push("```");
  return `${lines.join("\n")}\n`;
}
