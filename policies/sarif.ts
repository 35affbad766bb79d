/**
 * A {@link PolicyReport} as SARIF 2.1.0 (the format GitHub code scanning reads): one run,
 * the rules of the packs as `tool.driver.rules` (title, why, fix, pack and matching ids),
 * each finding as a result located at its construct path (a logical location) and, when
 * the caller can tell, at a file and line (the stack's source file, the synthesized JSON).
 * Suppressed findings are included with their suppression, so code scanning closes them.
 * Pure: where files are and what they hold comes from the caller's `locate`.
 */
import type { Finding, PolicyReport } from "./engine";
import type { Pack, RuleInfo } from "./types";

/** A file position a finding points at; `uri` is relative to the repository root. */
export interface SarifFileLocation {
  readonly uri: string;
  /** 1-based line, when known. */
  readonly line?: number;
  /** What the location is, e.g. "stack source" or "synthesized Terraform". */
  readonly description?: string;
}

/** Options of {@link toSarif}. */
export interface SarifOptions {
  /** The packs that ran: their rules become the driver's rule metadata. */
  readonly packs: readonly Pack[];
  /** Version of the tool (the package version). @default - omitted */
  readonly toolVersion?: string;
  /**
   * Files a finding points at, most useful first (the first becomes the primary location,
   * the rest related locations). @default - none: results carry their construct path only
   */
  readonly locate?: (finding: Finding) => readonly SarifFileLocation[];
  /** Where the tool's documentation lives. @default - omitted */
  readonly informationUri?: string;
}

/** The SARIF 2.1.0 schema URI the log declares. */
export const SARIF_SCHEMA = "https://json.schemastore.org/sarif-2.1.0.json";

type Json = Record<string, unknown>;

function ruleDescriptor(rule: RuleInfo, pack: string): Json {
  const ids = [
    ...(rule.checkov ?? []).map((id) => `checkov:${id}`),
    ...(rule.cdkNag ?? []).map((id) => `cdk-nag:${id}`),
    ...(rule.trivy ?? []).map((id) => `trivy:${id}`),
    ...(rule.kubeLinter ?? []).map((id) => `kube-linter:${id}`),
  ];
  return {
    id: rule.id,
    name: rule.id,
    shortDescription: { text: rule.title },
    fullDescription: { text: rule.why },
    help: { text: `Fix: ${rule.fix}`, markdown: `**Why:** ${rule.why}\n\n**Fix:** ${rule.fix}` },
    defaultConfiguration: { level: rule.severity },
    properties: { tags: ["policy", pack, ...ids], precision: "high" },
  };
}

function physical(location: SarifFileLocation): Json {
  return {
    physicalLocation: {
      artifactLocation: { uri: location.uri, uriBaseId: "%SRCROOT%" },
      ...(location.line ? { region: { startLine: location.line } } : {}),
    },
    ...(location.description ? { message: { text: location.description } } : {}),
  };
}

/** A stable fingerprint: the same finding on the same resource keeps its alert across runs. */
function fingerprint(f: Finding): string {
  let hash = 2166136261;
  for (const c of `${f.ruleId}|${f.stack}|${f.address}`) hash = Math.imul(hash ^ c.charCodeAt(0), 16777619) >>> 0;
  return hash.toString(16).padStart(8, "0");
}

function result(
  f: Finding,
  ruleIndex: number,
  options: SarifOptions,
  suppression?: { readonly reason: string; readonly source: string },
): Json {
  const files = options.locate?.(f) ?? [];
  const logical = {
    fullyQualifiedName: f.constructPath ?? `${f.stack}/${f.address}`,
    name: f.address,
    kind: "resource",
  };
  const [primary, ...related] = files;
  return {
    ruleId: f.ruleId,
    ...(ruleIndex >= 0 ? { ruleIndex } : {}),
    level: f.severity,
    message: { text: `${f.message} (${f.stack} ${f.address}). Fix: ${f.fix}` },
    locations: [{ ...(primary ? physical(primary) : {}), logicalLocations: [logical] }],
    ...(related.length > 0 ? { relatedLocations: related.map((r, id) => ({ id, ...physical(r) })) } : {}),
    partialFingerprints: { "plataformaPolicyFinding/v1": fingerprint(f) },
    properties: { stack: f.stack, address: f.address, ...(f.constructPath ? { constructPath: f.constructPath } : {}) },
    ...(suppression
      ? {
          suppressions: [
            { kind: "external", status: "accepted", justification: `${suppression.reason} (${suppression.source})` },
          ],
        }
      : {}),
  };
}

/** The report as a SARIF 2.1.0 log object. */
export function toSarif(report: PolicyReport, options: SarifOptions): Json {
  const entries = options.packs.flatMap((pack) => pack.rules.map((rule) => ({ rule, pack: pack.name })));
  const seen = new Set(entries.map((e) => e.rule.id));
  // The engine's own suppression rules report too; describe those that fired.
  const extra = report.findings
    .filter((f) => !seen.has(f.ruleId))
    .filter((f, i, all) => all.findIndex((g) => g.ruleId === f.ruleId) === i)
    .map((f) => ({
      rule: { id: f.ruleId, severity: f.severity, title: f.title, why: f.why, fix: f.fix },
      pack: "engine",
    }));
  const rules = [...entries, ...extra];
  const index = new Map(rules.map((e, i) => [e.rule.id, i]));
  const results = [
    ...report.findings.map((f) => result(f, index.get(f.ruleId) ?? -1, options)),
    ...report.suppressed.map((f) => result(f, index.get(f.ruleId) ?? -1, options, f.suppression)),
  ];
  return {
    $schema: SARIF_SCHEMA,
    version: "2.1.0",
    runs: [
      {
        tool: {
          driver: {
            name: "plataforma-policy",
            ...(options.toolVersion ? { version: options.toolVersion, semanticVersion: options.toolVersion } : {}),
            ...(options.informationUri ? { informationUri: options.informationUri } : {}),
            rules: rules.map((e) => ruleDescriptor(e.rule, e.pack)),
          },
        },
        originalUriBaseIds: { "%SRCROOT%": { description: { text: "The repository root" } } },
        invocations: [{ executionSuccessful: true, properties: { date: report.date, stacks: report.stacks.length } }],
        results,
        columnKind: "utf16CodeUnits",
      },
    ],
  };
}

/** The SARIF log as indented JSON text. */
export function formatSarif(report: PolicyReport, options: SarifOptions): string {
  return `${JSON.stringify(toSarif(report, options), null, 2)}\n`;
}
