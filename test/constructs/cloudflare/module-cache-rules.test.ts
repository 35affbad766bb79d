import { Testing } from "cdktf";
import { ModuleCacheRules, type ModuleCacheRulesProps } from "../../../constructs/cloudflare/module-cache-rules";
import { type StackJson, valuesOf } from "../../helpers";
import { reported } from "../fixtures";

function synth(props: Partial<ModuleCacheRulesProps> = {}): StackJson {
  return JSON.parse(
    Testing.synthScope(
      (scope) => new ModuleCacheRules(scope, "cache", { zoneId: "9a8b7c6d5e4f40312a1b0c9d8e7f6a5b", ...props }),
    ),
  ) as StackJson;
}

describe("ModuleCacheRules", () => {
  it("bypasses the API, caches bundles a day and manifests an hour at the edge, browsers follow the origin", () => {
    const [ruleset] = valuesOf(synth(), "cloudflare_ruleset") as { phase: string; rules: Record<string, unknown>[] }[];
    expect(ruleset.phase).toBe("http_request_cache_settings");
    expect(ruleset.rules.map((r) => r.ref)).toEqual(["bypass_api", "cache_module_bundles", "cache_module_manifests"]);
    expect(ruleset.rules[0]).toMatchObject({ action: "set_cache_settings", action_parameters: { cache: false } });
    expect(ruleset.rules[1]).toMatchObject({
      expression: '(starts_with(http.request.uri.path, "/modules/"))',
      action_parameters: {
        cache: true,
        edge_ttl: { mode: "override_origin", default: 86_400 },
        browser_ttl: { mode: "respect_origin" },
      },
    });
    expect(ruleset.rules[2]).toMatchObject({ action_parameters: { edge_ttl: { default: 3_600 } } });
  });

  it("uses the given prefix and TTLs", () => {
    const [ruleset] = valuesOf(
      synth({ pathPrefix: "/bundles/", edgeTtlSeconds: 600, manifestEdgeTtlSeconds: 60 }),
      "cloudflare_ruleset",
    ) as { rules: Record<string, unknown>[] }[];
    expect(ruleset.rules[1]).toMatchObject({
      expression: '(starts_with(http.request.uri.path, "/bundles/"))',
      action_parameters: { edge_ttl: { default: 600 } },
    });
  });

  it("fails with every problem: bad prefix, TTLs out of range, manifests cached longer than bundles", () => {
    expect(reported(() => synth({ pathPrefix: "modules", edgeTtlSeconds: 10, manifestEdgeTtlSeconds: 7200 }))).toEqual([
      ["pathPrefix", "modules"],
      ["edgeTtlSeconds", 10],
      ["manifestEdgeTtlSeconds", 7200],
    ]);
  });
});
