import { cloudflareAlwaysUseHttps } from "../rules/cloudflare/always-use-https";
import { cloudflareMinTlsVersion } from "../rules/cloudflare/min-tls-version";
import { cloudflareRecordProxied } from "../rules/cloudflare/record-proxied";
import { cloudflareSslStrict } from "../rules/cloudflare/ssl-strict";
import { cloudflareWafManagedRuleset } from "../rules/cloudflare/waf-managed-ruleset";
import type { Pack } from "../types";

/**
 * Cloudflare zones: strict SSL, TLS 1.2+, HTTPS, WAF on, web hosts proxied. Public scanners
 * have no Cloudflare rules.
 */
export const CLOUDFLARE_PACK: Pack = {
  name: "cloudflare",
  description: "Cloudflare zones: SSL strict, TLS 1.2+, always HTTPS, managed WAF, proxied web records",
  rules: [
    {
      scope: "stack",
      check: cloudflareSslStrict,
      id: "CF-SSL-STRICT",
      severity: "error",
      title: "Zones use SSL mode strict",
      why:
        "flexible sends visitor traffic to the origin in clear text; full accepts any origin certificate " +
        "(trivially spoofed).",
      fix:
        'Set the zone\'s ssl setting to "strict" (cloudflare_zone_setting setting_id "ssl", or ' +
        "zone_settings_override settings.ssl).",
    },
    {
      scope: "stack",
      check: cloudflareMinTlsVersion,
      id: "CF-MIN-TLS",
      severity: "error",
      title: "Zones refuse TLS below 1.2",
      why: "Cloudflare's default minimum is TLS 1.0.",
      fix: 'Set min_tls_version to "1.2".',
    },
    {
      scope: "stack",
      check: cloudflareAlwaysUseHttps,
      id: "CF-ALWAYS-HTTPS",
      severity: "warning",
      title: "Zones redirect HTTP to HTTPS",
      why: "Without it the first request of a visitor may carry cookies in clear text.",
      fix: 'Set always_use_https to "on".',
    },
    {
      scope: "stack",
      check: cloudflareWafManagedRuleset,
      id: "CF-WAF-MANAGED",
      severity: "error",
      title: "Zones run a managed WAF ruleset",
      why: "Proxying without WAF still lets injection and known-exploit traffic through to the origin.",
      fix:
        'Add a cloudflare_ruleset with kind "zone", phase "http_request_firewall_managed" and a rule with ' +
        'action "execute" (Cloudflare Managed Ruleset).',
    },
    {
      scope: "stack",
      check: cloudflareRecordProxied,
      id: "CF-RECORD-PROXIED",
      severity: "error",
      title: "Web host records are proxied",
      why: "An unproxied A/AAAA/CNAME exposes the origin address and bypasses WAF, rate limits and DDoS protection.",
      fix: "Set proxied = true on the record (service records such as _acme-challenge and mail hosts are exempt).",
    },
  ],
};
