import type { CloudwatchLogGroup } from "@cdktf/provider-aws/lib/cloudwatch-log-group";
import { Wafv2WebAcl, type Wafv2WebAclRule } from "@cdktf/provider-aws/lib/wafv2-web-acl";
import { Wafv2WebAclLoggingConfiguration } from "@cdktf/provider-aws/lib/wafv2-web-acl-logging-configuration";
import { type TerraformProvider, TerraformResource } from "cdktf";
import { Construct } from "constructs";
import { type PropProblem, throwIfInvalid } from "../core/validation";
import type { EncryptionKey } from "../kms/encryption-key";
import { encryptedLogGroup } from "../monitoring/encrypted-log-group";
import {
  DEFAULT_RATE_LIMIT_PER_5_MINUTES,
  DEFAULT_WAF_LOG_RETENTION_DAYS,
  MAX_WAF_RATE_LIMIT,
  MIN_WAF_RATE_LIMIT,
} from "./edge-settings";
import { countryProblems } from "./geo-codes";

/** The only region a CLOUDFRONT-scoped web ACL (and its log group) can live in. */
export const CLOUDFRONT_WAF_REGION = "us-east-1";

/**
 * AWS managed rule groups every web ACL gets, by rule name, in evaluation order. Names
 * are AWS's documented group names (vendor `AWS`).
 */
export const BASELINE_MANAGED_RULE_GROUPS = {
  "ip-reputation": "AWSManagedRulesAmazonIpReputationList",
  "common-rule-set": "AWSManagedRulesCommonRuleSet",
  "known-bad-inputs": "AWSManagedRulesKnownBadInputsRuleSet",
} as const;

/** Bot Control, optional: billed per request on top of the web ACL. */
export const BOT_CONTROL_RULE_GROUP = "AWSManagedRulesBotControlRuleSet";

/**
 * Fixed priorities, by rule name: cheap, decisive rules first (geo, rate) so blocked
 * traffic never reaches the billed managed groups; gaps leave room for later rules
 * without renumbering.
 */
export const RULE_PRIORITIES = {
  "geo-allow-list": 0,
  "rate-limit-per-ip": 10,
  "ip-reputation": 20,
  "common-rule-set": 30,
  "known-bad-inputs": 40,
  "bot-control": 50,
} as const;

/** Request headers never written to WAF logs: credentials and session cookies. */
export const REDACTED_HEADERS = ["authorization", "cookie"] as const;

/** Properties of {@link EdgeWebAcl}. */
export interface EdgeWebAclProps {
  /** Name of the web ACL; the log group is `aws-waf-logs-<name>`. */
  readonly name: string;
  /** Account owning the log group and its key. */
  readonly accountId: string;
  /**
   * Provider for us-east-1, where CLOUDFRONT-scoped web ACLs must live.
   * @default - the scope's default provider (which must then be in us-east-1)
   */
  readonly provider?: TerraformProvider;
  /** Requests per client IP per 5 minutes before blocking. @default 2000 */
  readonly rateLimitPer5Minutes?: number;
  /**
   * ISO 3166-1 alpha-2 codes of the only countries allowed in.
   * @default - no geo restriction
   */
  readonly allowedCountries?: readonly string[];
  /** Adds the Bot Control managed group. @default false */
  readonly botControl?: boolean;
  /** Days CloudWatch keeps WAF logs. @default 90 */
  readonly logRetentionDays?: number;
  /**
   * Log every request instead of only blocked and counted ones. Off by default: client
   * IPs are personal data (LGPD) and allowed requests are already in CloudFront's logs.
   * @default false
   */
  readonly logAllRequests?: boolean;
}

/**
 * A CLOUDFRONT-scoped WAFv2 web ACL: geo allow-list, per-IP rate limit, AWS managed rule
 * groups (IP reputation, common rule set, known bad inputs, optional Bot Control), and
 * logging to a KMS-encrypted `aws-waf-logs-*` log group with bounded retention and
 * credentials redacted. Everything lives in us-east-1 (an AWS requirement for
 * CloudFront web ACLs and their log destinations).
 *
 * Residency: WAF log records carry client IPs (personal data under LGPD) and AWS only
 * delivers CloudFront web ACL logs to us-east-1. By default only blocked, counted and
 * challenged requests are logged, keeping the records that leave the primary region to
 * the minimum an incident review needs.
 *
 * @example
 * ```ts
 * import type { AwsProvider } from "@cdktf/provider-aws/lib/provider";
 * import { EdgeWebAcl } from "@plataforma/infra/constructs/edge";
 *
 * declare const usEast1: AwsProvider;
 *
 * const webAcl = new EdgeWebAcl(stack, "waf", {
 *   name: "orders-production-edge",
 *   accountId: "123456789012",
 *   provider: usEast1,
 *   rateLimitPer5Minutes: 2000,
 *   allowedCountries: ["BR", "PT", "US"],
 * });
 * ```
 */
export class EdgeWebAcl extends Construct {
  /** The web ACL; pass `webAcl.arn` to a distribution's `webAclId`. */
  readonly webAcl: Wafv2WebAcl;
  /** The log group receiving WAF logs. */
  readonly logGroup: CloudwatchLogGroup;
  /** The key encrypting the log group. */
  readonly key: EncryptionKey;

  constructor(scope: Construct, id: string, props: EdgeWebAclProps) {
    super(scope, id);
    const limit = props.rateLimitPer5Minutes ?? DEFAULT_RATE_LIMIT_PER_5_MINUTES;
    const countries = props.allowedCountries ?? [];
    const retention = props.logRetentionDays ?? DEFAULT_WAF_LOG_RETENTION_DAYS;
    const problems: PropProblem[] = [];
    if (!Number.isInteger(limit) || limit < MIN_WAF_RATE_LIMIT || limit > MAX_WAF_RATE_LIMIT) {
      problems.push({
        prop: "rateLimitPer5Minutes",
        message: `must be an integer from ${MIN_WAF_RATE_LIMIT} to ${MAX_WAF_RATE_LIMIT}`,
        received: limit,
        fix: `use ${DEFAULT_RATE_LIMIT_PER_5_MINUTES} (seed 003)`,
      });
    }
    problems.push(...countryProblems(props.allowedCountries));
    if (!/^[A-Za-z0-9_-]{1,115}$/.test(props.name)) {
      problems.push({
        prop: "name",
        message: 'must be 1-115 letters, digits, "-" or "_"',
        received: props.name,
        fix: "use a name such as orders-production-edge",
      });
    }
    throwIfInvalid(this, problems);

    const { key, logGroup } = encryptedLogGroup(this, {
      name: `aws-waf-logs-${props.name}`,
      retentionDays: retention,
      accountId: props.accountId,
      region: CLOUDFRONT_WAF_REGION,
      keyAlias: `${props.name}-waf-logs`,
      keyPurpose: `Encrypts WAF logs of ${props.name}`,
    });
    this.key = key;
    this.logGroup = logGroup;

    const visibility = (metric: string) => ({
      cloudwatchMetricsEnabled: true,
      metricName: metric,
      sampledRequestsEnabled: true,
    });
    const rules = new Map<keyof typeof RULE_PRIORITIES, Wafv2WebAclRule>();
    if (countries.length > 0) {
      rules.set("geo-allow-list", {
        name: "geo-allow-list",
        priority: RULE_PRIORITIES["geo-allow-list"],
        action: { block: {} },
        // `statement` is untyped in the bindings: it is written in Terraform's own names.
        statement: { not_statement: { statement: [{ geo_match_statement: { country_codes: [...countries] } }] } },
        visibilityConfig: visibility(`${props.name}-geo-allow-list`),
      });
    }
    rules.set("rate-limit-per-ip", {
      name: "rate-limit-per-ip",
      priority: RULE_PRIORITIES["rate-limit-per-ip"],
      action: { block: {} },
      statement: { rate_based_statement: { limit, aggregate_key_type: "IP", evaluation_window_sec: 300 } },
      visibilityConfig: visibility(`${props.name}-rate-limit-per-ip`),
    });
    const managed: [keyof typeof RULE_PRIORITIES, string][] = Object.entries(BASELINE_MANAGED_RULE_GROUPS) as [
      keyof typeof RULE_PRIORITIES,
      string,
    ][];
    if (props.botControl ?? false) managed.push(["bot-control", BOT_CONTROL_RULE_GROUP]);
    for (const [ruleName, group] of managed) {
      rules.set(ruleName, {
        name: ruleName,
        priority: RULE_PRIORITIES[ruleName],
        overrideAction: { none: {} },
        statement: { managed_rule_group_statement: { name: group, vendor_name: "AWS" } },
        visibilityConfig: visibility(`${props.name}-${ruleName}`),
      });
    }

    this.webAcl = new Wafv2WebAcl(this, "web-acl", {
      name: props.name,
      description: `Edge protection for ${props.name}: geo allow-list, rate limit, AWS managed rules`,
      scope: "CLOUDFRONT",
      defaultAction: { allow: {} },
      rule: [...rules.values()].sort((a, b) => a.priority - b.priority),
      visibilityConfig: visibility(props.name),
    });

    new Wafv2WebAclLoggingConfiguration(this, "logging", {
      resourceArn: this.webAcl.arn,
      logDestinationConfigs: [this.logGroup.arn],
      redactedFields: REDACTED_HEADERS.map((name) => ({ singleHeader: { name } })),
      ...(props.logAllRequests
        ? {}
        : {
            loggingFilter: {
              defaultBehavior: "DROP",
              filter: [
                {
                  behavior: "KEEP",
                  requirement: "MEETS_ANY",
                  condition: ["BLOCK", "COUNT", "CAPTCHA", "CHALLENGE"].map((action) => ({
                    actionCondition: { action },
                  })),
                },
              ],
            },
          }),
    });

    // Every resource of this construct belongs in us-east-1: pin them to that provider,
    // including those created by nested constructs (the KMS key).
    if (props.provider) {
      for (const child of this.node.findAll()) {
        if (child instanceof TerraformResource) child.provider = props.provider;
      }
    }
  }
}
