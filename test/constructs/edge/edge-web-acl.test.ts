import { AwsProvider } from "@cdktf/provider-aws/lib/provider";
import { Testing } from "cdktf";
import { BASELINE_MANAGED_RULE_GROUPS, EdgeWebAcl, type EdgeWebAclProps } from "../../../constructs/edge/edge-web-acl";
import { type StackJson, valuesOf } from "../../helpers";
import { validationError } from "../fixtures";

const base: EdgeWebAclProps = { name: "plataforma-dev-edge", accountId: "111111111111" };

interface Rule {
  name: string;
  priority: number;
  action?: unknown;
  override_action?: unknown;
  statement: Record<string, unknown>;
}

function synth(props: Partial<EdgeWebAclProps> = {}, withProvider = false): StackJson {
  return JSON.parse(
    Testing.synthScope((scope) => {
      const provider = withProvider
        ? new AwsProvider(scope, "aws-us-east-1", { region: "us-east-1", alias: "us-east-1" })
        : undefined;
      new EdgeWebAcl(scope, "waf", { ...base, provider, ...props });
    }),
  ) as StackJson;
}

function rules(json: StackJson): Rule[] {
  return valuesOf(json, "aws_wafv2_web_acl")[0].rule as Rule[];
}

describe("EdgeWebAcl", () => {
  it(
    "defaults: CLOUDFRONT scope, allow by default, rate limit 2000 per 5 min per IP, three AWS managed groups, " +
      "no geo rule",
    () => {
      const json = synth();
      const [acl] = valuesOf(json, "aws_wafv2_web_acl");
      expect(acl).toMatchObject({ scope: "CLOUDFRONT", default_action: { allow: {} }, name: "plataforma-dev-edge" });
      expect(rules(json).map((r) => r.name)).toEqual([
        "rate-limit-per-ip",
        "ip-reputation",
        "common-rule-set",
        "known-bad-inputs",
      ]);
      expect(rules(json)[0]).toMatchObject({
        action: { block: {} },
        statement: { rate_based_statement: { limit: 2000, aggregate_key_type: "IP", evaluation_window_sec: 300 } },
      });
      const groups = rules(json)
        .filter((r) => r.override_action)
        .map((r) => r.statement.managed_rule_group_statement as { name: string; vendor_name: string });
      expect(groups).toEqual(Object.values(BASELINE_MANAGED_RULE_GROUPS).map((name) => ({ name, vendor_name: "AWS" })));
    },
  );

  it("blocks every country outside the allow-list, first", () => {
    const [geo] = rules(synth({ allowedCountries: ["BR", "US", "GB"] }));
    expect(geo).toMatchObject({
      name: "geo-allow-list",
      priority: 0,
      action: { block: {} },
      statement: { not_statement: { statement: [{ geo_match_statement: { country_codes: ["BR", "US", "GB"] } }] } },
    });
  });

  it("adds Bot Control when asked, and uses the given rate limit", () => {
    const all = rules(synth({ botControl: true, rateLimitPer5Minutes: 500 }));
    expect(all.at(-1)).toMatchObject({
      name: "bot-control",
      statement: { managed_rule_group_statement: { name: "AWSManagedRulesBotControlRuleSet" } },
    });
    expect(all.find((r) => r.name === "rate-limit-per-ip")!.statement).toMatchObject({
      rate_based_statement: { limit: 500 },
    });
  });

  it(
    "logs to a KMS-encrypted aws-waf-logs-* group with retention, " +
      "redacting credentials and keeping only blocked/counted requests",
    () => {
      const json = synth({ logRetentionDays: 365 });
      const [group] = valuesOf(json, "aws_cloudwatch_log_group");
      expect(group).toMatchObject({ name: "aws-waf-logs-plataforma-dev-edge", retention_in_days: 365 });
      expect(String(group.kms_key_id)).toMatch(/aws_kms_key\..*\.arn/);
      const key = JSON.parse(String(valuesOf(json, "aws_kms_key")[0].policy)) as {
        Statement: { Principal: unknown; Condition?: unknown }[];
      };
      expect(key.Statement[1]).toMatchObject({
        Principal: { Service: "logs.us-east-1.amazonaws.com" },
        Condition: {
          ArnEquals: {
            "kms:EncryptionContext:aws:logs:arn":
              "arn:aws:logs:us-east-1:111111111111:log-group:aws-waf-logs-plataforma-dev-edge",
          },
        },
      });
      const [logging] = valuesOf(json, "aws_wafv2_web_acl_logging_configuration");
      expect(logging.redacted_fields).toEqual([
        { single_header: { name: "authorization" } },
        { single_header: { name: "cookie" } },
      ]);
      expect(logging.logging_filter).toMatchObject({
        default_behavior: "DROP",
        filter: [{ behavior: "KEEP", requirement: "MEETS_ANY" }],
      });
    },
  );

  it("logs every request when logAllRequests is set", () => {
    const [logging] = valuesOf(synth({ logAllRequests: true }), "aws_wafv2_web_acl_logging_configuration");
    expect(logging.logging_filter).toBeUndefined();
  });

  it("pins every resource, the nested KMS key included, to the given us-east-1 provider", () => {
    const json = synth({}, true);
    const types = [
      "aws_wafv2_web_acl",
      "aws_cloudwatch_log_group",
      "aws_kms_key",
      "aws_kms_alias",
      "aws_wafv2_web_acl_logging_configuration",
    ];
    for (const type of types) expect(valuesOf(json, type)[0].provider).toBe("aws.us-east-1");
  });

  it(
    "fails with every problem at once: bad country codes, an empty allow-list or a rate limit out of range, " +
      "naming the path",
    () => {
      const error = validationError(() => synth({ allowedCountries: ["BR", "UK", "XX"], rateLimitPer5Minutes: 5 }));
      expect(error.constructPath).toBe("stack/waf");
      expect(error.problems.map((p) => [p.prop, p.received])).toEqual([
        ["rateLimitPer5Minutes", 5],
        ["allowedCountries", ["BR", "UK", "XX"]],
      ]);
      expect(error.message).toMatch(/has codes that are not ISO 3166-1 alpha-2: UK, XX/);
      expect(() => synth({ allowedCountries: [] })).toThrow(
        /allowedCountries: is empty, which would block every request/,
      );
      expect(() => synth({ name: "bad name!" })).toThrow(/name: must be 1-115 letters.*"bad name!"/);
    },
  );
});
