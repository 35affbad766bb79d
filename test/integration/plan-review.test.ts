/**
 * `npm run plan:review` end to end on real Terraform: base/head pairs committed in a
 * temporary git repository whose `main.ts` writes two small dev stacks (a network stack
 * whose `vpc_id` output a data stack reads), so each case plans in seconds. Covers an
 * in-place update, a stateless replacement, a stateful rename without and with a `moved`
 * block, a change reaching a downstream stack through an output, no change at all, and a
 * comment that must be truncated.
 */
import { execFileSync, spawnSync } from "node:child_process";
import { mkdtempSync, readFileSync, rmSync, symlinkSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";

const ROOT = join(__dirname, "..", "..");
const CLI = join(ROOT, "scripts", "plan-review.ts");

/** The fixture's synth: writes the stacks of `stacks.json` and a cdktf-shaped manifest (with dependencies). */
const MAIN = `import { mkdirSync, readFileSync, rmSync, writeFileSync } from "node:fs";
import { join } from "node:path";
const out = process.env.CDKTF_OUTDIR ?? "cdktf.out";
const spec = JSON.parse(readFileSync("stacks.json", "utf8")) as Record<string, object>;
const deps: Record<string, string[]> = { "dev-sa-east-1-data": ["dev-sa-east-1-network"] };
rmSync(out, { recursive: true, force: true });
const stacks: Record<string, object> = {};
for (const [name, json] of Object.entries(spec)) {
  mkdirSync(join(out, "stacks", name), { recursive: true });
  writeFileSync(join(out, "stacks", name, "cdk.tf.json"), JSON.stringify(json, null, 2));
  const dependencies = deps[name] ?? [];
  const dir = "stacks/" + name;
  stacks[name] = { name, workingDirectory: dir, synthesizedStackPath: dir + "/cdk.tf.json", dependencies };
}
writeFileSync(join(out, "manifest.json"), JSON.stringify({ version: "0.21.0", stacks }));
`;

const NETWORK = "dev-sa-east-1-network";
const DATA = "dev-sa-east-1-data";

interface Spec {
  cidr: string;
  retention: number;
  sgName: string;
  bucket: string;
  moved?: boolean;
  logGroups?: number;
}

const BASE: Spec = { cidr: "10.10.0.0/16", retention: 30, sgName: "web", bucket: "uploads" };

function terraformHeader(name: string) {
  return {
    "//": { metadata: { stackName: name, version: "0.21.0" } },
    terraform: {
      backend: { local: { path: `../../../terraform-state/${name}.tfstate` } },
      required_providers: { aws: { source: "aws", version: "5.100.0" } },
    },
    provider: {
      aws: [
        {
          region: "sa-east-1",
          access_key: "offline-mock-access-key",
          secret_key: "offline-mock-secret-key",
          skip_credentials_validation: true,
          skip_requesting_account_id: true,
          skip_metadata_api_check: true,
          skip_region_validation: true,
        },
      ],
    },
  };
}

function stacksOf(spec: Spec): Record<string, object> {
  const logGroups = Object.fromEntries(
    Array.from({ length: spec.logGroups ?? 0 }, (_, i) => [
      `bulk_${i}`,
      {
        name: `bulk-${i}`,
        retention_in_days: spec.retention,
        tags: { Purpose: `p${spec.retention}-${"x".repeat(60)}` },
      },
    ]),
  );
  const network = {
    ...terraformHeader(NETWORK),
    resource: {
      aws_vpc: { main: { "//": { metadata: { path: "net/vpc" } }, cidr_block: spec.cidr } },
      aws_security_group: { web: { name: spec.sgName, vpc_id: "${aws_vpc.main.id}" } },
      aws_cloudwatch_log_group: { flow: { name: "flow", retention_in_days: spec.retention }, ...logGroups },
    },
    output: { vpc_id: { value: "${aws_vpc.main.id}" }, vpc_arn: { value: "${aws_vpc.main.arn}" } },
  };
  const data = {
    ...terraformHeader(DATA),
    data: {
      terraform_remote_state: {
        network: {
          backend: "local",
          config: { path: `../../../terraform-state/${NETWORK}.tfstate` },
          defaults: { vpc_id: "vpc-00000000000000000" },
        },
      },
    },
    resource: {
      aws_security_group: { db: { name: "db", vpc_id: "${data.terraform_remote_state.network.outputs.vpc_id}" } },
      aws_s3_bucket: { [spec.bucket]: { bucket: "plataforma-dev-uploads", lifecycle: { prevent_destroy: true } } },
    },
    ...(spec.moved ? { moved: [{ from: "aws_s3_bucket.uploads", to: `aws_s3_bucket.${spec.bucket}` }] } : {}),
  };
  return { [NETWORK]: network, [DATA]: data };
}

const repo = mkdtempSync(join(tmpdir(), "plataforma-plan-review-"));
const git = (...args: string[]) => execFileSync("git", ["-C", repo, ...args], { encoding: "utf8" }).trim();

function commit(spec: Spec, message: string, extra: Record<string, string> = {}): string {
  writeFileSync(join(repo, "stacks.json"), JSON.stringify(stacksOf(spec), null, 2));
  for (const [file, text] of Object.entries(extra)) writeFileSync(join(repo, file), text);
  git("add", "-A");
  git("commit", "-q", "--allow-empty", "-m", message);
  return git("rev-parse", "HEAD");
}

interface Run {
  status: number | null;
  stdout: string;
  stderr: string;
  md: string;
  json: { blocked: boolean; stacks: { name: string; [key: string]: unknown }[] };
}

/** Commits `base` then `head` and reviews the head against the base, as the README says. */
function review(base: Spec, head: Spec, extra: Record<string, string> = {}, args: string[] = []): Run {
  const baseSha = commit(base, "base");
  commit(head, "head", extra);
  const result = spawnSync(process.execPath, ["--import", "tsx", CLI, "--base", baseSha, "--env", "dev", ...args], {
    cwd: repo,
    encoding: "utf8",
    env: { ...process.env, PLATAFORMA_MODE: "offline", CHECKPOINT_DISABLE: "1" },
  });
  const read = (file: string) => readFileSync(join(repo, "reports", file), "utf8");
  return {
    status: result.status,
    stdout: result.stdout,
    stderr: result.stderr,
    md: result.status === 2 ? "" : read("plan-review.md"),
    json: result.status === 2 ? { blocked: true, stacks: [] } : JSON.parse(read("plan-review.json")),
  };
}

const counts = (run: Run) =>
  Object.fromEntries(run.json.stacks.map((s) => [s.name, [s.add, s.change, s.replace, s.destroy]]));

beforeAll(() => {
  git("init", "-q", "-b", "main");
  git("config", "user.email", "review@example.com");
  git("config", "user.name", "review");
  writeFileSync(join(repo, "main.ts"), MAIN);
  writeFileSync(join(repo, ".gitignore"), "node_modules\n.tf-work/\nreports/\ncdktf.out/\nterraform-state/\n");
  symlinkSync(join(ROOT, "node_modules"), join(repo, "node_modules"));
});
afterAll(() => rmSync(repo, { recursive: true, force: true }));

const MINUTES = 60_000;

describe("npm run plan:review on real Terraform", () => {
  it(
    "an in-place update plans only the changed stack and is not blocked",
    () => {
      const run = review(BASE, { ...BASE, retention: 60 });
      expect(run.stderr).toBe("");
      expect(run.status).toBe(0);
      expect(counts(run)).toEqual({ [NETWORK]: [0, 1, 0, 0] });
      expect(run.md).toContain("**Not blocked**: 0 to add, 1 to change, 0 to replace, 0 to destroy in 1 stack(s)");
      expect(run.md).toContain("`retention_in_days`: `30` → `60`");
      expect(run.md).not.toContain("Destroys and replacements");
    },
    15 * MINUTES,
  );

  it(
    "a stateless replacement is a warning, not a block",
    () => {
      const run = review(BASE, { ...BASE, sgName: "web-v2" });
      expect(run.status).toBe(0);
      expect(counts(run)).toEqual({ [NETWORK]: [0, 0, 1, 0] });
      expect(run.md).toContain(
        "- :warning: replace `aws_security_group.web` in `dev-sa-east-1-network`: stateless resource",
      );
      expect(run.md).toContain('`name`: `"web"` → `"web-v2"` **(forces replacement)**');
    },
    15 * MINUTES,
  );

  it(
    "renaming a stored bucket without a moved block blocks (exit 1) and names the bucket",
    () => {
      const run = review(BASE, { ...BASE, bucket: "uploads_v2" });
      expect(run.status).toBe(1);
      expect(run.json.blocked).toBe(true);
      expect(run.json.stacks).toEqual([
        expect.objectContaining({
          name: DATA,
          add: 1,
          destroy: 1,
          blocking: [expect.objectContaining({ address: "aws_s3_bucket.uploads", action: "destroy" })],
        }),
      ]);
      expect(run.md).toContain(":no_entry: **Blocked**");
      expect(run.md).toContain("- :no_entry: **blocks** destroy `aws_s3_bucket.uploads` in `dev-sa-east-1-data`");
    },
    15 * MINUTES,
  );

  it(
    "the same rename with a moved block is not blocked and shows the move",
    () => {
      const run = review(BASE, { ...BASE, bucket: "uploads_v2", moved: true });
      expect(run.status).toBe(0);
      expect(counts(run)).toEqual({ [DATA]: [0, 0, 0, 0] });
      expect(run.md).toContain("`aws_s3_bucket.uploads_v2` (moved from `aws_s3_bucket.uploads`)");
    },
    15 * MINUTES,
  );

  it(
    "a change reaching a downstream stack through an output plans that stack too, after its upstream",
    () => {
      const run = review(BASE, { ...BASE, cidr: "10.11.0.0/16" });
      expect(run.status).toBe(0);
      expect(run.json.stacks.map((s) => s.name)).toEqual([NETWORK, DATA]);
      // The VPC is replaced (its CIDR forces it): the web group with it, and downstream the db group.
      expect(counts(run)).toEqual({ [NETWORK]: [0, 0, 2, 0], [DATA]: [0, 0, 1, 0] });
      expect(run.md).toContain("reads changed outputs of dev-sa-east-1-network (vpc_id)");
      expect(run.md).toContain("s_dev_sa_east_1_network --> s_dev_sa_east_1_data");
    },
    15 * MINUTES,
  );

  it(
    "a change that alters no synthesized Terraform says no changes and plans nothing",
    () => {
      const run = review(BASE, BASE, { "NOTES.md": "a TypeScript-free change\n" });
      expect(run.status).toBe(0);
      expect(run.json).toEqual({ blocked: false, stacks: [] });
      expect(run.md).toContain("**No changes**: the synthesized Terraform of dev is identical to");
    },
    15 * MINUTES,
  );

  it(
    "a comment too long for GitHub drops diffs first and says so",
    () => {
      const many = { ...BASE, logGroups: 220 };
      const run = review(many, { ...many, retention: 60 });
      expect(run.status).toBe(0);
      expect(counts(run)).toEqual({ [NETWORK]: [0, 221, 0, 0] });
      expect(run.md.length).toBeLessThanOrEqual(60_000);
      expect(run.md).toContain("attribute diffs were dropped");
      expect(run.md).toContain("| `dev-sa-east-1-network` | 0 | 221 | 0 | 0 |");
    },
    15 * MINUTES,
  );
});
