/**
 * Plans the affected stacks of one environment in dependency order: a stack whose
 * synthesized Terraform changed, then every dependant whose read upstream outputs change.
 *
 * Offline the base is the state: the base configuration is planned against an empty
 * state, the plan becomes a state file ({@link stateFromPlan}), and the head is planned
 * against it with `-refresh=false`. The head's own plan becomes the state its dependants
 * read (stand-ins salted, so an output turning unknown differs from the base). Online the
 * head is planned against the real remote state, with refresh.
 */
import { existsSync, mkdirSync, readFileSync, rmSync, writeFileSync } from "node:fs";
import { dirname, join, resolve } from "node:path";
import { seedPlaceholderUpstreams, terraform } from "../terraform";
import type { ChangeKind, SideStack, UpstreamRead } from "./changes";
import { dependencyOrder } from "./changes";
import { type PlanJson, type ProviderSchemas, resourceSchemas } from "./plan-json";
import { mergeKnown, type StateFile, stateFromPlan } from "./state-from-plan";

/** What planning one stack produced. */
export interface PlannedStack {
  readonly name: string;
  readonly cause: string;
  readonly plan?: PlanJson;
  readonly error?: string;
  readonly seconds: number;
}

/** A stack the review could not plan here, and why. */
export interface SkippedStack {
  readonly name: string;
  readonly cause: string;
  readonly reason: string;
}

/** Everything {@link planAffected} needs about one environment. */
export interface PlanRequest {
  readonly base: ReadonlyMap<string, SideStack>;
  readonly head: ReadonlyMap<string, SideStack>;
  readonly changed: ReadonlyMap<string, ChangeKind>;
  /** Upstream reads by stack, over both sides (a removed stack's come from the base). */
  readonly deps: ReadonlyMap<string, readonly UpstreamRead[]>;
  readonly offline: boolean;
  readonly cliConfig: string | undefined;
  readonly concurrency: number;
  /** Where the provider schema is cached between runs. */
  readonly workDir: string;
  /**
   * Plans the base again against its own state until it shows no changes (at most three
   * times). Done anyway for a stack with templates the state builder cannot evaluate
   * (functions, `each.value`); this forces it for every stack.
   */
  readonly verifyBase?: boolean;
  readonly log: (line: string) => void;
}

/** The planned and skipped stacks, in dependency order, and whether the base verified clean. */
export interface PlanOutcome {
  readonly planned: PlannedStack[];
  readonly skipped: SkippedStack[];
  /** Per planned stack, how many changes the last base verification plan still showed. */
  readonly baseResidue: Map<string, number>;
}

type Decision = { readonly outputs: "all" | ReadonlySet<string> } | undefined;

/** Plans the affected stacks; see the module comment. */
export async function planAffected(request: PlanRequest): Promise<PlanOutcome> {
  const names = [...new Set([...request.base.keys(), ...request.head.keys()])];
  const order = dependencyOrder(names, request.deps);
  const decided = new Map<string, Decision>();
  const planned: PlannedStack[] = [];
  const skipped: SkippedStack[] = [];
  const baseResidue = new Map<string, number>();
  const schemas = new SchemaCache(request);
  let remaining = order;
  while (remaining.length > 0) {
    const ready = remaining.filter((name) =>
      (request.deps.get(name) ?? []).every((d) => decided.has(d.upstream) || !names.includes(d.upstream)),
    );
    const wave = ready.length > 0 ? ready : [remaining[0]];
    remaining = remaining.filter((name) => !wave.includes(name));
    const work = wave
      .map((name) => ({ name, cause: causeOf(name, request, decided) }))
      .filter((item): item is { name: string; cause: string } => {
        if (item.cause === undefined) decided.set(item.name, undefined);
        return item.cause !== undefined;
      });
    const results = await inPool(work, request.concurrency, async ({ name, cause }) => {
      const stack = request.head.get(name) ?? request.base.get(name);
      if (request.offline && stack && !awsOnly(stack.json)) {
        return { skipped: { name, cause, reason: "needs providers with no local binary offline (planned online)" } };
      }
      const result = await planStack(name, cause, request, schemas, baseResidue);
      if (result.error !== undefined) forgetState(name, request);
      request.log(
        `${result.error ? "failed " : "planned"} ${name.padEnd(40)} ${result.seconds.toFixed(1)}s  ${cause}\n`,
      );
      return { result };
    });
    for (const [i, outcome] of results.entries()) {
      const name = work[i].name;
      if ("skipped" in outcome && outcome.skipped) {
        skipped.push(outcome.skipped);
        decided.set(name, { outputs: "all" });
      } else if ("result" in outcome && outcome.result) {
        planned.push(outcome.result);
        decided.set(name, { outputs: changedOutputs(outcome.result) });
      }
    }
  }
  const position = new Map(order.map((name, i) => [name, i]));
  planned.sort((a, b) => (position.get(a.name) ?? 0) - (position.get(b.name) ?? 0));
  return { planned, skipped, baseResidue };
}

/** Why a stack must be planned, or undefined when nothing it depends on changed. */
function causeOf(name: string, request: PlanRequest, decided: ReadonlyMap<string, Decision>): string | undefined {
  const kind = request.changed.get(name);
  if (kind === "added") return "new stack";
  if (kind === "removed") return "stack removed: everything in it is destroyed";
  if (kind === "changed") return "its synthesized Terraform changed";
  const reasons: string[] = [];
  for (const read of request.deps.get(name) ?? []) {
    const upstream = decided.get(read.upstream);
    if (!upstream) continue;
    const outputs = upstream.outputs;
    const hit = outputs === "all" ? read.outputs : read.outputs.filter((o) => outputs.has(o));
    if (hit.length > 0) reasons.push(`${read.upstream} (${hit.join(", ")})`);
  }
  return reasons.length > 0 ? `reads changed outputs of ${reasons.join("; ")}` : undefined;
}

function changedOutputs(result: PlannedStack): "all" | ReadonlySet<string> {
  if (!result.plan) return new Set();
  return new Set(
    Object.entries(result.plan.output_changes ?? {})
      .filter(([, change]) => !change.actions.every((a) => a === "no-op"))
      .map(([name]) => name),
  );
}

function awsOnly(json: unknown): boolean {
  const providers = Object.keys(
    (json as { terraform?: { required_providers?: object } }).terraform?.required_providers ?? {},
  );
  return providers.length === 1 && providers[0] === "aws";
}

/**
 * A stack that failed leaves no state on either side, so its dependants read the same
 * placeholders in base and head instead of a half-written state on one side only.
 */
function forgetState(name: string, request: PlanRequest): void {
  if (!request.offline) return;
  for (const side of [request.base.get(name), request.head.get(name)]) {
    if (side) rmSync(localStatePath(side), { force: true });
  }
}

/** The local state file a synthesized stack's backend points at (offline: always local). */
export function localStatePath(stack: SideStack): string {
  const backend = (stack.json as { terraform?: { backend?: { local?: { path?: string } } } }).terraform?.backend;
  return resolve(stack.dir, backend?.local?.path ?? "terraform.tfstate");
}

async function planStack(
  name: string,
  cause: string,
  request: PlanRequest,
  schemas: SchemaCache,
  baseResidue: Map<string, number>,
): Promise<PlannedStack> {
  const clock = { seconds: 0 };
  const run = async (dir: string, args: string[]) => {
    const result = await terraform(dir, args, request.cliConfig);
    clock.seconds += result.seconds;
    return result;
  };
  const fail = (error: string): PlannedStack => ({ name, cause, error, seconds: clock.seconds });
  const kind = request.changed.get(name);
  const base = request.base.get(name);
  const head = request.head.get(name);
  if (!request.offline) {
    const side = kind === "removed" ? base : head;
    if (!side) return fail("stack folder missing");
    const init = await run(side.dir, ["init", "-input=false", "-no-color"]);
    if (!init.ok) return fail(`init: ${init.stderr}`);
    const planned = await planToJson(run, side.dir, kind === "removed" ? ["-destroy"] : []);
    return "error" in planned ? fail(planned.error) : { name, cause, plan: planned.plan, seconds: clock.seconds };
  }
  let baseState: StateFile | undefined;
  if (base && kind !== "added") {
    const init = await run(base.dir, ["init", "-input=false", "-no-color"]);
    if (!init.ok) return fail(`init (base): ${init.stderr}`);
    seedPlaceholderUpstreams(base.dir);
    const statePath = localStatePath(base);
    rmSync(statePath, { force: true });
    const basePlan = await planToJson(run, base.dir, ["-refresh=false"]);
    if ("error" in basePlan) return fail(`the base does not plan: ${basePlan.error}`);
    const built = stateFromPlan(basePlan.plan, await schemas.get(base.dir, run), `plan-review-${name}`);
    baseState = built.state;
    writeState(statePath, baseState);
    // Templates the builder could not evaluate are settled by planning the base against its state.
    if (request.verifyBase || built.unresolved.length > 0) {
      let residue = 0;
      for (let round = 0; round < 3; round++) {
        const verify = await planToJson(run, base.dir, ["-refresh=false"]);
        if ("error" in verify) return fail(`the base state does not plan: ${verify.error}`);
        residue = mergeKnown(baseState, verify.plan);
        if (residue === 0) break;
        writeState(statePath, baseState);
      }
      baseResidue.set(name, residue);
    }
  }
  if (kind === "removed" || !head) {
    if (!base) return fail("stack folder missing");
    const planned = await planToJson(run, base.dir, ["-refresh=false", "-destroy"]);
    return "error" in planned ? fail(planned.error) : { name, cause, plan: planned.plan, seconds: clock.seconds };
  }
  const headState = localStatePath(head);
  if (baseState) writeState(headState, baseState);
  else rmSync(headState, { force: true });
  const init = await run(head.dir, ["init", "-input=false", "-no-color"]);
  if (!init.ok) return fail(`init: ${init.stderr}`);
  seedPlaceholderUpstreams(head.dir);
  const planned = await planToJson(run, head.dir, ["-refresh=false"]);
  if ("error" in planned) return fail(planned.error);
  // Dependants of this stack read what the head would leave behind.
  const after = stateFromPlan(planned.plan, await schemas.get(head.dir, run), `plan-review-${name}`, "head");
  writeState(headState, after.state);
  return { name, cause, plan: planned.plan, seconds: clock.seconds };
}

type Run = (dir: string, args: string[]) => ReturnType<typeof terraform>;

async function planToJson(run: Run, dir: string, extra: string[]): Promise<{ plan: PlanJson } | { error: string }> {
  // The review never holds a lock: plans write no state, and base and head use their own files.
  const plan = await run(dir, ["plan", "-input=false", "-no-color", "-lock=false", ...extra, "-out=review.tfplan"]);
  if (!plan.ok) return { error: plan.stderr.trim() || plan.stdout.trim() };
  const show = await run(dir, ["show", "-json", "-no-color", "review.tfplan"]);
  if (!show.ok) return { error: `show: ${show.stderr.trim()}` };
  writeFileSync(join(dir, "plan-review.json"), show.stdout);
  return { plan: JSON.parse(show.stdout) as PlanJson };
}

function writeState(path: string, state: StateFile): void {
  mkdirSync(dirname(path), { recursive: true });
  writeFileSync(path, JSON.stringify(state));
}

/**
 * `terraform providers schema -json` (13 MB for hashicorp/aws, ~5 s) read once per
 * review and cached in the work folder by the provider lock file's content.
 */
class SchemaCache {
  private pending: Promise<ProviderSchemas> | undefined;

  constructor(private readonly request: PlanRequest) {}

  get(dir: string, run: Run): Promise<ProviderSchemas> {
    this.pending ??= this.load(dir, run);
    return this.pending;
  }

  private async load(dir: string, run: Run): Promise<ProviderSchemas> {
    const lock = join(dir, ".terraform.lock.hcl");
    const key = existsSync(lock) ? hashText(readFileSync(lock, "utf8")) : "nolock";
    const cached = join(this.request.workDir, `provider-schemas-${key}.json`);
    if (existsSync(cached)) return JSON.parse(readFileSync(cached, "utf8")) as ProviderSchemas;
    const result = await run(dir, ["providers", "schema", "-json"]);
    if (!result.ok) throw new Error(`terraform providers schema failed in ${dir}: ${result.stderr}`);
    const schemas = resourceSchemas(JSON.parse(result.stdout));
    mkdirSync(this.request.workDir, { recursive: true });
    writeFileSync(cached, JSON.stringify(schemas));
    return schemas;
  }
}

function hashText(text: string): string {
  let hash = 0;
  for (let i = 0; i < text.length; i++) hash = (hash * 31 + text.charCodeAt(i)) | 0;
  return (hash >>> 0).toString(16);
}

/** Runs `work` over the items, at most `concurrency` at a time; results in item order. */
async function inPool<T, R>(items: readonly T[], concurrency: number, work: (item: T) => Promise<R>): Promise<R[]> {
  const results: R[] = new Array(items.length);
  let next = 0;
  const worker = async () => {
    while (next < items.length) {
      const i = next++;
      results[i] = await work(items[i]);
    }
  };
  await Promise.all(Array.from({ length: Math.min(concurrency, items.length) }, worker));
  return results;
}
