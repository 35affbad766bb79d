/**
 * Measures what the policy check adds to synth, over every shipped environment.
 *
 *   npm run bench:policy [-- --runs 5 --budget-ms 2000]
 *
 * Synthesizes all environments once into a temporary folder, then times: loading the
 * policy modules (first import, as main.ts pays it), the first check, the median of
 * warm checks, and a warm check over the estate replicated ten times (headroom for the
 * layers other branches add). Exits 1 when the cold cost (import + first check)
 * exceeds the budget (2 s by default).
 */
// First, as in main.ts: the gate loads under the synth runtime (source maps off, code cache).
import "../cli/synth-runtime";
import { mkdtempSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { parseArgs } from "../cli/args";
import { countResources, readSynthOutput } from "../cli/synth-output";
import { ENVIRONMENT_NAMES, loadEnvironment } from "../environments";
import type { EnvironmentConfig } from "../environments/schema";
import { buildApp } from "../stacks/app";
import { median, timed } from "./lib/measure";

const args = parseArgs(process.argv.slice(2), { "--runs": "string", "--budget-ms": "string" });
/** A fixed date: expiries must not make runs on different days differ. */
const TODAY = "2026-01-01";

/**
 * Times the policy gate over a synth folder: the module import (cold), the first read and
 * check, the median warm read and check, and a check over a tenfold estate.
 */
async function timeGate(outdir: string, envs: readonly EnvironmentConfig[], runs: number) {
  // Imported here, not above, so the first import is measured as main.ts pays it.
  // CPU time beside wall time: on a shared machine, wall time mostly measures the neighbours.
  const cpu0 = process.cpuUsage();
  // require, as main.ts's compiled CommonJS loads it (tsx's CommonJS hook, no ES module loader).
  const { result: gate, ms: importMs } = await timed(
    async () => require("../policies/gate") as typeof import("../policies/gate"),
  );
  const cpu1 = process.cpuUsage(cpu0);
  const readAndCheck = () => gate.checkStacks(readSynthOutput(outdir), envs, TODAY);
  const { result: first, ms: firstMs } = await timed(readAndCheck);
  const cpu2 = process.cpuUsage(cpu0);
  const cpuMs = (c: NodeJS.CpuUsage) => (c.user + c.system) / 1000;
  const importCpuMs = cpuMs(cpu1);
  const firstCpuMs = cpuMs(cpu2) - importCpuMs;
  const warm: number[] = [];
  const warmCpu: number[] = [];
  for (let i = 0; i < runs; i++) {
    const before = process.cpuUsage();
    warm.push((await timed(readAndCheck)).ms);
    warmCpu.push(cpuMs(process.cpuUsage(before)));
  }
  // Ten copies of every stack under distinct names: a larger estate's rule cost.
  const raw = readSynthOutput(outdir);
  const tenfold = Array.from({ length: 10 }, (_, i) => raw.map((s) => ({ name: `${s.name}-copy${i}`, json: s.json })));
  const { ms: tenfoldMs } = await timed(() => gate.checkStacks(tenfold.flat(), envs, TODAY));
  const warmMs = median(warm);
  const warmCpuMs = median(warmCpu);
  const tenfoldStacks = tenfold.flat().length;
  const rules = first.rules.length;
  return { importMs, firstMs, importCpuMs, firstCpuMs, warmMs, warmCpuMs, tenfoldMs, tenfoldStacks, rules };
}

async function main(): Promise<number> {
  const runs = args.number("--runs", 5);
  const budget = args.number("--budget-ms", 2000);
  const envs = ENVIRONMENT_NAMES.map(loadEnvironment);
  const outdir = mkdtempSync(join(tmpdir(), "bench-policy-"));
  try {
    const { result: stacks, ms: synthMs } = await timed(() => {
      const { stacks, app } = buildApp(envs, { mode: "offline", outdir });
      app.synth();
      return stacks;
    });
    const t = await timeGate(outdir, envs, runs);
    const resources = countResources(readSynthOutput(outdir));
    const cold = t.importMs + t.firstMs;
    const coldCpu = t.importCpuMs + t.firstCpuMs;
    const verdict = `(budget ${budget} ms): ${cold <= budget ? "OK" : "OVER BUDGET"}`;
    const estate = `${stacks.length} stacks, ${resources} resources; ${t.rules} rules`;
    const lines = [
      `environments: ${envs.map((e) => e.name).join(", ")}; ${estate}`,
      `synth (in-process, reference):        ${synthMs.toFixed(0)} ms`,
      `policy modules import (cold):         ${t.importMs.toFixed(0)} ms (CPU ${t.importCpuMs.toFixed(0)} ms)`,
      `policy check, first run (read+check): ${t.firstMs.toFixed(0)} ms (CPU ${t.firstCpuMs.toFixed(0)} ms)`,
      `policy check, warm median (${runs} runs): ${t.warmMs.toFixed(1)} ms (CPU ${t.warmCpuMs.toFixed(1)} ms)`,
      `policy check, estate x10 (warm):      ${t.tenfoldMs.toFixed(0)} ms (${t.tenfoldStacks} stacks)`,
      `added to synth (import + first run):  ${cold.toFixed(0)} ms (CPU ${coldCpu.toFixed(0)} ms) ${verdict}`,
    ];
    process.stdout.write(`${lines.join("\n")}\n`);
    return cold <= budget ? 0 : 1;
  } finally {
    rmSync(outdir, { recursive: true, force: true });
  }
}

main().then((code) => {
  process.exitCode = code;
});
