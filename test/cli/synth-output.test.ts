import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join, resolve } from "node:path";
import { InputError } from "../../cli/inputs";
import { countResources, hasSynthOutput, readSynthOutput } from "../../cli/synth-output";

const work = mkdtempSync(join(tmpdir(), "cli-synth-output-"));
afterAll(() => rmSync(work, { recursive: true, force: true }));

/** A synth folder as cdktf writes it: manifest.json listing stacks/<name>/cdk.tf.json. */
function synthFolder(
  name: string,
  stacks: Record<string, unknown>,
  dependencies: Record<string, string[]> = {},
): string {
  const outdir = join(work, name);
  const entries = Object.entries(stacks).map(([stack, json]) => {
    mkdirSync(join(outdir, "stacks", stack), { recursive: true });
    writeFileSync(join(outdir, "stacks", stack, "cdk.tf.json"), JSON.stringify(json));
    const paths = { workingDirectory: `stacks/${stack}`, synthesizedStackPath: `stacks/${stack}/cdk.tf.json` };
    return [stack, { name: stack, ...paths, ...(dependencies[stack] ? { dependencies: dependencies[stack] } : {}) }];
  });
  const manifest = { version: "0.21.0", stacks: Object.fromEntries(entries) };
  writeFileSync(join(outdir, "manifest.json"), JSON.stringify(manifest));
  return outdir;
}

describe("readSynthOutput", () => {
  it("reads every stack the manifest lists, with its absolute folder, parsed JSON and dependencies", () => {
    const outdir = synthFolder("two", { a: { resource: {} }, b: { terraform: {} } }, { b: ["a"] });
    expect(readSynthOutput(outdir)).toEqual([
      { name: "a", dir: resolve(outdir, "stacks/a"), json: { resource: {} }, dependencies: [] },
      { name: "b", dir: resolve(outdir, "stacks/b"), json: { terraform: {} }, dependencies: ["a"] },
    ]);
  });

  it("knows a folder with a manifest from one without", () => {
    expect(hasSynthOutput(synthFolder("one", { a: {} }))).toBe(true);
    expect(hasSynthOutput(join(work, "none"))).toBe(false);
  });

  it("names a missing manifest and how to get one", () => {
    const fix = "Fix: run `npm run synth` first, or pass --outdir";
    expect(() => readSynthOutput(join(work, "none"))).toThrow(
      new InputError(`${join(work, "none", "manifest.json")} not found. ${fix}`),
    );
  });

  it("names a stack file that is not JSON", () => {
    const outdir = synthFolder("broken", { a: {} });
    writeFileSync(join(outdir, "stacks", "a", "cdk.tf.json"), "{");
    expect(() => readSynthOutput(outdir)).toThrow(/stacks\/a\/cdk\.tf\.json is not valid JSON/);
  });
});

describe("countResources", () => {
  it("counts managed resources over every type and stack, tolerating stacks without any", () => {
    const stacks = [
      { json: { resource: { aws_s3_bucket: { a: {}, b: {} }, aws_kms_key: { k: {} } } } },
      { json: { data: { aws_region: { r: {} } } } },
      { json: null },
    ];
    expect(countResources(stacks)).toBe(3);
  });
});
