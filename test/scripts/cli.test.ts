/**
 * One way everywhere: every CLI prints its usage for --help (exit 0) and rejects unknown
 * flags with it (exit 2); --config is passed through to synth; policy --env checks only
 * that environment's stacks; config:export round-trips through --config byte for byte.
 */
import { spawnSync } from "node:child_process";
import { chmodSync, mkdirSync, mkdtempSync, readdirSync, readFileSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join, relative, resolve } from "node:path";
import { ENVIRONMENT_NAMES, loadEnvironment } from "../../environments";
import { belongsToEnvironment } from "../../naming/derived";
import { buildApp } from "../../stacks/app";

const root = resolve(__dirname, "../..");
const work = mkdtempSync(join(tmpdir(), "plataforma-cli-"));
afterAll(() => rmSync(work, { recursive: true, force: true }));

function run(script: string, args: string[], env: Record<string, string> = {}) {
  return spawnSync(process.execPath, ["--import", "tsx", script, ...args], {
    cwd: root,
    encoding: "utf8",
    env: { ...process.env, PLATAFORMA_MODE: "offline", ...env },
  });
}

const CLIS: [string, string[], string][] = [
  ["main.ts", [], "Usage: main.ts"],
  ["scripts/tf.ts", ["validate"], "Usage: tf.ts"],
  ["scripts/tf.ts", ["plan"], "Usage: tf.ts"],
  ["scripts/policy.ts", [], "usage: policy.ts"],
  ["scripts/deploy.ts", [], "Usage: deploy.ts"],
  ["scripts/graph.ts", [], "Usage: graph.ts"],
  ["scripts/config-export.ts", [], "Usage: config-export.ts"],
  ["scripts/plan-review.ts", [], "Usage: plan-review.ts"],
  ["scripts/bench-review.ts", [], "Usage: bench-review.ts"],
];

describe.each(CLIS)("%s %j", (script, command, usage) => {
  it("--help prints the usage to stdout: exit 0", () => {
    const result = run(script, [...command, "--help"], { CDKTF_OUTDIR: join(work, "never") });
    expect(result.stdout).toContain(usage);
    expect(result.stderr).toBe("");
    expect(result.status).toBe(0);
  }, 60_000);

  it("an unknown flag is an error with the usage: exit 2", () => {
    const result = run(script, [...command, "--evn", "dev"], { CDKTF_OUTDIR: join(work, "never") });
    expect(result.stderr).toContain('unknown option "--evn"');
    expect(result.stderr).toContain(usage);
    expect(result.stderr).not.toMatch(/\n\s+at /);
    expect(result.status).toBe(2);
  }, 60_000);
});

/** Every file under `dir`, relative path -> bytes. */
function tree(dir: string): Map<string, Buffer> {
  const files = new Map<string, Buffer>();
  const walk = (d: string) => {
    for (const entry of readdirSync(d, { withFileTypes: true })) {
      const path = join(d, entry.name);
      if (entry.isDirectory()) walk(path);
      else files.set(relative(dir, path), readFileSync(path));
    }
  };
  walk(dir);
  return files;
}

describe("npm run config:export", () => {
  it.each(ENVIRONMENT_NAMES)(
    "%s: export -> file -> synth --config gives the same cdktf.out byte for byte",
    (name) => {
      const exported = run("scripts/config-export.ts", ["--env", name]);
      expect(exported.status).toBe(0);
      const file = join(work, `${name}.json`);
      writeFileSync(file, exported.stdout);
      const fromFile = join(work, `${name}-from-file`);
      const fromName = join(work, `${name}-from-name`);
      expect(run("main.ts", ["--config", file], { CDKTF_OUTDIR: fromFile }).status).toBe(0);
      expect(run("main.ts", ["--env", name], { CDKTF_OUTDIR: fromName }).status).toBe(0);
      const a = tree(fromFile);
      const b = tree(fromName);
      expect([...a.keys()].sort()).toEqual([...b.keys()].sort());
      for (const [path, bytes] of a)
        expect({ path, same: bytes.equals(b.get(path) as Buffer) }).toEqual({ path, same: true });
    },
    180_000,
  );

  it("--out writes the file the README's command names, identical to what it prints", () => {
    const file = join(work, "out-dev.json");
    const result = run("scripts/config-export.ts", ["--env", "dev", "--out", file]);
    expect(result.status).toBe(0);
    expect(result.stdout).toBe(`config:export: wrote dev to ${file}\n`);
    expect(readFileSync(file, "utf8")).toBe(run("scripts/config-export.ts", ["--env", "dev"]).stdout);
  }, 60_000);

  it("--out into a folder that does not exist yet creates it", () => {
    const file = join(work, "new", "nested", "staging.json");
    const result = run("scripts/config-export.ts", ["--env", "staging", "--out", file]);
    expect(result.status).toBe(0);
    expect(readFileSync(file, "utf8")).toBe(run("scripts/config-export.ts", ["--env", "staging"]).stdout);
  }, 60_000);

  it("--out where no file can be written is one line naming the path: exit 1, no stack trace", () => {
    const blocker = join(work, "a-file");
    writeFileSync(blocker, "");
    const file = join(blocker, "staging.json");
    const result = run("scripts/config-export.ts", ["--env", "staging", "--out", file]);
    expect(result.status).toBe(1);
    expect(result.stderr).toMatch(/^config:export: cannot mkdir .*a-file \((EEXIST|ENOTDIR)\)\. Fix: check the path/);
    expect(result.stderr).not.toContain("    at ");
  }, 60_000);

  it("an unknown environment is named with the fix: exit 1", () => {
    const result = run("scripts/config-export.ts", ["--env", "prod"]);
    expect(result.status).toBe(1);
    expect(result.stderr).toContain(
      'no environment named "prod", did you mean "production"? Fix: use one of dev, staging, production',
    );
    expect(result.stdout).toBe("");
  }, 60_000);
});

describe("npm run policy -- --env", () => {
  it("after a synth of every environment checks only the named environment's stacks", () => {
    const outdir = join(work, "all");
    buildApp(ENVIRONMENT_NAMES.map(loadEnvironment), { mode: "offline", outdir }).app.synth();
    const out = join(work, "policy-dev");
    const result = run("scripts/policy.ts", ["--outdir", outdir, "--env", "dev", "--out", out]);
    expect(result.stderr).toBe("");
    expect(result.status).toBe(0);
    const report = JSON.parse(readFileSync(join(out, "policy-report.json"), "utf8")) as {
      stacks: string[];
      errorCount: number;
    };
    const dev = loadEnvironment("dev");
    expect(report.stacks.length).toBe(6);
    expect(report.stacks.every((s) => belongsToEnvironment(dev, s))).toBe(true);
    expect(report.errorCount).toBe(0);
  }, 120_000);
});

describe("npm run validate -- --config", () => {
  it("passes the file through to synth and runs terraform on that environment's stacks", () => {
    const bin = join(work, "bin");
    mkdirSync(bin, { recursive: true });
    const log = join(work, "tf.log");
    writeFileSync(join(bin, "terraform"), `#!/bin/sh\necho "$*" >> "${log}"\necho '{"valid":true}'\n`);
    chmodSync(join(bin, "terraform"), 0o755);
    const file = join(work, "dev-config.json");
    writeFileSync(file, run("scripts/config-export.ts", ["--env", "dev"]).stdout);
    const outdir = join(work, "validate-out");
    const mirror = join(work, "mirror");
    mkdirSync(join(mirror, "registry.terraform.io", "hashicorp", "aws"), { recursive: true });
    const result = run("scripts/tf.ts", ["validate", "--config", file, "--outdir", outdir], {
      PATH: `${bin}:${process.env.PATH}`,
      TF_PLUGIN_MIRROR: mirror,
    });
    expect(result.stdout).toContain("synthesized 6 stacks of dev (offline mode)");
    expect(result.stdout).toContain(`validate: 6 stacks, concurrency ${require("node:os").availableParallelism()}`);
    expect(result.stdout).toContain("validate: 5 ok, 0 failed, 0 not attempted, 1 skipped");
    expect(result.status).toBe(0);
    expect(readFileSync(log, "utf8")).toContain("dev-sa-east-1-network");
  }, 120_000);
});
