/**
 * Change detection on the synthesized Terraform, not on file names: a TypeScript change
 * that alters nothing in `cdk.tf.json` plans nothing, and one that alters a stack plans
 * that stack and the dependants whose inputs change.
 */
import { localStatePath, stateKey } from "../../../naming/derived";
import { remoteStateBlocks, type SynthesizedStack } from "../terraform";

/** One synthesized stack on one side of the review, as `listStacks` reads it from the manifest. */
export type SideStack = SynthesizedStack;

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
export function changedStacks(
  base: readonly Pick<SideStack, "name" | "json">[],
  head: readonly Pick<SideStack, "name" | "json">[],
): Map<string, ChangeKind> {
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
 * What a stack reads from each stack it depends on (`manifest.json`'s dependencies): the
 * `terraform_remote_state` data source pointing at the upstream's state (offline the local
 * file, online the S3 key, both named by `naming/derived`) and the output names read
 * through it. A dependency read through no data source (online, the account's bootstrap
 * stack: the state bucket) reads no outputs.
 */
export function upstreamReads(stack: SideStack, env: { readonly name: string }): UpstreamRead[] {
  const text = JSON.stringify(stack.json);
  const blocks = Object.entries(remoteStateBlocks(stack.dir));
  return stack.dependencies.map((upstream) => {
    const reads = blocks.filter(
      ([, block]) => block.config.path === localStatePath(upstream) || block.config.key === stateKey(env, upstream),
    );
    const dataSource = reads[0]?.[0] ?? "";
    const outputs = reads.flatMap(([name]) => outputsRead(text, name));
    return { upstream, dataSource, outputs: [...new Set(outputs)].sort() };
  });
}

/** The output names a stack's JSON reads from one remote state data source. */
export function outputsRead(stackText: string, dataSource: string): string[] {
  const escaped = dataSource.replace(/[.*+?^${}()|[\]\\]/g, "\\$&");
  const pattern = new RegExp(`data\\.terraform_remote_state\\.${escaped}\\.outputs\\.([A-Za-z0-9_-]+)`, "g");
  return [...new Set([...stackText.matchAll(pattern)].map((m) => m[1]))].sort();
}
