/**
 * cli/synth-runtime.ts, main.ts's first import: dependencies load through Node's loader
 * (not tsx's lexer), an ES module dependency still loads through tsx, and stack traces and
 * source maps are off unless PLATAFORMA_SOURCE_MAPS is set. Run in a child process: the
 * module changes process-wide settings.
 */
import { spawnSync } from "node:child_process";
import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { basename, join } from "node:path";

const root = join(__dirname, "..", "..");
const work = mkdtempSync(join(tmpdir(), "plataforma-runtime-"));
afterAll(() => rmSync(work, { recursive: true, force: true }));

// A CommonJS and an ES module "dependency", and a plain .js file of our own.
mkdirSync(join(work, "node_modules", "cjs-dep"), { recursive: true });
writeFileSync(join(work, "node_modules", "cjs-dep", "index.js"), 'exports.kind = "cjs"; // import export\n');
mkdirSync(join(work, "node_modules", "esm-dep"), { recursive: true });
writeFileSync(join(work, "node_modules", "esm-dep", "index.js"), 'export const kind = "esm";\n');
writeFileSync(join(work, "own.js"), 'export const kind = "own";\n');

/** Loads the runtime, then the three files, counting which went through tsx's `.js` hook. */
const probe = `
const Module = require("node:module");
const { basename, dirname } = require("node:path");
const tsxJs = Module._extensions[".js"];
const viaTsx = [];
Module._extensions[".js"] = function (module, filename) {
  viaTsx.push(basename(dirname(filename)) + "/" + basename(filename));
  return tsxJs.call(this, module, filename);
};
require(${JSON.stringify(join(root, "cli", "synth-runtime"))});
const kinds = ["cjs-dep", "esm-dep", "./own.js"].map((m) => require(m).kind);
process.stdout.write(JSON.stringify({ kinds, viaTsx, limit: Error.stackTraceLimit, maps: process.sourceMapsEnabled }));
`;

function run(env: Record<string, string> = {}) {
  const { PLATAFORMA_SOURCE_MAPS: _ignored, ...inherited } = process.env;
  const result = spawnSync(process.execPath, ["--require", "tsx/cjs", "-e", probe], {
    cwd: work,
    encoding: "utf8",
    env: { ...inherited, NODE_PATH: join(root, "node_modules"), ...env },
  });
  expect(result.stderr).toBe("");
  return JSON.parse(result.stdout) as { kinds: string[]; viaTsx: string[]; limit: number; maps: boolean };
}

describe("cli/synth-runtime", () => {
  it("loads a CommonJS dependency with Node's loader, an ES module one and our own files through tsx", () => {
    const { kinds, viaTsx } = run();
    expect(kinds).toEqual(["cjs", "esm", "own"]);
    expect(viaTsx).toEqual(["esm-dep/index.js", `${basename(work)}/own.js`]);
  }, 30_000);

  it("turns stack traces and source maps off, unless PLATAFORMA_SOURCE_MAPS is set", () => {
    expect(run()).toMatchObject({ limit: 0, maps: false });
    const debugging = run({ PLATAFORMA_SOURCE_MAPS: "1" });
    expect(debugging.limit).toBeGreaterThan(0);
    expect(debugging.maps).toBe(true);
  }, 30_000);
});
