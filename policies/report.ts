/** Rendering a {@link PolicyReport}: a terminal table, Markdown (PR comments) and JSON. Pure string builders. */
import type { Finding, PolicyReport } from "./engine";
import type { Pack } from "./types";

function ids(f: Finding): string {
  return [...f.checkov, ...f.cdkNag, ...f.trivy, ...f.kubeLinter].join(", ") || "-";
}

function summary(report: PolicyReport): string {
  return (
    `${report.rules.length} rules over ${report.stacks.length} stacks: ${report.errorCount} error(s), ` +
    `${report.warningCount} warning(s), ${report.suppressed.length} suppressed`
  );
}

function pad(text: string, width: number): string {
  return text.length >= width ? text : text + " ".repeat(width - text.length);
}

/** A fixed-width table for terminals, each finding followed by its fix. */
export function formatTable(report: PolicyReport): string {
  const lines = [`policy check (${report.date}): ${summary(report)}`];
  if (report.findings.length > 0) {
    const rows = report.findings.map((f) => [f.severity.toUpperCase(), f.ruleId, f.stack, f.address]);
    const widths = [0, 1, 2, 3].map((i) =>
      Math.min(60, Math.max(...rows.map((r) => r[i].length), ["LEVEL", "RULE", "STACK", "RESOURCE"][i].length)),
    );
    const row = (cells: string[]) =>
      cells
        .map((c, i) => pad(c, widths[i]))
        .join("  ")
        .trimEnd();
    lines.push("", row(["LEVEL", "RULE", "STACK", "RESOURCE"]));
    report.findings.forEach((f, i) => {
      lines.push(row(rows[i]), `    ${f.message}`, `    fix: ${f.fix}`);
    });
  }
  if (report.suppressed.length > 0) {
    lines.push("", "suppressed:");
    for (const f of report.suppressed) {
      lines.push(
        `  ${f.ruleId}  ${f.stack}  ${f.address}`,
        `    reason: ${f.suppression.reason} ` +
          `(${f.suppression.source}${f.suppression.expires ? `, expires ${f.suppression.expires}` : ""})`,
      );
    }
  }
  return lines.join("\n");
}

function list(ids: readonly string[] | undefined): string {
  return (ids ?? []).join(", ") || "-";
}

function cell(text: string): string {
  return text.replace(/\|/g, "\\|").replace(/\n/g, " ");
}

/** Markdown for pull-request comments and the reports folder. */
export function formatMarkdown(report: PolicyReport): string {
  const out = [`# Policy report (${report.date})`, "", summary(report), ""];
  if (report.findings.length === 0) out.push("No unsuppressed findings.", "");
  else {
    out.push(
      "| Level | Rule | Stack | Resource | Problem | Fix | Checkov / cdk-nag / Trivy / kube-linter |",
      "|---|---|---|---|---|---|---|",
    );
    for (const f of report.findings)
      out.push(
        `| ${f.severity} | ${f.ruleId} | ${cell(f.stack)} | \`${cell(f.address)}\` | ${cell(f.message)} | ` +
          `${cell(f.fix)} | ${cell(ids(f))} |`,
      );
    out.push("");
  }
  if (report.suppressed.length > 0) {
    out.push(
      "## Suppressed",
      "",
      "| Rule | Stack | Resource | Reason | Source | Expires |",
      "|---|---|---|---|---|---|",
    );
    for (const f of report.suppressed)
      out.push(
        `| ${f.ruleId} | ${cell(f.stack)} | \`${cell(f.address)}\` | ${cell(f.suppression.reason)} | ` +
          `${cell(f.suppression.source)} | ${f.suppression.expires ?? "-"} |`,
      );
    out.push("");
  }
  return out.join("\n");
}

/** The report as stable, indented JSON. */
export function formatJson(report: PolicyReport): string {
  return `${JSON.stringify(report, null, 2)}\n`;
}

/** The rule catalogue of some packs, as Markdown (for policies/README.md and `npm run policy -- --catalog`). */
export function formatCatalog(packs: readonly Pack[]): string {
  const out: string[] = [];
  for (const pack of packs) {
    out.push(
      `### ${pack.name} (${pack.rules.length})`,
      "",
      pack.description,
      "",
      "| Rule | Level | Requires | Checkov | cdk-nag | Trivy | kube-linter |",
      "|---|---|---|---|---|---|---|",
    );
    for (const r of pack.rules)
      out.push(
        `| ${r.id} | ${r.severity} | ${cell(r.title)} | ${list(r.checkov)} | ${list(r.cdkNag)} | ` +
          `${list(r.trivy)} | ${list(r.kubeLinter)} |`,
      );
    out.push("");
  }
  return out.join("\n");
}
