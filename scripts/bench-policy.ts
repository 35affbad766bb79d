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
import { mkdtempSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { parseArgs } from "../cli/args";
import { ENVIRONMENT_NAMES, loadEnvironment } from "../environments";
import { buildApp } from "../stacks/app";

const args = parseArgs(process.argv.slice(2), { "--runs": "string", "--budget-ms": "string" });

function ms(started: bigint): number {
  return Number(process.hrtime.bigint() - started) / 1e6;
}

function median(values: readonly number[]): number {
  const sorted = [...values].sort((a, b) => a - b);
  return sorted[Math.floor(sorted.length / 2)];
}

async function main(): Promise<number> {
  const runs = args.number("--runs", 5);
  const budget = args.number("--budget-ms", 2000);
  const envs = ENVIRONMENT_NAMES.map(loadEnvironment);
  const outdir = mkdtempSync(join(tmpdir(), "bench-policy-"));
  try {
    let started = process.hrtime.bigint();
    const { stacks, app } = buildApp(envs, { mode: "offline", outdir });
    app.synth();
    const synthMs = ms(started);

    started = process.hrtime.bigint();
    const [{ checkStacks }, { readSynthOutput }] = await Promise.all([
      import("../policies/gate.js"),
      import("../cli/synth-output.js"),
    ]);
    const importMs = ms(started);

    started = process.hrtime.bigint();
    const raw = readSynthOutput(outdir);
    const first = checkStacks(raw, envs, "2026-01-01");
    const firstMs = ms(started);

    const warm: number[] = [];
    for (let i = 0; i < runs; i++) {
      started = process.hrtime.bigint();
      checkStacks(readSynthOutput(outdir), envs, "2026-01-01");
      warm.push(ms(started));
    }

    // Ten copies of every stack under distinct names: a larger estate's rule cost.
    const tenfold = Array.from({ length: 10 }, (_, i) => raw.map((s) => ({ name: `${s.name}-copy${i}`, json: s.json }))).flat();
    started = process.hrtime.bigint();
    checkStacks(tenfold, envs, "2026-01-01");
    const tenfoldMs = ms(started);

    const resources = raw.reduce((n, s) => n + Object.values((s.json as { resource?: Record<string, object> }).resource ?? {}).reduce((m, byName) => m + Object.keys(byName).length, 0), 0);
    const cold = importMs + firstMs;
    const lines = [
      `environments: ${envs.map((e) => e.name).join(", ")}; ${stacks.length} stacks, ${resources} resources; ${first.rules.length} rules`,
      `synth (in-process, reference):        ${synthMs.toFixed(0)} ms`,
      `policy modules import (cold):         ${importMs.toFixed(0)} ms`,
      `policy check, first run (read+check): ${firstMs.toFixed(0)} ms`,
      `policy check, warm median (${runs} runs): ${median(warm).toFixed(1)} ms`,
      `policy check, estate x10 (warm):      ${tenfoldMs.toFixed(0)} ms (${tenfold.length} stacks)`,
      `added to synth (import + first run):  ${cold.toFixed(0)} ms (budget ${budget} ms): ${cold <= budget ? "OK" : "OVER BUDGET"}`,
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
