import { existsSync, writeFileSync } from "node:fs";
import { basename, join, resolve } from "node:path";
import { UsageError } from "../../cli/args";
import {
  findProviderMirror,
  remoteStateBlocks,
  seedPlaceholderUpstreams,
  type SynthesizedStack,
  terraform,
  writeCliConfig,
} from "./terraform";

/** Terraform commands the runner knows. */
export type Command = "init" | "validate" | "plan";

/** Outcome of one stack. */
export interface StackOutcome {
  readonly stack: string;
  readonly status: "ok" | "failed" | "skipped";
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
  return `${counts.create} to add, ${counts.update} to change, ${counts.replace} to replace, ${counts.delete} to destroy`;
}


/**
 * Online: which `terraform_remote_state` blocks of a stack point at an upstream that has
 * state. The upstream is the sibling stack folder named by the S3 key
 * (`<env>/<stack>.tfstate`); `terraform output -json` there prints `{}` when it was never
 * applied. An upstream that was not synthesized in this run is assumed to exist, so a
 * wrong key fails loudly at plan time rather than planning against placeholders.
 */
async function remoteStatesWithState(stackDir: string, cliConfig: string | undefined, checked: Map<string, boolean>): Promise<Set<string>> {
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

async function runStack(
  stack: SynthesizedStack,
  command: Command,
  cliConfig: string | undefined,
  offline: boolean,
  upstreamsWithState?: Set<string>,
): Promise<StackOutcome> {
  if (offline && !stack.awsOnly) {
    return { stack: stack.name, status: "skipped", seconds: 0, detail: `needs ${stack.providers.join(", ")}: no local provider binary offline (checked at synth level)` };
  }
  let seconds = 0;
  const step = async (args: string[]) => {
    const result = await terraform(stack.dir, args, cliConfig);
    seconds += result.seconds;
    return result;
  };
  const init = await step(["init", "-input=false", "-no-color", ...(command === "validate" ? ["-backend=false"] : [])]);
  if (!init.ok) return { stack: stack.name, status: "failed", seconds, detail: `init: ${init.stderr.trim()}` };
  if (command === "init") return { stack: stack.name, status: "ok", seconds, detail: "initialized" };
  if (command === "validate") {
    const validate = await step(["validate", "-json", "-no-color"]);
    const report = JSON.parse(validate.stdout || "{}") as { valid?: boolean; diagnostics?: { severity: string; summary: string; detail?: string }[] };
    const errors = (report.diagnostics ?? []).filter((d) => d.severity === "error");
    if (!report.valid) {
      return { stack: stack.name, status: "failed", seconds, detail: errors.map((d) => `${d.summary}: ${d.detail ?? ""}`).join("; ") || validate.stderr };
    }
    const warnings = (report.diagnostics ?? []).length;
    return { stack: stack.name, status: "ok", seconds, detail: `valid${warnings ? ` (${warnings} warnings)` : ""}` };
  }
  const seeded = offline
    ? seedPlaceholderUpstreams(stack.dir)
    : seedPlaceholderUpstreams(stack.dir, predicateFrom(upstreamsWithState ?? new Set()));
  const plan = await step(["plan", "-input=false", "-no-color", "-lock-timeout=60s", "-out=plan.tfplan"]);
  if (!plan.ok) return { stack: stack.name, status: "failed", seconds, detail: `plan: ${plan.stderr.trim()}` };
  const show = await step(["show", "-json", "plan.tfplan"]);
  if (!show.ok) return { stack: stack.name, status: "failed", seconds, detail: `show: ${show.stderr.trim()}` };
  writeFileSync(join(stack.dir, "plan.json"), show.stdout);
  const note = seeded.length > 0 ? ` (placeholder upstream outputs: ${seeded.length})` : "";
  return { stack: stack.name, status: "ok", seconds, detail: `${summarizePlan(show.stdout)}${note}` };
}

/** Runs a command over the selected stacks with bounded concurrency. */
export async function runStacks(
  stacks: SynthesizedStack[],
  command: Command,
  concurrency: number,
  offline: boolean,
  log: (line: string) => void = (line) => process.stdout.write(line),
  workDir = ".tf-work",
): Promise<StackOutcome[]> {
  let cliConfig: string | undefined;
  if (offline) {
    const mirror = findProviderMirror();
    if (!mirror) {
      throw new UsageError("no filesystem mirror holding registry.terraform.io/hashicorp/aws was found. Fix: set TF_PLUGIN_MIRROR to the folder holding registry.terraform.io/");
    }
    cliConfig = writeCliConfig(resolve(workDir), mirror);
  }
  // Online plans ask each upstream whether it was applied, one at a time and before the
  // parallel jobs start, so no two terraform processes ever share a stack folder.
  const upstreams = new Map<string, Set<string>>();
  if (command === "plan" && !offline) {
    const checked = new Map<string, boolean>();
    for (const stack of stacks) upstreams.set(stack.name, await remoteStatesWithState(stack.dir, cliConfig, checked));
  }
  const outcomes: StackOutcome[] = new Array(stacks.length);
  let next = 0;
  const worker = async () => {
    while (next < stacks.length) {
      const i = next++;
      outcomes[i] = await runStack(stacks[i], command, cliConfig, offline, upstreams.get(stacks[i].name));
      const o = outcomes[i];
      log(`${o.status.padEnd(7)} ${o.stack.padEnd(40)} ${o.seconds.toFixed(1).padStart(5)}s  ${o.detail}\n`);
    }
  };
  await Promise.all(Array.from({ length: Math.min(concurrency, stacks.length) }, worker));
  return outcomes;
}

