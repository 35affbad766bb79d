import { Testing } from "cdktf";
import { SecurityRules, type SecurityRulesProps } from "../../../constructs/cloudflare/security-rules";
import { type StackJson, valuesOf } from "../../helpers";
import { reported } from "../fixtures";

const zoneId = "9a8b7c6d5e4f40312a1b0c9d8e7f6a5b";

function synth(props: Partial<SecurityRulesProps> = {}): StackJson {
  return JSON.parse(
    Testing.synthScope((scope) => new SecurityRules(scope, "security", { zoneId, ...props })),
  ) as StackJson;
}

function byPhase(json: StackJson, phase: string) {
  return valuesOf(json, "cloudflare_ruleset").find((r) => r.phase === phase) as {
    kind: string;
    zone_id: string;
    rules: Record<string, unknown>[];
  };
}

describe("SecurityRules", () => {
  it("rate limits per IP and data centre: 2000 requests per 300 s, blocked 600 s, by default", () => {
    const rl = byPhase(synth(), "http_ratelimit");
    expect(rl).toMatchObject({ kind: "zone", zone_id: zoneId });
    expect(rl.rules).toEqual([
      expect.objectContaining({
        ref: "rate_limit_per_ip",
        action: "block",
        expression: "true",
        ratelimit: {
          characteristics: ["ip.src", "cf.colo.id"],
          period: 300,
          requests_per_period: 2000,
          mitigation_timeout: 600,
        },
      }),
    ]);
  });

  it("custom rules: probe paths always blocked; geo allow-list only when countries are given, sorted", () => {
    expect(byPhase(synth(), "http_request_firewall_custom").rules.map((r) => r.ref)).toEqual(["block_probe_paths"]);
    const rules = byPhase(synth({ allowedCountries: ["US", "BR", "GB"] }), "http_request_firewall_custom").rules;
    expect(rules[0]).toMatchObject({
      ref: "geo_allow_list",
      action: "block",
      expression: '(not ip.src.country in {"BR" "GB" "US"})',
    });
    expect(String(rules[1].expression)).toContain('(http.request.uri.path contains "/.env")');
  });

  it("executes Cloudflare's Managed and OWASP Core rulesets in the managed phase", () => {
    const managed = byPhase(synth(), "http_request_firewall_managed");
    expect(managed).toMatchObject({ kind: "zone", zone_id: zoneId });
    expect(managed.rules).toEqual([
      expect.objectContaining({
        ref: "cloudflare_managed",
        action: "execute",
        expression: "true",
        enabled: true,
        action_parameters: { id: "efb7b8c949ac4650a09736fc376e9aee" },
      }),
      expect.objectContaining({
        ref: "owasp_core",
        action: "execute",
        expression: "true",
        enabled: true,
        action_parameters: { id: "4814384a9e5d4991b9815dcfc25d2f1f" },
      }),
    ]);
  });

  it("uses the given limits", () => {
    const rl = byPhase(
      synth({ requestsPerPeriod: 100, periodSeconds: 60, mitigationTimeoutSeconds: 0 }),
      "http_ratelimit",
    );
    expect(rl.rules[0].ratelimit).toMatchObject({ period: 60, requests_per_period: 100, mitigation_timeout: 0 });
  });

  it("fails with every problem: period Cloudflare rejects, bad counts, bad or empty countries", () => {
    expect(
      reported(() =>
        synth({ periodSeconds: 30, requestsPerPeriod: 0, mitigationTimeoutSeconds: -1, allowedCountries: ["UK"] }),
      ),
    ).toEqual([
      ["periodSeconds", 30],
      ["requestsPerPeriod", 0],
      ["mitigationTimeoutSeconds", -1],
      ["allowedCountries", ["UK"]],
    ]);
    expect(() => synth({ allowedCountries: [] })).toThrow(/allowedCountries: is empty/);
  });
});
