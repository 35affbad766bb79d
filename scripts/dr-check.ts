/**
 * DR readiness: proves each environment's RTO and RPO targets from its synthesized
 * Terraform (detection + recovery + routing against RTO; replication bounds against RPO).
 *
 *   npm run dr:check                          every shipped environment
 *   npm run dr:check -- --env staging         some of them
 *   npm run dr:check -- --config my-env.json  a config file (JSON, same schema)
 *   npm run dr:check -- --out reports         where dr-readiness.{json,md} go (default reports)
 *
 * Synthesizes the selected environments itself (offline, into a temporary folder), so an
 * edit to a config is judged at once. Exit codes: 0 every target proven; 1 a target not
 * proven (each breaking step printed with its fix) or an invalid config; 2 usage error.
 */
import { parseArgsStrict, UsageError } from "../cli/args";
import { InputError } from "../cli/inputs";
import { ConfigError } from "../environments";
import { selectConfigs } from "./dr/config";
import { checkReadiness } from "./dr/readiness";
import { breakingLines, writeReadinessReports } from "./dr/readiness-report";
import { synthesizeEstates } from "./dr/synth";

const USAGE = "usage: dr-check.ts [--env NAME] [--config FILE] [--out reports]";
const FLAGS = { "--env": "csv", "--config": "list", "--out": "string" } as const;

function main(): number {
  const args = parseArgsStrict(process.argv.slice(2), FLAGS, USAGE);
  const configs = selectConfigs(args.list("--env"), args.list("--config"));
  const estates = synthesizeEstates(configs);
  const results = configs.map((env) => checkReadiness(env, estates.get(env.name) ?? []));
  const written = writeReadinessReports(results, args.string("--out") ?? "reports");
  for (const env of results) {
    const rto = `RTO ${env.rtoMinutes.proven ?? "unproven"}/${env.rtoMinutes.target} min`;
    const rpo = `RPO ${env.rpoMinutes.proven ?? "unproven"}/${env.rpoMinutes.target} min`;
    process.stdout.write(`${env.ok ? "ok  " : "FAIL"} ${env.name} (${env.strategy}): ${rto}, ${rpo}\n`);
  }
  const broken = breakingLines(results);
  if (broken.length > 0) process.stderr.write(`\n${broken.join("\n")}\n`);
  process.stdout.write(`\nreports: ${written.join(", ")}\n`);
  return results.every((r) => r.ok) ? 0 : 1;
}

try {
  process.exitCode = main();
} catch (error) {
  if (error instanceof ConfigError) {
    // An invalid config cannot prove its targets: same exit as a target not proven.
    process.stderr.write(`${error.report}\n`);
    process.exitCode = 1;
  } else if (error instanceof UsageError || error instanceof InputError) {
    process.stderr.write(`dr:check: ${error.message}\n`);
    process.exitCode = 2;
  } else {
    throw error;
  }
}
