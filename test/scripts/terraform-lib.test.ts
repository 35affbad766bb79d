import { existsSync, mkdirSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { findProviderMirror, seedPlaceholderUpstreams, writeCliConfig } from "../../scripts/lib/terraform";

/** Where a filesystem mirror keeps the AWS provider, as terraform expects it. */
const AWS_PROVIDER_PATH = join("registry.terraform.io", "hashicorp", "aws");
/** Where placeholder upstream states go inside a stack folder. */
const PLACEHOLDER_DIR = ".placeholder-state";

const work = mkdtempSync(join(tmpdir(), "plataforma-tf-"));
afterAll(() => rmSync(work, { recursive: true, force: true }));

describe("findProviderMirror", () => {
  it("honours TF_PLUGIN_MIRROR when it holds hashicorp/aws", () => {
    const mirror = join(work, "mirror");
    mkdirSync(join(mirror, AWS_PROVIDER_PATH, "5.100.0"), { recursive: true });
    expect(findProviderMirror({ TF_PLUGIN_MIRROR: mirror })).toBe(mirror);
  });

  it("fails with the fix when TF_PLUGIN_MIRROR does not hold the provider", () => {
    expect(() => findProviderMirror({ TF_PLUGIN_MIRROR: work })).toThrow(
      /does not contain registry.terraform.io\/hashicorp\/aws. Fix: point it at/,
    );
  });

  it("writes a CLI config that installs aws from the mirror only", () => {
    const path = writeCliConfig(join(work, "cfg"), "/some/mirror");
    const text = readFileSync(path, "utf8");
    expect(text).toContain('path    = "/some/mirror"');
    expect(text).toContain('include = ["registry.terraform.io/hashicorp/aws"]');
    expect(text).not.toContain("direct");
  });
});

describe("seedPlaceholderUpstreams", () => {
  function stackDir(name: string, upstreamPath: string): string {
    const dir = join(work, name);
    mkdirSync(dir, { recursive: true });
    writeFileSync(
      join(dir, "cdk.tf.json"),
      JSON.stringify({
        data: {
          terraform_remote_state: {
            "upstream-net_state": {
              backend: "local",
              config: { path: upstreamPath },
              defaults: { vpc_id: "vpc-00000000000000000", subnet_ids: ["subnet-1", "subnet-2"] },
            },
          },
        },
      }),
    );
    return dir;
  }

  it(
    "seeds a state with the placeholder outputs and points " + "the data source at it when the upstream has no state",
    () => {
      const dir = stackDir("down", "../net/terraform.net.tfstate");
      expect(seedPlaceholderUpstreams(dir)).toEqual(["upstream-net_state"]);
      const state = JSON.parse(readFileSync(join(dir, PLACEHOLDER_DIR, "upstream-net_state.tfstate"), "utf8"));
      expect(state.outputs).toEqual({
        vpc_id: { value: "vpc-00000000000000000", type: "string" },
        subnet_ids: { value: ["subnet-1", "subnet-2"], type: ["list", "string"] },
      });
      const override = JSON.parse(readFileSync(join(dir, "placeholder_upstreams_override.tf.json"), "utf8"));
      expect(override.data.terraform_remote_state["upstream-net_state"]).toEqual({
        backend: "local",
        config: { path: join(PLACEHOLDER_DIR, "upstream-net_state.tfstate") },
      });
    },
  );

  it("reads the real upstream state once it exists and clears the override", () => {
    const dir = stackDir("down2", "../net2/terraform.net2.tfstate");
    seedPlaceholderUpstreams(dir);
    mkdirSync(join(work, "net2"), { recursive: true });
    writeFileSync(join(work, "net2", "terraform.net2.tfstate"), JSON.stringify({ version: 4, outputs: {} }));
    expect(seedPlaceholderUpstreams(dir)).toEqual([]);
    expect(existsSync(join(dir, "placeholder_upstreams_override.tf.json"))).toBe(false);
    expect(existsSync(join(dir, "cdk.tf.json"))).toBe(true);
  });

  it.each([
    ["empty (a plan of the upstream is running: terraform created the file)", ""],
    ["cut short", '{"version": 4, "outp'],
    ["JSON but not a state", "{}"],
  ])("seeds placeholders when the upstream state file is %s", (_what, content) => {
    const name = `race-${content.length}`;
    const dir = stackDir(`down-${name}`, `../${name}/terraform.tfstate`);
    mkdirSync(join(work, name), { recursive: true });
    writeFileSync(join(work, name, "terraform.tfstate"), content);
    expect(seedPlaceholderUpstreams(dir)).toEqual(["upstream-net_state"]);
    expect(existsSync(join(dir, "placeholder_upstreams_override.tf.json"))).toBe(true);
  });

  it("asks the given predicate (online: the upstream's own outputs) which upstreams have state", () => {
    const dir = stackDir("down3", "unused");
    const asked: string[] = [];
    expect(
      seedPlaceholderUpstreams(dir, (_block, _dir, name) => {
        asked.push(name);
        return true;
      }),
    ).toEqual([]);
    expect(asked).toEqual(["upstream-net_state"]);
    expect(seedPlaceholderUpstreams(dir, () => false)).toEqual(["upstream-net_state"]);
  });
});
