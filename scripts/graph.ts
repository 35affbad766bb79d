/**
 * Draws the estate: `reports/stacks.svg` (Graphviz compiled to WebAssembly, rendered in
 * Node: no system binary, no browser) and `reports/stacks.md` (a Mermaid block).
 *
 *   npm run graph [-- --env NAME] [--config FILE] [--out reports]
 *
 * Synthesizes online into a scratch folder (no credentials needed to synthesize) so the
 * edges are those a real deploy follows, bootstrap stacks included.
 */
import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { instance } from "@viz-js/viz";
import { parseArgsStrict } from "../cli/args";
import { runCli } from "./lib/cli";
import { toDot, toMermaid } from "./lib/graph";
import { selectedEnvironments, selectStacks } from "./lib/selection";
import { synthesize } from "./lib/synth";
import { listStacks } from "./lib/terraform";

const USAGE = [
  "Usage: graph.ts [--env NAME[,NAME]] [--config FILE] [--out DIR] [--outdir DIR --no-synth]",
  "  writes DIR/stacks.svg and DIR/stacks.md (default DIR: reports) for the environments (default: all)",
].join("\n");

const FLAGS = {
  "--env": "csv",
  "--config": "list",
  "--out": "string",
  "--outdir": "string",
  "--no-synth": "boolean",
} as const;

async function main(): Promise<number> {
  const args = parseArgsStrict(process.argv.slice(2), FLAGS, USAGE);
  const envNames = args.list("--env");
  const configs = args.list("--config");
  const envs = selectedEnvironments(envNames, configs);
  const scratch = mkdtempSync(join(tmpdir(), "plataforma-graph-"));
  try {
    const synth = !args.has("--no-synth");
    const outdir = synth ? join(scratch, "cdktf.out") : (args.string("--outdir") ?? "cdktf.out");
    if (synth) {
      const status = synthesize({ envs: envNames, configs, outdir, mode: "online" });
      if (status !== 0) return status;
    }
    const stacks = selectStacks(listStacks(outdir), envs, []);
    const svg = (await instance()).renderString(toDot(stacks, envs), { format: "svg", engine: "dot" });
    const out = args.string("--out") ?? "reports";
    mkdirSync(out, { recursive: true });
    const title =
      `# Stacks of ${envs.map((e) => e.name).join(", ")}\n\n` +
      "Edges point from a stack to the stacks that depend on it (deploy order).\n\n";
    writeFileSync(join(out, "stacks.svg"), svg);
    writeFileSync(join(out, "stacks.md"), `${title}${toMermaid(stacks, envs)}`);
    process.stdout.write(
      `graph: ${stacks.length} stacks; wrote ${join(out, "stacks.svg")} and ${join(out, "stacks.md")}\n`,
    );
    return 0;
  } finally {
    rmSync(scratch, { recursive: true, force: true });
  }
}

runCli("graph", main);
