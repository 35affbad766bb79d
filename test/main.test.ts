/**
 * The CLI entry point: a bad config exits non-zero with a readable report and writes no
 * output; a good one swaps a complete cdktf.out into place.
 */
import { spawnSync } from "node:child_process";
import { existsSync, mkdtempSync, readdirSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { SYNTH_NODE_ARGS } from "../scripts/lib/synth";
import { cloneInput } from "./helpers";

const root = join(__dirname, "..");
const work = mkdtempSync(join(tmpdir(), "plataforma-main-"));
afterAll(() => rmSync(work, { recursive: true, force: true }));

function synth(args: string[], outdir: string) {
  return spawnSync(process.execPath, [...SYNTH_NODE_ARGS, ...args], {
    cwd: root,
    encoding: "utf8",
    env: { ...process.env, CDKTF_OUTDIR: outdir, PLATAFORMA_MODE: "offline" },
  });
}

describe("main.ts", () => {
  it("rejects overlapping CIDRs between two regions: exit 1, both regions and CIDRs named, no cdktf.out", () => {
    const bad = cloneInput("staging");
    bad.regions["us-east-1"]!.network.vpcCidr = "10.20.0.0/16";
    const file = join(work, "overlap.json");
    writeFileSync(file, JSON.stringify(bad));
    const outdir = join(work, "out-bad");
    const result = synth(["--config", file], outdir);
    expect(result.status).toBe(1);
    expect(result.stderr).toContain("regions.us-east-1.network.vpcCidr");
    expect(result.stderr).toMatch(/10\.20\.0\.0\/16 of region us-east-1 overlaps 10\.20\.0\.0\/16 of region sa-east-1/);
    expect(result.stderr).not.toMatch(/\n\s+at /); // no stack trace for a user error
    expect(existsSync(outdir)).toBe(false);
    expect(readdirSync(work).filter((f) => f.startsWith("out-bad"))).toEqual([]);
  }, 60_000);

  it("reports a construct that refuses what the config built as one message: exit 1, no trace, no cdktf.out", () => {
    const outdir = join(work, "out-refused");
    const fixture = join(__dirname, "fixtures", "refusing-build-app.ts");
    const [loader, tsx, ...rest] = SYNTH_NODE_ARGS;
    const result = spawnSync(process.execPath, [loader, tsx, "--require", fixture, ...rest, "--env", "dev"], {
      cwd: root,
      encoding: "utf8",
      env: { ...process.env, CDKTF_OUTDIR: outdir, PLATAFORMA_MODE: "offline" },
    });
    expect(result.status).toBe(1);
    expect(result.stderr).toContain(
      "synth: dev-sa-east-1-network/network: invalid RegionalNetwork props, 1 problem:\n" +
        '  - availabilityZones: lists sa-east-1a twice (received: ["sa-east-1a","sa-east-1a"]). ' +
        "Fix: list each zone once",
    );
    expect(result.stderr).toContain("fix the config value behind the prop above");
    expect(result.stderr).not.toMatch(/\n\s+at /);
    expect(result.stderr).not.toContain("throw error");
    expect(existsSync(outdir)).toBe(false);
  }, 60_000);

  it("rejects a file that is not JSON and an unknown environment name", () => {
    const file = join(work, "broken.json");
    writeFileSync(file, "{ not json");
    const broken = synth(["--config", file], join(work, "out-x"));
    expect(broken.status).toBe(1);
    expect(broken.stderr).toMatch(/broken\.json: line 1, column 3: expected a double-quoted key/);
    const unknown = synth(["--env", "prod"], join(work, "out-y"));
    expect(unknown.status).toBe(1);
    expect(unknown.stderr).toMatch(/no environment named "prod", did you mean "production"\?/);
  }, 60_000);

  it("synthesizes a selected environment into a complete output folder; the status line goes to stdout", () => {
    // In a folder that does not exist yet (the bench and plan commands pass such --outdir).
    const outdir = join(work, "new", "folder", "out-dev");
    const result = synth(["--env=dev"], outdir);
    expect(result.status).toBe(0);
    expect(readdirSync(join(outdir, "stacks")).sort()).toEqual(
      expect.arrayContaining(["bootstrap-plataforma-dev", "dev-sa-east-1-network"]),
    );
    expect(existsSync(join(outdir, "manifest.json"))).toBe(true);
    expect(result.stdout).toContain("synthesized 6 stacks of dev (offline mode)");
    expect(result.stderr).not.toContain("synthesized");
  }, 60_000);

  it("rejects an unknown flag with the usage: exit 2, nothing synthesized", () => {
    const outdir = join(work, "out-typo");
    const result = synth(["--evn", "dev"], outdir);
    expect(result.status).toBe(2);
    expect(result.stderr).toContain('unknown option "--evn". Usage: main.ts [--env NAME[,NAME]] [--config FILE]');
    expect(result.stderr).not.toMatch(/\n\s+at /);
    expect(existsSync(outdir)).toBe(false);
  }, 60_000);

  it("--help prints the usage to stdout and synthesizes nothing: exit 0", () => {
    const outdir = join(work, "out-help");
    const result = synth(["--help"], outdir);
    expect(result.status).toBe(0);
    expect(result.stdout).toContain("Usage: main.ts");
    expect(result.stdout).toContain("--config FILE");
    expect(existsSync(outdir)).toBe(false);
  }, 60_000);
});
