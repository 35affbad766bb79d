import { ENVIRONMENT_NAMES, loadEnvironment } from "../../environments";
import {
  accessLogBucketLogical,
  activeDrRegion,
  belongsToEnvironment,
  bootstrapStackName,
  bucketName,
  cacheRegions,
  clusterRegions,
  dataRegions,
  drStandbyRegion,
  keyAlias,
  regionalApiHostname,
  replicaBucketLogical,
  resourcePrefix,
  stackName,
  stateBucketName,
  stateKey,
} from "../../naming/derived";
import { buildStacks } from "../helpers";

describe("naming/derived", () => {
  const dev = loadEnvironment("dev");
  const staging = loadEnvironment("staging");
  const production = loadEnvironment("production");

  it("names stacks, prefixes, buckets, keys and state from project, environment, region and account", () => {
    expect(stackName(production, "sa-east-1", "data")).toBe("production-sa-east-1-data");
    expect(bootstrapStackName(production)).toBe("bootstrap-plataforma-production");
    expect(resourcePrefix(production, "us-east-1")).toBe("plataforma-production-us-east-1");
    expect(keyAlias(production, "us-east-1", "storage")).toBe("plataforma-production-us-east-1-storage");
    const account = production.account.id;
    expect(bucketName(production, replicaBucketLogical("vendas_documents"))).toBe(
      `plataforma-production-vendas-documents-replica-${account}`,
    );
    expect(bucketName(production, accessLogBucketLogical("sa-east-1"))).toBe(
      `plataforma-production-access-logs-sa-east-1-${account}`,
    );
    expect(stateBucketName(production)).toBe(production.state.bucket ?? `plataforma-tfstate-${account}`);
    expect(stateKey(production, "production-sa-east-1-data")).toBe("production/production-sa-east-1-data.tfstate");
  });

  it("knows exactly which stacks belong to an environment: what buildApp builds for it", () => {
    const { stacks } = buildStacks([...ENVIRONMENT_NAMES]);
    for (const name of ENVIRONMENT_NAMES) {
      const env = loadEnvironment(name);
      const own = stacks
        .filter((s) => s.env.name === name || s.node.id === bootstrapStackName(env))
        .map((s) => s.node.id);
      expect(stacks.map((s) => s.node.id).filter((id) => belongsToEnvironment(env, id))).toEqual(own);
    }
  });

  it("does not let an environment claim another's stacks when names share a prefix", () => {
    const prod = { name: "prod", account: { name: "prod" }, regions: { "sa-east-1": {} } };
    expect(belongsToEnvironment(prod, "prod-sa-east-1-data")).toBe(true);
    expect(belongsToEnvironment(prod, "prod-global-edge")).toBe(true);
    expect(belongsToEnvironment(prod, "bootstrap-prod")).toBe(true);
    expect(belongsToEnvironment(prod, "prod-eu-sa-east-1-data")).toBe(false);
    expect(belongsToEnvironment(prod, "prod-us-east-1-data")).toBe(false);
    expect(belongsToEnvironment(prod, "prod-sa-east-1-unknown")).toBe(false);
  });

  it("derives data, cache, cluster and DR regions from the shipped configs", () => {
    expect(dataRegions(dev)).toEqual(["sa-east-1"]);
    expect(dataRegions(staging)).toEqual(["sa-east-1", "us-east-1"]);
    expect(dataRegions(production)).toEqual(["sa-east-1", "us-east-1"]);
    expect(cacheRegions(production)).toEqual(["sa-east-1", "us-east-1"]);
    expect(clusterRegions(production)).toEqual(["sa-east-1", "us-east-1", "eu-west-1"]);
    expect(drStandbyRegion(production)).toBe("us-east-1");
    expect(activeDrRegion(staging)).toBe("us-east-1");
  });

  it("treats a DR region as active only for strategies that keep a standby", () => {
    const dr = (strategy: string, region?: string) => ({ dr: { strategy, region } });
    expect(activeDrRegion(dr("backup-restore", "us-east-1"))).toBeUndefined();
    expect(activeDrRegion(dr("none", "us-east-1"))).toBeUndefined();
    expect(activeDrRegion(dr("pilot-light", "us-east-1"))).toBe("us-east-1");
    expect(activeDrRegion(dr("warm-standby"))).toBeUndefined();
  });

  it("names the regional API records Cloudflare pools point at as the edge stack creates them", () => {
    const edge = production.edge!;
    const { json } = buildStacks(["production"]);
    const records = Object.values(json("production-global-edge").resource?.aws_route53_record ?? {}).map((r) => r.name);
    for (const region of Object.keys(edge.regions)) {
      expect(records).toContain(regionalApiHostname(production, edge, region));
    }
  });
});
