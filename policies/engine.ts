/**
 * The policy engine: runs packs over stacks, applies suppressions, and returns a report.
 * Pure: stacks, suppressions and today's date come in as arguments.
 */

import { didYouMean } from "../contracts/suggest";
import { isExpired } from "../contracts/suppressions";
import { resourceAt, toStackView } from "./lib/stack";
import { asObject } from "./lib/values";
import { constructSuppressions, type ScopedSuppression, suppresses, validateSuppression } from "./suppressions";
import type { Pack, PackRule, RuleInfo, StackContext, StackView, Violation } from "./types";

/** One synthesized stack to check. */
export interface StackInput {
  readonly name: string;
  /** The stack's Terraform JSON (cdk.tf.json, or a plan converted by `planToStackJson`). */
  readonly json: unknown;
  readonly context?: StackContext;
}

/**
 * One finding: a rule's violation (where, what) in a stack, with the pack's explanation
 * (level, title, why, fix) and the matching Checkov and cdk-nag ids (empty when none).
 */
export interface Finding extends Violation, Pick<RuleInfo, "severity" | "title" | "why" | "fix"> {
  /** The rule's {@link RuleInfo.id}. */
  readonly ruleId: string;
  readonly stack: string;
  readonly checkov: readonly string[];
  readonly cdkNag: readonly string[];
  readonly trivy: readonly string[];
  readonly kubeLinter: readonly string[];
  /** The construct path cdktf recorded for the resource (`//`.metadata.path), when the address names one. */
  readonly constructPath?: string;
}

/** A finding a suppression covers, with the suppression. */
export interface SuppressedFinding extends Finding {
  readonly suppression: { readonly reason: string; readonly source: string; readonly expires?: string };
}

/** The result of one run. */
export interface PolicyReport {
  /** The injected date the run checked expiries against (YYYY-MM-DD). */
  readonly date: string;
  readonly stacks: readonly string[];
  /** Ids of the rules that ran. */
  readonly rules: readonly string[];
  /** Unsuppressed findings, errors first. */
  readonly findings: readonly Finding[];
  readonly suppressed: readonly SuppressedFinding[];
  readonly errorCount: number;
  readonly warningCount: number;
}

/** Options of {@link evaluate}. */
export interface EvaluateOptions {
  readonly packs: readonly Pack[];
  /** Config-level suppressions, scoped to their environment's stacks. @default - none */
  readonly suppressions?: readonly ScopedSuppression[];
  /** Today's date as YYYY-MM-DD, from the caller's clock: suppressions expire against it. */
  readonly today: string;
  /**
   * Every stack a suppression's `stack` may name (a whole app's stacks). A suppression naming
   * another stack can never match: it is reported as unused, with the known stacks.
   * @default - not checked (the environment schema already checks config suppressions' stacks,
   * and a run over some plans does not know every stack)
   */
  readonly knownStacks?: readonly string[];
}

const SUPPRESSION_WHY =
  "A suppression is a reviewed exception; an expired, malformed or stale one hides risk nobody re-reviewed.";

/**
 * The engine's own rules, about suppressions themselves: a malformed or expired one is an
 * error, one that matches nothing a warning.
 */
const SUPPRESSION_RULES = {
  invalid: {
    id: "POLICY-SUPPRESSION-INVALID",
    severity: "error",
    title: "Suppressions are valid and current",
    why: SUPPRESSION_WHY,
    fix: "Give a known rule id, a resource and a reason of 10+ characters; write expires as YYYY-MM-DD.",
  },
  expired: {
    id: "POLICY-SUPPRESSION-EXPIRED",
    severity: "error",
    title: "Suppressions are valid and current",
    why: SUPPRESSION_WHY,
    fix: "Fix the finding, or re-review and extend expires with a new reason.",
  },
  unused: {
    id: "POLICY-SUPPRESSION-UNUSED",
    severity: "warning",
    title: "Suppressions match a finding",
    why: SUPPRESSION_WHY,
    fix: "Remove the suppression (the finding it covered is gone), or correct a mistyped resource or stack.",
  },
} as const satisfies Record<string, RuleInfo>;

function finding(rule: RuleInfo, stack: string, v: Violation): Finding {
  return {
    ruleId: rule.id,
    severity: rule.severity,
    stack,
    address: v.address,
    title: rule.title,
    message: v.message,
    why: rule.why,
    fix: rule.fix,
    checkov: rule.checkov ?? [],
    cdkNag: rule.cdkNag ?? [],
    trivy: rule.trivy ?? [],
    kubeLinter: rule.kubeLinter ?? [],
  };
}

/** The construct path of the resource at `address` in `view`, from cdktf's `//` metadata. */
function constructPathOf(view: StackView | undefined, address: string): string | undefined {
  const resource = view ? resourceAt(view, address) : undefined;
  const path = asObject(asObject(resource?.values["//"])?.metadata)?.path;
  return typeof path === "string" ? path : undefined;
}

/** The finding with its resource's construct path, when the stack records one. */
function located(f: Finding, view: StackView | undefined): Finding {
  const constructPath = constructPathOf(view, f.address);
  return constructPath ? { ...f, constructPath } : f;
}

function runRule(rule: PackRule, views: readonly StackView[]): Finding[] {
  if (rule.scope === "app") {
    const byName = new Map(views.map((view) => [view.name, view]));
    return rule.check(views).map((v) => located(finding(rule, v.stack, v), byName.get(v.stack)));
  }
  return views.flatMap((view) => rule.check(view).map((v) => located(finding(rule, view.name, v), view)));
}

function suppressionFinding(
  kind: keyof typeof SUPPRESSION_RULES,
  s: ScopedSuppression,
  message: string,
  stack: string = s.stacks?.length === 1 ? s.stacks[0] : s.source,
): Finding {
  // A config suppression spans its environment's stacks: by default it names its source rather than list them all.
  // A suppression read from JavaScript may lack fields its type requires: the finding still needs text to sort on.
  const address = typeof s.resource === "string" && s.resource !== "" ? s.resource : "(no resource)";
  const ruleId = typeof s.ruleId === "string" && s.ruleId !== "" ? s.ruleId : "(no ruleId)";
  const violation = { address, message: `suppression of ${ruleId} from ${s.source}: ${message}` };
  return finding(SUPPRESSION_RULES[kind], stack, violation);
}

const bySeverityThenPlace = (a: Finding, b: Finding) =>
  a.severity.localeCompare(b.severity) ||
  a.stack.localeCompare(b.stack) ||
  a.ruleId.localeCompare(b.ruleId) ||
  a.address.localeCompare(b.address);

/** Suppressions split into those that apply and findings about the malformed or expired ones. */
function screenSuppressions(all: readonly ScopedSuppression[], known: ReadonlySet<string>, today: string) {
  const problems: Finding[] = [];
  const active: ScopedSuppression[] = [];
  for (const s of all) {
    const invalid = validateSuppression(s, known);
    if (invalid) problems.push(suppressionFinding("invalid", s, invalid));
    else if (isExpired(s.expires, today)) {
      problems.push(suppressionFinding("expired", s, `expired on ${s.expires} (today is ${today})`));
    } else active.push(s);
  }
  return { problems, active };
}

/** Findings split into those no suppression covers and those one does (with it); the suppressions used. */
function applySuppressions(raw: readonly Finding[], active: readonly ScopedSuppression[]) {
  const findings: Finding[] = [];
  const suppressed: SuppressedFinding[] = [];
  const used = new Set<ScopedSuppression>();
  for (const f of raw) {
    const s = active.find((candidate) => suppresses(candidate, f.ruleId, f.stack, f.address));
    if (!s) {
      findings.push(f);
      continue;
    }
    used.add(s);
    const expiry = s.expires ? { expires: s.expires } : {};
    suppressed.push({ ...f, suppression: { reason: s.reason, source: s.source, ...expiry } });
  }
  return { findings, suppressed, used };
}

/** The warning for a suppression whose `stack` is none of `known`, or undefined. */
function unknownStack(s: ScopedSuppression, known: readonly string[] | undefined): Finding | undefined {
  if (known === undefined || s.stack === undefined || known.includes(s.stack)) return undefined;
  const message =
    `stack ${JSON.stringify(s.stack)} is not a stack of the app${didYouMean(s.stack, known)} ` +
    `(its stacks: ${known.length > 0 ? known.join(", ") : "none"}), so it matches nothing`;
  // Reported under its source: filing it under a stack that does not exist would hide it in the table.
  return suppressionFinding("unused", s, message, s.source);
}

/**
 * Warnings for suppressions that matched nothing. Only a suppression whose stacks were
 * checked can be stale: a run over some stacks (one plan, --stack) says nothing about the others.
 * When the caller knows every stack, one naming an unknown stack is stale wherever the run looked.
 */
function unusedSuppressions(
  active: readonly ScopedSuppression[],
  used: ReadonlySet<ScopedSuppression>,
  checked: ReadonlySet<string>,
  known: readonly string[] | undefined,
): Finding[] {
  const concerned = (s: ScopedSuppression) => s.stacks === undefined || s.stacks.some((name) => checked.has(name));
  return active
    .filter((s) => !used.has(s))
    .flatMap((s) => {
      const misnamed = unknownStack(s, known);
      if (misnamed) return [misnamed];
      return concerned(s) ? [suppressionFinding("unused", s, "matches no finding")] : [];
    });
}

/** Runs every rule of the packs over the stacks and applies valid, current suppressions. */
export function evaluate(stacks: readonly StackInput[], options: EvaluateOptions): PolicyReport {
  const views = stacks.map((s) => toStackView(s.name, s.json, s.context));
  const rules = options.packs.flatMap((p) => p.rules);
  const known = new Set([...rules.map((r) => r.id), ...Object.values(SUPPRESSION_RULES).map((r) => r.id)]);
  const raw = rules.flatMap((rule) => runRule(rule, views));

  const all = [...(options.suppressions ?? []), ...views.flatMap(constructSuppressions)];
  const { problems, active } = screenSuppressions(all, known, options.today);
  const { findings, suppressed, used } = applySuppressions(raw, active);
  const stale = unusedSuppressions(active, used, new Set(views.map((v) => v.name)), options.knownStacks);

  const everything = [...findings, ...problems, ...stale].sort(bySeverityThenPlace);
  return {
    date: options.today,
    stacks: views.map((v) => v.name),
    rules: rules.map((r) => r.id),
    findings: everything,
    suppressed: suppressed.sort(bySeverityThenPlace),
    errorCount: everything.filter((f) => f.severity === "error").length,
    warningCount: everything.filter((f) => f.severity === "warning").length,
  };
}
