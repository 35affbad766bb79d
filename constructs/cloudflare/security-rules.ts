import { Ruleset, type RulesetRules } from "@cdktf/provider-cloudflare/lib/ruleset";
import { Construct } from "constructs";
import { type PropProblem, throwIfInvalid } from "../core/validation";
import { countryProblems } from "../edge/geo-codes";

/** Periods Cloudflare rate-limiting rules accept, in seconds. */
export const RATE_LIMIT_PERIODS = [10, 60, 120, 300, 600, 3600] as const;

/** Requests per IP per period when none is given (seed 003: 2000 per 5 min). */
export const DEFAULT_REQUESTS_PER_PERIOD = 2000;

/** Period when none is given, in seconds. */
export const DEFAULT_RATE_LIMIT_PERIOD_SECONDS = 300;

/** Seconds an offender stays blocked when none is given. */
export const DEFAULT_MITIGATION_TIMEOUT_SECONDS = 600;

/** Paths no legitimate visitor asks for: leaked config and VCS folders. */
export const BLOCKED_PATH_FRAGMENTS = ["/.env", "/.git", "/wp-admin", "/wp-login.php"] as const;

/**
 * Cloudflare's managed WAF rulesets, by their account-independent ids: the Cloudflare
 * Managed Ruleset and the Cloudflare OWASP Core Ruleset.
 */
export const CLOUDFLARE_MANAGED_RULESETS = {
  cloudflare_managed: "efb7b8c949ac4650a09736fc376e9aee",
  owasp_core: "4814384a9e5d4991b9815dcfc25d2f1f",
} as const;

/** Properties of {@link SecurityRules}. */
export interface SecurityRulesProps {
  readonly zoneId: string;
  /** ISO 3166-1 alpha-2 countries allowed in. @default - no geo restriction */
  readonly allowedCountries?: readonly string[];
  /** @default 2000 */
  readonly requestsPerPeriod?: number;
  /** One of {@link RATE_LIMIT_PERIODS}. @default 300 */
  readonly periodSeconds?: number;
  /** @default 600 */
  readonly mitigationTimeoutSeconds?: number;
}

/**
 * The zone's WAF: Cloudflare's managed rulesets (`http_request_firewall_managed`:
 * Cloudflare Managed and OWASP Core), custom rules (`http_request_firewall_custom`: geo
 * allow-list, blocked probe paths) and rate limiting (`http_ratelimit`: per IP and data centre, as
 * Cloudflare requires). Mirrors the CloudFront web ACL so both edges enforce seed 003's
 * limits. Each phase has one entry-point ruleset per zone, so one construct owns both.
 *
 * @example
 * ```ts
 * import { SecurityRules } from "@plataforma/infra/constructs/cloudflare";
 *
 * new SecurityRules(stack, "security", {
 *   zoneId: "023e105f4ecef8ad9ca31a8372d0c353",
 *   allowedCountries: ["BR", "PT", "US"],
 *   requestsPerPeriod: 2000,
 *   periodSeconds: 300,
 * });
 * ```
 */
export class SecurityRules extends Construct {
  /** The managed WAF rulesets the zone executes. */
  readonly managed: Ruleset;
  /** The custom firewall rules. */
  readonly firewall: Ruleset;
  /** The rate-limiting rules. */
  readonly rateLimit: Ruleset;

  constructor(scope: Construct, id: string, props: SecurityRulesProps) {
    super(scope, id);
    const { requests, period, timeout } = this.validate(props);
    const countries = [...(props.allowedCountries ?? [])].sort();

    const firewallRules: RulesetRules[] = [];
    if (countries.length > 0) {
      firewallRules.push({
        ref: "geo_allow_list",
        description: `Block countries outside the allow-list (${countries.join(", ")})`,
        expression: `(not ip.src.country in {${countries.map((c) => `"${c}"`).join(" ")}})`,
        action: "block",
        enabled: true,
      });
    }
    firewallRules.push({
      ref: "block_probe_paths",
      description: "Block scanners probing for leaked config and admin pages",
      expression: BLOCKED_PATH_FRAGMENTS.map((p) => `(http.request.uri.path contains "${p}")`).join(" or "),
      action: "block",
      enabled: true,
    });
    this.managed = new Ruleset(this, "firewall-managed", {
      zoneId: props.zoneId,
      name: "Managed WAF rules",
      description: "Cloudflare Managed Ruleset and OWASP Core Ruleset, managed by cdktf",
      kind: "zone",
      phase: "http_request_firewall_managed",
      rules: Object.entries(CLOUDFLARE_MANAGED_RULESETS).map(([ref, id]) => ({
        ref,
        description: `Execute ${ref.replace("_", " ")} ruleset`,
        expression: "true",
        action: "execute",
        actionParameters: { id },
        enabled: true,
      })),
    });
    this.firewall = new Ruleset(this, "firewall-custom", {
      zoneId: props.zoneId,
      name: "Custom WAF rules",
      description: "Geo allow-list and probe blocking, managed by cdktf",
      kind: "zone",
      phase: "http_request_firewall_custom",
      rules: firewallRules,
    });
    this.rateLimit = new Ruleset(this, "rate-limit", {
      zoneId: props.zoneId,
      name: "Rate limits",
      description: "Per-IP rate limit (seed 003), managed by cdktf",
      kind: "zone",
      phase: "http_ratelimit",
      rules: [
        {
          ref: "rate_limit_per_ip",
          description: `More than ${requests} requests in ${period} s from one IP`,
          expression: "true",
          action: "block",
          enabled: true,
          ratelimit: {
            characteristics: ["ip.src", "cf.colo.id"],
            period,
            requestsPerPeriod: requests,
            mitigationTimeout: timeout,
          },
        },
      ],
    });
  }

  /** Checks the props and returns the rate limit settings in force. */
  private validate(props: SecurityRulesProps): { requests: number; period: number; timeout: number } {
    const requests = props.requestsPerPeriod ?? DEFAULT_REQUESTS_PER_PERIOD;
    const period = props.periodSeconds ?? DEFAULT_RATE_LIMIT_PERIOD_SECONDS;
    const timeout = props.mitigationTimeoutSeconds ?? DEFAULT_MITIGATION_TIMEOUT_SECONDS;
    const problems: PropProblem[] = [];
    if (!(RATE_LIMIT_PERIODS as readonly number[]).includes(period)) {
      problems.push({
        prop: "periodSeconds",
        message: `must be one of ${RATE_LIMIT_PERIODS.join(", ")}`,
        received: period,
        fix: `use ${DEFAULT_RATE_LIMIT_PERIOD_SECONDS}`,
      });
    }
    if (!Number.isInteger(requests) || requests < 1) {
      problems.push({
        prop: "requestsPerPeriod",
        message: "must be a positive integer",
        received: requests,
        fix: `use ${DEFAULT_REQUESTS_PER_PERIOD}`,
      });
    }
    if (!Number.isInteger(timeout) || timeout < 0 || timeout > 86_400) {
      problems.push({
        prop: "mitigationTimeoutSeconds",
        message: "must be an integer from 0 to 86400",
        received: timeout,
        fix: `use ${DEFAULT_MITIGATION_TIMEOUT_SECONDS}`,
      });
    }
    problems.push(...countryProblems(props.allowedCountries));
    throwIfInvalid(this, problems);
    return { requests, period, timeout };
  }
}
