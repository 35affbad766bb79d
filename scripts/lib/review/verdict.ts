/**
 * What a planned stack means for the review: counts, every destroy and replacement, and
 * which of them block the pull request. Pure: plans and errors in, verdicts out.
 */
import { STATEFUL_TYPES } from "../stateful-addresses";
import { type Action, actionOf, type PlanJson, type ResourceChange } from "./plan-json";

/** A destroy, replacement or plan error the review reports. */
export interface Blocking {
  readonly address: string;
  readonly action: "destroy" | "replace" | "error";
  readonly reason: string;
}

/** One resource change, summarized for the comment. */
export interface ChangeSummary {
  readonly address: string;
  readonly action: Action;
  /** `previous_address` when Terraform moves the resource (a `moved` block). */
  readonly movedFrom?: string;
  /** Attribute diffs, sensitive values masked. */
  readonly diffs: readonly AttributeDiff[];
}

/** One changed attribute: `before` and `after` already rendered (masked, shortened). */
export interface AttributeDiff {
  readonly path: string;
  readonly before: string;
  readonly after: string;
  /** True when this attribute forces the replacement. */
  readonly forcesReplacement: boolean;
}

/** The review of one stack. */
export interface StackReview {
  readonly name: string;
  readonly environment: string;
  /** Why it was planned: its Terraform changed, or an upstream output it reads changed. */
  readonly cause: string;
  readonly add: number;
  readonly change: number;
  readonly replace: number;
  readonly destroy: number;
  readonly blocking: readonly Blocking[];
  /** Destroys and replacements that do not block (stateless, or allowed by --allow-destroy). */
  readonly warnings: readonly Blocking[];
  readonly changes: readonly ChangeSummary[];
  /** The plan's error, when it failed. */
  readonly error?: string;
}

/** Inputs of {@link reviewStack}. */
export interface StackPlanResult {
  readonly name: string;
  readonly environment: string;
  readonly cause: string;
  /** The plan, when it succeeded. */
  readonly plan?: PlanJson;
  /** Terraform's error output, when the plan failed. */
  readonly error?: string;
  /** Addresses pinned for this stack in test/stacks/stateful-addresses.json. */
  readonly pinned: readonly string[];
  readonly allowDestroy: boolean;
}

const STATEFUL = new Set<string>(STATEFUL_TYPES);
const PREVENT_DESTROY = /Resource (\S+) has lifecycle\.prevent_destroy set/g;
const MASK = "(sensitive value)";
/** Attribute names masked even when the provider does not mark them sensitive. */
const SECRET_NAME = /password|secret|token|private_key|credential/i;
const MAX_VALUE = 120;

/** Counts, blocking destroys and the change list of one planned stack. */
export function reviewStack(input: StackPlanResult): StackReview {
  const base = { name: input.name, environment: input.environment, cause: input.cause };
  if (input.error !== undefined || !input.plan) return failedReview(base, input.error ?? "plan produced no output");
  const counts = { add: 0, change: 0, replace: 0, destroy: 0 };
  const blocking: Blocking[] = [];
  const warnings: Blocking[] = [];
  const changes: ChangeSummary[] = [];
  for (const change of input.plan.resource_changes ?? []) {
    if (change.mode !== "managed") continue;
    const action = actionOf(change.change.actions);
    const moved = change.previous_address !== undefined && change.previous_address !== change.address;
    if (action === "no-op" && !moved) continue;
    if (action === "create") counts.add++;
    else if (action === "update") counts.change++;
    else if (action === "replace") counts.replace++;
    else if (action === "delete") counts.destroy++;
    changes.push(summarize(change, action));
    if (action !== "delete" && action !== "replace") continue;
    const verb = action === "delete" ? "destroy" : "replace";
    const stateful = statefulReason(change, input.pinned);
    if (stateful && !input.allowDestroy) {
      blocking.push({ address: change.address, action: verb, reason: stateful });
    } else {
      const reason = stateful ? `${stateful} (allowed by --allow-destroy)` : "stateless resource";
      warnings.push({ address: change.address, action: verb, reason });
    }
  }
  return { ...base, ...counts, blocking, warnings, changes };
}

function statefulReason(change: ResourceChange, pinned: readonly string[]): string | undefined {
  const unindexed = change.address.replace(/\[[^\]]*\]$/, "");
  const isPinned = pinned.includes(unindexed);
  if (!STATEFUL.has(change.type) && !isPinned) return undefined;
  const where = isPinned ? "pinned in test/stacks/stateful-addresses.json" : `a ${change.type}`;
  const fix = "Fix: keep the address (a `moved` block via moveTo for a rename) or pass --allow-destroy";
  return `stored data would be lost: ${where}. ${fix}`;
}

/** A failed plan: `prevent_destroy` refusals become named blocked destroys; anything else an error. */
function failedReview(base: Pick<StackReview, "name" | "environment" | "cause">, error: string): StackReview {
  const refusals = [...error.matchAll(PREVENT_DESTROY)].map((m) => m[1]);
  const blocking: Blocking[] = [...new Set(refusals)].map((address) => ({
    address,
    action: "destroy",
    reason:
      "lifecycle.prevent_destroy refuses to destroy or replace it (stored data). " +
      "Fix: keep the attribute that forces the replacement, or migrate the data first",
  }));
  if (blocking.length === 0) blocking.push({ address: base.name, action: "error", reason: firstError(error) });
  return { ...base, add: 0, change: 0, replace: 0, destroy: 0, blocking, warnings: [], changes: [], error };
}

/** The first `Error: ...` line of terraform's output, or its first line. */
export function firstError(output: string): string {
  const lines = output.split("\n").map((line) => line.replace(/^[│╷╵\s]+/, "").trim());
  const index = lines.findIndex((line) => line.startsWith("Error: "));
  if (index < 0) return lines.find(Boolean) ?? "terraform failed";
  const detail = lines.slice(index + 1).find((line) => line && !line.startsWith("on ") && !/^\d+:/.test(line));
  return `${lines[index].slice("Error: ".length)}${detail ? `: ${detail}` : ""}`;
}

function summarize(change: ResourceChange, action: Action): ChangeSummary {
  const moved = change.previous_address !== undefined && change.previous_address !== change.address;
  const diffs = action === "update" || action === "replace" ? attributeDiffs(change) : [];
  return { address: change.address, action, ...(moved ? { movedFrom: change.previous_address } : {}), diffs };
}

/** Top-level attribute differences of an update or replacement, sensitive values masked. */
export function attributeDiffs(change: ResourceChange): AttributeDiff[] {
  const before = (change.change.before ?? {}) as Record<string, unknown>;
  const after = (change.change.after ?? {}) as Record<string, unknown>;
  const unknown = (change.change.after_unknown ?? {}) as Record<string, unknown>;
  const sensitive = {
    before: (change.change.before_sensitive ?? {}) as Record<string, unknown>,
    after: (change.change.after_sensitive ?? {}) as Record<string, unknown>,
  };
  const forcing = new Set((change.change.replace_paths ?? []).map((path) => String(path[0])));
  const keys = [...new Set([...Object.keys(before), ...Object.keys(after), ...Object.keys(unknown)])].sort();
  const diffs: AttributeDiff[] = [];
  for (const key of keys) {
    const isUnknown = unknown[key] === true;
    if (!isUnknown && JSON.stringify(before[key] ?? null) === JSON.stringify(after[key] ?? null)) continue;
    // Computed attributes turning unknown on a replacement are noise, unless they force it.
    if (isUnknown && action(change) === "replace" && !forcing.has(key) && before[key] !== undefined) continue;
    diffs.push({
      path: key,
      before: render(before[key], SECRET_NAME.test(key) || hasSensitive(sensitive.before[key])),
      after: isUnknown
        ? "(known after apply)"
        : render(after[key], SECRET_NAME.test(key) || hasSensitive(sensitive.after[key])),
      forcesReplacement: forcing.has(key),
    });
  }
  return diffs;
}

function action(change: ResourceChange): Action {
  return actionOf(change.change.actions);
}

function hasSensitive(mask: unknown): boolean {
  if (mask === true) return true;
  if (Array.isArray(mask)) return mask.some(hasSensitive);
  if (mask && typeof mask === "object") return Object.values(mask).some(hasSensitive);
  return false;
}

function render(value: unknown, sensitive: boolean): string {
  if (sensitive) return MASK;
  if (value === undefined || value === null) return "null";
  const text = JSON.stringify(value);
  return text.length > MAX_VALUE ? `${text.slice(0, MAX_VALUE - 1)}…` : text;
}
