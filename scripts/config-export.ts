/**
 * Prints a shipped environment as JSON that `--config` accepts as it is:
 *
 *   npm run config:export -- --env <name> --out my-env.json   (or npm run -s ... > my-env.json:
 *                                                             without -s npm prints its banner)
 *   npm run synth -- --config my-env.json                     same stacks, byte for byte
 *
 * What is printed is the environment's input, as its file in environments/ writes it (the
 * schema fills the defaults again when the file is read), not the parsed config: that
 * carries every default and derived value, which the strict schema rejects as unknown keys.
 */
import { mkdirSync, writeFileSync } from "node:fs";
import { dirname } from "node:path";
import { parseArgsStrict, UsageError } from "../cli/args";
import { ENVIRONMENTS, type EnvironmentName, loadEnvironment } from "../environments";
import { runCli } from "./lib/cli";

const USAGE = [
  "Usage: config-export.ts --env NAME [--out FILE]",
  "  prints the shipped environment NAME as JSON for --config (npm run synth -- --config FILE),",
  "  or writes it to FILE",
].join("\n");

/** The environment's input as pretty JSON, after checking it is valid. */
function exportEnvironment(name: string): string {
  loadEnvironment(name); // an unknown name or an invalid environment fails here, with the fix
  return `${JSON.stringify(ENVIRONMENTS[name as EnvironmentName], null, 2)}\n`;
}

function main(): number {
  const args = parseArgsStrict(process.argv.slice(2), { "--env": "string", "--out": "string" }, USAGE);
  const name = args.string("--env");
  if (name === undefined) throw new UsageError(`--env is required. Fix: npm run config:export -- --env dev\n${USAGE}`);
  const json = exportEnvironment(name);
  const out = args.string("--out");
  if (out === undefined) process.stdout.write(json);
  else {
    mkdirSync(dirname(out), { recursive: true });
    writeFileSync(out, json);
    process.stdout.write(`config:export: wrote ${name} to ${out}\n`);
  }
  return 0;
}

runCli("config:export", main);
