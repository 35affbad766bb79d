import { Ruleset } from "@cdktf/provider-cloudflare/lib/ruleset";
import { Construct } from "constructs";
import { type PropProblem, throwIfInvalid } from "../core/validation";

/** Path prefix of module bundles on Cloudflare-served hosts. */
export const DEFAULT_MODULE_PATH_PREFIX = "/modules/";

/** Edge TTL of module bundles when none is given (seed 001 worker: `cacheTtl: 86400`). */
export const DEFAULT_MODULE_EDGE_TTL_SECONDS = 86_400;

/** Edge TTL of manifests (seed 001: 1 hour, metadata changes). */
export const DEFAULT_MANIFEST_EDGE_TTL_SECONDS = 3_600;

/** Properties of {@link ModuleCacheRules}. */
export interface ModuleCacheRulesProps {
  readonly zoneId: string;
  /** @default "/modules/" */
  readonly pathPrefix?: string;
  /** Edge TTL of bundles, 60 s to 1 year. @default 86400 */
  readonly edgeTtlSeconds?: number;
  /** Edge TTL of `manifest.json` files under the prefix. @default 3600 */
  readonly manifestEdgeTtlSeconds?: number;
}

/**
 * Cache rules (`http_request_cache_settings`): API paths bypass the cache, module
 * manifests are cached an hour, module bundles a day at the edge, while browsers follow
 * the origin's Cache-Control. Later rules win in this phase, so the order is API,
 * bundles, manifests (manifests are under the bundle prefix).
 *
 * @example
 * ```ts
 * import { ModuleCacheRules } from "@plataforma/infra/constructs/cloudflare";
 *
 * new ModuleCacheRules(stack, "module-cache", {
 *   zoneId: "023e105f4ecef8ad9ca31a8372d0c353",
 *   pathPrefix: "/modules/",
 *   edgeTtlSeconds: 86400,
 *   manifestEdgeTtlSeconds: 300,
 * });
 * ```
 */
export class ModuleCacheRules extends Construct {
  /** The cache settings ruleset. */
  readonly ruleset: Ruleset;

  constructor(scope: Construct, id: string, props: ModuleCacheRulesProps) {
    super(scope, id);
    const prefix = props.pathPrefix ?? DEFAULT_MODULE_PATH_PREFIX;
    const ttl = props.edgeTtlSeconds ?? DEFAULT_MODULE_EDGE_TTL_SECONDS;
    const manifestTtl = props.manifestEdgeTtlSeconds ?? DEFAULT_MANIFEST_EDGE_TTL_SECONDS;
    const problems: PropProblem[] = [];
    if (!/^\/[a-z0-9_\-/]*\/$/.test(prefix)) {
      problems.push({
        prop: "pathPrefix",
        message: 'must start and end with "/"',
        received: prefix,
        fix: `use "${DEFAULT_MODULE_PATH_PREFIX}"`,
      });
    }
    for (const [key, value] of [
      ["edgeTtlSeconds", ttl],
      ["manifestEdgeTtlSeconds", manifestTtl],
    ] as const) {
      if (!Number.isInteger(value) || value < 60 || value > 31_536_000) {
        problems.push({
          prop: key,
          message: "must be an integer from 60 to 31536000",
          received: value,
          fix: "use a value within a year",
        });
      }
    }
    if (manifestTtl > ttl) {
      problems.push({
        prop: "manifestEdgeTtlSeconds",
        message: `exceeds edgeTtlSeconds (${ttl}); manifests change more often than bundles`,
        received: manifestTtl,
        fix: `lower it to at most ${ttl}`,
      });
    }
    throwIfInvalid(this, problems);

    const underPrefix = `starts_with(http.request.uri.path, "${prefix}")`;
    this.ruleset = new Ruleset(this, "cache-settings", {
      zoneId: props.zoneId,
      name: "Cache rules",
      description: "Module bundle caching, managed by cdktf",
      kind: "zone",
      phase: "http_request_cache_settings",
      rules: [
        {
          ref: "bypass_api",
          description: "Never cache the API",
          expression: `(starts_with(http.request.uri.path, "/api/"))`,
          action: "set_cache_settings",
          actionParameters: { cache: false },
          enabled: true,
        },
        {
          ref: "cache_module_bundles",
          description: `Module bundles: ${ttl} s at the edge`,
          expression: `(${underPrefix})`,
          action: "set_cache_settings",
          actionParameters: {
            cache: true,
            edgeTtl: { mode: "override_origin", default: ttl },
            browserTtl: { mode: "respect_origin" },
          },
          enabled: true,
        },
        {
          ref: "cache_module_manifests",
          description: `Module manifests: ${manifestTtl} s at the edge`,
          expression: `(${underPrefix} and ends_with(http.request.uri.path, "/manifest.json"))`,
          action: "set_cache_settings",
          actionParameters: {
            cache: true,
            edgeTtl: { mode: "override_origin", default: manifestTtl },
            browserTtl: { mode: "respect_origin" },
          },
          enabled: true,
        },
      ],
    });
  }
}
