/**
 * Synth benchmark: the real `npm run synth` command (node + tsx + main.ts, offline, all
 * environments) run N times; reports median and max wall time and peak RSS, the stack
 * and resource counts, and the same synth with one provider barrel import preloaded.
 *
 *   npm run bench [-- --runs 5] [--barrel-runs 3] [--check] [--no-plan]
 *
 * Then `npm run plan` of all environments (offline, every stack planned by terraform) at
 * concurrency 1 and at the default (the core count): wall time and the peak resident
 * memory of the whole process tree (node and every terraform child, sampled from /proc).
 * --no-plan skips that part for a quick synth-only run.
 *
 * One unmeasured synth runs first: the first synth after `npm ci` fills the compile cache
 * (cli/compile-cache.ts) and tsx's cache, which every later synth reads.
 *
 * --check exits 1 when the median exceeds 2.5 s or peak memory exceeds 400 MB, 381 MiB (the budget).
 * Wall time: measure on a quiet machine (it is not wired into CI, whose 2 cores are shared).
 */
import { spawn, spawnSync } from "node:child_process";
import { mkdirSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join, resolve } from "node:path";
import { parseArgs } from "../cli/args";
import { countResources, readSynthOutput } from "../cli/synth-output";
import { median, processTreeRssKiB } from "./lib/measure";
import { defaultConcurrency } from "./lib/scheduler";
import { SYNTH_NODE_ARGS } from "./lib/synth";

/** The project's synth budget (README, quality bar): all environments. */
const BUDGET = { medianSeconds: 2.5, peakMiB: 381 } as const; // 400 MB
const root = resolve(__dirname, "..");

interface Run {
  readonly seconds: number;
  readonly peakMiB: number;
}

const args = parseArgs(process.argv.slice(2), {
  "--runs": "string",
  "--barrel-runs": "string",
  "--check": "boolean",
  "--no-plan": "boolean",
});

/** One `npm run plan` of all environments. */
interface PlanRun {
  readonly concurrency: number;
  readonly seconds: number;
  readonly peakMiB: number;
  readonly ok: boolean;
}

/** Runs the plan command (synth included) in a fresh folder, sampling the process tree's memory. */
async function planOnce(work: string, concurrency: number): Promise<PlanRun> {
  const outdir = join(work, `plan-${concurrency}`, "cdktf.out");
  const started = process.hrtime.bigint();
  const child = spawn(
    process.execPath,
    ["--import", "tsx", "scripts/tf.ts", "plan", "--outdir", outdir, "--concurrency", String(concurrency)],
    { cwd: root, stdio: "ignore", env: { ...process.env, PLATAFORMA_MODE: "offline" } },
  );
  let peakKiB = 0;
  const sampler = setInterval(() => {
    if (child.pid !== undefined) peakKiB = Math.max(peakKiB, processTreeRssKiB(child.pid));
  }, 200);
  const code = await new Promise<number | null>((done) => child.on("exit", done));
  clearInterval(sampler);
  const seconds = Number(process.hrtime.bigint() - started) / 1e9;
  return { concurrency, seconds: Number(seconds.toFixed(1)), peakMiB: Math.round(peakKiB / 1024), ok: code === 0 };
}

function synthOnce(work: string, preload: string[]): Run {
  const outdir = join(work, "cdktf.out");
  const rssFile = join(work, "rss");
  const started = process.hrtime.bigint();
  const result = spawnSync(process.execPath, [...preload.flatMap((p) => ["--require", p]), ...SYNTH_NODE_ARGS], {
    cwd: root,
    encoding: "utf8",
    env: { ...process.env, PLATAFORMA_MODE: "offline", CDKTF_OUTDIR: outdir, BENCH_RSS_FILE: rssFile },
  });
  const seconds = Number(process.hrtime.bigint() - started) / 1e9;
  if (result.status !== 0) throw new Error(`synth failed:\n${result.stderr}`);
  return { seconds, peakMiB: Number(readFileSync(rssFile, "utf8")) / 1024 };
}

function summarize(runs: Run[]) {
  return {
    runs: runs.length,
    medianSeconds: Number(median(runs.map((r) => r.seconds)).toFixed(2)),
    maxSeconds: Number(Math.max(...runs.map((r) => r.seconds)).toFixed(2)),
    peakMiB: Math.round(Math.max(...runs.map((r) => r.peakMiB))),
  };
}

/** Synthesizes `--runs` times as shipped and `--barrel-runs` times with a barrel import preloaded. */
function measure(work: string) {
  const rss = join(__dirname, "lib", "report-rss.cjs");
  const barrel = join(__dirname, "lib", "barrel-import.cjs");
  synthOnce(work, [rss]); // warm-up, not measured
  const runs = Array.from({ length: args.number("--runs", 5) }, () => synthOnce(work, [rss]));
  const synthesized = readSynthOutput(join(work, "cdktf.out"));
  const barrelCount = args.number("--barrel-runs", 3, (n) => n >= 0);
  const barrelRuns = Array.from({ length: barrelCount }, () => synthOnce(work, [rss, barrel]));
  return {
    date: new Date().toISOString(),
    node: process.version,
    cpus: spawnSync("nproc", { encoding: "utf8" }).stdout.trim(),
    stacks: synthesized.length,
    resources: countResources(synthesized),
    synth: summarize(runs),
    synthWithBarrelImport: barrelRuns.length ? summarize(barrelRuns) : undefined,
    budget: BUDGET,
  };
}

/** The Markdown table the README quotes. */
function table(report: ReturnType<typeof measure>): string {
  const line = (label: string, s: ReturnType<typeof summarize>) =>
    `| ${label} | ${s.runs} | ${s.medianSeconds.toFixed(2)} s | ${s.maxSeconds.toFixed(2)} s | ${s.peakMiB} MiB |`;
  const barrel = report.synthWithBarrelImport;
  const what = `${report.stacks} stacks, ${report.resources} resources (node ${report.node}, ${report.cpus} cores)`;
  return [
    `Synth of all environments: ${what}`,
    "",
    "| variant | runs | median wall | max wall | peak RSS |",
    "|---|---|---|---|---|",
    line("deep imports (as shipped)", report.synth),
    ...(barrel ? [line("plus one `@cdktf/provider-aws` barrel import", barrel)] : []),
    "",
  ].join("\n");
}

function planTable(runs: readonly PlanRun[]): string {
  return [
    "",
    "`npm run plan` of all environments (offline; synth + terraform init/plan of every AWS-only stack)",
    "",
    "| concurrency | wall | peak RSS (process tree) | result |",
    "|---|---|---|---|",
    ...runs.map(
      (r) =>
        `| ${r.concurrency}${r.concurrency === defaultConcurrency() ? " (default)" : ""} | ${r.seconds.toFixed(0)} s ` +
        `| ${r.peakMiB} MiB | ${r.ok ? "ok" : "FAILED"} |`,
    ),
    "",
  ].join("\n");
}

async function main(): Promise<number> {
  const work = mkdtempSync(join(tmpdir(), "plataforma-bench-"));
  try {
    const synth = measure(work);
    const plans: PlanRun[] = [];
    if (!args.has("--no-plan")) {
      for (const concurrency of [...new Set([1, defaultConcurrency()])]) plans.push(await planOnce(work, concurrency));
    }
    const report = { ...synth, plan: plans };
    mkdirSync(join(root, "reports"), { recursive: true });
    writeFileSync(join(root, "reports", "bench.json"), `${JSON.stringify(report, null, 2)}\n`);
    process.stdout.write(table(report));
    if (plans.length > 0) process.stdout.write(planTable(plans));
    const within = report.synth.medianSeconds <= BUDGET.medianSeconds && report.synth.peakMiB <= BUDGET.peakMiB;
    const budget = `median <= ${BUDGET.medianSeconds} s, peak <= ${BUDGET.peakMiB} MiB`;
    process.stdout.write(`budget (${budget}): ${within ? "met" : "EXCEEDED"}\n`);
    return (args.has("--check") && !within) || plans.some((p) => !p.ok) ? 1 : 0;
  } finally {
    rmSync(work, { recursive: true, force: true });
  }
}

main().then((code) => process.exit(code));
