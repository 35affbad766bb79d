import { ISO_3166_ALPHA2, isCountryCode } from "../../constructs/edge/geo-codes";
import { loadEnvironment, parseEnvironment } from "../../environments";
import type { EnvironmentInput } from "../../environments/schema";
import { moduleBundleBucket, route53ZoneName, secondaryRegion } from "../../naming/derived";
import { cloneInput, problemsOf } from "../helpers";

type EdgeInput = NonNullable<EnvironmentInput["edge"]>;

/** A shipped environment with its edge section changed by `edit`. */
function withEdge(
  name: "dev" | "staging" | "production",
  edit: (edge: EdgeInput, env: EnvironmentInput) => void,
): EnvironmentInput {
  const env = cloneInput(name);
  edit(env.edge!, env);
  return env;
}

/** The problems at `path` (exact) for an input. */
function at(input: unknown, path: string): string[] {
  return problemsOf(input)
    .filter((p) => p.path === path)
    .map((p) => p.message);
}

describe("edge config: shipped values", () => {
  it("dev: Route 53 primary, simple routing, no Cloudflare, seed 003 WAF defaults", () => {
    const edge = loadEnvironment("dev").edge!;
    expect(edge.primary).toBe("route53");
    expect(edge.route53).toMatchObject({
      routing: "simple",
      recordTtlSeconds: 60,
      apiRecordName: "api",
      healthCheck: { path: "/health", requestIntervalSeconds: 30, failureThreshold: 3 },
    });
    expect(edge.waf).toEqual({
      rateLimitPer5Minutes: 2000,
      allowedCountries: ["BR", "US", "GB"],
      botControl: false,
      logRetentionDays: 30,
    });
    expect(edge.cloudflare).toBeUndefined();
  });

  it(
    "applies the seed cache TTLs by default (module code 24 h / 1 year, " + "manifests 1 h, static 7 days / 1 year)",
    () => {
      const cache = loadEnvironment("dev").edge!.cloudfront.cache;
      expect(cache.moduleCode).toEqual({ min: 0, default: 86_400, max: 31_536_000 });
      expect(cache.manifests).toEqual({ min: 0, default: 3_600, max: 86_400 });
      expect(cache.staticAssets).toEqual({ min: 0, default: 604_800, max: 31_536_000 });
    },
  );

  it("staging fails over sa-east-1 -> us-east-1", () => {
    const env = loadEnvironment("staging");
    expect(env.edge!.route53.routing).toBe("failover");
    expect(secondaryRegion(env)).toBe("us-east-1");
  });

  it("production: Cloudflare primary, geolocation SA/NA/EU, Route 53 in a delegated subdomain", () => {
    const env = loadEnvironment("production");
    const edge = env.edge!;
    expect(edge.primary).toBe("cloudflare");
    expect(edge.route53.routing).toBe("geolocation");
    expect(Object.fromEntries(Object.entries(edge.regions).map(([r, e]) => [r, e.continents]))).toEqual({
      "sa-east-1": ["SA"],
      "us-east-1": ["NA"],
      "eu-west-1": ["EU"],
    });
    expect(route53ZoneName(env)).toBe("aws.plataforma.app");
    expect(edge.cloudflare).toMatchObject({
      zoneName: "plataforma.app",
      poolOrder: ["sa-east-1", "us-east-1", "eu-west-1"],
      fallbackPool: "us-east-1",
      steeringPolicy: "off",
    });
    expect(edge.cloudflare!.monitor).toEqual({
      path: "/health",
      intervalSeconds: 60,
      retries: 2,
      timeoutSeconds: 5,
      expectedCodes: "200",
    });
    expect(edge.cloudflare!.rateLimit).toEqual({
      requestsPerPeriod: 2000,
      periodSeconds: 300,
      mitigationTimeoutSeconds: 600,
    });
  });

  it("the edge section is optional: without it there is nothing to check", () => {
    const env = cloneInput("dev");
    delete env.edge;
    expect(problemsOf(env)).toEqual([]);
    expect(route53ZoneName(parseEnvironment(env))).toBe("dev.plataforma.app");
  });

  it("finds the module-bundles bucket in the data catalog", () => {
    expect(moduleBundleBucket(loadEnvironment("dev"))).toBe("module_bundles");
  });
});

describe("geo codes", () => {
  it("holds the 249 assigned ISO 3166-1 alpha-2 codes, without duplicates or UK", () => {
    expect(ISO_3166_ALPHA2).toHaveLength(249);
    expect(new Set(ISO_3166_ALPHA2).size).toBe(249);
    expect(isCountryCode("BR")).toBe(true);
    expect(isCountryCode("UK")).toBe(false);
    expect(isCountryCode("br")).toBe(false);
  });
});

describe("edge config: validation failures", () => {
  it("fails when an allowed country is not ISO 3166-1 alpha-2", () => {
    const input = withEdge("dev", (e) => {
      e.waf = { allowedCountries: ["BR", "UK"] };
    });
    expect(at(input, "edge.waf.allowedCountries.1")[0]).toMatch(
      /"UK" is not an ISO 3166-1 alpha-2 country code\. Fix: .*"GB"/,
    );
  });

  it("fails when an allowed country repeats", () => {
    const input = withEdge("dev", (e) => {
      e.waf = { allowedCountries: ["BR", "BR"] };
    });
    expect(at(input, "edge.waf.allowedCountries")[0]).toMatch(/countries repeat: BR/);
  });

  it("fails when the WAF rate limit is below the floor", () => {
    const input = withEdge("dev", (e) => {
      e.waf = { rateLimitPer5Minutes: 50 };
    });
    expect(at(input, "edge.waf.rateLimitPer5Minutes")).toHaveLength(1);
  });

  it("fails when a geolocation continent is not a Route 53 continent code", () => {
    const input = withEdge("production", (e) => {
      e.regions["eu-west-1"]!.continents = ["EUR" as "EU"];
    });
    expect(at(input, "edge.regions.eu-west-1.continents.0")[0]).toMatch(
      /"EUR" is not a Route 53 continent code, did you mean "EU"\? Fix: use one of AF, AN, AS, EU, NA, OC, SA/,
    );
  });

  it("fails when a continent is routed to two regions", () => {
    const input = withEdge("production", (e) => {
      e.regions["eu-west-1"]!.continents = ["SA"];
    });
    expect(at(input, "edge.regions.eu-west-1.continents.0")[0]).toMatch(
      /continent SA is routed to both sa-east-1 and eu-west-1/,
    );
  });

  it("fails when geolocation routing has a region without continents", () => {
    const input = withEdge("production", (e) => {
      e.regions["eu-west-1"]!.continents = [];
    });
    expect(at(input, "edge.regions.eu-west-1.continents")[0]).toMatch(/needs the continents region eu-west-1 serves/);
  });

  it("fails when continents are given without geolocation routing", () => {
    const input = withEdge("staging", (e) => {
      e.regions["us-east-1"]!.continents = ["NA"];
    });
    expect(at(input, "edge.regions.us-east-1.continents")[0]).toMatch(
      /only used by geolocation routing, but routing is "failover"/,
    );
  });

  it("fails when failover routing has no secondary region", () => {
    const input = withEdge("dev", (e) => {
      e.route53.routing = "failover";
    });
    expect(at(input, "edge.route53.routing")[0]).toMatch(
      /failover routing needs a secondary region with role "dr" or "serving".*Fix: add a DR region/,
    );
  });

  it("fails when the failover secondary or the primary has no health check", () => {
    const input = withEdge("staging", (e) => {
      e.regions["us-east-1"]!.healthCheck = false;
      e.regions["sa-east-1"]!.healthCheck = false;
    });
    expect(at(input, "edge.regions.us-east-1.healthCheck")[0]).toMatch(
      /failover secondary us-east-1 has no health check/,
    );
    expect(at(input, "edge.regions.sa-east-1.healthCheck")[0]).toMatch(
      /needs a health check on the primary region sa-east-1/,
    );
  });

  it("fails when latency routing has a single region", () => {
    const input = withEdge("dev", (e) => {
      e.route53.routing = "latency";
    });
    expect(at(input, "edge.route53.routing")[0]).toMatch(/latency routing needs at least two regions/);
  });

  it("fails when a routed record's TTL would defeat failover, or a TTL is out of bounds", () => {
    const long = withEdge("staging", (e) => {
      e.route53.recordTtlSeconds = 3600;
    });
    expect(at(long, "edge.route53.recordTtlSeconds")[0]).toMatch(
      /TTL of 3600 s keeps resolvers on a failed region.*Fix: use 300 s or less/,
    );
    const tiny = withEdge("dev", (e) => {
      e.route53.recordTtlSeconds = 5;
    });
    expect(at(tiny, "edge.route53.recordTtlSeconds")).toHaveLength(1);
  });

  it("fails when the health check interval is not 10 or 30 seconds", () => {
    const input = withEdge("dev", (e) => {
      e.route53.healthCheck = { requestIntervalSeconds: 20 };
    });
    expect(at(input, "edge.route53.healthCheck.requestIntervalSeconds")[0]).toMatch(
      /Route 53 health check interval 20 is not accepted\. Fix: use one of 10, 30/,
    );
  });

  it("fails when a region has no endpoint, or an endpoint names an unconfigured region", () => {
    const missing = withEdge("staging", (e) => {
      delete e.regions["us-east-1"];
    });
    expect(at(missing, "edge.regions")[0]).toMatch(/region us-east-1 has no API endpoint/);
    const extra = withEdge("dev", (e) => {
      e.regions["us-west-2"] = { ingressHostname: "x.elb.us-west-2.amazonaws.com" };
    });
    expect(at(extra, "edge.regions.us-west-2")[0]).toMatch(/not a configured region \[sa-east-1\]/);
  });

  it("fails when CloudFront's host name is outside the Route 53 zone", () => {
    const input = withEdge("dev", (e) => {
      e.cloudfront.hostname = "modules.example.com";
    });
    expect(at(input, "edge.cloudfront.hostname")[0]).toMatch(
      /not under the Route 53 zone dev\.plataforma\.app.*Fix: use a name such as modules\.dev\.plataforma\.app/,
    );
  });

  it("fails when cache TTLs are out of order or beyond a year", () => {
    const order = withEdge("dev", (e) => {
      e.cloudfront.cache = { manifests: { min: 0, default: 7200, max: 3600 } };
    });
    expect(at(order, "edge.cloudfront.cache.manifests")[0]).toMatch(/min <= default <= max, got 0 \/ 7200 \/ 3600/);
    const big = withEdge("dev", (e) => {
      e.cloudfront.cache = { moduleCode: { min: 0, default: 86_400, max: 40_000_000 } };
    });
    expect(at(big, "edge.cloudfront.cache.moduleCode.max")).toHaveLength(1);
  });

  it("fails when production keeps WAF or DNS query logs less than a year", () => {
    const input = withEdge("production", (e) => {
      e.waf!.logRetentionDays = 180;
      e.route53.queryLogRetentionDays = 90;
    });
    expect(at(input, "edge.waf.logRetentionDays")[0]).toMatch(/production keeps WAF logs at least 365 days .*got 180/);
    expect(at(input, "edge.route53.queryLogRetentionDays")[0]).toMatch(
      /production keeps DNS query logs at least 365 days .*got 90. Fix: set queryLogRetentionDays to 365 or more/,
    );
  });

  it("fails when Cloudflare is primary but not configured", () => {
    const input = withEdge("dev", (e) => {
      e.primary = "cloudflare";
    });
    expect(at(input, "edge.primary")[0]).toMatch(/primary edge is "cloudflare" but edge.cloudflare is not configured/);
  });

  it(
    "fails when Cloudflare pools name regions without endpoints, repeat, start outside the primary, " +
      "or the fallback is not a pool",
    () => {
      const input = withEdge("production", (e) => {
        e.cloudflare!.poolOrder = ["us-east-1", "us-east-1", "ap-south-1"];
        e.cloudflare!.fallbackPool = "eu-west-1";
      });
      expect(at(input, "edge.cloudflare.poolOrder.2")[0]).toMatch(/pool region ap-south-1 has no edge endpoint/);
      expect(at(input, "edge.cloudflare.poolOrder")[0]).toMatch(/regions repeat/);
      expect(at(input, "edge.cloudflare.poolOrder.0")[0]).toMatch(
        /first pool is us-east-1 but the primary region .* is sa-east-1/,
      );
      expect(at(input, "edge.cloudflare.fallbackPool")[0]).toMatch(/fallback pool eu-west-1 is not in poolOrder/);
    },
  );

  it("fails when Route 53 and Cloudflare would both answer the same zone", () => {
    const input = withEdge("production", (e) => {
      e.route53.zoneName = "plataforma.app";
      e.cloudfront.hostname = "modules.plataforma.app";
    });
    expect(at(input, "edge.route53.zoneName")[0]).toMatch(
      /must be a subdomain it delegates.*Fix: set edge.route53.zoneName to e.g. aws.plataforma.app/,
    );
  });

  it("fails when the Cloudflare zone does not hold the domain, or an id / rate-limit period is malformed", () => {
    const input = withEdge("production", (e) => {
      e.cloudflare!.zoneName = "example.com";
      e.cloudflare!.zoneId = "not-an-id";
      e.cloudflare!.rateLimit = { periodSeconds: 30 };
    });
    expect(at(input, "edge.cloudflare.zoneName")[0]).toMatch(
      /does not contain the environment's domain plataforma.app/,
    );
    expect(at(input, "edge.cloudflare.zoneId")[0]).toMatch(/is not a Cloudflare id/);
    expect(at(input, "edge.cloudflare.rateLimit.periodSeconds")[0]).toMatch(
      /Cloudflare rate-limit period 30 is not accepted/,
    );
  });

  it("fails when there is no module-bundles bucket to serve", () => {
    const input = withEdge("dev", (_e, env) => {
      delete env.data!.buckets!.module_bundles;
    });
    expect(at(input, "data.buckets")[0]).toMatch(
      /bucket of kind "module-bundles".*Fix: add data.buckets.module_bundles/,
    );
  });

  it("rejects unknown keys (typos) in the edge section", () => {
    const input = withEdge("dev", (e) => {
      (e.route53 as Record<string, unknown>).ttl = 60;
    });
    expect(at(input, "edge.route53.ttl")[0]).toMatch(/unknown key "ttl". Fix: remove it/);
  });
});

describe("edge config: field-level failures", () => {
  it(
    "fails on malformed fields, each at its path: ingress host, health path, steering, monitor interval, record " +
      "name, log retention, API label",
    () => {
      const input = withEdge("production", (e) => {
        e.regions["sa-east-1"]!.ingressHostname = "Not_A_Host";
        e.route53.healthCheck = { path: "health" };
        e.route53.apiRecordName = "API";
        e.cloudfront.accessLogRetentionDays = 0;
        e.cloudflare!.steeringPolicy = "geo" as "off";
        e.cloudflare!.monitor = { intervalSeconds: 30 };
        e.cloudflare!.records = { "Bad Name": { type: "A", content: "76.76.21.21" } };
      });
      const paths = problemsOf(input).map((p) => p.path);
      expect(paths).toEqual(
        expect.arrayContaining([
          "edge.regions.sa-east-1.ingressHostname",
          "edge.route53.healthCheck.path",
          "edge.route53.apiRecordName",
          "edge.cloudfront.accessLogRetentionDays",
          "edge.cloudflare.steeringPolicy",
          "edge.cloudflare.monitor.intervalSeconds",
          `edge.cloudflare.records["Bad Name"]`,
        ]),
      );
      expect(at(input, "edge.route53.healthCheck.path")[0]).toMatch(
        /"health" is not an absolute URL path\. Fix: use a path such as "\/health"/,
      );
    },
  );
});
