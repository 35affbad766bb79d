/**
 * Rewrites test/stacks/stateful-addresses.json from a fresh offline synth of every
 * shipped environment. Run it only after a reviewed change that adds stateful resources
 * or moves them with `moved` blocks:
 *
 *   node --import tsx scripts/pin-stateful-addresses.ts
 */
import { writeFileSync } from "node:fs";
import { Testing } from "cdktf";
import { ENVIRONMENT_NAMES, loadEnvironment } from "../environments";
import { buildApp } from "../stacks/app";
import { type AddressableJson, statefulAddresses } from "./lib/stateful-addresses";

const { stacks } = buildApp(ENVIRONMENT_NAMES.map(loadEnvironment), { mode: "offline", outdir: Testing.app().outdir });
const pinned: Record<string, string[]> = {};
for (const stack of [...stacks].sort((a, b) => a.node.id.localeCompare(b.node.id))) {
  const addresses = statefulAddresses(JSON.parse(Testing.synth(stack)) as AddressableJson);
  if (addresses.length > 0) pinned[stack.node.id] = addresses;
}
writeFileSync("test/stacks/stateful-addresses.json", `${JSON.stringify(pinned, null, 2)}\n`);
process.stdout.write(
  `pinned ${Object.values(pinned).flat().length} stateful addresses of ${Object.keys(pinned).length} stacks\n`,
);
