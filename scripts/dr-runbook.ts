/**
 * DR runbook: `npm run dr:runbook -- --env <env>` writes reports/runbook-<env>.md from the
 * step definitions the drill runs (preconditions, steps with console/CLI equivalents,
 * verification, rollback, communication checklist). Exit 2 on a usage error.
 */
import { mkdirSync, writeFileSync } from "node:fs";
import { join } from "node:path";
import { parseArgsStrict, UsageError } from "../cli/args";
import { ConfigError, ENVIRONMENT_NAMES, loadEnvironment } from "../environments";
import { formatRunbook } from "./dr/drill-report";

const USAGE = "usage: dr-runbook.ts [--env NAME] [--out reports]";

try {
  const args = parseArgsStrict(process.argv.slice(2), { "--env": "csv", "--out": "string" } as const, USAGE);
  const out = args.string("--out") ?? "reports";
  mkdirSync(out, { recursive: true });
  const names = args.list("--env").length > 0 ? args.list("--env") : ENVIRONMENT_NAMES;
  for (const name of names) {
    const path = join(out, `runbook-${name}.md`);
    writeFileSync(path, formatRunbook(loadEnvironment(name)));
    process.stdout.write(`wrote ${path}\n`);
  }
} catch (error) {
  if (error instanceof ConfigError) {
    process.stderr.write(`${error.report}\n`);
    process.exitCode = 1;
  } else if (error instanceof UsageError) {
    process.stderr.write(`dr:runbook: ${error.message}\n`);
    process.exitCode = 2;
  } else {
    throw error;
  }
}
