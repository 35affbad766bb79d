import { execFileSync } from "node:child_process";
import { join } from "node:path";

/**
 * Loads and validates every shipped environment in a fresh Node process and lists the
 * modules that process loaded: config validation takes its defaults from the constructs'
 * provider-free settings files, so it must not load cdktf or any provider binding (each
 * costs seconds and hundreds of MB).
 */
function modulesLoadedByConfigValidation(): string[] {
  const script = [
    'const env = require("./environments/index.ts");',
    "for (const name of env.ENVIRONMENT_NAMES) env.loadEnvironment(name);",
    "process.stdout.write(JSON.stringify(Object.keys(require.cache)));",
  ].join("\n");
  const out = execFileSync(process.execPath, ["--import", "tsx", "-e", script], {
    cwd: join(__dirname, "../.."),
    encoding: "utf8",
  });
  return JSON.parse(out) as string[];
}

describe("config validation", () => {
  const loaded = modulesLoadedByConfigValidation().map((path) => path.replace(/\\/g, "/"));

  it("loads no provider binding and not cdktf itself", () => {
    expect(loaded.filter((path) => /\/node_modules\/(@cdktf\/provider-|cdktf\/)/.test(path))).toEqual([]);
  });

  it("does read its defaults from constructs (so the check above has something to check)", () => {
    const settings = loaded.filter((path) => /\/constructs\/.*\.ts$/.test(path) && !path.includes("/node_modules/"));
    expect(settings).toEqual(
      expect.arrayContaining([expect.stringMatching(/constructs\/cluster\/cluster-settings\.ts$/)]),
    );
    expect(settings).toEqual(expect.arrayContaining([expect.stringMatching(/constructs\/edge\/edge-settings\.ts$/)]));
    expect(settings).toEqual(
      expect.arrayContaining([expect.stringMatching(/constructs\/network\/network-settings\.ts$/)]),
    );
  });
});
