import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { localStatePath, stateKey } from "../../../naming/derived";
import {
  changedStacks,
  outputsRead,
  type SideStack,
  upstreamReads,
  withoutMetadata,
} from "../../../scripts/lib/review/changes";

const vpc = (cidr: string, path: string) => ({
  "//": { metadata: { version: "0.21.0", stackName: "dev-sa-east-1-network" } },
  resource: { aws_vpc: { main: { "//": { metadata: { path } }, cidr_block: cidr } } },
});

describe("change detection on synthesized Terraform", () => {
  it("ignores cdktf metadata and key order", () => {
    expect(withoutMetadata(vpc("10.0.0.0/16", "a/b"))).toEqual(withoutMetadata(vpc("10.0.0.0/16", "moved/elsewhere")));
    const base = [{ name: "n", json: vpc("10.0.0.0/16", "a") }];
    const head = [{ name: "n", json: vpc("10.0.0.0/16", "b") }];
    expect([...changedStacks(base, head)]).toEqual([]);
  });

  it("reports changed, added and removed stacks", () => {
    const base = [
      { name: "a", json: vpc("10.0.0.0/16", "p") },
      { name: "gone", json: {} },
    ];
    const head = [
      { name: "a", json: vpc("10.1.0.0/16", "p") },
      { name: "new", json: {} },
    ];
    expect(Object.fromEntries(changedStacks(base, head))).toEqual({ a: "changed", new: "added", gone: "removed" });
  });

  it("reads each manifest dependency's outputs through the remote state pointing at its state", () => {
    const root = mkdtempSync(join(tmpdir(), "review-deps-"));
    try {
      const stack = (name: string, dependencies: string[], json: object): SideStack => {
        const dir = join(root, name);
        mkdirSync(dir);
        writeFileSync(join(dir, "cdk.tf.json"), JSON.stringify(json));
        return { name, dir, json, dependencies, providers: ["aws"], awsOnly: true };
      };
      const network = stack("dev-net", [], { output: { vpc_id: { value: "x" } } });
      const cluster = stack("dev-cluster", ["dev-net", "dev-cache", "bootstrap-x"], {
        data: {
          terraform_remote_state: {
            net: { backend: "local", config: { path: localStatePath("dev-net") } },
            cache: { backend: "s3", config: { bucket: "b", key: stateKey({ name: "dev" }, "dev-cache") } },
            elsewhere: { backend: "s3", config: { key: "other/not-a-dependency.tfstate" } },
          },
        },
        resource: {
          aws_eks_cluster: {
            c: { vpc_id: "${data.terraform_remote_state.net.outputs.vpc_id}" },
            d: { subnet_ids: "${data.terraform_remote_state.net.outputs.private_subnet_ids}" },
            e: { endpoint: "${data.terraform_remote_state.cache.outputs.endpoint}" },
            f: { x: "${data.terraform_remote_state.elsewhere.outputs.ignored}" },
          },
        },
      });
      expect(upstreamReads(network, { name: "dev" })).toEqual([]);
      expect(upstreamReads(cluster, { name: "dev" })).toEqual([
        { upstream: "dev-net", dataSource: "net", outputs: ["private_subnet_ids", "vpc_id"] },
        { upstream: "dev-cache", dataSource: "cache", outputs: ["endpoint"] },
        // Online every stack depends on its account's bootstrap stack, read through no data source.
        { upstream: "bootstrap-x", dataSource: "", outputs: [] },
      ]);
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
