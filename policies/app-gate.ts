/**
 * The policy gate for projects that import the library (`@plataforma/infra/policies`): runs
 * the packs over the stacks of a consumer's cdktf `App`, with the consumer's suppressions,
 * and renders the report `main.ts` prints. Pure: it reads the stacks in memory
 * (`toTerraform()`), so it needs no disk, and it takes the app structurally, so policies/
 * still imports no cdktf.
 *
 *   const app = new App();
 *   new MyStack(app, "prod-network");
 *   app.synth();
 *   const gate = checkApp(app, { context: { tier: "production" }, suppressions: [...] });
 *   if (!gate.passed) { console.error(gate.text); process.exit(1); }
 */
import { evaluate, type PolicyReport, type StackInput } from "./engine";
import { gateSummary } from "./gate";
import { ALL_PACKS } from "./packs/all";
import { formatTable } from "./report";
import type { ScopedSuppression, Suppression } from "./suppressions";
import type { Pack, StackContext } from "./types";

/** What the gate reads of a cdktf `App` (a `TerraformStack` has `toTerraform()`). */
export interface GateApp {
  readonly node: { readonly children: readonly unknown[] };
}

/** A consumer's suppression: `stack` narrows it to one stack, otherwise it covers every stack. */
export type AppSuppression = Suppression;

/** Options of {@link checkApp}. */
export interface AppGateOptions {
  /**
   * What the rules know about a stack, for all stacks or per stack name (see
   * {@link StackContext} for which rule reads which field). Rules fail closed without the
   * fields they need, with a finding naming the missing `context.<field>`:
   * `environment` for TAG-ENVIRONMENT-MATCH; `project` and `environment` for
   * MON-ALARM-ACTION-TOPIC (alarm topics named `<project>-<env>-...`); `project` and
   * `budgetStack` for COST-BUDGET, which checks one budget per `environment` named (none
   * without); `personalDataRegions` for the residency rules (RES-*). Without `tier` a stack
   * is held to production.
   * @default - no context: the strictest reading
   */
  readonly context?: StackContext | ((stackName: string) => StackContext | undefined);
  /**
   * Reviewed exceptions (rule id, resource, reason of 10+ characters, optional expiry and
   * stack). A malformed or expired one is an error; one that matches no finding, or whose
   * `stack` is not a stack of the app, is a POLICY-SUPPRESSION-UNUSED warning.
   * @default - none
   */
  readonly suppressions?: readonly AppSuppression[];
  /** The packs to run. @default ALL_PACKS */
  readonly packs?: readonly Pack[];
  /** Today as YYYY-MM-DD (UTC): suppressions expire against it. @default - the current UTC date */
  readonly today?: string;
}

/** The outcome of {@link checkApp}. */
export interface AppGateResult {
  /** No error-level finding (warnings do not fail the gate). */
  readonly passed: boolean;
  readonly report: PolicyReport;
  /** The findings table with a verdict when the gate failed; the table alone for warnings; "" when clean. */
  readonly text: string;
  /** One line: `policy check: 62 rules, 0 errors, 1 warning(s), 2 suppressed`. */
  readonly summary: string;
}

interface GateStackLike {
  readonly node: { readonly id: string };
  toTerraform(): unknown;
}

function isStack(child: unknown): child is GateStackLike {
  const c = child as { toTerraform?: unknown; node?: { id?: unknown } } | null;
  return typeof c?.toTerraform === "function" && typeof c.node?.id === "string";
}

/** The stacks of `app` as the engine reads them: name and Terraform JSON. */
export function appStacks(app: GateApp): { readonly name: string; readonly json: unknown }[] {
  return app.node.children.filter(isStack).map((stack) => ({ name: stack.node.id, json: stack.toTerraform() }));
}

/**
 * Runs the packs over every stack of `app`. Call it after `app.synth()` so aspects have run
 * (the JSON is what synth wrote). Construct-level suppressions (`suppressPolicy`) count as in
 * the repository's own gate.
 */
export function checkApp(app: GateApp, options: AppGateOptions = {}): AppGateResult {
  const contextOf = typeof options.context === "function" ? options.context : () => options.context as StackContext;
  const stacks: StackInput[] = appStacks(app).map((s) => {
    const context = contextOf(s.name);
    return { ...s, ...(context ? { context } : {}) };
  });
  const suppressions: ScopedSuppression[] = (options.suppressions ?? []).map((s) => ({
    ...s,
    source: "gate options",
    ...(s.stack ? { stacks: [s.stack] } : {}),
  }));
  const today = options.today ?? new Date().toISOString().slice(0, 10);
  const knownStacks = stacks.map((s) => s.name);
  const report = evaluate(stacks, { packs: options.packs ?? ALL_PACKS, suppressions, today, knownStacks });
  return { passed: report.errorCount === 0, report, text: appGateText(report), summary: gateSummary(report) };
}

/** The gate's printed report: as `main.ts` prints it, with a fix that fits a consumer's project. */
export function appGateText(report: PolicyReport): string {
  if (report.errorCount > 0) {
    const verdict = `policy gate failed: ${report.errorCount} policy error(s).`;
    const fix =
      "Fix: correct the resources above, or pass a suppression with a reason (checkApp options.suppressions, " +
      "or suppressPolicy on the construct).";
    return `${formatTable(report)}\n\n${verdict} ${fix}`;
  }
  return report.warningCount > 0 ? formatTable(report) : "";
}
