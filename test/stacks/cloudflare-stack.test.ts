import { Testing } from "cdktf";
import { parseEnvironment } from "../../environments";
import { CloudflareStack } from "../../stacks/cloudflare-stack";
import { buildStacks, cloneInput, resourcesOf, valuesOf } from "../helpers";

describe("CloudflareStack", () => {
  const built = buildStacks(["dev", "production"]);
  const json = built.json("production-global-cloudflare");

  it("exists only where edge.cloudflare is configured", () => {
    expect(built.stacks.filter((s) => s instanceof CloudflareStack).map((s) => s.node.id)).toEqual([
      "production-global-cloudflare",
    ]);
  });

  it("uses only the cloudflare provider, with no token in code (read from CLOUDFLARE_API_TOKEN)", () => {
    expect(Object.keys(json.terraform.required_providers ?? {})).toEqual(["cloudflare"]);
    expect(json.provider?.aws).toBeUndefined();
    expect(json.provider?.cloudflare).toEqual([{}]);
    expect(json.terraform.backend).toEqual({
      local: { path: "../../../terraform-state/production-global-cloudflare.tfstate" },
    });
    const stack = built.stacks.find((s) => s.node.id === "production-global-cloudflare")!;
    expect(() => stack.aws).toThrow(/built with awsProvider: false/);
  });

  it("online: S3 state backend without an AWS provider", () => {
    const online = buildStacks(["production"], "online").json("production-global-cloudflare");
    expect(online.terraform.backend).toHaveProperty("s3");
    expect(online.provider?.aws).toBeUndefined();
  });

  it(
    "a load balancer on api.plataforma.app with one pool per region, default pools in config order, " +
      "fallback us-east-1, and one monitor",
    () => {
      const pools = valuesOf(json, "cloudflare_load_balancer_pool");
      expect(pools.map((p) => [p.name, (p.origins as { address: string }[])[0].address]).sort()).toEqual([
        ["plataforma-production-eu-west-1", "api-eu-west-1.aws.plataforma.app"],
        ["plataforma-production-sa-east-1", "api-sa-east-1.aws.plataforma.app"],
        ["plataforma-production-us-east-1", "api-us-east-1.aws.plataforma.app"],
      ]);
      expect(valuesOf(json, "cloudflare_load_balancer_monitor")).toHaveLength(1);
      const [lb] = valuesOf(json, "cloudflare_load_balancer");
      expect(lb).toMatchObject({ name: "api.plataforma.app", proxied: true, steering_policy: "off" });
      expect((lb.default_pools as string[]).map((ref) => ref.match(/pool-([a-z0-9-]+)_/)![1])).toEqual([
        "sa-east-1",
        "us-east-1",
        "eu-west-1",
      ]);
      expect(String(lb.fallback_pool)).toMatch(/pool-us-east-1_/);
    },
  );

  it("rulesets: custom WAF rules with the seed 003 countries, rate limit 2000/300 s, module cache rules", () => {
    const phases: Record<string, Record<string, unknown>[]> = Object.fromEntries(
      valuesOf(json, "cloudflare_ruleset").map((r) => [String(r.phase), r.rules as Record<string, unknown>[]]),
    );
    expect(Object.keys(phases).sort()).toEqual([
      "http_ratelimit",
      "http_request_cache_settings",
      "http_request_firewall_custom",
      "http_request_firewall_managed",
    ]);
    expect(phases.http_request_firewall_custom[0].expression).toBe('(not ip.src.country in {"BR" "GB" "US"})');
    expect(phases.http_ratelimit[0].ratelimit).toMatchObject({ period: 300, requests_per_period: 2000 });
    expect(phases.http_request_cache_settings.map((r) => r.ref)).toEqual([
      "bypass_api",
      "cache_module_bundles",
      "cache_module_manifests",
    ]);
  });

  it(
    "zone settings, proxied records from config, " +
      "and NS delegation of aws.plataforma.app from the edge stack's outputs",
    () => {
      expect(valuesOf(json, "cloudflare_zone_setting").find((s) => s.setting_id === "ssl")?.value).toBe("strict");
      const records = valuesOf(json, "cloudflare_dns_record");
      expect(records.filter((r) => r.type !== "NS").map((r) => [r.name, r.proxied])).toEqual([
        ["plataforma.app", true],
        ["www.plataforma.app", true],
      ]);
      const ns = records.filter((r) => r.type === "NS");
      expect(ns).toHaveLength(4);
      expect(
        ns.every(
          (r) =>
            r.name === "aws.plataforma.app" &&
            /terraform_remote_state\.upstream-production-global-edge_state_\w+\.outputs\.name_servers/.test(
              String(r.content),
            ),
        ),
      ).toBe(true);
      const [remote] = Object.values(resourcesOf({ ...json, resource: json.data }, "terraform_remote_state"));
      expect(remote).toMatchObject({
        backend: "local",
        config: { path: "../../../terraform-state/production-global-edge.tfstate" },
      });
      expect((remote.defaults as Record<string, unknown>).name_servers).toHaveLength(4);
    },
  );

  it("fails when built for an environment without Cloudflare", () => {
    const env = parseEnvironment(cloneInput("dev"));
    expect(() => new CloudflareStack(Testing.app(), { env, settings: { mode: "offline" } })).toThrow(
      /environment dev has no edge.cloudflare section/,
    );
  });
});
