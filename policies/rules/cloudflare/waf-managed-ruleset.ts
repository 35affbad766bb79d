import { zoneKey, zoneSetting, zonesOf } from "../../lib/cloudflare";
import { resourcesOf } from "../../lib/stack";
import { blocks, isFalse } from "../../lib/values";
import type { StackCheck, Violation } from "../../types";

/**
 * Every zone runs a managed WAF ruleset: a `cloudflare_ruleset` in phase
 * `http_request_firewall_managed` with an enabled `execute` rule, or (v4) the zone's
 * legacy `waf` setting "on".
 */
export const cloudflareWafManagedRuleset: StackCheck = (stack) => {
  const executing = new Set(
    resourcesOf(stack, "cloudflare_ruleset")
      .filter(
        (r) =>
          r.values.phase === "http_request_firewall_managed" &&
          blocks(r.values.rules).some((rule) => rule.action === "execute" && !isFalse(rule.enabled)),
      )
      .map((r) => zoneKey(r.values.zone_id)),
  );
  return [...zonesOf(stack).entries()].flatMap(([zone, address]): Violation[] =>
    executing.has(zone) || zoneSetting(stack, zone, "waf").some((v) => v.value === "on")
      ? []
      : [{ address, message: `zone ${zone} has no http_request_firewall_managed ruleset executing a managed ruleset` }],
  );
};
