/**
 * Change detection on the synthesized Terraform, not on file names: a TypeScript change
 * that alters nothing in `cdk.tf.json` plans nothing, and one that alters a stack plans
 * that stack and the dependants whose inputs change.
 */
import { basename } from "node:path";
import { remoteStateBlocks } from "../terraform";

/** One synthesized stack on one side of the review. */
export interface SideStack {
  readonly name: string;
  readonly dir: string;
  readonly json: unknown;
}

/**
 * The stack JSON without cdktf metadata: every `//` key (construct paths, unique ids,
 * the cdktf version, remote-state placeholder comments) is dropped, so a refactor that
 * moves a construct without changing its Terraform is no change.
 */
export function withoutMetadata(value: unknown): unknown {
  if (Array.isArray(value)) return value.map(withoutMetadata);
  if (value && typeof value === "object") {
    const entries = Object.entries(value)
      .filter(([key]) => key !== "//")
      .sort(([a], [b]) => (a < b ? -1 : a > b ? 1 : 0))
      .map(([key, child]) => [key, withoutMetadata(child)]);
    return Object.fromEntries(entries);
  }
  return value;
}

/** Why a stack is in the review. */
export type ChangeKind = "changed" | "added" | "removed";

/** Stacks whose synthesized Terraform differs between base and head, by name. */
export function changedStacks(base: readonly SideStack[], head: readonly SideStack[]): Map<string, ChangeKind> {
  const baseByName = new Map(base.map((s) => [s.name, s]));
  const headNames = new Set(head.map((s) => s.name));
  const changed = new Map<string, ChangeKind>();
  for (const stack of head) {
    const before = baseByName.get(stack.name);
    if (!before) changed.set(stack.name, "added");
    else if (JSON.stringify(withoutMetadata(before.json)) !== JSON.stringify(withoutMetadata(stack.json))) {
      changed.set(stack.name, "changed");
    }
  }
  for (const stack of base) if (!headNames.has(stack.name)) changed.set(stack.name, "removed");
  return changed;
}

/** What a stack reads from one upstream: the data source's name and the output names. */
export interface UpstreamRead {
  readonly upstream: string;
  readonly dataSource: string;
  readonly outputs: readonly string[];
}

/**
 * The stacks each stack reads outputs from, with the outputs it reads. Derived from the
 * synthesized `terraform_remote_state` blocks (the upstream is named by the state path or
 * S3 key, `<stack>.tfstate`). This is the one place to swap for the `dependencies` of
 * `manifest.json` once the scheduler records them there.
 */
export function stackDependencies(stacks: readonly SideStack[]): Map<string, UpstreamRead[]> {
  const names = new Set(stacks.map((s) => s.name));
  const result = new Map<string, UpstreamRead[]>();
  for (const stack of stacks) {
    const text = JSON.stringify(stack.json);
    const reads: UpstreamRead[] = [];
    for (const [dataSource, block] of Object.entries(remoteStateBlocks(stack.dir))) {
      const source = String(block.config.path ?? block.config.key ?? "");
      const upstream = basename(source, ".tfstate");
      if (!names.has(upstream)) continue;
      reads.push({ upstream, dataSource, outputs: outputsRead(text, dataSource) });
    }
    result.set(stack.name, reads);
  }
  return result;
}

/** The output names a stack's JSON reads from one remote state data source. */
export function outputsRead(stackText: string, dataSource: string): string[] {
  const escaped = dataSource.replace(/[.*+?^${}()|[\]\\]/g, "\\$&");
  const pattern = new RegExp(`data\\.terraform_remote_state\\.${escaped}\\.outputs\\.([A-Za-z0-9_-]+)`, "g");
  return [...new Set([...stackText.matchAll(pattern)].map((m) => m[1]))].sort();
}

/**
 * Orders stack names so every upstream comes before its dependants (Kahn's algorithm,
 * ties by name so the order is stable). Unknown upstreams are ignored.
 */
export function dependencyOrder(
  names: readonly string[],
  deps: ReadonlyMap<string, readonly UpstreamRead[]>,
): string[] {
  const pending = new Set(names);
  const order: string[] = [];
  while (pending.size > 0) {
    const ready = [...pending].filter((name) => (deps.get(name) ?? []).every((d) => !pending.has(d.upstream))).sort();
    // A cycle cannot come out of cdktf (it refuses cross-stack cycles); keep going anyway.
    const next = ready.length > 0 ? ready : [[...pending].sort()[0]];
    for (const name of next) {
      pending.delete(name);
      order.push(name);
    }
  }
  return order;
}
