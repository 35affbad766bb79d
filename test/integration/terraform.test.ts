/**
 * Terraform-level checks on real synthesized output: `terraform validate` of every
 * AWS-only stack of every environment, and an offline `terraform plan` of every AWS-only
 * stack of dev (placeholder upstream outputs included). Needs the terraform binary and
 * the hashicorp/aws filesystem mirror (found by search, or TF_PLUGIN_MIRROR).
 */
import { existsSync, readFileSync } from "node:fs";
import { join } from "node:path";
import { SecurityGroup } from "@cdktf/provider-aws/lib/security-group";
import { App } from "cdktf";
import { ENVIRONMENT_NAMES, loadEnvironment } from "../../environments";
import { belongsToEnvironment } from "../../naming/derived";
import { runStacks } from "../../scripts/lib/runner";
import { listStacks } from "../../scripts/lib/terraform";
import { LayerStack } from "../../stacks/layer-stack";
import { NETWORK_OUTPUTS, networkPlaceholders } from "../../stacks/network-outputs";
import { quiet, synthesizeOffline } from "./offline-synth";

// The edge stacks have their own suite (edge.test.ts) with plan assertions; skipping
// them here keeps the shared machines from validating and planning them twice.
const notEdge = (s: { name: string }) => !s.name.endsWith("-global-edge");
const { outdir, workDir, stacks } = synthesizeOffline("synth", ENVIRONMENT_NAMES, notEdge);

describe("terraform validate", () => {
  it("accepts every AWS-only stack of every environment", async () => {
    const awsOnly = stacks.filter((s) => s.awsOnly);
    // 3 bootstrap + 6 regional network + 2 global network + 6 cluster + 5 data stacks (at least).
    expect(awsOnly.length).toBeGreaterThanOrEqual(22);
    const outcomes = await runStacks(awsOnly, "validate", 2, true, quiet, workDir);
    const failed = outcomes.filter((o) => o.status !== "ok");
    expect(failed).toEqual([]);
    expect(outcomes.map((o) => o.stack).sort()).toEqual(awsOnly.map((s) => s.name).sort());
  }, 900_000);
});

describe("terraform plan (offline)", () => {
  it("plans every AWS-only stack of dev and saves binary and JSON plans", async () => {
    const dev = loadEnvironment("dev");
    const devStacks = stacks.filter((s) => s.awsOnly && belongsToEnvironment(dev, s.name));
    expect(devStacks.map((s) => s.name)).toEqual(
      expect.arrayContaining(["bootstrap-plataforma-dev", "dev-sa-east-1-network", "dev-sa-east-1-cluster"]),
    );
    const outcomes = await runStacks(devStacks, "plan", 2, true, quiet, workDir);
    expect(outcomes.filter((o) => o.status !== "ok")).toEqual([]);
    for (const stack of devStacks) {
      expect(existsSync(join(stack.dir, "plan.tfplan"))).toBe(true);
      const plan = JSON.parse(readFileSync(join(stack.dir, "plan.json"), "utf8")) as {
        resource_changes: { type: string; change: { actions: string[] } }[];
      };
      expect(plan.resource_changes.length).toBeGreaterThan(0);
      expect(plan.resource_changes.every((c) => c.change.actions.join() === "create")).toBe(true);
    }
    const network = JSON.parse(
      readFileSync(join(devStacks.find((s) => s.name === "dev-sa-east-1-network")!.dir, "plan.json"), "utf8"),
    ) as {
      resource_changes: { type: string }[];
    };
    const count = (type: string) => network.resource_changes.filter((c) => c.type === type).length;
    expect(count("aws_vpc")).toBe(1);
    expect(count("aws_subnet")).toBe(9);
    expect(count("aws_nat_gateway")).toBe(1);
    expect(count("aws_flow_log")).toBe(1);
  }, 900_000);
});

describe("a downstream stack whose upstream was never applied", () => {
  it("plans offline against seeded placeholder outputs", async () => {
    const dir = join(outdir, "downstream");
    const app = new App({ outdir: dir });
    const dev = loadEnvironment("dev");
    const stack = new LayerStack(app, {
      env: dev,
      region: "sa-east-1",
      scopeName: "sa-east-1",
      layer: "data",
      settings: { mode: "offline" },
    });
    const network = stack.upstream("dev-sa-east-1-network", networkPlaceholders(dev.regions["sa-east-1"]));
    new SecurityGroup(stack, "fixture", {
      name: "fixture",
      description: "reads vpc_id from the network stack",
      vpcId: network.getString(NETWORK_OUTPUTS.vpcId),
    });
    app.synth();
    const [fixture] = listStacks(dir);
    const [outcome] = await runStacks([fixture], "plan", 1, true, quiet, workDir);
    expect(outcome).toMatchObject({ status: "ok", detail: expect.stringContaining("placeholder upstream outputs: 1") });
    const plan = JSON.parse(readFileSync(join(fixture.dir, "plan.json"), "utf8")) as {
      resource_changes: { type: string; change: { after: { vpc_id: string } } }[];
    };
    expect(plan.resource_changes.find((c) => c.type === "aws_security_group")?.change.after.vpc_id).toBe(
      "vpc-00000000000000000",
    );
  }, 300_000);
});
