/**
 * A stack's Terraform JSON as cdktf 0.21's `TerraformStack.toTerraform()` builds it, minus its
 * last step. cdktf resolves every element's fragment, merges the fragments, then resolves the
 * merged document again as a whole: a second walk over every value of the stack (about a tenth
 * of synth) that finds nothing left to resolve, since resolved fragments hold no tokens. Only
 * stack-level overrides (`stack.addOverride`) are unresolved at that point; a stack with any
 * keeps cdktf's own path. cdktf is archived (December 2025), so the copied steps cannot drift.
 */
import {
  DefaultTokenResolver,
  StringConcat,
  TerraformElement,
  TerraformOutput,
  TerraformStack,
  Tokenization,
} from "cdktf";
import { deepMerge } from "cdktf/lib/util";
import type { IConstruct } from "constructs";

/** The private state of `TerraformStack` the copied steps read. */
interface StackInternals {
  readonly rawOverrides: Record<string, unknown>;
  readonly cdktfVersion: string;
}

/** What cdktf's internal `resolve(scope, value)` uses. */
const RESOLVER = new DefaultTokenResolver(new StringConcat());

function resolve(stack: TerraformStack, value: unknown): unknown {
  return Tokenization.resolve(value, { scope: stack, preparing: false, resolver: RESOLVER });
}

/** The stack's elements, not those of nested stacks (cdktf's `terraformElements`). */
function elementsOf(node: IConstruct, into: TerraformElement[] = []): TerraformElement[] {
  if (TerraformElement.isTerraformElement(node)) into.push(node);
  for (const child of node.node.children) if (!TerraformStack.isStack(child)) elementsOf(child, into);
  return into;
}

/**
 * `stack.toTerraform()` with each value resolved once; `fallback` is cdktf's own method,
 * used when the stack has overrides of its own.
 */
export function stackJson(stack: TerraformStack, fallback: () => Record<string, unknown>): Record<string, unknown> {
  const { rawOverrides, cdktfVersion } = stack as unknown as StackInternals;
  if (Object.keys(rawOverrides).length > 0) return fallback();
  const metadata = { version: cdktfVersion, stackName: stack.node.id, backend: "local", cloud: undefined };
  const elements = elementsOf(stack);
  for (const meta of elements.map((e) => resolve(stack, e.toMetadata()))) deepMerge(metadata, meta);
  const outputs = {};
  for (const output of elements.filter((e) => TerraformOutput.isTerraformOutput(e))) {
    const nested = output.node.path
      .split("/")
      .reduceRight<unknown>((inner, part) => ({ [part]: inner }), output.friendlyUniqueId);
    deepMerge(outputs, nested);
  }
  const tf: Record<string, unknown> = { "//": { metadata, outputs } };
  for (const fragment of elements.map((e) => resolve(stack, e.toTerraform()))) deepMerge(tf, fragment);
  // cdktf's final resolve drops undefined values; `cloud` is the only one left at this point.
  if (metadata.cloud === undefined) delete (metadata as { cloud?: unknown }).cloud;
  return tf;
}
