/**
 * Disk side of the policy CLI (policies/ never touches disk): reading plan files as
 * stacks and writing reports. Synth output is read by `cli/synth-output.ts`.
 */
import { existsSync, mkdirSync, writeFileSync } from "node:fs";
import { dirname, join } from "node:path";
import { readJsonFile } from "../../cli/inputs";
import type { PolicyReport } from "../../policies/engine";
import type { GateStack } from "../../policies/gate";
import { planToStackJson } from "../../policies/plan";
import { formatJson, formatMarkdown } from "../../policies/report";

/**
 * Reads a plan JSON; when a cdk.tf.json sits next to it (offline plans write plan.json
 * into the stack folder) its lifecycle and metadata are carried over. The stack is named
 * after its folder.
 */
export function readPlan(path: string): GateStack {
  const plan = readJsonFile(path, "run `npm run plan` (it writes plan.json into each stack folder), or fix the path");
  const synthPath = join(dirname(path), "cdk.tf.json");
  const synthesized = existsSync(synthPath) ? readJsonFile(synthPath, "re-run `npm run synth`") : undefined;
  return { name: dirname(path).split(/[\\/]/).pop() ?? "plan", json: planToStackJson(plan, synthesized) };
}

/** Writes policy-report.json and policy-report.md into `dir`; returns their paths. */
export function writeReports(report: PolicyReport, dir: string): string[] {
  mkdirSync(dir, { recursive: true });
  const json = join(dir, "policy-report.json");
  const markdown = join(dir, "policy-report.md");
  writeFileSync(json, formatJson(report));
  writeFileSync(markdown, formatMarkdown(report));
  return [json, markdown];
}
