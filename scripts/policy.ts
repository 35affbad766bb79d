/**
 * Policy-as-code CLI over synthesized stacks or plan JSON.
 *
 *   npm run policy                                   every stack of cdktf.out
 *   npm run policy -- --outdir DIR --stack NAME      another synth folder, some stacks
 *   npm run policy -- --plan cdktf.out/stacks/X/plan.json [--plan ...]
 *   npm run policy -- --plans                        each stack from its plan.json when it has one
 *
 * Every stack of the selected environments is checked (cross-stack rules need them all);
 * --stack only narrows the report. Plans replace their stack's synth output.
 *   npm run policy -- --env dev --config my-env.json only these environments' stacks
 *                                                    (default: every shipped environment)
 *   npm run policy -- --out reports                  where policy-report.{json,md} go
 *   npm run policy -- --catalog                      print the rule catalogue (Markdown)
 *   npm run policy -- --format sarif                 also write reports/policy.sarif (SARIF 2.1.0, code scanning)
 *
 * Prints a table; writes JSON and Markdown reports. Exit codes: 0 no error findings,
 * 1 error findings, 2 usage or input problem. POLICY_TODAY=YYYY-MM-DD fixes the date
 * suppression expiries are checked against.
 */
import { existsSync, mkdirSync, readFileSync, writeFileSync } from "node:fs";
import { join, resolve } from "node:path";
import { parseArgsStrict, UsageError } from "../cli/args";
import { loadConfigFile } from "../cli/config-file";
import { todayFrom } from "../cli/inputs";
import { hasSynthOutput, readSynthOutput } from "../cli/synth-output";
import { ENVIRONMENT_NAMES, loadEnvironment, parseEnvironment } from "../environments";
import type { EnvironmentConfig } from "../environments/schema";
import { belongsToEnvironment } from "../naming/derived";
import type { PolicyReport } from "../policies/engine";
import { checkStacks, type GateStack } from "../policies/gate";
import { ALL_PACKS } from "../policies/packs/all";
import { formatCatalog, formatTable } from "../policies/report";
import { formatSarif } from "../policies/sarif";
import { runCli } from "./lib/cli";
import { readPlan, writeReports } from "./lib/policy-input";
import { sarifLocator } from "./lib/sarif-locations";

interface Options {
  readonly outdir: string;
  readonly out: string;
  readonly plans: readonly string[];
  readonly allPlans: boolean;
  readonly stacks: readonly string[];
  readonly envs: readonly string[];
  readonly configs: readonly string[];
  readonly catalog: boolean;
  readonly format: Format;
}

/** Report formats: the table (always printed, with JSON and Markdown files), plus SARIF on request. */
const FORMATS = ["table", "sarif"] as const;
type Format = (typeof FORMATS)[number];

const USAGE =
  "usage: policy.ts [--outdir cdktf.out] [--stack NAME] [--plan FILE]... [--plans] [--env NAME] " +
  "[--config FILE] [--out reports] [--format table|sarif] [--catalog]";

const FLAGS = {
  "--outdir": "string",
  "--out": "string",
  "--plan": "list",
  "--plans": "boolean",
  "--catalog": "boolean",
  "--stack": "csv",
  "--env": "csv",
  "--config": "list",
  "--format": "string",
} as const;

function parseOptions(argv: readonly string[]): Options {
  const args = parseArgsStrict(argv, FLAGS, USAGE);
  return {
    outdir: args.string("--outdir") ?? "cdktf.out",
    out: args.string("--out") ?? "reports",
    plans: args.list("--plan"),
    allPlans: args.has("--plans"),
    stacks: args.list("--stack"),
    envs: args.list("--env"),
    configs: args.list("--config"),
    catalog: args.has("--catalog"),
    format: parseFormat(args.string("--format")),
  };
}

function parseFormat(value: string | undefined): Format {
  if (value === undefined) return "table";
  if ((FORMATS as readonly string[]).includes(value)) return value as Format;
  throw new UsageError(
    `--format ${JSON.stringify(value)} is not a report format. Fix: use --format table or --format sarif`,
  );
}

/** Writes `policy.sarif` into the reports folder, files located relative to the working directory. */
function writeSarif(report: PolicyReport, options: Options): string {
  const manifest = resolve("package.json");
  const version = existsSync(manifest)
    ? (JSON.parse(readFileSync(manifest, "utf8")) as { version?: string }).version
    : undefined;
  const text = formatSarif(report, {
    packs: ALL_PACKS,
    ...(version ? { toolVersion: version } : {}),
    locate: sarifLocator(process.cwd(), resolve(options.outdir)),
  });
  mkdirSync(options.out, { recursive: true });
  const path = join(options.out, "policy.sarif");
  writeFileSync(path, text);
  return path;
}

function loadConfigs(options: Options): EnvironmentConfig[] {
  const names = options.envs.length > 0 ? options.envs : options.configs.length > 0 ? [] : ENVIRONMENT_NAMES;
  return [...options.configs.map((path) => loadConfigFile(path, parseEnvironment)), ...names.map(loadEnvironment)];
}

/**
 * The stacks to check: the synth output (when there is one), each stack replaced by its
 * plan when `--plans` finds one or `--plan` names one. Checking every stack keeps
 * cross-stack rules (each environment's budget) meaningful when reporting on a few.
 */
function readStacks(options: Options): GateStack[] {
  const hasSynth = hasSynthOutput(options.outdir);
  // Without a synth folder or plans, reading it reports the missing folder and its fix.
  if (!hasSynth && options.plans.length === 0) return readSynthOutput(options.outdir);
  const synthesized: GateStack[] = hasSynth ? readSynthOutput(options.outdir) : [];
  const plans = [...(options.allPlans ? plansOf(synthesized, options.outdir) : []), ...options.plans];
  const byName = new Map(synthesized.map((s) => [s.name, s]));
  for (const path of plans) {
    const stack = readPlan(path);
    byName.set(stack.name, stack);
  }
  return [...byName.values()];
}

/** `--plans`: the plan.json of every synthesized stack that has one (`npm run plan` writes them). */
function plansOf(stacks: readonly GateStack[], outdir: string): string[] {
  const paths = stacks.map((s) => join(outdir, "stacks", s.name, "plan.json")).filter((path) => existsSync(path));
  if (paths.length === 0) throw new UsageError(`no plan.json under ${outdir}/stacks. Fix: run \`npm run plan\` first`);
  return paths;
}

/** The report limited to the `--stack` selection, counts recomputed. */
function selectStacks(report: PolicyReport, names: readonly string[]): PolicyReport {
  if (names.length === 0) return report;
  const findings = report.findings.filter((f) => names.includes(f.stack));
  return {
    ...report,
    stacks: report.stacks.filter((s) => names.includes(s)),
    findings,
    suppressed: report.suppressed.filter((f) => names.includes(f.stack)),
    errorCount: findings.filter((f) => f.severity === "error").length,
    warningCount: findings.filter((f) => f.severity === "warning").length,
  };
}

function main(): number {
  const options = parseOptions(process.argv.slice(2));
  if (options.catalog) {
    process.stdout.write(formatCatalog(ALL_PACKS));
    return 0;
  }
  const configs = loadConfigs(options);
  // Only the selected environments' stacks: checking another environment's stacks against
  // these configs reports false errors (its stacks placed in no config).
  const stacks = readStacks(options).filter((s) => configs.some((env) => belongsToEnvironment(env, s.name)));
  const unknown = options.stacks.filter((name) => !stacks.some((s) => s.name === name));
  if (unknown.length > 0)
    throw new UsageError(`no stack named ${unknown.join(", ")}; have ${stacks.map((s) => s.name).join(", ")}`);
  const report = selectStacks(checkStacks(stacks, configs, todayFrom(process.env, new Date())), options.stacks);
  process.stdout.write(`${formatTable(report)}\n`);
  const written = [
    ...writeReports(report, options.out),
    ...(options.format === "sarif" ? [writeSarif(report, options)] : []),
  ];
  process.stdout.write(`\nreports: ${written.join(", ")}\n`);
  return report.errorCount > 0 ? 1 : 0;
}

runCli("policy", main, { config: 2, input: 2 });
