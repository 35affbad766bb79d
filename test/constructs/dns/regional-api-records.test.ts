import { Testing } from "cdktf";
import { PublicZone } from "../../../constructs/dns/public-zone";
import { RegionalApiRecords, type RegionalApiRecordsProps } from "../../../constructs/dns/regional-api-records";
import { resourcesOf, type StackJson, valuesOf } from "../../helpers";
import { reported } from "../fixtures";

type Props = Omit<RegionalApiRecordsProps, "zone">;

const three: Props["endpoints"] = {
  "sa-east-1": { hostname: "sa.elb.sa-east-1.amazonaws.com", continents: ["SA"] },
  "us-east-1": { hostname: "us.elb.us-east-1.amazonaws.com", continents: ["NA"] },
  "eu-west-1": { hostname: "eu.elb.eu-west-1.amazonaws.com", continents: ["EU"] },
};

function synth(props: Partial<Props> = {}): StackJson {
  return JSON.parse(
    Testing.synthScope((scope) => {
      const zone = new PublicZone(scope, "zone", { zoneName: "aws.plataforma.app" });
      new RegionalApiRecords(scope, "api", {
        zone,
        endpoints: { "sa-east-1": three["sa-east-1"] },
        routing: "simple",
        primaryRegion: "sa-east-1",
        ...props,
      });
    }),
  ) as StackJson;
}

interface Record53 {
  name: string;
  type: string;
  ttl?: number;
  records?: string[];
  set_identifier?: string;
  health_check_id?: string;
  alias?: { name: string; evaluate_target_health: boolean };
  failover_routing_policy?: { type: string };
  latency_routing_policy?: { region: string };
  geolocation_routing_policy?: { continent?: string; country?: string };
}

function routed(json: StackJson): Record<string, Record53> {
  return Object.fromEntries(
    Object.entries(resourcesOf(json, "aws_route53_record"))
      .filter(([id]) => id.startsWith("api_routed"))
      .map(([id, r]) => [id.replace(/^api_routed-|_[0-9A-F]{8}$/g, ""), r as unknown as Record53]),
  );
}

describe("RegionalApiRecords", () => {
  it(
    "defaults: a regional CNAME (TTL 60) to the ingress, an HTTPS health check on /health every 30 s, 3 failures, " +
      "and a simple alias",
    () => {
      const json = synth();
      const records = valuesOf(json, "aws_route53_record") as unknown as Record53[];
      expect(records.find((r) => r.name === "api-sa-east-1.aws.plataforma.app")).toMatchObject({
        type: "CNAME",
        ttl: 60,
        records: ["sa.elb.sa-east-1.amazonaws.com"],
      });
      expect(valuesOf(json, "aws_route53_health_check")).toEqual([
        expect.objectContaining({
          type: "HTTPS",
          fqdn: "api-sa-east-1.aws.plataforma.app",
          port: 443,
          resource_path: "/health",
          request_interval: 30,
          failure_threshold: 3,
          enable_sni: true,
        }),
      ]);
      const { primary } = routed(json);
      expect(primary).toMatchObject({
        name: "api.aws.plataforma.app",
        type: "CNAME",
        alias: { evaluate_target_health: true },
      });
      expect(primary.set_identifier).toBeUndefined();
      expect(primary.health_check_id).toMatch(/aws_route53_health_check\.api_health-sa-east-1/);
    },
  );

  it("uses the given TTL, label and health check settings", () => {
    const json = synth({
      ttlSeconds: 120,
      label: "gateway",
      healthCheck: { path: "/ready", requestIntervalSeconds: 10, failureThreshold: 2 },
    });
    expect(
      (valuesOf(json, "aws_route53_record") as unknown as Record53[]).find(
        (r) => r.name === "gateway-sa-east-1.aws.plataforma.app",
      )?.ttl,
    ).toBe(120);
    expect(valuesOf(json, "aws_route53_health_check")[0]).toMatchObject({
      resource_path: "/ready",
      request_interval: 10,
      failure_threshold: 2,
    });
  });

  it("failover: PRIMARY on the primary region, SECONDARY on the DR region, each with its health check", () => {
    const r = routed(
      synth({
        routing: "failover",
        endpoints: { "sa-east-1": three["sa-east-1"], "us-east-1": three["us-east-1"] },
        secondaryRegion: "us-east-1",
      }),
    );
    expect(r.primary).toMatchObject({ set_identifier: "sa-east-1", failover_routing_policy: { type: "PRIMARY" } });
    expect(r.secondary).toMatchObject({ set_identifier: "us-east-1", failover_routing_policy: { type: "SECONDARY" } });
    expect(r.secondary.health_check_id).toMatch(/api_health-us-east-1/);
  });

  it("latency: one record per region with its latency region", () => {
    const r = routed(synth({ routing: "latency", endpoints: three }));
    expect(
      Object.values(r)
        .map((x) => x.latency_routing_policy?.region)
        .sort(),
    ).toEqual(["eu-west-1", "sa-east-1", "us-east-1"]);
  });

  it("geolocation: one record per continent plus a default (*) record on the primary", () => {
    const r = routed(synth({ routing: "geolocation", endpoints: three }));
    expect(Object.fromEntries(Object.entries(r).map(([k, x]) => [k, x.geolocation_routing_policy]))).toEqual({
      "sa-east-1-SA": { continent: "SA" },
      "us-east-1-NA": { continent: "NA" },
      "eu-west-1-EU": { continent: "EU" },
      default: { country: "*" },
    });
    expect(r.default.alias?.name).toMatch(/api_regional-sa-east-1/);
  });

  it("a region without a health check gets no health check and its record none", () => {
    const json = synth({ endpoints: { "sa-east-1": { ...three["sa-east-1"], healthCheck: false } } });
    expect(valuesOf(json, "aws_route53_health_check")).toEqual([]);
    expect(routed(json).primary.health_check_id).toBeUndefined();
  });

  it("fails with every problem: no secondary for failover, bad TTL, interval and threshold, missing primary", () => {
    const healthCheck = { requestIntervalSeconds: 20, failureThreshold: 11, path: "health" };
    expect(
      reported(() => synth({ routing: "failover", primaryRegion: "eu-west-1", ttlSeconds: 5, healthCheck })),
    ).toEqual([
      ["primaryRegion", "eu-west-1"],
      ["ttlSeconds", 5],
      ["healthCheck.requestIntervalSeconds", 20],
      ["healthCheck.failureThreshold", 11],
      ["healthCheck.path", "health"],
      ["secondaryRegion", undefined],
    ]);
  });

  it("fails when a failover region has no health check", () => {
    const endpoints = {
      "sa-east-1": { ...three["sa-east-1"], healthCheck: false },
      "us-east-1": { ...three["us-east-1"], healthCheck: false },
    };
    expect(reported(() => synth({ routing: "failover", endpoints, secondaryRegion: "us-east-1" }))).toEqual([
      ["secondaryRegion", "us-east-1"],
      ["primaryRegion", "sa-east-1"],
    ]);
  });

  it("fails when latency routing has one region, or geolocation continents are invalid, repeated or absent", () => {
    expect(() => synth({ routing: "latency" })).toThrow(/endpoints: latency routing needs at least two endpoints/);
    const endpoints = {
      "sa-east-1": { hostname: "x.example.com", continents: ["SAM", "SA"] },
      "us-east-1": { hostname: "y.example.com", continents: ["SA"] },
    };
    expect(reported(() => synth({ routing: "geolocation", endpoints }))).toEqual([
      ["endpoints.sa-east-1.continents", "SAM"],
      ["endpoints.us-east-1.continents", "SA"],
    ]);
    expect(() => synth({ routing: "geolocation", endpoints: { "sa-east-1": { hostname: "x.example.com" } } })).toThrow(
      /endpoints: geolocation routing needs at least one continent/,
    );
  });

  it("drains a region by inverting its health check (a failover deploys keep); only checked regions drain", () => {
    const endpoints = {
      "sa-east-1": { ...three["sa-east-1"], drained: true },
      "us-east-1": three["us-east-1"],
    };
    const json = synth({ routing: "failover", endpoints, secondaryRegion: "us-east-1" });
    const checks = Object.fromEntries(
      (valuesOf(json, "aws_route53_health_check") as { fqdn: string; invert_healthcheck?: boolean }[]).map((c) => [
        c.fqdn,
        c.invert_healthcheck,
      ]),
    );
    expect(checks).toEqual({ "api-sa-east-1.aws.plataforma.app": true, "api-us-east-1.aws.plataforma.app": undefined });
    const unchecked = { "sa-east-1": { ...three["sa-east-1"], drained: true, healthCheck: false } };
    expect(reported(() => synth({ endpoints: unchecked }))).toEqual([
      ["endpoints.sa-east-1.drained", true],
      ["endpoints", ["sa-east-1"]],
    ]);
  });
});
