/**
 * `npm run deploy` without AWS: a fake `terraform` first on PATH records every call (and
 * fails the stack named by FAKE_TF_FAIL), so order, refusals, saved plans and the summary
 * are checked for real through the CLI.
 */
import { spawnSync } from "node:child_process";
import { chmodSync, existsSync, mkdirSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join, resolve } from "node:path";
import { loadEnvironment } from "../../environments";
import { buildApp } from "../../stacks/app";

const root = resolve(__dirname, "../..");
const work = mkdtempSync(join(tmpdir(), "plataforma-deploy-"));
const bin = join(work, "bin");
const outdir = join(work, "cdktf.out");
afterAll(() => rmSync(work, { recursive: true, force: true }));

const FAKE_TERRAFORM = `#!/bin/sh
dir=""
for arg in "$@"; do case "$arg" in -chdir=*) dir="\${arg#-chdir=}";; esac; done
stack=$(basename "$dir")
echo "$stack $*" >> "$FAKE_TF_LOG"
case " $* " in
  *" apply "*)
    if [ "$stack" = "$FAKE_TF_FAIL" ]; then echo "Error: boom in $stack" >&2; exit 1; fi
    echo "Apply complete! Resources: 1 added, 0 changed, 0 destroyed."
    ;;
esac
exit 0
`;

beforeAll(() => {
  mkdirSync(bin, { recursive: true });
  writeFileSync(join(bin, "terraform"), FAKE_TERRAFORM);
  chmodSync(join(bin, "terraform"), 0o755);
  // Online, as a real deploy synthesizes: S3 backends and bootstrap dependencies.
  buildApp(["dev", "production"].map(loadEnvironment), { mode: "online", outdir }).app.synth();
}, 120_000);

const ONLINE = { PLATAFORMA_MODE: "online", AWS_ACCESS_KEY_ID: "AKIAFAKE", AWS_SECRET_ACCESS_KEY: "fake" };

let runs = 0;
/** Runs the deploy CLI; returns its result and the terraform calls it made (`<stack> <args>`). */
function deploy(args: string[], env: Record<string, string> = ONLINE) {
  const log = join(work, `tf-${++runs}.log`);
  const clean = Object.fromEntries(
    Object.entries(process.env).filter(([k]) => !k.startsWith("AWS_") && k !== "PLATAFORMA_MODE"),
  );
  const result = spawnSync(process.execPath, ["--import", "tsx", "scripts/deploy.ts", ...args], {
    cwd: root,
    encoding: "utf8",
    env: { ...clean, PATH: `${bin}:${process.env.PATH}`, FAKE_TF_LOG: log, ...env },
  });
  const calls = existsSync(log) ? readFileSync(log, "utf8").trim().split("\n") : [];
  return { ...result, calls };
}

const applies = (calls: string[]) => calls.filter((c) => c.includes(" apply ")).map((c) => c.split(" ")[0]);

function manifestDependencies(): Record<string, string[]> {
  const manifest = JSON.parse(readFileSync(join(outdir, "manifest.json"), "utf8")) as {
    stacks: Record<string, { dependencies: string[] }>;
  };
  return Object.fromEntries(Object.entries(manifest.stacks).map(([name, s]) => [name, s.dependencies]));
}

const DEV_STACKS = [
  "bootstrap-plataforma-dev",
  "dev-global-edge",
  "dev-sa-east-1-cluster",
  "dev-sa-east-1-data",
  "dev-sa-east-1-network",
  "dev-sa-east-1-platform",
];

describe("npm run deploy: refusals before any terraform command", () => {
  it("offline (no credentials, the default) refuses a real deploy, names what is needed, creates nothing", () => {
    const fresh = join(work, "never-created");
    const result = deploy(["--env", "dev", "--outdir", fresh], {});
    expect(result.status).toBe(1);
    expect(result.stderr).toContain("deploy refused: deploying needs AWS credentials and online mode");
    expect(result.stderr).toContain("PLATAFORMA_MODE=online");
    expect(result.stderr).toContain("--dry-run");
    expect(result.stderr).not.toMatch(/\n\s+at /);
    expect(result.calls).toEqual([]);
    expect(existsSync(fresh)).toBe(false);
  }, 60_000);

  it("PLATAFORMA_MODE=offline refuses even with credentials", () => {
    const result = deploy(["--env", "dev", "--no-synth", "--outdir", outdir], {
      ...ONLINE,
      PLATAFORMA_MODE: "offline",
    });
    expect(result.status).toBe(1);
    expect(result.stderr).toContain("PLATAFORMA_MODE=offline is set");
    expect(result.calls).toEqual([]);
    expect(existsSync(join(outdir, "stacks", "dev-sa-east-1-network", ".terraform"))).toBe(false);
  }, 60_000);

  it("production without --auto-approve and no terminal is refused", () => {
    const result = deploy(["--env", "production", "--no-synth", "--outdir", outdir]);
    expect(result.status).toBe(1);
    expect(result.stderr).toContain("production is production and stdin is not a terminal");
    expect(result.stderr).toContain("Fix: add --auto-approve");
    expect(result.calls).toEqual([]);
  }, 60_000);

  it("--plan-dir without a saved plan for every stack is refused, naming them", () => {
    const plans = join(work, "no-plans");
    mkdirSync(plans, { recursive: true });
    const result = deploy(["--env", "dev", "--no-synth", "--outdir", outdir, "--plan-dir", plans]);
    expect(result.status).toBe(1);
    expect(result.stderr).toContain(`no saved plan in ${plans} for bootstrap-plataforma-dev, dev-global-edge`);
    expect(result.calls).toEqual([]);
  }, 60_000);

  it.each([
    [["--env", "dev", "--bogus"], 2, 'unknown option "--bogus"'],
    [[], 2, "deploy needs an environment. Fix: npm run deploy -- --env dev"],
    [["--env", "dev", "--concurrency", "0"], 2, '--concurrency "0" is not a whole number >= 1'],
    [["--env", "dev", "--stack", "dev-nope"], 2, "--stack dev-nope: no such stack in dev"],
  ])(
    "%j is a usage error",
    (args, status, message) => {
      const result = deploy([...args, "--no-synth", "--outdir", outdir]);
      expect(result.status).toBe(status);
      expect(result.stderr).toContain(message);
      expect(result.calls).toEqual([]);
    },
    60_000,
  );

  it("--help prints the usage: exit 0", () => {
    const result = deploy(["--help"]);
    expect(result.status).toBe(0);
    expect(result.stdout).toContain("Usage: deploy.ts --env NAME");
    expect(result.stdout).toContain("--plan-dir DIR");
  }, 60_000);
});

describe("npm run deploy -- --dry-run", () => {
  it("works offline with the defaults and lists every production stack after all of its dependencies", () => {
    const result = deploy(["--env", "production", "--dry-run"], {});
    expect(result.status).toBe(0);
    expect(result.calls).toEqual([]);
    const waves = result.stdout
      .split("\n")
      .filter((line) => line.startsWith("wave "))
      .map((line) => line.replace(/^wave \d+: /, "").split(", "));
    const production = Object.keys(manifestDependencies()).filter(
      (n) => n.startsWith("production-") || n === "bootstrap-plataforma-production",
    );
    expect(waves.flat().sort()).toEqual(production.sort());
    const waveOf = (name: string) => waves.findIndex((w) => w.includes(name));
    for (const [name, deps] of Object.entries(manifestDependencies())) {
      if (!production.includes(name)) continue;
      for (const dep of deps) expect(waveOf(dep)).toBeLessThan(waveOf(name));
    }
    expect(waves[0]).toEqual(["bootstrap-plataforma-production"]);
    expect(result.stdout).toContain(`dry run: ${production.length} stacks in dependency order; nothing applied`);
  }, 120_000);
});

describe("npm run deploy (fake terraform)", () => {
  it("inits then applies every stack of the environment, each after its dependencies", () => {
    const result = deploy(["--env", "dev", "--no-synth", "--outdir", outdir, "--concurrency", "2"]);
    expect(result.stderr).toBe("");
    expect(result.status).toBe(0);
    const applied = applies(result.calls);
    expect([...applied].sort()).toEqual(DEV_STACKS);
    for (const name of applied) {
      for (const dep of manifestDependencies()[name]) expect(applied.indexOf(dep)).toBeLessThan(applied.indexOf(name));
      const init = result.calls.findIndex((c) => c.startsWith(`${name} `) && c.includes(" init "));
      const apply = result.calls.findIndex((c) => c.startsWith(`${name} `) && c.includes(" apply "));
      expect(init).toBeGreaterThanOrEqual(0);
      expect(init).toBeLessThan(apply);
    }
    expect(result.calls.filter((c) => c.includes(" apply ")).every((c) => c.includes("-auto-approve"))).toBe(true);
    expect(result.stdout).toContain("deploy: 6 ok, 0 failed, 0 not attempted, 0 skipped");
  }, 120_000);

  it("a failed stack stops its dependants; the summary lists failed and not attempted; exit 1", () => {
    const result = deploy(["--env", "dev", "--no-synth", "--outdir", outdir], {
      ...ONLINE,
      FAKE_TF_FAIL: "dev-sa-east-1-network",
    });
    expect(result.status).toBe(1);
    expect(applies(result.calls).sort()).toEqual([
      "bootstrap-plataforma-dev",
      "dev-global-edge",
      "dev-sa-east-1-network",
    ]);
    expect(result.stderr).toContain("failed: dev-sa-east-1-network");
    expect(result.stderr).toContain("not attempted: dev-sa-east-1-cluster, dev-sa-east-1-data, dev-sa-east-1-platform");
    expect(result.stdout).toContain("deploy: 2 ok, 1 failed, 3 not attempted, 0 skipped");
  }, 120_000);

  it("production applies with --auto-approve; --stack narrows the selection", () => {
    const result = deploy([
      "--env",
      "production",
      "--auto-approve",
      "--stack",
      "production-us-east-1-network,production-us-east-1-cluster",
      "--no-synth",
      "--outdir",
      outdir,
    ]);
    expect(result.status).toBe(0);
    expect(applies(result.calls)).toEqual(["production-us-east-1-network", "production-us-east-1-cluster"]);
  }, 120_000);

  it("--plan-dir applies exactly the saved plans", () => {
    const plans = join(work, "plans");
    for (const name of DEV_STACKS) {
      mkdirSync(join(plans, name), { recursive: true });
      writeFileSync(join(plans, name, "plan.tfplan"), "saved");
    }
    const result = deploy(["--env", "dev", "--no-synth", "--outdir", outdir, "--plan-dir", plans]);
    expect(result.status).toBe(0);
    const calls = result.calls.filter((c) => c.includes(" apply "));
    expect(calls).toHaveLength(6);
    for (const call of calls) {
      const stack = call.split(" ")[0];
      expect(call).toContain(join(plans, stack, "plan.tfplan"));
      expect(call).not.toContain("-auto-approve");
    }
  }, 120_000);
});
