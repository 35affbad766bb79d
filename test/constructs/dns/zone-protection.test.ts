import { AwsProvider } from "@cdktf/provider-aws/lib/provider";
import { Testing } from "cdktf";
import { PublicZone } from "../../../constructs/dns/public-zone";
import { ZoneDnssec } from "../../../constructs/dns/zone-dnssec";
import { ZoneQueryLogging } from "../../../constructs/dns/zone-query-logging";
import { resourcesOf, type StackJson, valuesOf } from "../../helpers";

const ACCOUNT = "123456789012";

function synth(build: (zone: PublicZone, provider: AwsProvider) => void): StackJson {
  return JSON.parse(
    Testing.synthScope((scope) => {
      const provider = new AwsProvider(scope, "us-east-1", { region: "us-east-1", alias: "us-east-1" });
      build(new PublicZone(scope, "zone", { zoneName: "aws.plataforma.app" }), provider);
    }),
  ) as StackJson;
}

type Statement = { Sid: string; Principal: unknown; Action: unknown; Condition?: unknown; Resource: unknown };
const statements = (policy: unknown) => (JSON.parse(policy as string) as { Statement: Statement[] }).Statement;

describe("ZoneDnssec", () => {
  let ds = "";
  const json = synth((zone, provider) => {
    ds = new ZoneDnssec(zone, "dnssec", {
      zone,
      accountId: ACCOUNT,
      keySigningKeyName: "plataforma_production_ksk",
      provider,
    }).dsRecord;
  });

  it("signs with an ECC P-256 KMS key in us-east-1 that Route 53 DNSSEC may use for this account only", () => {
    const [key] = valuesOf(json, "aws_kms_key");
    expect(key).toMatchObject({
      customer_master_key_spec: "ECC_NIST_P256",
      key_usage: "SIGN_VERIFY",
      provider: "aws.us-east-1",
      lifecycle: { prevent_destroy: true },
    });
    const signing = statements(key.policy).find((s) => s.Sid === "Route53DnssecSigning");
    expect(signing).toMatchObject({
      Principal: { Service: "dnssec-route53.amazonaws.com" },
      Action: ["kms:DescribeKey", "kms:GetPublicKey", "kms:Sign"],
      Condition: { StringEquals: { "aws:SourceAccount": ACCOUNT } },
    });
  });

  it("creates an active key-signing key, turns signing on after it, and exposes the DS record", () => {
    expect(valuesOf(json, "aws_route53_key_signing_key")).toEqual([
      expect.objectContaining({ name: "plataforma_production_ksk", status: "ACTIVE" }),
    ]);
    const [signing] = valuesOf(json, "aws_route53_hosted_zone_dnssec");
    expect(signing.signing_status).toBe("SIGNING");
    expect(signing.depends_on).toEqual([expect.stringMatching(/^aws_route53_key_signing_key\./)]);
    expect(ds).toMatch(/\$\{TfToken\[TOKEN\.\d+\]\}/);
  });
});

describe("ZoneQueryLogging", () => {
  const json = synth((zone, provider) => {
    new ZoneQueryLogging(zone, "query-logs", {
      zone,
      accountId: ACCOUNT,
      name: "plataforma-production",
      retentionDays: 365,
      provider,
    });
  });

  it("logs queries to a KMS-encrypted us-east-1 group named after the zone, kept as configured", () => {
    expect(valuesOf(json, "aws_cloudwatch_log_group")).toEqual([
      expect.objectContaining({
        name: "/aws/route53/aws.plataforma.app",
        retention_in_days: 365,
        provider: "aws.us-east-1",
        kms_key_id: expect.stringMatching(/aws_kms_key\./),
      }),
    ]);
  });

  it("lets Route 53 write to this account's /aws/route53/* groups only, before the query log exists", () => {
    const [policy] = valuesOf(json, "aws_cloudwatch_log_resource_policy");
    expect(statements(policy.policy_document)).toEqual([
      expect.objectContaining({
        Principal: { Service: "route53.amazonaws.com" },
        Action: ["logs:CreateLogStream", "logs:PutLogEvents"],
        Resource: `arn:aws:logs:us-east-1:${ACCOUNT}:log-group:/aws/route53/*`,
        Condition: expect.objectContaining({ StringEquals: { "aws:SourceAccount": ACCOUNT } }),
      }),
    ]);
    const [log] = valuesOf(json, "aws_route53_query_log");
    const policyAddress = Object.keys(resourcesOf(json, "aws_cloudwatch_log_resource_policy"))[0];
    expect(log.depends_on).toEqual([`aws_cloudwatch_log_resource_policy.${policyAddress}`]);
  });

  it("defaults to 90 days of retention", () => {
    const defaults = synth((zone, provider) => {
      new ZoneQueryLogging(zone, "query-logs", { zone, accountId: ACCOUNT, name: "p", provider });
    });
    expect(valuesOf(defaults, "aws_cloudwatch_log_group")[0].retention_in_days).toBe(90);
  });
});
