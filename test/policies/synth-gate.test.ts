import { spawnSync } from "node:child_process";
import { existsSync, mkdtempSync, readdirSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join, resolve } from "node:path";
import { cloneInput } from "../helpers";

const root = resolve(__dirname, "../..");
const work = mkdtempSync(join(tmpdir(), "synth-gate-"));
afterAll(() => rmSync(work, { recursive: true, force: true }));

/** Runs `main.ts --config <dev with these suppressions>` into a fresh outdir. */
function synthWith(
  name: string,
  suppressions: unknown[],
): { status: number | null; stdout: string; stderr: string; outdir: string } {
  const config = join(work, `${name}.json`);
  const dev = cloneInput("dev");
  writeFileSync(
    config,
    JSON.stringify({ ...dev, policies: { suppressions: [...(dev.policies?.suppressions ?? []), ...suppressions] } }),
  );
  const outdir = join(work, `${name}-out`);
  const result = spawnSync(process.execPath, ["--import", "tsx", "main.ts", "--config", config], {
    cwd: root,
    encoding: "utf8",
    env: { ...process.env, CDKTF_OUTDIR: outdir, PLATAFORMA_MODE: "offline", POLICY_TODAY: "2026-11-23" },
  });
  return { status: result.status, stdout: result.stdout, stderr: result.stderr, outdir };
}

const rotation = {
  ruleId: "SEC-KMS-ROTATION",
  resource: "aws_kms_key.",
  reason: "rotated by hand every quarter by the HSM team",
};

describe("synth runs the policy check before writing cdktf.out", () => {
  it("an expired suppression is refused at its config path before synth: exit 1, a readable report, no output", () => {
    // The schema refuses it (issue 15) before the gate would report POLICY-SUPPRESSION-EXPIRED.
    const result = synthWith("expired", [{ ...rotation, expires: "2026-01-01" }]);
    expect(result.status).toBe(1);
    expect(result.stderr).toMatch(
      /policies\.suppressions\.\d+\.expires: the suppression of SEC-KMS-ROTATION expired on 2026-01-01 \(today/,
    );
    expect(result.stderr).not.toMatch(/\n\s+at /);
    expect(existsSync(result.outdir)).toBe(false);
    expect(readdirSync(work).filter((f) => f.startsWith("expired-out"))).toEqual([]);
  });

  it("warnings are reported but synth succeeds", () => {
    const result = synthWith("unused", [{ ...rotation, expires: "2027-01-01" }]);
    expect(result.status).toBe(0);
    expect(result.stderr).toContain("POLICY-SUPPRESSION-UNUSED");
    // The warning is a problem (stderr); the status line with the gate summary is not (stdout).
    expect(result.stdout).toMatch(/policy check: \d+ rules, 0 errors, 1 warning\(s\), \d+ suppressed/);
    expect(existsSync(join(result.outdir, "manifest.json"))).toBe(true);
  });
});
