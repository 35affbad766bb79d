/**
 * The terraform CLI's own mistakes: usage errors exit 2, a missing synth folder exits 1,
 * both with one readable line and no stack trace. (Runs against real stacks live in
 * test/integration.)
 */
import { spawnSync } from "node:child_process";
import { mkdtempSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import { join, resolve } from "node:path";

const root = resolve(__dirname, "../..");
const work = mkdtempSync(join(tmpdir(), "tf-cli-"));
afterAll(() => rmSync(work, { recursive: true, force: true }));

function tf(args: string[]) {
  const env = { ...process.env, PLATAFORMA_MODE: "offline" };
  const argv = ["--import", "tsx", "scripts/tf.ts", ...args];
  return spawnSync(process.execPath, argv, { cwd: root, encoding: "utf8", env });
}

describe("scripts/tf.ts", () => {
  it.each([
    [["apply"], 'unknown command "apply". Usage: tf.ts <init|validate|plan>'],
    [["plan", "--bogus"], 'unknown option "--bogus". Usage: tf.ts'],
    [["plan", "--env"], "--env needs a value. Usage: tf.ts"],
  ])(
    "%j is a usage error: exit 2",
    (args, message) => {
      const result = tf(args);
      expect(result.status).toBe(2);
      expect(result.stderr).toContain(message);
      expect(result.stderr).not.toMatch(/\n\s+at /);
    },
    30_000,
  );

  it("--no-synth over a folder with no synth output names it and the fix: exit 1", () => {
    const outdir = join(work, "empty");
    const result = tf(["validate", "--no-synth", "--outdir", outdir]);
    expect(result.status).toBe(1);
    expect(result.stderr).toContain(`${join(outdir, "manifest.json")} not found. Fix: run \`npm run synth\` first`);
    expect(result.stderr).not.toMatch(/\n\s+at /);
  }, 30_000);
});
