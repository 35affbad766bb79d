/**
 * Disk side of the SARIF report: which files a policy finding points at, for code
 * scanning annotations. The stack's source file (`stacks/<layer>-stack.ts`, at the line
 * that names the finding's top-level construct) comes first, the synthesized
 * `cdk.tf.json` (at the resource's line) second. Paths are relative to the repository root.
 */
import { existsSync, readFileSync } from "node:fs";
import { join, relative } from "node:path";
import { LAYERS } from "../../naming/derived";
import type { Finding } from "../../policies/engine";
import type { SarifFileLocation } from "../../policies/sarif";

/** The stack class file that builds `stack`, relative to the root, e.g. `stacks/data-stack.ts`. */
export function stackSourceFile(stack: string): string | undefined {
  if (stack.startsWith("bootstrap-")) return "stacks/bootstrap-stack.ts";
  const layer = LAYERS.find((l) => stack.endsWith(`-${l}`));
  if (!layer) return undefined;
  return layer === "network" && stack.includes("-global-")
    ? "stacks/global-network-stack.ts"
    : `stacks/${layer}-stack.ts`;
}

/** 1-based line of the first line holding `needle`, or undefined. */
function lineOf(text: string, needle: string): number | undefined {
  const at = text.indexOf(needle);
  return at < 0 ? undefined : text.slice(0, at).split("\n").length;
}

/** Builds the `locate` option of the SARIF formatter for a repository root and a synth folder. */
export function sarifLocator(root: string, outdir: string): (finding: Finding) => SarifFileLocation[] {
  const texts = new Map<string, string | undefined>();
  const read = (path: string) => {
    if (!texts.has(path)) texts.set(path, existsSync(path) ? readFileSync(path, "utf8") : undefined);
    return texts.get(path);
  };
  return (finding) => {
    const out: SarifFileLocation[] = [];
    const source = stackSourceFile(finding.stack);
    const sourceText = source ? read(join(root, source)) : undefined;
    if (source && sourceText !== undefined) {
      // The construct path is <stack>/<top-level id>/...: the stack names that id in a string literal.
      const topLevel = finding.constructPath?.split("/")[1];
      const line = (topLevel && lineOf(sourceText, `"${topLevel}"`)) || lineOf(sourceText, "class ") || 1;
      out.push({
        uri: source,
        line,
        description: `stack source (construct ${finding.constructPath ?? finding.address})`,
      });
    }
    const synthesized = join(outdir, "stacks", finding.stack, "cdk.tf.json");
    const synthText = read(synthesized);
    if (synthText !== undefined) {
      const logicalId = finding.address.slice(finding.address.indexOf(".") + 1);
      const line = finding.address.includes(".") ? lineOf(synthText, `"${logicalId}": {`) : undefined;
      out.push({
        uri: relative(root, synthesized).split("\\").join("/"),
        ...(line ? { line } : {}),
        description: "synthesized Terraform",
      });
    }
    return out;
  };
}
