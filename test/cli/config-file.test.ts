import { mkdtempSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { ConfigFileError, loadConfigFile } from "../../cli/config-file";
import { ConfigError, ENVIRONMENTS, loadEnvironment, parseEnvironment } from "../../environments";

let work: string;
beforeAll(() => {
  work = mkdtempSync(join(tmpdir(), "config-file-"));
});
afterAll(() => rmSync(work, { recursive: true, force: true }));

/** Staging as `config:export` writes it (JSON, two-space indent). */
const stagingText = () => JSON.stringify(ENVIRONMENTS.staging, null, 2);

describe("loadConfigFile", () => {
  it("round-trips a shipped environment through a --config file", () => {
    const file = join(work, "staging.json");
    writeFileSync(file, stagingText());
    expect(loadConfigFile(file, parseEnvironment)).toEqual(loadEnvironment("staging"));
  });

  it("refuses the same file with one member written twice, naming the line of the duplicate", () => {
    const text = stagingText();
    const at = text.indexOf('"vendas": {');
    const line = text.slice(0, at).split("\n").length;
    const file = join(work, "duplicate.json");
    writeFileSync(
      file,
      `${text.slice(0, at)}"vendas": { "autoscaling": { "minReplicas": 1 } },\n          ${text.slice(at)}`,
    );
    let error: unknown;
    try {
      loadConfigFile(file, parseEnvironment);
    } catch (e) {
      error = e;
    }
    expect(error).toBeInstanceOf(ConfigFileError);
    expect((error as ConfigFileError).line).toBe(line + 1);
    expect((error as Error).message).toBe(
      `Invalid configuration file ${file}: line ${line + 1}, column 11 ` +
        `(workloads.regions.sa-east-1.modules.vendas): duplicate key "vendas" (first at line ${line}); ` +
        "JSON readers keep only one of them. Fix: merge the two members into one",
    );
  });

  it("refuses a missing file with the fix, and passes schema problems through as ConfigError", () => {
    expect(() => loadConfigFile(join(work, "nope.json"), parseEnvironment)).toThrow(
      /nope\.json not found\. Fix: point --config at an environment JSON file/,
    );
    const file = join(work, "bad.json");
    writeFileSync(file, JSON.stringify({ ...ENVIRONMENTS.dev, tier: "production" }));
    expect(() => loadConfigFile(file, parseEnvironment)).toThrow(ConfigError);
  });
});
