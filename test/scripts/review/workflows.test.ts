/**
 * The GitHub Actions workflows, linted with a real linter from npm (@action-validator/cli,
 * schema and glob checks, WASM: it runs after a clean `npm ci` with no install scripts),
 * and the review's own contract: plan.yml runs plan:review on pull requests, third-party
 * actions are pinned by commit SHA, terraform is pinned.
 */
import { execFileSync } from "node:child_process";
import { mkdtempSync, readdirSync, readFileSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";

const ROOT = join(__dirname, "..", "..", "..");
const WORKFLOWS = join(ROOT, ".github", "workflows");
const VALIDATOR = join(ROOT, "node_modules", "@action-validator", "cli", "cli.mjs");
const files = readdirSync(WORKFLOWS).filter((f) => f.endsWith(".yml"));
const read = (file: string) => readFileSync(join(WORKFLOWS, file), "utf8");

function lint(path: string): { status: number; output: string } {
  try {
    return { status: 0, output: execFileSync(process.execPath, [VALIDATOR, path], { cwd: ROOT, encoding: "utf8" }) };
  } catch (error) {
    const e = error as { status: number; stdout: string; stderr: string };
    return { status: e.status, output: `${e.stdout}${e.stderr}` };
  }
}

describe("GitHub Actions workflows", () => {
  it("ships plan, deploy and the per-environment deploy", () => {
    expect(files.sort()).toEqual(["deploy-environment.yml", "deploy.yml", "plan.yml"]);
  });

  it.each(files)("%s passes action-validator", (file) => {
    expect(lint(join(WORKFLOWS, file))).toEqual({ status: 0, output: "" });
  });

  it("the linter rejects a broken workflow (so a pass means something)", () => {
    const dir = mkdtempSync(join(tmpdir(), "workflow-lint-"));
    try {
      const path = join(dir, "bad.yml");
      writeFileSync(path, "name: bad\non: pull_request\njobs:\n  a:\n    runs-on: ubuntu-24.04\n    stepz: []\n");
      const result = lint(path);
      expect(result.status).toBe(1);
      expect(result.output).toContain("Additional property 'stepz' is not allowed");
    } finally {
      rmSync(dir, { recursive: true, force: true });
    }
  });

  it.each(files)("%s pins every third-party action by commit SHA", (file) => {
    const uses = [...read(file).matchAll(/uses:\s*(\S+)/g)].map((m) => m[1]);
    const remote = uses.filter((u) => !u.startsWith("./"));
    expect(remote.filter((u) => !/^[\w.-]+\/[\w.-]+@[0-9a-f]{40}$/.test(u))).toEqual([]);
  });

  it("plan.yml reviews pull requests per environment with OIDC, pinned terraform and a sticky comment", () => {
    const plan = read("plan.yml");
    expect(plan).toMatch(/^on:\n {2}pull_request:/m);
    expect(plan).toContain("npm run plan:review -- --base");
    expect(plan).toContain("env: [dev, staging, production]");
    expect(plan).toContain("id-token: write");
    expect(plan).toContain("aws-actions/configure-aws-credentials@");
    expect(plan).toMatch(/TERRAFORM_VERSION: "\d+\.\d+\.\d+"/);
    expect(plan).toContain("cache: npm");
    expect(plan).toContain("<!-- plataforma-plan-review:env=${env} -->");
    expect(plan).toContain("github.rest.issues.updateComment");
    expect(plan).toContain("if: steps.review.outcome == 'failure'");
  });

  it("deploy.yml deploys dev, then staging, then production through GitHub environments", () => {
    const deploy = read("deploy.yml");
    expect(deploy).toMatch(/^on:\n {2}push:\n {4}branches: \[main\]/m);
    expect(deploy).toMatch(/deploy-staging:\n {4}needs: deploy-dev/);
    expect(deploy).toMatch(/deploy-production:\n {4}needs: deploy-staging/);
    const apply = read("deploy-environment.yml");
    expect(apply).toContain("environment: ${{ inputs.environment }}");
    // main's deploy command, applying the saved plans <dir>/<stack>/plan.tfplan that the plan job uploaded.
    expect(apply).toContain('npm run deploy -- --env "${ENVIRONMENT}" --plan-dir reviewed-plans --auto-approve');
    expect(apply).toMatch(/name: plans-\$\{\{ inputs.environment \}\}\n {10}path: reviewed-plans\n/);
    expect(deploy).toContain("cdktf.out/stacks/*/plan.tfplan");
    expect(deploy).toMatch(/shell: bash\n {8}run: npm run plan -- --env "\$\{ENVIRONMENT\}" \| tee/);
  });

  it.each([
    ["deploy-environment.yml", "npm run deploy", "deploy.ts"],
    ["deploy.yml", "npm run plan", "tf.ts"],
    ["plan.yml", "npm run plan:review", "plan-review.ts"],
  ])("%s calls %s with flags the command knows", (file, command, script) => {
    const source = readFileSync(join(ROOT, "scripts", script), "utf8");
    const lines = read(file)
      .split("\n")
      .filter((line) => line.includes(`${command} --`));
    expect(lines.length).toBeGreaterThan(0);
    const flags = lines
      .flatMap((line) => [...line.matchAll(/\s(--[a-z-]+)/g)].map((m) => m[1]))
      .filter((f) => f !== "--");
    expect(flags.length).toBeGreaterThan(0);
    expect(flags.filter((flag) => !source.includes(`"${flag}": "`))).toEqual([]);
  });
});
