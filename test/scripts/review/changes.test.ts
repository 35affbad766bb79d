import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import {
  changedStacks,
  dependencyOrder,
  outputsRead,
  type SideStack,
  stackDependencies,
  withoutMetadata,
} from "../../../scripts/lib/review/changes";

const vpc = (cidr: string, path: string) => ({
  "//": { metadata: { version: "0.21.0", stackName: "dev-sa-east-1-network" } },
  resource: { aws_vpc: { main: { "//": { metadata: { path } }, cidr_block: cidr } } },
});

describe("change detection on synthesized Terraform", () => {
  it("ignores cdktf metadata and key order", () => {
    expect(withoutMetadata(vpc("10.0.0.0/16", "a/b"))).toEqual(withoutMetadata(vpc("10.0.0.0/16", "moved/elsewhere")));
    const base: SideStack[] = [{ name: "n", dir: "/x", json: vpc("10.0.0.0/16", "a") }];
    const head: SideStack[] = [{ name: "n", dir: "/y", json: vpc("10.0.0.0/16", "b") }];
    expect([...changedStacks(base, head)]).toEqual([]);
  });

  it("reports changed, added and removed stacks", () => {
    const base: SideStack[] = [
      { name: "a", dir: "", json: vpc("10.0.0.0/16", "p") },
      { name: "gone", dir: "", json: {} },
    ];
    const head: SideStack[] = [
      { name: "a", dir: "", json: vpc("10.1.0.0/16", "p") },
      { name: "new", dir: "", json: {} },
    ];
    expect(Object.fromEntries(changedStacks(base, head))).toEqual({ a: "changed", new: "added", gone: "removed" });
  });

  it("finds upstreams and the outputs read from them in terraform_remote_state blocks", () => {
    const root = mkdtempSync(join(tmpdir(), "review-deps-"));
    try {
      const stack = (name: string, json: object): SideStack => {
        const dir = join(root, name);
        mkdirSync(dir);
        writeFileSync(join(dir, "cdk.tf.json"), JSON.stringify(json));
        return { name, dir, json };
      };
      const network = stack("dev-net", { output: { vpc_id: { value: "x" } } });
      const cluster = stack("dev-cluster", {
        data: {
          terraform_remote_state: {
            net: { backend: "local", config: { path: "../../../terraform-state/dev-net.tfstate" } },
            elsewhere: { backend: "s3", config: { key: "other/not-synthesized.tfstate" } },
          },
        },
        resource: {
          aws_eks_cluster: {
            c: { vpc_id: "${data.terraform_remote_state.net.outputs.vpc_id}" },
            d: { subnet_ids: "${data.terraform_remote_state.net.outputs.private_subnet_ids}" },
          },
        },
      });
      const deps = stackDependencies([network, cluster]);
      expect(deps.get("dev-net")).toEqual([]);
      expect(deps.get("dev-cluster")).toEqual([
        { upstream: "dev-net", dataSource: "net", outputs: ["private_subnet_ids", "vpc_id"] },
      ]);
      expect(dependencyOrder(["dev-cluster", "dev-net"], deps)).toEqual(["dev-net", "dev-cluster"]);
    } finally {
      rmSync(root, { recursive: true, force: true });
    }
  });

  it("reads output names for data sources whose names hold regex characters", () => {
    const text = JSON.stringify({ a: "${data.terraform_remote_state.up-1_X.outputs.vpc_id}" });
    expect(outputsRead(text, "up-1_X")).toEqual(["vpc_id"]);
    expect(outputsRead(text, "up")).toEqual([]);
  });
});
