import { loadEnvironment } from "../../environments";
import { bucketName, EDGE_OWNED_BUCKET_POLICY_KINDS, replicaBucketLogical } from "../../naming/derived";
import { EDGE_OUTPUTS, edgePlaceholders } from "../../stacks/edge-outputs";
import { buildStacks, resourcesOf, type StackJson, valuesOf } from "../helpers";

describe("EdgeStack", () => {
  const all = buildStacks(["dev", "staging", "production"]);
  const dev = all.json("dev-global-edge");
  const staging = all.json("staging-global-edge");
  const production = all.json("production-global-edge");

  it("uses only the AWS provider: default in the primary region, an aliased us-east-1 for ACM and WAF", () => {
    for (const json of [dev, staging, production]) {
      expect(Object.keys(json.terraform.required_providers ?? {})).toEqual(["aws"]);
      expect(json.provider?.aws.map((p) => [p.region, p.alias])).toEqual([
        ["sa-east-1", undefined],
        ["us-east-1", "us-east-1"],
      ]);
    }
    expect(valuesOf(dev, "aws_acm_certificate")[0].provider).toBe("aws.us-east-1");
    expect(valuesOf(dev, "aws_wafv2_web_acl")[0].provider).toBe("aws.us-east-1");
    expect(valuesOf(dev, "aws_s3_bucket")[0].provider).toBeUndefined();
  });

  it("calls no AWS data source (plans offline)", () => {
    for (const json of [dev, staging, production]) {
      expect(Object.keys(json.data ?? {}).filter((type) => type.startsWith("aws_"))).toEqual([]);
    }
  });

  it("dev: simple routing in dev.plataforma.app, one health check, no origin group, seed 003 WAF", () => {
    expect(valuesOf(dev, "aws_route53_zone")[0].name).toBe("dev.plataforma.app");
    expect(valuesOf(dev, "aws_route53_health_check")).toHaveLength(1);
    expect(valuesOf(dev, "aws_cloudfront_distribution")[0].origin_group).toBeUndefined();
    const rules = valuesOf(dev, "aws_wafv2_web_acl")[0].rule as { name: string; statement: Record<string, unknown> }[];
    expect(rules.map((r) => r.name)).toEqual([
      "geo-allow-list",
      "rate-limit-per-ip",
      "ip-reputation",
      "common-rule-set",
      "known-bad-inputs",
    ]);
  });

  it("staging: failover sa-east-1 -> us-east-1 in Route 53 and in the CloudFront origin group", () => {
    const routed = valuesOf(staging, "aws_route53_record").filter((r) => r.name === "api.staging.plataforma.app");
    expect(routed.map((r) => [r.set_identifier, (r.failover_routing_policy as { type: string }).type])).toEqual([
      ["sa-east-1", "PRIMARY"],
      ["us-east-1", "SECONDARY"],
    ]);
    const groups = valuesOf(staging, "aws_cloudfront_distribution")[0].origin_group as {
      origin_id: string;
      member: { origin_id: string }[];
    }[];
    expect(groups.find((g) => g.origin_id === "api")?.member).toEqual([
      { origin_id: "api-sa-east-1" },
      { origin_id: "api-us-east-1" },
    ]);
  });

  it("staging and production: bundles come from an origin group failing over to the us-east-1 replica", () => {
    for (const [json, env] of [
      [staging, "staging"],
      [production, "production"],
    ] as const) {
      const [distribution] = valuesOf(json, "aws_cloudfront_distribution");
      const groups = distribution.origin_group as { origin_id: string; member: { origin_id: string }[] }[];
      expect(groups.find((g) => g.origin_id === "bundles")?.member).toEqual([
        { origin_id: "module-bundles" },
        { origin_id: "module-bundles-replica" },
      ]);
      expect((distribution.default_cache_behavior as { target_origin_id: string }).target_origin_id).toBe("bundles");
      const origin = (distribution.origin as { origin_id: string; domain_name: string }[]).find(
        (o) => o.origin_id === "module-bundles-replica",
      );
      const replica = bucketName(loadEnvironment(env), replicaBucketLogical("module_bundles"));
      expect(origin?.domain_name).toBe(`${replica}.s3.us-east-1.amazonaws.com`);
      const policies = valuesOf(json, "aws_s3_bucket_policy").filter((p) => p.bucket === replica);
      expect(policies.map((p) => p.provider)).toEqual(["aws.us-east-1"]);
      expect(String(policies[0].policy)).toContain("AllowCloudFrontOacRead");
    }
    const [dev_] = valuesOf(dev, "aws_cloudfront_distribution");
    expect((dev_.default_cache_behavior as { target_origin_id: string }).target_origin_id).toBe("module-bundles");
  });

  it("production: geolocation SA/NA/EU plus default, 10 s health checks, Bot Control, aws.plataforma.app zone", () => {
    const routed = valuesOf(production, "aws_route53_record").filter((r) => r.name === "api.aws.plataforma.app");
    expect(routed.map((r) => JSON.stringify(r.geolocation_routing_policy)).sort()).toEqual([
      '{"continent":"EU"}',
      '{"continent":"NA"}',
      '{"continent":"SA"}',
      '{"country":"*"}',
    ]);
    expect(valuesOf(production, "aws_route53_health_check").map((h) => h.request_interval)).toEqual([10, 10, 10]);
    expect((valuesOf(production, "aws_wafv2_web_acl")[0].rule as { name: string }[]).map((r) => r.name)).toContain(
      "bot-control",
    );
    expect(valuesOf(production, "aws_cloudfront_distribution")[0].aliases).toEqual(["modules.aws.plataforma.app"]);
  });

  it(
    "owns the module bundle bucket's policy by configured name; " +
      "access logs go to its own bucket in the primary region",
    () => {
      const env = loadEnvironment("production");
      const policies = valuesOf(production, "aws_s3_bucket_policy").map((p) => p.bucket);
      expect(policies).toContain(bucketName(env, "module_bundles"));
      expect(valuesOf(production, "aws_s3_bucket")[0].bucket).toBe(
        "plataforma-production-cdn-access-logs-333333333333",
      );
      expect(EDGE_OWNED_BUCKET_POLICY_KINDS).toEqual(["module-bundles"]);
    },
  );

  it(
    "no two stacks of an environment write a policy for the same bucket (aws_s3_bucket_policy replaces the whole " +
      "policy)",
    () => {
      const owners = new Map<string, string[]>();
      for (const stack of all.stacks) {
        const json: StackJson = all.json(stack.node.id);
        for (const policy of Object.values(resourcesOf(json, "aws_s3_bucket_policy"))) {
          const bucket = String(policy.bucket);
          if (bucket.includes("${")) continue; // a reference to a bucket created in the same stack
          owners.set(bucket, [...(owners.get(bucket) ?? []), stack.node.id]);
        }
      }
      const shared = [...owners].filter(([, stacks]) => stacks.length > 1);
      expect(shared).toEqual([]);
      expect(owners.get("plataforma-dev-module-bundles-111111111111")).toEqual(["dev-global-edge"]);
    },
  );

  it("exports the output contract, described, with placeholders for every output", () => {
    const outputs = production.output ?? {};
    // Plus the DS record for the parent zone, which no stack reads (so not in the contract).
    expect(Object.keys(outputs).sort()).toEqual([...Object.values(EDGE_OUTPUTS), "dnssec_ds_record"].sort());
    expect(Object.values(outputs).every((o) => typeof o.description === "string" && o.description.length > 0)).toBe(
      true,
    );
    expect(Object.keys(edgePlaceholders()).sort()).toEqual(Object.values(EDGE_OUTPUTS).sort());
    expect(edgePlaceholders()[EDGE_OUTPUTS.nameServers]).toHaveLength(4);
    expect(outputs[EDGE_OUTPUTS.publicApiHostname].value).toBe("api.plataforma.app");
    expect(dev.output?.[EDGE_OUTPUTS.publicApiHostname].value).toBe("api.dev.plataforma.app");
  });

  it("signs every shipped zone with DNSSEC (us-east-1 key) and outputs the DS record for the parent zone", () => {
    for (const json of [dev, staging, production]) {
      expect(valuesOf(json, "aws_route53_hosted_zone_dnssec")).toEqual([
        expect.objectContaining({ signing_status: "SIGNING" }),
      ]);
      const [ksk] = valuesOf(json, "aws_route53_key_signing_key");
      expect(String(ksk.key_management_service_arn)).toMatch(/aws_kms_key\.dnssec_key_/);
      expect(valuesOf(json, "aws_kms_key").find((k) => k.key_usage === "SIGN_VERIFY")?.provider).toBe("aws.us-east-1");
      expect(String(json.output?.dnssec_ds_record.value)).toMatch(/aws_route53_key_signing_key\..*\.ds_record/);
    }
    expect(valuesOf(production, "aws_route53_key_signing_key")[0].name).toBe("plataforma_production_ksk");
  });

  it("logs DNS queries of every zone in us-east-1: a year in production, 90 days elsewhere", () => {
    const retention = (json: StackJson) =>
      valuesOf(json, "aws_cloudwatch_log_group").find((g) => String(g.name).startsWith("/aws/route53/"));
    expect(retention(production)).toMatchObject({
      name: "/aws/route53/aws.plataforma.app",
      retention_in_days: 365,
      provider: "aws.us-east-1",
    });
    expect(retention(dev)?.retention_in_days).toBe(90);
    for (const json of [dev, staging, production]) expect(valuesOf(json, "aws_route53_query_log")).toHaveLength(1);
  });
});
