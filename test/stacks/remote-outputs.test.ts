import { mkdtempSync, readFileSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { App, TerraformOutput } from "cdktf";
import { loadEnvironment, parseEnvironment } from "../../environments";
import { BootstrapStack } from "../../stacks/bootstrap-stack";
import { LayerStack } from "../../stacks/layer-stack";
import type { DeployMode } from "../../stacks/settings";
import { cloneInput } from "../helpers";

const work = mkdtempSync(join(tmpdir(), "plataforma-remote-"));
afterAll(() => rmSync(work, { recursive: true, force: true }));

/** A downstream stack reading the dev network's vpc_id and subnet ids. */
function downstream(mode: DeployMode) {
  const outdir = join(work, mode);
  const app = new App({ outdir });
  const stack = new LayerStack(app, {
    env: loadEnvironment("dev"),
    region: "sa-east-1",
    scopeName: "sa-east-1",
    layer: "data",
    settings: { mode },
  });
  const up = stack.upstream("dev-sa-east-1-network", {
    vpc_id: "vpc-00000000000000000",
    private_subnet_ids: ["subnet-1", "subnet-2"],
  });
  new TerraformOutput(stack, "vpc", { value: up.getString("vpc_id") });
  new TerraformOutput(stack, "subnets", { value: up.getList("private_subnet_ids") });
  app.synth();
  const json = JSON.parse(readFileSync(join(outdir, "stacks", "dev-sa-east-1-data", "cdk.tf.json"), "utf8"));
  return { stack, up, block: Object.values(json.data.terraform_remote_state)[0] as Record<string, unknown> };
}

describe("BaseStack.upstream", () => {
  it("offline: reads the upstream's local state beside cdktf.out, with placeholder defaults", () => {
    const { block } = downstream("offline");
    expect(block).toMatchObject({
      backend: "local",
      config: { path: "../../../terraform-state/dev-sa-east-1-network.tfstate" },
      defaults: { vpc_id: "vpc-00000000000000000", private_subnet_ids: ["subnet-1", "subnet-2"] },
    });
    expect((block["//"] as Record<string, unknown>).placeholders).toEqual({
      vpc_id: "vpc-00000000000000000",
      private_subnet_ids: ["subnet-1", "subnet-2"],
    });
  });

  it(
    "online: reads the S3 state with no defaults, " + "so a missing upstream fails instead of planning on placeholders",
    () => {
      const { block } = downstream("online");
      expect(block).toMatchObject({
        backend: "s3",
        config: {
          bucket: "plataforma-tfstate-111111111111",
          key: "dev/dev-sa-east-1-network.tfstate",
          region: "sa-east-1",
        },
      });
      expect(block.defaults).toBeUndefined();
      expect((block["//"] as Record<string, unknown>).placeholders).toHaveProperty("vpc_id");
    },
  );

  it("shares one data source per upstream: a second reader extends its placeholders", () => {
    const app = new App({ outdir: join(work, "extend") });
    const stack = new LayerStack(app, {
      env: loadEnvironment("dev"),
      region: "sa-east-1",
      scopeName: "sa-east-1",
      layer: "data",
      settings: { mode: "offline" },
    });
    const first = stack.upstream("dev-sa-east-1-network", { vpc_id: "vpc-00000000000000000" });
    const second = stack.upstream("dev-sa-east-1-network", {
      vpc_id: "vpc-00000000000000000",
      public_subnet_ids: ["subnet-9"],
    });
    expect(second).toBe(first);
    new TerraformOutput(stack, "subnets", { value: second.getList("public_subnet_ids") });
    app.synth();
    const json = JSON.parse(readFileSync(join(work, "extend", "stacks", "dev-sa-east-1-data", "cdk.tf.json"), "utf8"));
    const [block] = Object.values(json.data.terraform_remote_state) as Record<string, Record<string, unknown>>[];
    expect(Object.keys(json.data.terraform_remote_state)).toHaveLength(1);
    expect(block.defaults).toEqual({ vpc_id: "vpc-00000000000000000", public_subnet_ids: ["subnet-9"] });
    expect(block["//"].placeholders).toEqual({ vpc_id: "vpc-00000000000000000", public_subnet_ids: ["subnet-9"] });
    expect(() => stack.upstream("dev-sa-east-1-network", { vpc_id: "vpc-1" })).toThrow(/two different placeholders/);
  });

  it("fails for an output without a placeholder, or read with the wrong shape", () => {
    const { up } = downstream("offline");
    expect(() => up.getString("cluster_name")).toThrow(/output "cluster_name" has no placeholder/);
    expect(() => up.getString("private_subnet_ids")).toThrow(/read as a string but its placeholder is not/);
  });
});

describe("BootstrapStack backend", () => {
  const synth = (mode: DeployMode, migrated: boolean) => {
    const env = parseEnvironment({ ...cloneInput("dev"), state: { bootstrapMigrated: migrated } });
    const app = new App({ outdir: join(work, `boot-${mode}-${migrated}`) });
    const stack = new BootstrapStack(app, { envs: [env], settings: { mode } });
    app.synth();
    return JSON.parse(
      readFileSync(join(work, `boot-${mode}-${migrated}`, "stacks", stack.node.id, "cdk.tf.json"), "utf8"),
    ).terraform.backend;
  };

  it("starts local (it creates the bucket) and moves to S3 once migrated", () => {
    expect(synth("online", false)).toEqual({
      local: { path: "../../../terraform-state/bootstrap-plataforma-dev.tfstate" },
    });
    expect(synth("online", true).s3).toMatchObject({
      bucket: "plataforma-tfstate-111111111111",
      key: "dev/bootstrap-plataforma-dev.tfstate",
      use_lockfile: true,
    });
    expect(synth("offline", true)).toHaveProperty("local");
  });
});
