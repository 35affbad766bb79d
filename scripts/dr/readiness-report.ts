/**
 * `reports/dr-readiness.{json,md}`: the JSON holds exactly the fields the issue names; the
 * Markdown adds the timeline per environment for people.
 */
import { mkdirSync, writeFileSync } from "node:fs";
import { join } from "node:path";
import type { EnvironmentReadiness, ReadinessStep } from "./readiness";

/** Writes both reports into `dir`; returns their paths. */
export function writeReadinessReports(results: readonly EnvironmentReadiness[], dir: string): string[] {
  mkdirSync(dir, { recursive: true });
  const json = join(dir, "dr-readiness.json");
  const md = join(dir, "dr-readiness.md");
  writeFileSync(json, `${JSON.stringify({ environments: results }, null, 2)}\n`);
  writeFileSync(md, formatReadiness(results));
  return [json, md];
}

function figure(step: ReadinessStep): string {
  if (step.objective === "rto") return step.seconds === null ? "unproven" : `${step.seconds} s`;
  return step.minutes === null || step.minutes === undefined ? "unbounded" : `${step.minutes} min`;
}

/** Markdown: one section per environment with its RTO timeline and RPO bounds. */
export function formatReadiness(results: readonly EnvironmentReadiness[]): string {
  const lines = ["# DR readiness", "", "Computed from the synthesized Terraform (`npm run dr:check`).", ""];
  for (const env of results) {
    const show = (n: number | null) => (n === null ? "unproven" : `${n} min`);
    lines.push(
      `## ${env.name}: ${env.ok ? "targets proven" : "NOT PROVEN"}`,
      "",
      `Strategy ${env.strategy}. RTO target ${env.rtoMinutes.target} min, proven ${show(env.rtoMinutes.proven)}. ` +
        `RPO target ${env.rpoMinutes.target} min, proven ${show(env.rpoMinutes.proven)}.`,
      "",
      "| objective | step | phase | figure | target | basis | breaks |",
      "|---|---|---|---|---|---|---|",
    );
    for (const s of env.steps) {
      const target = s.objective === "rpo" && s.targetMinutes !== undefined ? `${s.targetMinutes} min` : "";
      const breaks = s.breaks ? `yes. Fix: ${s.fix ?? "-"}` : s.counted ? "" : "informational";
      const cells = [s.objective.toUpperCase(), s.title, s.phase ?? "", figure(s), target, s.basis, breaks];
      lines.push(`| ${cells.map((c) => c.replace(/\|/g, "\\|")).join(" | ")} |`);
    }
    lines.push("", "Timeline: detection, then the recovery steps in parallel (the longest counts), then routing.", "");
  }
  return `${lines.join("\n")}\n`;
}

/** One line per broken step: environment, step, figure and fix. */
export function breakingLines(results: readonly EnvironmentReadiness[]): string[] {
  return results.flatMap((env) =>
    env.steps
      .filter((s) => s.breaks)
      .map((s) => {
        const target =
          s.objective === "rto"
            ? `RTO ${env.rtoMinutes.target} min (proven ${env.rtoMinutes.proven ?? "none"})`
            : `RPO ${s.targetMinutes} min`;
        return `${env.name}: step "${s.title}" (${figure(s)}) breaks ${target}: ${s.basis}. Fix: ${s.fix ?? "-"}`;
      }),
  );
}
