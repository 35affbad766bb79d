/**
 * The policy gate every synth passes (`main.ts`) and the policy CLI runs (`scripts/policy.ts`):
 * every pack over every synthesized stack, each placed in its environment. Pure like the
 * rest of policies/: the caller reads the stacks from disk and today's date from its clock.
 */

import { evaluate, type PolicyReport, type StackInput } from "./engine";
import { ALL_PACKS } from "./packs/all";
import { type PolicyEnvironment, placeStacks } from "./placement";
import { formatTable } from "./report";

/** One synthesized stack to check: its name and its Terraform JSON (or a converted plan). */
export interface GateStack {
  readonly name: string;
  readonly json: unknown;
}

/** Places stacks in the given environments and runs every pack. `today` is YYYY-MM-DD (UTC). */
export function checkStacks(
  stacks: readonly GateStack[],
  envs: readonly PolicyEnvironment[],
  today: string,
): PolicyReport {
  const placement = placeStacks(
    envs,
    stacks.map((s) => s.name),
  );
  const inputs: StackInput[] = stacks.map((s) => {
    const context = placement.contexts.get(s.name);
    return { name: s.name, json: s.json, ...(context ? { context } : {}) };
  });
  return evaluate(inputs, { packs: ALL_PACKS, suppressions: placement.suppressions, today });
}

/**
 * What synth prints about a report before deciding: the table with a closing verdict when
 * an error blocks `outdir`, the table alone when there are warnings, nothing when clean.
 */
export function gateReport(report: PolicyReport, outdir: string): string | undefined {
  if (report.errorCount > 0) {
    const fix =
      "Fix the resources above or add a suppression with a reason (environments/<env>.ts " +
      "policies.suppressions, or suppressPolicy on the construct).";
    const verdict = `synth failed: ${report.errorCount} policy error(s); ${outdir} was not written.`;
    return `${formatTable(report)}\n\n${verdict} ${fix}`;
  }
  return report.warningCount > 0 ? formatTable(report) : undefined;
}

/** The line a passing synth ends with: `policy check: 62 rules, 0 errors, 1 warning(s), 74 suppressed`. */
export function gateSummary(report: PolicyReport): string {
  const { errorCount, warningCount, suppressed, rules } = report;
  const counts = `${errorCount} errors, ${warningCount} warning(s), ${suppressed.length} suppressed`;
  return `policy check: ${rules.length} rules, ${counts}`;
}
