/**
 * Synth benchmark: the real `npm run synth` command (node + tsx + main.ts, offline, all
 * environments) run N times; reports median and max wall time and peak RSS, the stack
 * and resource counts, and the same synth with one provider barrel import preloaded.
 *
 *   npm run bench [-- --runs 5] [--barrel-runs 3] [--check]
 *
 * --check exits 1 when the median exceeds 5 s or peak memory exceeds 1 GiB (the budget).
 */
import { spawnSync } from "node:child_process";
import { mkdirSync, mkdtempSync, readdirSync, readFileSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join, resolve } from "node:path";
import { parseArgs } from "../cli/args";

const BUDGET = { medianSeconds: 5, peakMiB: 1024 } as const;
const root = resolve(__dirname, "..");

interface Run {
  readonly seconds: number;
  readonly peakMiB: number;
}

const args = parseArgs(process.argv.slice(2), { "--runs": "string", "--barrel-runs": "string", "--check": "boolean" });

function synthOnce(work: string, preload: string[]): Run {
  const outdir = join(work, "cdktf.out");
  const rssFile = join(work, "rss");
  const started = process.hrtime.bigint();
  const result = spawnSync(process.execPath, [...preload.flatMap((p) => ["--require", p]), "--import", "tsx", "main.ts"], {
    cwd: root,
    encoding: "utf8",
    env: { ...process.env, PLATAFORMA_MODE: "offline", CDKTF_OUTDIR: outdir, BENCH_RSS_FILE: rssFile },
  });
  const seconds = Number(process.hrtime.bigint() - started) / 1e9;
  if (result.status !== 0) throw new Error(`synth failed:\n${result.stderr}`);
  return { seconds, peakMiB: Number(readFileSync(rssFile, "utf8")) / 1024 };
}

function median(values: number[]): number {
  const sorted = [...values].sort((a, b) => a - b);
  const mid = Math.floor(sorted.length / 2);
  return sorted.length % 2 ? sorted[mid] : (sorted[mid - 1] + sorted[mid]) / 2;
}

function countOutput(outdir: string): { stacks: number; resources: number } {
  const stacks = readdirSync(join(outdir, "stacks"));
  let resources = 0;
  for (const stack of stacks) {
    const json = JSON.parse(readFileSync(join(outdir, "stacks", stack, "cdk.tf.json"), "utf8")) as { resource?: Record<string, Record<string, unknown>> };
    for (const byType of Object.values(json.resource ?? {})) resources += Object.keys(byType).length;
  }
  return { stacks: stacks.length, resources };
}

function summarize(runs: Run[]) {
  return {
    runs: runs.length,
    medianSeconds: Number(median(runs.map((r) => r.seconds)).toFixed(2)),
    maxSeconds: Number(Math.max(...runs.map((r) => r.seconds)).toFixed(2)),
    peakMiB: Math.round(Math.max(...runs.map((r) => r.peakMiB))),
  };
}

function main(): number {
  const work = mkdtempSync(join(tmpdir(), "plataforma-bench-"));
  try {
    const runs = Array.from({ length: args.number("--runs", 5) }, () => synthOnce(work, [join(__dirname, "lib", "report-rss.cjs")]));
    const counts = countOutput(join(work, "cdktf.out"));
    const barrelRuns = Array.from({ length: args.number("--barrel-runs", 3, (n) => n >= 0) }, () =>
      synthOnce(work, [join(__dirname, "lib", "report-rss.cjs"), join(__dirname, "lib", "barrel-import.cjs")]),
    );
    const report = {
      date: new Date().toISOString(),
      node: process.version,
      cpus: spawnSync("nproc", { encoding: "utf8" }).stdout.trim(),
      ...counts,
      synth: summarize(runs),
      synthWithBarrelImport: barrelRuns.length ? summarize(barrelRuns) : undefined,
      budget: BUDGET,
    };
    mkdirSync(join(root, "reports"), { recursive: true });
    writeFileSync(join(root, "reports", "bench.json"), `${JSON.stringify(report, null, 2)}\n`);
    const line = (label: string, s: ReturnType<typeof summarize>) =>
      `| ${label} | ${s.runs} | ${s.medianSeconds.toFixed(2)} s | ${s.maxSeconds.toFixed(2)} s | ${s.peakMiB} MiB |`;
    process.stdout.write(
      [
        `Synth of all environments: ${counts.stacks} stacks, ${counts.resources} resources (node ${report.node}, ${report.cpus} cores)`,
        "",
        "| variant | runs | median wall | max wall | peak RSS |",
        "|---|---|---|---|---|",
        line("deep imports (as shipped)", report.synth),
        ...(report.synthWithBarrelImport ? [line("plus one `@cdktf/provider-aws` barrel import", report.synthWithBarrelImport)] : []),
        "",
      ].join("\n"),
    );
    const within = report.synth.medianSeconds <= BUDGET.medianSeconds && report.synth.peakMiB <= BUDGET.peakMiB;
    process.stdout.write(`budget (median <= ${BUDGET.medianSeconds} s, peak <= ${BUDGET.peakMiB} MiB): ${within ? "met" : "EXCEEDED"}\n`);
    return args.has("--check") && !within ? 1 : 0;
  } finally {
    rmSync(work, { recursive: true, force: true });
  }
}

process.exit(main());
