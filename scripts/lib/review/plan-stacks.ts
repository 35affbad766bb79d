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
import { createHash } from "node:crypto";
import { existsSync, mkdirSync, readdirSync, readFileSync, renameSync, rmSync, writeFileSync } from "node:fs";
import { dirname, join, resolve } from "node:path";
import { NOT_ATTEMPTED, type ScheduledOutcome, schedule, waves } from "../scheduler";
import { remoteStateBlocks, seedPlaceholderUpstreams, terraform } from "../terraform";
import type { ChangeKind, SideStack, UpstreamRead } from "./changes";
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
  /** What each stack reads from its upstreams, over both sides (a removed stack's come from the base). */
  readonly reads: ReadonlyMap<string, readonly UpstreamRead[]>;
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

/** What the scheduler hears about one stack: `failed` stops its dependants (they are not attempted). */
type StackStep = ScheduledOutcome & {
  readonly name: string;
  readonly planned?: PlannedStack;
  readonly skipped?: SkippedStack;
};

/**
 * Plans the affected stacks; see the module comment. Every stack of either side goes
 * through the scheduler of `npm run plan` (manifest dependencies, at most `concurrency`
 * terraform jobs at once): once its upstreams are done it is planned when it changed or
 * reads an output they change, and passed over otherwise.
 */
export async function planAffected(request: PlanRequest): Promise<PlanOutcome> {
  const names = [...new Set([...request.base.keys(), ...request.head.keys()])];
  const items = names.map((name) => ({
    name,
    dependencies: [
      ...new Set([...(request.base.get(name)?.dependencies ?? []), ...(request.head.get(name)?.dependencies ?? [])]),
    ],
  }));
  const decided = new Map<string, Decision>();
  const baseResidue = new Map<string, number>();
  const schemas = new SchemaCache(request);
  const step = async (name: string): Promise<StackStep> => {
    const cause = causeOf(name, request, decided);
    if (cause === undefined) {
      decided.set(name, undefined);
      return { name, status: "unaffected" };
    }
    const stack = request.head.get(name) ?? request.base.get(name);
    if (request.offline && stack && !stack.awsOnly) {
      decided.set(name, { outputs: "all" });
      const reason = `needs ${stack.providers.join(", ")}: no local provider binary offline (planned online)`;
      return { name, status: "skipped", skipped: { name, cause, reason } };
    }
    const result = await planStack(name, cause, request, schemas, baseResidue);
    if (result.error !== undefined) forgetState(name, request);
    request.log(`${result.error ? "failed " : "planned"} ${name.padEnd(40)} ${result.seconds.toFixed(1)}s  ${cause}\n`);
    decided.set(name, { outputs: changedOutputs(result) });
    return { name, status: result.error === undefined ? "ok" : "failed", planned: result };
  };
  const steps = await schedule(
    items,
    request.concurrency,
    (item) => step(item.name),
    (item, upstream): StackStep => {
      const skipped = { name: item.name, cause: `depends on ${upstream}`, reason: `${upstream} did not plan` };
      return { name: item.name, status: NOT_ATTEMPTED, skipped };
    },
  );
  const order = waves(items).flat();
  const position = new Map(order.map((item, i) => [item.name, i]));
  const byOrder = (a: { name: string }, b: { name: string }) =>
    (position.get(a.name) ?? 0) - (position.get(b.name) ?? 0);
  return {
    planned: steps.flatMap((s) => (s.planned ? [s.planned] : [])).sort(byOrder),
    skipped: steps.flatMap((s) => (s.skipped ? [s.skipped] : [])).sort(byOrder),
    baseResidue,
  };
}

/** Why a stack must be planned, or undefined when nothing it depends on changed. */
function causeOf(name: string, request: PlanRequest, decided: ReadonlyMap<string, Decision>): string | undefined {
  const kind = request.changed.get(name);
  if (kind === "added") return "new stack";
  if (kind === "removed") return "stack removed: everything in it is destroyed";
  if (kind === "changed") return "its synthesized Terraform changed";
  const reasons: string[] = [];
  for (const read of request.reads.get(name) ?? []) {
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

/**
 * A stack that failed leaves no state on either side, so its dependants read the same
 * placeholders in base and head instead of a half-written state on one side only.
 */
function forgetState(name: string, request: PlanRequest): void {
  if (!request.offline) return;
  for (const side of [request.base.get(name), request.head.get(name)]) {
    if (side) rmSync(stateFileOf(side), { force: true });
  }
}

/** The local state file a synthesized stack's backend points at (offline: always local). */
export function stateFileOf(stack: SideStack): string {
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
  const initArgs = ["init", "-input=false", "-no-color"];
  const useBase = base !== undefined && kind !== "added";
  // Both sides install the provider from the mirror at once; neither touches the other's folder.
  const [baseInit, headInit] = await Promise.all([
    useBase ? run(base.dir, initArgs) : undefined,
    head ? run(head.dir, initArgs) : undefined,
  ]);
  if (baseInit && !baseInit.ok) return fail(`init (base): ${baseInit.stderr}`);
  if (headInit && !headInit.ok) return fail(`init: ${headInit.stderr}`);
  const schemaDir = (useBase ? base : head)?.dir;
  if (!schemaDir) return fail("stack folder missing");
  // The provider schema (exported once per provider version, then cached) loads while the base plans.
  const schema = schemas.get(schemaDir, run);
  schema.catch(() => undefined);
  let baseState: StateFile | undefined;
  if (useBase) {
    seedPlaceholderUpstreams(base.dir);
    const statePath = stateFileOf(base);
    rmSync(statePath, { force: true });
    const key = baseStateKey(base, request.verifyBase === true);
    const cached = readBaseState(request.workDir, key);
    if (cached) {
      baseState = cached.state;
      if (cached.residue !== undefined) baseResidue.set(name, cached.residue);
    } else {
      const basePlan = await planToJson(run, base.dir, ["-refresh=false"]);
      if ("error" in basePlan) return fail(`the base does not plan: ${basePlan.error}`);
      const built = stateFromPlan(basePlan.plan, await schema, `plan-review-${name}`);
      baseState = built.state;
      writeState(statePath, baseState);
      // Templates the builder could not evaluate are settled by planning the base against its state.
      let residue: number | undefined;
      if (request.verifyBase || built.unresolved.length > 0) {
        residue = 0;
        for (let round = 0; round < 3; round++) {
          const verify = await planToJson(run, base.dir, ["-refresh=false"]);
          if ("error" in verify) return fail(`the base state does not plan: ${verify.error}`);
          residue = mergeKnown(baseState, verify.plan);
          if (residue === 0) break;
          writeState(statePath, baseState);
        }
        baseResidue.set(name, residue);
      }
      writeBaseState(request.workDir, key, { state: baseState, residue });
    }
    writeState(statePath, baseState);
  }
  if (kind === "removed" || !head) {
    if (!base) return fail("stack folder missing");
    const planned = await planToJson(run, base.dir, ["-refresh=false", "-destroy"]);
    return "error" in planned ? fail(planned.error) : { name, cause, plan: planned.plan, seconds: clock.seconds };
  }
  const headState = stateFileOf(head);
  if (baseState) writeState(headState, baseState);
  else rmSync(headState, { force: true });
  seedPlaceholderUpstreams(head.dir);
  const planned = await planToJson(run, head.dir, ["-refresh=false"]);
  if ("error" in planned) return fail(planned.error);
  // Dependants of this stack read what the head would leave behind.
  const after = stateFromPlan(planned.plan, await schema, `plan-review-${name}`, "head");
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

function hashText(...texts: string[]): string {
  const hash = createHash("sha256");
  for (const text of texts) hash.update(text).update("\0");
  return hash.digest("hex").slice(0, 24);
}

/**
 * What a cached base state was built by: the state builder's own source, so changing how
 * states are built never reuses a state the old code built.
 */
const BASE_STATE_FORMAT = (() => {
  const source = join(__dirname, "state-from-plan.ts");
  return existsSync(source) ? hashText(readFileSync(source, "utf8")) : "unknown";
})();

/**
 * What a base stack's state is made from: its Terraform (`cdk.tf.json` and override
 * files), the upstream states it reads (placeholders or the review's own), the provider
 * lock and whether the base is verified. The same inputs plan the same base, so a second
 * review of the same base (another push to the pull request) reuses the state instead of
 * planning the base again.
 */
export function baseStateKey(stack: SideStack, verify: boolean): string {
  const read = (path: string) => (existsSync(path) ? readFileSync(path, "utf8") : "");
  const own = readdirSync(stack.dir)
    .filter((file) => file.endsWith(".tf.json"))
    .sort()
    .map((file) => `${file}\n${read(join(stack.dir, file))}`);
  const overrides = (
    JSON.parse(read(join(stack.dir, "placeholder_upstreams_override.tf.json")) || "{}") as {
      data?: { terraform_remote_state?: Record<string, { config: { path: string } }> };
    }
  ).data?.terraform_remote_state;
  const upstreams = Object.entries(remoteStateBlocks(stack.dir))
    .sort(([a], [b]) => (a < b ? -1 : 1))
    .map(([name, block]) => {
      const path = overrides?.[name]?.config.path ?? String(block.config.path ?? "");
      return `${name}\n${block.backend === "local" ? read(resolve(stack.dir, path)) : ""}`;
    });
  const lock = read(join(stack.dir, ".terraform.lock.hcl"));
  return hashText(BASE_STATE_FORMAT, String(verify), lock, ...own, ...upstreams);
}

interface CachedBaseState {
  readonly state: StateFile;
  /** Changes the last verification plan still showed, when the base was verified. */
  readonly residue?: number;
}

function baseStatePath(workDir: string, key: string): string {
  return join(workDir, "cache", `base-state-${key}.json`);
}

function readBaseState(workDir: string, key: string): CachedBaseState | undefined {
  const path = baseStatePath(workDir, key);
  if (!existsSync(path)) return undefined;
  try {
    return JSON.parse(readFileSync(path, "utf8")) as CachedBaseState;
  } catch {
    return undefined; // A cut-short entry is planned again and rewritten.
  }
}

function writeBaseState(workDir: string, key: string, entry: CachedBaseState): void {
  const path = baseStatePath(workDir, key);
  mkdirSync(dirname(path), { recursive: true });
  // Written beside and renamed, so a concurrent or interrupted review never reads half a file.
  writeFileSync(`${path}.${process.pid}`, JSON.stringify(entry));
  renameSync(`${path}.${process.pid}`, path);
}
