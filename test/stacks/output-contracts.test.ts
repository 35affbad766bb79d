import { App, TerraformOutput, Testing } from "cdktf";
import { loadEnvironment } from "../../environments";
import { CLUSTER_OUTPUTS, clusterPlaceholders, readClusterOutputs } from "../../stacks/cluster-outputs";
import {
  bucketKeyPlaceholders,
  bucketOutputNames,
  DATA_OUTPUTS,
  dataPlaceholders,
  readBucketKeyArns,
  readDataOutputs,
} from "../../stacks/data-outputs";
import { EDGE_OUTPUTS, edgePlaceholders, readEdgeOutputs } from "../../stacks/edge-outputs";
import { LayerStack } from "../../stacks/layer-stack";
import { NETWORK_OUTPUTS, networkPlaceholders, readNetworkOutputs } from "../../stacks/network-outputs";
import { buildStacks, type StackJson } from "../helpers";

const production = loadEnvironment("production");

/** A bare production data stack in sa-east-1 to read upstream outputs from. */
function reader() {
  const app = new App({ outdir: Testing.app().outdir });
  const settings = { mode: "offline" } as const;
  return new LayerStack(app, { env: production, region: "sa-east-1", scopeName: "sa-east-1", layer: "data", settings });
}

describe("output contracts", () => {
  it("every output name has a placeholder", () => {
    const keys = (o: object) => Object.keys(o).sort();
    expect(keys(networkPlaceholders(production.regions["sa-east-1"]))).toEqual(Object.values(NETWORK_OUTPUTS).sort());
    expect(keys(clusterPlaceholders(production, "sa-east-1"))).toEqual(Object.values(CLUSTER_OUTPUTS).sort());
    expect(keys(dataPlaceholders(production))).toEqual(Object.values(DATA_OUTPUTS).sort());
    expect(keys(edgePlaceholders())).toEqual(Object.values(EDGE_OUTPUTS).sort());
    const buckets = Object.keys(production.data.buckets);
    expect(keys(bucketKeyPlaceholders(production))).toEqual(buckets.map((b) => bucketOutputNames(b).keyArn).sort());
  });

  it("the data stacks export only names of the data contract", () => {
    const { json } = buildStacks(["production"]);
    const buckets = Object.keys(production.data.buckets).flatMap((b) => Object.values(bucketOutputNames(b)));
    const contract = [...Object.values(DATA_OUTPUTS), ...buckets];
    for (const name of ["production-sa-east-1-data", "production-us-east-1-data"]) {
      for (const output of Object.keys(json(name).output ?? {})) expect(contract).toContain(output);
    }
  });

  it("readers reference the upstream's outputs through one data source per upstream", () => {
    const stack = reader();
    const network = readNetworkOutputs(stack, "sa-east-1");
    const again = readNetworkOutputs(stack, "sa-east-1");
    const cluster = readClusterOutputs(stack, "sa-east-1");
    const dr = readDataOutputs(stack, "us-east-1");
    const edge = readEdgeOutputs(stack);
    const keys = readBucketKeyArns(stack);
    const values = {
      vpc: network.vpcId,
      vpc_again: again.vpcId,
      subnets: network.databaseSubnetIds,
      issuer: cluster.oidcIssuer,
      cache: dr.cacheGlobalReplicationGroupId,
      name_servers: edge.nameServers,
      reports_key: keys.reports,
    };
    for (const [id, value] of Object.entries(values)) new TerraformOutput(stack, id, { value });
    const json = JSON.parse(Testing.synth(stack)) as StackJson;
    const states = Object.keys(json.data?.terraform_remote_state ?? {}).map((id) => id.replace(/_[0-9A-F]{8}$/, ""));
    expect(states.sort()).toEqual([
      "upstream-production-global-edge_state",
      "upstream-production-sa-east-1-cluster_state",
      "upstream-production-sa-east-1-data_state",
      "upstream-production-sa-east-1-network_state",
      "upstream-production-us-east-1-data_state",
    ]);
    const out = (id: string) => String(json.output?.[id].value);
    expect(out("vpc")).toMatch(/upstream-production-sa-east-1-network.*\.outputs\.vpc_id\}$/);
    expect(out("vpc_again")).toBe(out("vpc"));
    expect(out("subnets")).toMatch(/\.outputs\.database_subnet_ids\}$/);
    expect(out("issuer")).toMatch(/upstream-production-sa-east-1-cluster.*\.outputs\.oidc_issuer\}$/);
    expect(out("cache")).toMatch(/upstream-production-us-east-1-data.*\.outputs\.cache_global_replication_group_id\}$/);
    expect(out("name_servers")).toMatch(/upstream-production-global-edge.*\.outputs\.name_servers\}$/);
    expect(out("reports_key")).toMatch(/upstream-production-sa-east-1-data.*\.outputs\.bucket_reports_key_arn\}$/);
  });
});
