/**
 * cli/compile-cache.ts through cli/synth-runtime.ts (main.ts's first import): a dependency
 * compiled from the cache behaves as Node's loader makes it behave, the cache is written when
 * something was compiled without it and left alone when everything came from it, and a
 * changed file is compiled again. Child processes: the module hooks the process's loader.
 */
import { spawnSync } from "node:child_process";
import { existsSync, mkdirSync, mkdtempSync, readFileSync, rmSync, statSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";

const root = join(__dirname, "..", "..");
const work = mkdtempSync(join(tmpdir(), "plataforma-compile-cache-"));
const cache = join(work, "cache");
const dep = join(work, "node_modules", "dep");
afterAll(() => rmSync(work, { recursive: true, force: true }));

mkdirSync(dep, { recursive: true });
writeFileSync(join(dep, "sibling.js"), "exports.value = 42;\n");
const writeIndex = (version: number) =>
  writeFileSync(
    join(dep, "index.js"),
    [
      `exports.version = ${version};`,
      "exports.dirname = __dirname;",
      "exports.filename = __filename;",
      'exports.sibling = require("./sibling").value;',
      'exports.resolved = require.resolve("./sibling");',
      "exports.self = module.exports === exports && this === exports;",
      "exports.cached = require.cache[__filename] === module;",
      "",
    ].join("\n"),
  );

const probe = `
require(${JSON.stringify(join(root, "cli", "synth-runtime"))});
process.stdout.write(JSON.stringify(require("dep")));
`;

function run() {
  const result = spawnSync(process.execPath, ["--require", "tsx/cjs", "-e", probe], {
    cwd: work,
    encoding: "utf8",
    env: {
      ...process.env,
      NODE_PATH: join(root, "node_modules"),
      PLATAFORMA_SOURCE_MAPS: "",
      PLATAFORMA_COMPILE_CACHE_DIR: cache,
    },
  });
  expect(result.stderr).toBe("");
  return JSON.parse(result.stdout);
}

const blob = () => join(cache, `${process.version}-${process.arch}.bin`);
/** Keys of the cache entries for our fake dependency (tsx's own files may be cached too). */
const indexed = () =>
  (JSON.parse(readFileSync(`${blob()}.json`, "utf8")) as [string][])
    .map(([key]) => key)
    .filter((key) => key.startsWith(dep));

describe("the compile cache", () => {
  it("loads a dependency as Node does, writes the cache, then reuses it without rewriting", () => {
    writeIndex(1);
    const expected = {
      version: 1,
      dirname: dep,
      filename: join(dep, "index.js"),
      sibling: 42,
      resolved: join(dep, "sibling.js"),
      self: true,
      cached: true,
    };
    expect(run()).toEqual(expected);
    expect(existsSync(blob())).toBe(true);
    expect(indexed().map((key) => key.split("\0")[0])).toEqual([join(dep, "index.js"), join(dep, "sibling.js")]);
    const written = statSync(blob()).mtimeMs;
    expect(run()).toEqual(expected);
    expect(statSync(blob()).mtimeMs).toBe(written);
  }, 30_000);

  it("compiles a changed file again and replaces its entry", () => {
    writeIndex(1);
    run();
    const before = indexed();
    writeIndex(12345); // another size: another key
    expect(run().version).toBe(12345);
    const after = indexed();
    expect(after).toHaveLength(2);
    expect(after).not.toEqual(before);
    expect(after).toContain(before.find((key) => key.includes("sibling.js")));
  }, 30_000);
});
