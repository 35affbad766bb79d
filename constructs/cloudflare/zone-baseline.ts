import { ZoneSetting } from "@cdktf/provider-cloudflare/lib/zone-setting";
import { Construct } from "constructs";
import { type PropProblem, throwIfInvalid } from "../core/validation";

/**
 * Zone settings every zone gets: full (strict) TLS to origins, TLS 1.2 minimum for
 * visitors, HTTPS everywhere, TLS 1.3 and HTTP/3. Keyed by Cloudflare setting id.
 */
export const DEFAULT_ZONE_SETTINGS: Readonly<Record<string, string>> = {
  ssl: "strict",
  min_tls_version: "1.2",
  always_use_https: "on",
  automatic_https_rewrites: "on",
  tls_1_3: "on",
  http3: "on",
};

/** Visitor TLS versions Cloudflare accepts as a minimum, oldest first. */
const TLS_VERSIONS = ["1.0", "1.1", "1.2", "1.3"] as const;

/** Properties of {@link ZoneBaseline}. */
export interface ZoneBaselineProps {
  /** The Cloudflare zone id. */
  readonly zoneId: string;
  /**
   * Settings merged over {@link DEFAULT_ZONE_SETTINGS}; the security floor (strict SSL,
   * TLS 1.2+, always HTTPS) cannot be lowered.
   * @default {}
   */
  readonly settings?: Readonly<Record<string, string>>;
}

/**
 * Secure zone-wide settings, one `cloudflare_zone_setting` per setting (keyed by setting
 * id, so adding one never moves another). Zone settings are zone-wide: exactly one stack
 * may own a zone's baseline.
 *
 * @example
 * ```ts
 * import { ZoneBaseline } from "@plataforma/infra/constructs/cloudflare";
 *
 * new ZoneBaseline(stack, "zone", {
 *   zoneId: "023e105f4ecef8ad9ca31a8372d0c353",
 *   settings: { min_tls_version: "1.3", early_hints: "on" },
 * });
 * ```
 */
export class ZoneBaseline extends Construct {
  /** Settings keyed by setting id. */
  readonly settings: Readonly<Record<string, ZoneSetting>>;

  constructor(scope: Construct, id: string, props: ZoneBaselineProps) {
    super(scope, id);
    const merged = { ...DEFAULT_ZONE_SETTINGS, ...(props.settings ?? {}) };
    const problems: PropProblem[] = [];
    const floor = (setting: string, message: string): void => {
      problems.push({ prop: `settings.${setting}`, message, received: merged[setting], fix: "remove the override" });
    };
    if (merged.ssl !== "strict") floor("ssl", 'must stay "strict" (origin certificates verified)');
    const tls = TLS_VERSIONS.indexOf(merged.min_tls_version as (typeof TLS_VERSIONS)[number]);
    if (tls < TLS_VERSIONS.indexOf("1.2")) floor("min_tls_version", 'must be "1.2" or "1.3"');
    if (merged.always_use_https !== "on") floor("always_use_https", 'must stay "on"');
    throwIfInvalid(this, problems);

    const settings: Record<string, ZoneSetting> = {};
    for (const [settingId, value] of Object.entries(merged).sort(([a], [b]) => a.localeCompare(b))) {
      const setting = new ZoneSetting(this, settingId, { zoneId: props.zoneId, settingId, value: {} });
      // `value` is a dynamic attribute the bindings type as a map; the API wants a plain
      // string for these settings, so it is written directly.
      setting.addOverride("value", value);
      settings[settingId] = setting;
    }
    this.settings = settings;
  }
}
