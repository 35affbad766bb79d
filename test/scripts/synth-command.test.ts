/**
 * One synth command: `npm run synth`, cdktf.json's `app` and the scripts that synthesize
 * (plan, validate, deploy, graph, bench) all run node with the same arguments.
 */
import { readFileSync } from "node:fs";
import { join } from "node:path";
import { SYNTH_NODE_ARGS } from "../../scripts/lib/synth";

const root = join(__dirname, "..", "..");
const json = (file: string) => JSON.parse(readFileSync(join(root, file), "utf8"));

describe("the synth command", () => {
  const command = `node ${SYNTH_NODE_ARGS.join(" ")}`;

  it("is tsx's CommonJS hook only (no ES module hook thread) on main.ts", () => {
    expect(command).toBe("node --require tsx/cjs main.ts");
  });

  it("is what npm run synth and cdktf.json run", () => {
    expect(json("package.json").scripts.synth).toBe(command);
    expect(json("cdktf.json").app).toBe(command);
  });
});
