import { CLOUDFLARE_PACK } from "../../../policies/packs/cloudflare";
import { describePack, type Part, tfStack } from "../helpers";

const ZONE = "${cloudflare_zone.zone.id}";
const zone: Part = ["cloudflare_zone", "zone", { name: "plataforma.app" }];
const setting = (id: string, value: unknown): Part => [
  "cloudflare_zone_setting",
  id,
  { zone_id: ZONE, setting_id: id, value },
];
const v4Settings = (settings: Record<string, unknown>): Part => [
  "cloudflare_zone_settings_override",
  "settings",
  { zone_id: ZONE, settings },
];
const managed: Part = [
  "cloudflare_ruleset",
  "waf",
  {
    zone_id: ZONE,
    kind: "zone",
    phase: "http_request_firewall_managed",
    name: "managed",
    rules: [{ action: "execute", expression: "true", action_parameters: { id: "efb7b8c949ac4650a09736fc376e9aee" } }],
  },
];
const secureZone = [
  zone,
  setting("ssl", "strict"),
  setting("min_tls_version", "1.2"),
  setting("always_use_https", "on"),
  managed,
];
const record = (over: Record<string, unknown>): Part => [
  "cloudflare_dns_record",
  "rec",
  { zone_id: ZONE, name: "app.plataforma.app", type: "CNAME", content: "origin.plataforma.app", ttl: 1, ...over },
];

describePack(CLOUDFLARE_PACK, {
  "CF-SSL-STRICT": {
    ok: [
      { name: "v5 zone setting strict", json: tfStack(secureZone) },
      { name: "v4 settings override strict", json: tfStack([zone, v4Settings({ ssl: "strict" })]) },
    ],
    bad: [
      { name: "flexible", json: tfStack([zone, setting("ssl", "flexible")]), address: "cloudflare_zone_setting.ssl" },
      { name: "unset (Cloudflare default)", json: tfStack([zone]), address: "cloudflare_zone.zone" },
    ],
  },
  "CF-MIN-TLS": {
    ok: [{ name: "1.2", json: tfStack(secureZone) }],
    bad: [
      {
        name: "1.0 via v4 override",
        json: tfStack([zone, v4Settings({ min_tls_version: "1.0" })]),
        address: "cloudflare_zone_settings_override.settings",
      },
    ],
  },
  "CF-ALWAYS-HTTPS": {
    ok: [{ name: "on", json: tfStack(secureZone) }],
    bad: [
      {
        name: "off",
        json: tfStack([zone, setting("always_use_https", "off")]),
        address: "cloudflare_zone_setting.always_use_https",
      },
    ],
  },
  "CF-WAF-MANAGED": {
    ok: [
      { name: "managed ruleset executing", json: tfStack(secureZone) },
      { name: "v4 waf on", json: tfStack([zone, v4Settings({ waf: "on" })]) },
    ],
    bad: [
      { name: "no managed ruleset", json: tfStack([zone]), address: "cloudflare_zone.zone" },
      {
        name: "managed rule disabled",
        json: tfStack([
          zone,
          [
            "cloudflare_ruleset",
            "waf",
            { zone_id: ZONE, phase: "http_request_firewall_managed", rules: [{ action: "execute", enabled: false }] },
          ],
        ]),
        address: "cloudflare_zone.zone",
      },
    ],
  },
  "CF-RECORD-PROXIED": {
    ok: [
      { name: "proxied web host", json: tfStack([record({ proxied: true })]) },
      {
        name: "ACME validation record",
        json: tfStack([record({ name: "_acme-challenge.plataforma.app", type: "TXT", content: "x" })]),
      },
      {
        name: "mail host",
        json: tfStack([
          [
            "cloudflare_record",
            "mx",
            { zone_id: ZONE, name: "mail.plataforma.app", type: "A", content: "198.51.100.1" },
          ],
        ]),
      },
    ],
    bad: [
      {
        name: "unproxied web host (v5)",
        json: tfStack([record({ proxied: false })]),
        address: "cloudflare_dns_record.rec",
      },
      {
        name: "unproxied web host by default (v4)",
        json: tfStack([["cloudflare_record", "www", { zone_id: ZONE, name: "www", type: "A", value: "203.0.113.10" }]]),
        address: "cloudflare_record.www",
      },
      {
        name: "type from an expression",
        json: tfStack([record({ type: "${var.type}", proxied: true })]),
        address: "cloudflare_dns_record.rec",
      },
    ],
  },
});
