/**
 * DR drill.
 *
 *   npm run dr:drill -- --env staging --scenario region-failover            plan mode (offline, default)
 *   npm run dr:drill -- --env staging --scenario db-switchover --mode live  live, AWS SDK v3
 *   ... --mode live --dry-run            print every call instead of making it
 *   ... --mode live --unplanned          Aurora failover allowing data loss (else a switchover)
 *   ... --env production --confirm production                  production needs this
 *
 * Scenarios: region-failover, db-switchover, cache-failover, fail-back. Writes
 * reports/dr-drill-<env>-<scenario>.{json,md}. Exit codes: 0 invariants held / drill
 * passed; 1 an invariant failed or a step failed (rolled back); 2 usage error.
 */
import { mkdirSync, writeFileSync } from "node:fs";
import { join } from "node:path";
import { parseArgsStrict, UsageError } from "../cli/args";
import { ConfigError, ENVIRONMENTS, type EnvironmentName, loadEnvironment } from "../environments";
import { DrillContext, runDrill } from "./dr/drill-context";
import { formatLiveDrill, formatPlanDrill } from "./dr/drill-report";
import { drillSteps, SCENARIOS, type Scenario } from "./dr/drill-steps";
import { checkPlanDrill, failedOverConfig } from "./dr/plan-drill";
import { planDrill, planInvariants } from "./dr/plan-terraform";
import { synthesizeEstates } from "./dr/synth";
import { defaultConcurrency } from "./lib/scheduler";

const USAGE =
  "usage: dr-drill.ts --env NAME --scenario <region-failover|db-switchover|cache-failover|fail-back> " +
  "[--mode plan|live] [--dry-run] [--unplanned] [--confirm ENV] [--out reports]";
const FLAGS = {
  "--env": "string",
  "--scenario": "string",
  "--mode": "string",
  "--dry-run": "boolean",
  "--unplanned": "boolean",
  "--confirm": "string",
  "--out": "string",
} as const;

async function main(): Promise<number> {
  const args = parseArgsStrict(process.argv.slice(2), FLAGS, USAGE);
  const name = args.string("--env");
  const scenario = args.string("--scenario") as Scenario | undefined;
  const mode = args.string("--mode") ?? "plan";
  if (!name || !(name in ENVIRONMENTS)) {
    throw new UsageError(
      `--env ${JSON.stringify(name)} is not a shipped environment. Fix: use ` +
        `${Object.keys(ENVIRONMENTS).join(", ")}. ${USAGE}`,
    );
  }
  if (!scenario || !SCENARIOS.includes(scenario)) {
    throw new UsageError(
      `--scenario ${JSON.stringify(scenario)} is unknown. Fix: use ${SCENARIOS.join(", ")}. ${USAGE}`,
    );
  }
  if (mode !== "plan" && mode !== "live")
    throw new UsageError(`--mode ${JSON.stringify(mode)} is unknown. Fix: use plan or live`);
  const env = loadEnvironment(name);
  if (!env.dr.region)
    throw new UsageError(`${name} has no DR region (strategy ${env.dr.strategy}): nothing to fail over to`);
  const out = args.string("--out") ?? "reports";
  mkdirSync(out, { recursive: true });
  const base = join(out, `dr-drill-${name}-${scenario}`);
  if (mode === "plan") {
    const input = ENVIRONMENTS[name as EnvironmentName];
    // Fail-back starts from the failed-over estate and returns to the shipped config.
    const [start, variant] =
      scenario === "fail-back"
        ? [failedOverConfig(input, env, "region-failover"), env]
        : [env, failedOverConfig(input, env, scenario)];
    const current = synthesizeEstates([start]).get(name) ?? [];
    const failed = synthesizeEstates([variant]).get(name) ?? [];
    const checked = checkPlanDrill(env, variant, scenario, current, failed);
    // Then Terraform: the variant against the current estate as state, and the way back.
    const plans = await planDrill({
      current: start,
      variant,
      work: join(".tf-work", "dr-drill", `${name}-${scenario}`),
      concurrency: defaultConcurrency(),
      log: (line) => process.stdout.write(line),
    });
    const invariants = [...checked.invariants, ...planInvariants(plans)];
    const result = {
      ...checked,
      ok: invariants.every((i) => i.ok),
      invariants,
      plans: { failover: plans.failover, back: plans.back },
    };
    writeFileSync(`${base}.json`, `${JSON.stringify(result, null, 2)}\n`);
    writeFileSync(`${base}.md`, formatPlanDrill(result));
    for (const i of result.invariants) process.stdout.write(`${i.ok ? "ok  " : "FAIL"} ${i.title}: ${i.detail}\n`);
    process.stdout.write(`\nreports: ${base}.json, ${base}.md\n`);
    return result.ok ? 0 : 1;
  }
  if (env.tier === "production" && args.string("--confirm") !== "production" && !args.has("--dry-run")) {
    throw new UsageError(
      "a live drill in production needs --confirm production. Fix: add it, or rehearse with --dry-run",
    );
  }
  const ctx = new DrillContext({
    dryRun: args.has("--dry-run"),
    unplanned: args.has("--unplanned"),
    pollIntervalMs: 15_000,
    pollTimeoutMs: 30 * 60_000,
    cloudflareToken: process.env.CLOUDFLARE_API_TOKEN,
    log: (line) => process.stdout.write(`${line}\n`),
    fetch,
    now: () => new Date(),
  });
  const run = await runDrill(drillSteps(env, scenario), ctx);
  const report = { env: name, scenario, mode, dryRun: ctx.dryRun, targets: env.dr, ...run };
  writeFileSync(`${base}.json`, `${JSON.stringify(report, null, 2)}\n`);
  writeFileSync(`${base}.md`, formatLiveDrill(report));
  process.stdout.write(
    `\n${run.ok ? "drill passed" : "drill FAILED (rolled back)"}; reports: ${base}.json, ${base}.md\n`,
  );
  return run.ok ? 0 : 1;
}

main().then(
  (code) => {
    process.exitCode = code;
  },
  (error: unknown) => {
    if (error instanceof ConfigError) {
      process.stderr.write(`${error.report}\n`);
      process.exitCode = 1;
    } else if (error instanceof UsageError) {
      process.stderr.write(`dr:drill: ${error.message}\n`);
      process.exitCode = 2;
    } else {
      throw error;
    }
  },
);
