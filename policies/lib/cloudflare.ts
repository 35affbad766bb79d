/**
 * Cloudflare zone settings in both provider generations: v4's
 * `cloudflare_zone_settings_override.settings` and v5's one-setting-per-resource
 * `cloudflare_zone_setting` (`setting_id`, `value`). Zones are keyed by their `zone_id`
 * expression or literal, so settings and records of one zone meet.
 */
import type { StackView } from "../types";
import { block } from "./values";

/** One value of a zone setting and where it was set. */
export interface ZoneSettingValue {
  readonly address: string;
  readonly value: unknown;
}

/** Key of a zone as resources refer to it. */
export function zoneKey(zoneId: unknown): string {
  return JSON.stringify(zoneId) ?? "undefined";
}

/** Zones this stack manages or configures: `cloudflare_zone` resources and every `zone_id` used. */
export function zonesOf(stack: StackView): Map<string, string> {
  const zones = new Map<string, string>();
  for (const r of stack.resources) {
    if (r.type === "cloudflare_zone") zones.set(zoneKey(`\${cloudflare_zone.${r.name}.id}`), r.address);
    else if (
      r.type.startsWith("cloudflare_") &&
      r.values.zone_id !== undefined &&
      !zones.has(zoneKey(r.values.zone_id))
    )
      zones.set(zoneKey(r.values.zone_id), r.address);
  }
  return zones;
}

/** Values given to `setting` (e.g. `ssl`) for the zone, in either provider generation. */
export function zoneSetting(stack: StackView, zone: string, setting: string): ZoneSettingValue[] {
  const values: ZoneSettingValue[] = [];
  for (const r of stack.resources) {
    if (zoneKey(r.values.zone_id) !== zone) continue;
    if (r.type === "cloudflare_zone_settings_override") {
      const settings = block(r.values.settings);
      if (settings && settings[setting] !== undefined) values.push({ address: r.address, value: settings[setting] });
    } else if (r.type === "cloudflare_zone_setting" && r.values.setting_id === setting) {
      values.push({ address: r.address, value: r.values.value });
    }
  }
  return values;
}
