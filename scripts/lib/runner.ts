import { existsSync, writeFileSync } from "node:fs";
import { basename, join, resolve } from "node:path";
import { UsageError } from "../../cli/args";
import { NOT_ATTEMPTED, schedule } from "./scheduler";
import {
  findProviderMirror,
  remoteStateBlocks,
  type SynthesizedStack,
  seedPlaceholderUpstreams,
  terraform,
  writeCliConfig,
} from "./terraform";

/** Terraform commands the runner knows. */
export type Command = "init" | "validate" | "plan" | "apply";

/** Options of `apply`. */
export interface ApplyOptions {
  /**
   * Folder of saved plans, `<planDir>/<stack>/plan.tfplan` (what `npm run plan` writes into
   * each stack folder): apply exactly those. Without it, apply plans and applies in one go.
   */
  readonly planDir?: string;
}

/** Outcome of one stack; `not attempted` when an upstream failed (or was not attempted) first. */
export interface StackOutcome {
  readonly stack: string;
  readonly status: "ok" | "failed" | "skipped" | typeof NOT_ATTEMPTED;
  readonly seconds: number;
  readonly detail: string;
}

function summarizePlan(planJson: string): string {
  const plan = JSON.parse(planJson) as { resource_changes?: { change: { actions: string[] } }[] };
  const counts = { create: 0, update: 0, delete: 0, replace: 0 };
  for (const change of plan.resource_changes ?? []) {
    const actions = change.change.actions;
    if (actions.includes("create") && actions.includes("delete")) counts.replace++;
    else if (actions.includes("create")) counts.create++;
    else if (actions.includes("update")) counts.update++;
    else if (actions.includes("delete")) counts.delete++;
  }
  return (
    `${counts.create} to add, ${counts.update} to change, ` +
    `${counts.replace} to replace, ${counts.delete} to destroy`
  );
}

/**
 * Online: which `terraform_remote_state` blocks of a stack point at an upstream that has
 * state. The upstream is the sibling stack folder named by the S3 key
 * (`<env>/<stack>.tfstate`); `terraform output -json` there prints `{}` when it was never
 * applied. An upstream that was not synthesized in this run is assumed to exist, so a
 * wrong key fails loudly at plan time rather than planning against placeholders.
 */
async function remoteStatesWithState(
  stackDir: string,
  cliConfig: string | undefined,
  checked: Map<string, boolean>,
): Promise<Set<string>> {
  const have = new Set<string>();
  for (const [name, block] of Object.entries(remoteStateBlocks(stackDir))) {
    const upstream = block.backend === "s3" ? basename(String(block.config.key ?? ""), ".tfstate") : "";
    const dir = resolve(stackDir, "..", upstream);
    if (!upstream || !existsSync(join(dir, "cdk.tf.json"))) {
      have.add(name);
      continue;
    }
    let applied = checked.get(dir);
    if (applied === undefined) {
      const init = await terraform(dir, ["init", "-input=false", "-no-color"], cliConfig);
      if (!init.ok) throw new Error(`init of upstream ${upstream} failed: ${init.stderr.trim()}`);
      const output = await terraform(dir, ["output", "-json", "-no-color"], cliConfig);
      applied = output.ok && Object.keys(JSON.parse(output.stdout || "{}") as object).length > 0;
      checked.set(dir, applied);
    }
    if (applied) have.add(name);
  }
  return have;
}

function predicateFrom(names: Set<string>) {
  return (_block: unknown, _dir: string, name: string) => names.has(name);
}

/** Terraform commands in one stack folder, their time added up for the outcome. */
class StackRun {
  private seconds = 0;

  constructor(
    readonly stack: SynthesizedStack,
    private readonly cliConfig: string | undefined,
  ) {}

  async terraform(args: string[]) {
    const result = await terraform(this.stack.dir, args, this.cliConfig);
    this.seconds += result.seconds;
    return result;
  }

  outcome(status: StackOutcome["status"], detail: string): StackOutcome {
    return { stack: this.stack.name, status, seconds: this.seconds, detail };
  }
}

async function validateStack(run: StackRun): Promise<StackOutcome> {
  const validate = await run.terraform(["validate", "-json", "-no-color"]);
  type Diagnostic = { severity: string; summary: string; detail?: string };
  const report = JSON.parse(validate.stdout || "{}") as { valid?: boolean; diagnostics?: Diagnostic[] };
  const diagnostics = report.diagnostics ?? [];
  if (!report.valid) {
    const errors = diagnostics.filter((d) => d.severity === "error").map((d) => `${d.summary}: ${d.detail ?? ""}`);
    return run.outcome("failed", errors.join("; ") || validate.stderr);
  }
  return run.outcome("ok", `valid${diagnostics.length ? ` (${diagnostics.length} warnings)` : ""}`);
}

/**
 * Plans a stack into `plan.tfplan` and `plan.json`. Upstreams without state get
 * placeholder outputs: offline every one, online those `upstreamsWithState` leaves out.
 */
async function planStack(run: StackRun, offline: boolean, upstreamsWithState?: Set<string>): Promise<StackOutcome> {
  const dir = run.stack.dir;
  const seeded = offline
    ? seedPlaceholderUpstreams(dir)
    : seedPlaceholderUpstreams(dir, predicateFrom(upstreamsWithState ?? new Set()));
  const plan = await run.terraform(["plan", "-input=false", "-no-color", "-lock-timeout=60s", "-out=plan.tfplan"]);
  if (!plan.ok) return run.outcome("failed", `plan: ${plan.stderr.trim()}`);
  const show = await run.terraform(["show", "-json", "plan.tfplan"]);
  if (!show.ok) return run.outcome("failed", `show: ${show.stderr.trim()}`);
  writeFileSync(join(dir, "plan.json"), show.stdout);
  const note = seeded.length > 0 ? ` (placeholder upstream outputs: ${seeded.length})` : "";
  return run.outcome("ok", `${summarizePlan(show.stdout)}${note}`);
}

/**
 * Applies a stack: the saved plan when `planFile` is given (terraform refuses it when the
 * state moved on since the plan, so what was reviewed is what is applied), else a fresh
 * plan applied at once (the caller asked for confirmation before starting).
 */
async function applyStack(run: StackRun, planFile: string | undefined): Promise<StackOutcome> {
  const args = ["apply", "-input=false", "-no-color", "-lock-timeout=60s"];
  const apply = await run.terraform(planFile ? [...args, planFile] : [...args, "-auto-approve"]);
  if (!apply.ok) return run.outcome("failed", `apply: ${apply.stderr.trim()}`);
  const summary = /Apply complete! (Resources: [^\n]*)/.exec(apply.stdout)?.[1] ?? "applied";
  return run.outcome("ok", planFile ? `${summary} (saved plan)` : summary);
}

/** The saved plan of a stack under `planDir`. */
export function savedPlanPath(planDir: string, stack: string): string {
  return resolve(planDir, stack, "plan.tfplan");
}

async function runStack(
  stack: SynthesizedStack,
  command: Command,
  cliConfig: string | undefined,
  offline: boolean,
  upstreamsWithState?: Set<string>,
  apply: ApplyOptions = {},
): Promise<StackOutcome> {
  const run = new StackRun(stack, cliConfig);
  if (offline && !stack.awsOnly) {
    const providers = stack.providers.join(", ");
    return run.outcome("skipped", `needs ${providers}: no local provider binary offline (checked at synth level)`);
  }
  const backend = command === "validate" ? ["-backend=false"] : [];
  const init = await run.terraform(["init", "-input=false", "-no-color", ...backend]);
  if (!init.ok) return run.outcome("failed", `init: ${init.stderr.trim()}`);
  if (command === "init") return run.outcome("ok", "initialized");
  if (command === "apply") return applyStack(run, apply.planDir && savedPlanPath(apply.planDir, stack.name));
  return command === "validate" ? validateStack(run) : planStack(run, offline, upstreamsWithState);
}

/** Offline: a CLI config installing providers from the local mirror only; online: none. */
export function cliConfigFor(offline: boolean, workDir: string): string | undefined {
  if (!offline) return undefined;
  const mirror = findProviderMirror();
  if (!mirror) {
    throw new UsageError(
      "no filesystem mirror holding registry.terraform.io/hashicorp/aws was found. " +
        "Fix: set TF_PLUGIN_MIRROR to the folder holding registry.terraform.io/",
    );
  }
  return writeCliConfig(resolve(workDir), mirror);
}

/** One progress line: status, stack, seconds, detail. */
export function formatOutcome(o: StackOutcome): string {
  return `${o.status.padEnd(13)} ${o.stack.padEnd(40)} ${o.seconds.toFixed(1).padStart(5)}s  ${o.detail}\n`;
}

/**
 * Runs a command over the selected stacks through the scheduler: each stack after the
 * selected stacks it depends on (so a downstream never plans while its upstream's state
 * file is being written), at most `concurrency` at once, dependants of a failure not
 * attempted. Outcomes are in stack order.
 */
export async function runStacks(
  stacks: SynthesizedStack[],
  command: Command,
  concurrency: number,
  offline: boolean,
  log: (line: string) => void = (line) => process.stdout.write(line),
  workDir = ".tf-work",
  apply: ApplyOptions = {},
): Promise<StackOutcome[]> {
  const cliConfig = cliConfigFor(offline, workDir);
  // Online plans ask each upstream whether it was applied, one at a time and before the
  // parallel jobs start, so no two terraform processes ever share a stack folder.
  const upstreams = new Map<string, Set<string>>();
  if (command === "plan" && !offline) {
    const checked = new Map<string, boolean>();
    for (const stack of stacks) upstreams.set(stack.name, await remoteStatesWithState(stack.dir, cliConfig, checked));
  }
  const report = (o: StackOutcome) => {
    log(formatOutcome(o));
    return o;
  };
  return schedule(
    stacks,
    concurrency,
    async (stack) => report(await runStack(stack, command, cliConfig, offline, upstreams.get(stack.name), apply)),
    (stack, upstream) =>
      report({ stack: stack.name, status: NOT_ATTEMPTED, seconds: 0, detail: `upstream ${upstream} did not succeed` }),
  );
}

/** The end-of-run summary line, counting every status. */
export function summaryLine(command: string, outcomes: readonly StackOutcome[]): string {
  const count = (status: StackOutcome["status"]) => outcomes.filter((o) => o.status === status).length;
  return (
    `${command}: ${count("ok")} ok, ${count("failed")} failed, ${count(NOT_ATTEMPTED)} not attempted, ` +
    `${count("skipped")} skipped`
  );
}

/** The waves as numbered lines: `wave 1: a, b`. */
export function formatWaves(stacks: readonly (readonly { readonly name: string }[])[]): string {
  return stacks.map((wave, i) => `wave ${i + 1}: ${wave.map((s) => s.name).join(", ")}\n`).join("");
}
