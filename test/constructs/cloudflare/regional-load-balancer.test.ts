import { Testing } from "cdktf";
import {
  RegionalLoadBalancer,
  type RegionalLoadBalancerProps,
} from "../../../constructs/cloudflare/regional-load-balancer";
import { resourcesOf, type StackJson, valuesOf } from "../../helpers";
import { reported } from "../fixtures";

const base: RegionalLoadBalancerProps = {
  accountId: "5f3c1a0e9b8d47c2a6e1f0b9d8c7a6e5",
  zoneId: "9a8b7c6d5e4f40312a1b0c9d8e7f6a5b",
  hostname: "api.plataforma.app",
  name: "plataforma-production",
  origins: {
    "sa-east-1": "api-sa-east-1.aws.plataforma.app",
    "us-east-1": "api-us-east-1.aws.plataforma.app",
    "eu-west-1": "api-eu-west-1.aws.plataforma.app",
  },
  poolOrder: ["sa-east-1", "us-east-1", "eu-west-1"],
  fallbackPool: "us-east-1",
};

function synth(props: Partial<RegionalLoadBalancerProps> = {}): StackJson {
  return JSON.parse(
    Testing.synthScope((scope) => new RegionalLoadBalancer(scope, "api", { ...base, ...props })),
  ) as StackJson;
}

describe("RegionalLoadBalancer", () => {
  const json = synth();

  it("one HTTPS monitor on /health every 60 s with the public Host header", () => {
    expect(valuesOf(json, "cloudflare_load_balancer_monitor")).toEqual([
      expect.objectContaining({
        account_id: base.accountId,
        type: "https",
        method: "GET",
        path: "/health",
        port: 443,
        interval: 60,
        retries: 2,
        timeout: 5,
        expected_codes: "200",
        allow_insecure: false,
        follow_redirects: false,
        header: { Host: ["api.plataforma.app"] },
      }),
    ]);
  });

  it("one pool per region, keyed by region, each with its regional origin and the monitor", () => {
    const pools = resourcesOf(json, "cloudflare_load_balancer_pool");
    expect(
      Object.keys(pools)
        .map((id) => id.replace(/_[0-9A-F]{8}$/, ""))
        .sort(),
    ).toEqual(["api_pool-eu-west-1", "api_pool-sa-east-1", "api_pool-us-east-1"]);
    const sa = Object.values(pools).find((p) => p.name === "plataforma-production-sa-east-1")!;
    expect(sa).toMatchObject({
      account_id: base.accountId,
      enabled: true,
      minimum_origins: 1,
      origins: [
        {
          name: "sa-east-1",
          address: "api-sa-east-1.aws.plataforma.app",
          enabled: true,
          weight: 1,
          header: { host: ["api.plataforma.app"] },
        },
      ],
    });
    expect(String(sa.monitor)).toMatch(/cloudflare_load_balancer_monitor\.api_monitor_\w+\.id/);
  });

  it(
    "a proxied load balancer on the host name: default pools in failover order, the fallback pool, " +
      "strict failover steering",
    () => {
      const [lb] = valuesOf(json, "cloudflare_load_balancer");
      expect(lb).toMatchObject({
        zone_id: base.zoneId,
        name: "api.plataforma.app",
        proxied: true,
        steering_policy: "off",
        session_affinity: "none",
      });
      const poolRef = (region: string) =>
        expect.stringMatching(new RegExp(`^\\$\\{cloudflare_load_balancer_pool\\.api_pool-${region}_\\w+\\.id\\}$`));
      expect(lb.default_pools).toEqual([poolRef("sa-east-1"), poolRef("us-east-1"), poolRef("eu-west-1")]);
      expect(lb.fallback_pool).toEqual(poolRef("us-east-1"));
    },
  );

  it("uses the given steering and monitor settings", () => {
    const custom = synth({
      steeringPolicy: "dynamic_latency",
      monitor: { path: "/ready", intervalSeconds: 120, expectedCodes: "2xx" },
    });
    expect(valuesOf(custom, "cloudflare_load_balancer")[0].steering_policy).toBe("dynamic_latency");
    expect(valuesOf(custom, "cloudflare_load_balancer_monitor")[0]).toMatchObject({
      path: "/ready",
      interval: 120,
      expected_codes: "2xx",
    });
  });

  it(
    "fails with every problem: unknown and repeated pools, fallback outside the order, " +
      "bad monitor timing and path",
    () => {
      const order = ["sa-east-1", "sa-east-1", "ap-south-1"];
      const monitor = { intervalSeconds: 30, timeoutSeconds: 40, path: "health" };
      expect(reported(() => synth({ poolOrder: order, fallbackPool: "eu-west-1", monitor }))).toEqual([
        ["poolOrder", order],
        ["poolOrder", order],
        ["fallbackPool", "eu-west-1"],
        ["monitor.intervalSeconds", 30],
        ["monitor.timeoutSeconds", 40],
        ["monitor.path", "health"],
      ]);
      expect(() => synth({ poolOrder: [] })).toThrow(/poolOrder: is empty \(received: \[\]\)/);
    },
  );

  it("disables the pools of drained regions (a failover deploys keep) and refuses unknown or all pools", () => {
    const json = synth({ disabledPools: ["sa-east-1"] });
    const enabled = Object.fromEntries(
      (valuesOf(json, "cloudflare_load_balancer_pool") as { name: string; enabled: boolean }[]).map((p) => [
        p.name,
        p.enabled,
      ]),
    );
    expect(Object.values(enabled).filter((e) => !e)).toHaveLength(1);
    expect(Object.entries(enabled).find(([, e]) => !e)?.[0]).toMatch(/-sa-east-1$/);
    expect(reported(() => synth({ disabledPools: ["ap-south-1"] }))).toEqual([["disabledPools", ["ap-south-1"]]]);
    const all = Object.keys(base.origins);
    expect(reported(() => synth({ disabledPools: all }))).toEqual([["disabledPools", all]]);
  });
});
