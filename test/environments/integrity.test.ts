/**
 * Issue 15: each finding of "config integrity" is refused with its config path, and the
 * one-pass validator reports structural and cross-field problems together.
 */
import { CACHE_ENGINE_VERSIONS, CACHE_NODE_TYPES } from "../../constructs/cache/cache-catalog";
import { POSTGRES_ENGINE_VERSIONS, POSTGRES_INSTANCE_CLASSES } from "../../constructs/database/postgres-catalog";
import { closest, editDistance } from "../../contracts/suggest";
import {
  DEFAULT_CACHE_ENGINE_VERSION,
  DEFAULT_POSTGRES_VERSION,
  duplicateManifestNames,
  ENVIRONMENTS,
  EnvironmentSchema,
  loadEnvironmentFrom,
  parseEnvironment,
  refineModuleNames,
  tierImpliedBy,
  validateEnvironment,
} from "../../environments";
import { MODULE_CATALOG } from "../../environments/modules/catalog";
import type { EnvironmentInput } from "../../environments/schema";
import { stackName } from "../../naming/derived";
import { cloneInput, problemsOf } from "../helpers";

type Loose = Record<string, unknown>;
const edit = (name: "dev" | "staging" | "production", change: (e: EnvironmentInput & Loose) => void) => {
  const input = cloneInput(name) as EnvironmentInput & Loose;
  change(input);
  return input;
};
const at = (input: unknown, path: string) => problemsOf(input).filter((p) => p.path === path);
const only = (input: unknown, path: string) => {
  const found = at(input, path);
  expect(found).toHaveLength(1);
  return found[0].message;
};

describe("invariant: the tier follows the account and the environment name", () => {
  it("refuses tier development in the production environment and account (copied from dev)", () => {
    const input = edit("production", (e) => {
      e.tier = "development";
    });
    expect(only(input, "tier")).toMatch(
      /tier "development" contradicts the environment name "production", which binds tier "production".*Multi-AZ/,
    );
  });

  it("accepts it only with a reasoned tierException, and refuses a short reason", () => {
    const excused = edit("staging", (e) => {
      e.tier = "development";
      e.tierException = { reason: "load-test rehearsal estate, torn down after the drill on 2026-03-01" };
    });
    expect(at(excused, "tier")).toEqual([]);
    const terse = edit("staging", (e) => {
      e.tier = "development";
      e.tierException = { reason: "temporary" };
    });
    expect(only(terse, "tierException.reason")).toMatch(/at least 20 characters/);
  });

  it("refuses the reverse: a production tier in the dev account", () => {
    const input = edit("dev", (e) => {
      e.tier = "production";
    });
    expect(only(input, "tier")).toMatch(/tier "production" contradicts the environment name "dev"/);
  });

  it("refuses an environment named for one tier in an account named for another", () => {
    const input = edit("staging", (e) => {
      e.account = { id: "333333333333", name: "plataforma-production" };
    });
    expect(only(input, "account.name")).toMatch(/environment "staging" \(a staging name\) is bound to account/);
  });

  it("refuses an exception that excuses nothing", () => {
    const input = edit("dev", (e) => {
      e.tierException = { reason: "nothing to excuse here, really, at all" };
    });
    expect(only(input, "tierException")).toMatch(/already matches.*Fix: remove tierException/);
  });

  it("reads tiers from name parts, and binds nothing for neutral names", () => {
    expect(tierImpliedBy("plataforma-production")).toBe("production");
    expect(tierImpliedBy("acme-prd")).toBe("production");
    expect(tierImpliedBy("plataforma-staging")).toBe("staging");
    expect(tierImpliedBy("plataforma-dev")).toBe("development");
    expect(tierImpliedBy("acme-main")).toBeUndefined();
    expect(tierImpliedBy("devops-production")).toBe("production"); // "devops" is not the part "dev"
  });
});

describe("invariant: the DR region's endpoints are its own", () => {
  it("refuses a DR ingress host name copied from the primary", () => {
    const input = edit("staging", (e) => {
      e.edge!.regions!["us-east-1"]!.ingressHostname = e.edge!.regions!["sa-east-1"]!.ingressHostname;
    });
    expect(only(input, "edge.regions.us-east-1.ingressHostname")).toMatch(
      /the DR region us-east-1 has the same ingress host name as sa-east-1/,
    );
  });

  it("refuses a load balancer host name of another region", () => {
    const input = edit("staging", (e) => {
      e.edge!.regions!["us-east-1"]!.ingressHostname = "plataforma-staging-dr-ingress.elb.sa-east-1.amazonaws.com";
    });
    expect(only(input, "edge.regions.us-east-1.ingressHostname")).toMatch(/is a load balancer in sa-east-1/);
  });
});

describe("invariant: DR capacity keeps the strategy's promise", () => {
  it("refuses a warm-standby DR node group smaller than the primary's", () => {
    const input = edit("production", (e) => {
      e.regions["us-east-1"]!.cluster!.nodeGroups.modules.maxSize = 4;
    });
    expect(only(input, "regions.us-east-1.cluster.nodeGroups.modules.maxSize")).toMatch(
      /strategy "warm-standby" promises DR region us-east-1 can take all traffic.*4 nodes against the primary's 20/,
    );
  });

  it("leaves pilot light to the failover timeline (scale-up is part of its RTO)", () => {
    const input = edit("staging", (e) => {
      e.regions["us-east-1"]!.cluster!.nodeGroups.main.maxSize = 1;
    });
    expect(at(input, "regions.us-east-1.cluster.nodeGroups.main.maxSize")).toEqual([]);
  });
});

describe("invariant: names agree", () => {
  it("refuses an environment whose name differs from its key (the loader path)", () => {
    const environments = { staging: { ...cloneInput("staging"), name: "stage" } };
    expect(() => loadEnvironmentFrom(environments, "staging")).toThrow(
      /name: environment staging is named "stage": its stacks would be stage-<region>-<layer>/,
    );
  });

  it("ships environments whose key, name and stack prefix are one", () => {
    for (const key of Object.keys(ENVIRONMENTS)) {
      const env = loadEnvironmentFrom(ENVIRONMENTS, key);
      expect(env.name).toBe(key);
      expect(stackName(env, env.primaryRegion, "network").startsWith(`${key}-`)).toBe(true);
    }
  });

  it("ships a module catalog with unique manifest names", () => {
    expect(duplicateManifestNames(MODULE_CATALOG)).toEqual([]);
  });

  it("refuses two modules with one manifest name in a region", () => {
    const catalog = { vendas: MODULE_CATALOG.vendas, "vendas-v2": { ...MODULE_CATALOG.vendas } };
    expect(duplicateManifestNames(catalog).map((d) => d.key)).toEqual(["vendas-v2"]);
    const problems: string[] = [];
    refineModuleNames({ workloads: { regions: { "sa-east-1": { modules: catalog } } } }, (path, message) =>
      problems.push(`${path.join(".")}: ${message}`),
    );
    expect(problems).toEqual([
      expect.stringMatching(
        /^workloads\.regions\.sa-east-1\.modules\.vendas-v2\.name: .*already used by module vendas.*module-vendas/,
      ),
    ]);
  });
});

describe("catalogs: instance classes, node types and engine versions", () => {
  const withDb = (change: Loose) => edit("dev", (e) => Object.assign(e.data!.database as Loose, change));
  it("refuses db.t4g.mediun with a suggestion", () => {
    expect(only(withDb({ instanceClass: "db.t4g.mediun" }), "data.database.instanceClass")).toMatch(
      /"db.t4g.mediun" is not a known PostgreSQL DB instance class, did you mean "db.t4g.medium"\? Fix: use "db.t4g/,
    );
  });

  it("refuses cache.t4g.smal with a suggestion", () => {
    const input = edit("staging", (e) => {
      e.data!.cache!.nodeType = "cache.t4g.smal";
    });
    expect(only(input, "data.cache.nodeType")).toMatch(/did you mean "cache.t4g.small"\?/);
  });

  it("refuses PostgreSQL 16.99 and an Aurora-only class on RDS", () => {
    expect(only(withDb({ engineVersion: "16.99" }), "data.database.engineVersion")).toMatch(
      /"16.99" is not a known PostgreSQL engine version/,
    );
    expect(only(withDb({ instanceClass: "db.r7i.large" }), "data.database.instanceClass")).toMatch(
      /rds PostgreSQL does not offer db.r7i.large/,
    );
  });

  it("refuses a Redis version ElastiCache does not offer", () => {
    const input = edit("staging", (e) => {
      e.data!.cache!.engineVersion = "7.2";
    });
    expect(only(input, "data.cache.engineVersion")).toMatch(/redis 7.2 is not offered/);
  });

  it("hold the shipped values and defaults, in the shapes the provider arguments take", () => {
    // @cdktf/provider-aws 20.1.0 types instance_class, node_type and engine_version as free
    // strings (no enum, no validation regex in hashicorp/aws 5.100.0): the shapes below are
    // what the RDS and ElastiCache APIs document, and the catalog is the only check.
    for (const classes of Object.values(POSTGRES_INSTANCE_CLASSES)) {
      for (const c of classes) expect(c).toMatch(/^db\.[a-z0-9]+\.(micro|small|medium|large|\d*xlarge)$/);
    }
    for (const t of CACHE_NODE_TYPES) expect(t).toMatch(/^cache\.[a-z0-9]+\.(micro|small|medium|large|\d*xlarge)$/);
    for (const versions of [...Object.values(POSTGRES_ENGINE_VERSIONS), ...Object.values(CACHE_ENGINE_VERSIONS)]) {
      for (const v of versions) expect(v).toMatch(/^\d+\.\d+$/);
      expect(new Set(versions).size).toBe(versions.length);
    }
    expect(POSTGRES_ENGINE_VERSIONS.rds).toContain(DEFAULT_POSTGRES_VERSION);
    expect(POSTGRES_ENGINE_VERSIONS.aurora).toContain(DEFAULT_POSTGRES_VERSION);
    expect(CACHE_ENGINE_VERSIONS.redis).toContain(DEFAULT_CACHE_ENGINE_VERSION);
    expect(POSTGRES_INSTANCE_CLASSES.aurora).toContain("db.r6g.xlarge");
    expect(POSTGRES_INSTANCE_CLASSES.rds).toContain("db.t4g.medium");
    expect(CACHE_NODE_TYPES).toEqual(expect.arrayContaining(["cache.r6g.large", "cache.t4g.small", "cache.t4g.micro"]));
  });
});

describe("one pass", () => {
  it("reports a typo'd key, an overlapping CIDR and a bad instance type together, sorted by path", () => {
    const input = edit("production", (e) => {
      const network = e.regions["us-east-1"]!.network as Loose;
      network.natGateway = network.natGateways;
      delete network.natGateways;
      e.regions["eu-west-1"]!.network.vpcCidr = "10.30.128.0/17";
      e.regions["sa-east-1"]!.cluster!.nodeGroups.main.instanceTypes = ["m6i.xlarg"];
    });
    const paths = problemsOf(input).map((p) => p.path);
    expect(paths).toEqual(
      expect.arrayContaining([
        "regions.eu-west-1.network.vpcCidr",
        "regions.sa-east-1.cluster.nodeGroups.main.instanceTypes.0",
        "regions.us-east-1.network.natGateway",
      ]),
    );
    expect(paths).toEqual([...paths].sort());
    expect(problemsOf(input).find((p) => p.path === "regions.us-east-1.network.natGateway")?.message).toMatch(
      /unknown key "natGateway", did you mean "natGateways"\? Fix: rename it to "natGateways"/,
    );
  });

  it("runs the cross-field rules of the sections that parsed when another section is broken", () => {
    const input = edit("production", (e) => {
      (e as Loose).tags = 42;
      e.regions["us-east-1"]!.network.vpcCidr = "10.30.0.0/16";
    });
    expect(problemsOf(input).map((p) => p.path)).toEqual(
      expect.arrayContaining(["regions.us-east-1.network.vpcCidr", "tags"]),
    );
  });

  it("reports a missing required key as missing, with what to add", () => {
    const input = edit("staging", (e) => {
      delete (e.regions["us-east-1"] as Loose).role;
    });
    expect(only(input, "regions.us-east-1.role")).toBe(
      'missing required key "role". Fix: add it with one of "primary", "dr", "serving"',
    );
    const engine = edit("dev", (e) => {
      delete (e.data!.database as Loose).engine;
    });
    expect(only(engine, "data.database.engine")).toMatch(/^missing required key "engine"/);
  });

  it("names an unknown region as a region, with a suggestion, as key and as value", () => {
    const key = edit("dev", (e) => {
      (e.regions as Loose)["sa-east1"] = e.regions["sa-east-1"];
      delete (e.regions as Loose)["sa-east-1"];
    });
    expect(only(key, "regions.sa-east1")).toMatch(/^unknown region "sa-east1", did you mean "sa-east-1"\?/);
    const value = edit("dev", (e) => {
      (e as Loose).primaryRegion = "sa-east1";
    });
    expect(only(value, "primaryRegion")).toMatch(/^unknown region "sa-east1", did you mean "sa-east-1"\?/);
  });

  it("suggests the closest value for enum-like fields", () => {
    const input = edit("dev", (e) => {
      (e.regions["sa-east-1"]!.network as Loose).natGateways = "singel";
    });
    expect(only(input, "regions.sa-east-1.network.natGateways")).toMatch(/did you mean "single"\?/);
  });

  it("refuses an expired suppression at policies.suppressions.N.expires", () => {
    const input = cloneInput("production");
    expect(() => parseEnvironment(input, "test", { today: "2028-01-01" })).toThrow(
      /policies\.suppressions\.1\.expires: the suppression of RES-PERSONAL-DATA-REGION expired on 2027-11-30/,
    );
    expect(parseEnvironment(cloneInput("production"), "test", { today: "2027-11-30" }).name).toBe("production");
  });

  it("reads a quoted number as the number for the cross-field rules, and still reports the type", () => {
    const regions = edit("staging", (e) => {
      (e.regions["us-east-1"]!.cluster!.nodeGroups.main as Loose).maxSize = "4";
      e.regions["us-east-1"]!.network.vpcCidr = "10.20.128.0/17";
    });
    expect(problemsOf(regions).map((p) => p.path)).toEqual([
      "regions.sa-east-1.network.peerRegions.0",
      "regions.us-east-1.cluster.nodeGroups.main.maxSize",
      "regions.us-east-1.network.vpcCidr",
    ]);
    const data = edit("staging", (e) => {
      (e.data!.cache as Loose).shards = "1";
      (e.data!.database as Loose).backupRetentionDays = 3;
    });
    expect(problemsOf(data).map((p) => p.path)).toEqual(["data.cache.shards", "data.database.backupRetentionDays"]);
    expect(only(data, "data.cache.shards")).toMatch(/expected number, received string\. Fix: provide a number/);
  });

  it("reports a misspelled nested key once, as the key it misspells (not also as a missing key)", () => {
    const input = edit("dev", (e) => {
      const network = e.regions["sa-east-1"]!.network as Loose;
      network.natGateway = network.natGateways;
      delete network.natGateways;
    });
    expect(problemsOf(input)).toEqual([
      expect.objectContaining({
        path: "regions.sa-east-1.network.natGateway",
        message: expect.stringMatching(/^unknown key "natGateway", did you mean "natGateways"\?/),
      }),
    ]);
  });

  it("refuses a suppression of a rule the packs do not have, at its ruleId, with a suggestion", () => {
    const input = edit("production", (e) => {
      e.policies!.suppressions![0]!.ruleId = "DP-S3-VERSIONNING";
    });
    expect(only(input, "policies.suppressions.0.ruleId")).toBe(
      '"DP-S3-VERSIONNING" is not a rule of the policy packs, did you mean "DP-S3-VERSIONING"? ' +
        "Fix: copy the id from the policy report (npm run policy -- --catalog lists every rule)",
    );
  });

  it("says how many zones a region lists and how many it needs, without contradicting itself", () => {
    const input = edit("dev", (e) => {
      e.regions["sa-east-1"]!.availabilityZones = ["sa-east-1a", "sa-east-1b"];
    });
    expect(only(input, "regions.sa-east-1.availabilityZones")).toBe(
      "list exactly 3 availability zones (the subnet tiers span three zones), got 2. Fix: list 3 zones of the region",
    );
  });

  it("refuses an edge endpoint for a region without a cluster (no ingress behind its host name)", () => {
    const input = edit("staging", (e) => {
      delete (e.regions["us-east-1"] as Loose).cluster;
    });
    const message = only(input, "edge.regions.us-east-1.ingressHostname");
    expect(message).toMatch(/^region us-east-1 has no cluster, so no ingress load balancer stands behind /);
    expect(message).toMatch(/Fix: add regions\.us-east-1\.cluster$/);
  });

  it("lists each problem once", () => {
    const input = edit("production", (e) => {
      e.regions["us-east-1"]!.network.vpcCidr = "10.30.0.0/16";
    });
    const problems = problemsOf(input).map((p) => `${p.path} ${p.message}`);
    expect(new Set(problems).size).toBe(problems.length);
  });

  it("parses the shipped environments exactly as the whole-object schema does", () => {
    for (const input of Object.values(ENVIRONMENTS)) {
      const result = validateEnvironment(structuredClone(input));
      expect(result.success && result.data).toEqual(EnvironmentSchema.parse(structuredClone(input)));
    }
  });
});

describe("did you mean", () => {
  it("measures edit distance and offers only typos", () => {
    expect(editDistance("natGateway", "natGateways")).toBe(1);
    expect(closest("mulitAz", ["multiAz", "readReplicas"])).toBe("multiAz");
    expect(closest("prod", ["dev", "production"])).toBe("production");
    expect(closest("zzzzzz", ["multiAz"])).toBeUndefined();
  });
});
