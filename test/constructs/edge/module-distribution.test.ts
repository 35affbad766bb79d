import { Testing } from "cdktf";
import { DnsValidatedCertificate } from "../../../constructs/dns/dns-validated-certificate";
import { PublicZone } from "../../../constructs/dns/public-zone";
import { CloudFrontLogBucket } from "../../../constructs/edge/cloudfront-log-bucket";
import { EdgeWebAcl } from "../../../constructs/edge/edge-web-acl";
import {
  MANAGED_ALL_VIEWER_EXCEPT_HOST_POLICY_ID,
  MANAGED_CACHING_DISABLED_POLICY_ID,
  ModuleDistribution,
  type ModuleDistributionProps,
} from "../../../constructs/edge/module-distribution";
import { resourcesOf, type StackJson, valuesOf } from "../../helpers";
import { reported } from "../fixtures";

type Extra = Partial<Omit<ModuleDistributionProps, "certificate" | "webAcl" | "accessLogs" | "zone">> & {
  withLogs?: boolean;
  withZone?: boolean;
  withWaf?: boolean;
};

function synth(extra: Extra = {}): StackJson {
  const { withLogs = true, withZone = true, withWaf = true, ...props } = extra;
  return JSON.parse(
    Testing.synthScope((scope) => {
      const zone = new PublicZone(scope, "zone", { zoneName: "aws.plataforma.app" });
      const certificate = new DnsValidatedCertificate(scope, "certificate", {
        domainName: "modules.aws.plataforma.app",
        zone,
      });
      new ModuleDistribution(scope, "modules", {
        name: "plataforma-production",
        hostname: "modules.aws.plataforma.app",
        certificate,
        webAcl: withWaf
          ? new EdgeWebAcl(scope, "waf", { name: "plataforma-production-edge", accountId: "333333333333" })
          : undefined,
        accessLogs: withLogs
          ? new CloudFrontLogBucket(scope, "logs", { bucketName: "plataforma-production-cdn-access-logs-333333333333" })
          : undefined,
        zone: withZone ? zone : undefined,
        bundleBucket: { name: "plataforma-production-module-bundles-333333333333", region: "sa-east-1" },
        apiOrigins: {
          "sa-east-1": "api-sa-east-1.aws.plataforma.app",
          "us-east-1": "api-us-east-1.aws.plataforma.app",
        },
        primaryApiRegion: "sa-east-1",
        failoverApiRegion: "us-east-1",
        ...props,
      });
    }),
  ) as StackJson;
}

interface Behaviour {
  path_pattern?: string;
  target_origin_id: string;
  allowed_methods: string[];
  cache_policy_id: string;
  origin_request_policy_id?: string;
  viewer_protocol_policy: string;
  compress: boolean;
}

function distribution(json: StackJson) {
  return valuesOf(json, "aws_cloudfront_distribution")[0] as Record<string, unknown> & {
    origin: {
      origin_id: string;
      domain_name: string;
      origin_access_control_id?: string;
      custom_origin_config?: Record<string, unknown>;
    }[];
    origin_group: {
      origin_id: string;
      failover_criteria: { status_codes: number[] };
      member: { origin_id: string }[];
    }[];
    default_cache_behavior: Behaviour;
    ordered_cache_behavior: Behaviour[];
  };
}

describe("ModuleDistribution", () => {
  const json = synth();
  const d = distribution(json);

  it(
    "viewer side: alias, TLS 1.2 (2021) with SNI on the validated certificate, HTTP/2 and HTTP/3, IPv6, " +
      "price class 200, WAF",
    () => {
      expect(d).toMatchObject({
        aliases: ["modules.aws.plataforma.app"],
        http_version: "http2and3",
        is_ipv6_enabled: true,
        price_class: "PriceClass_200",
        enabled: true,
      });
      expect(d.viewer_certificate).toEqual({
        acm_certificate_arn: "${aws_acm_certificate_validation.certificate_validation_5EC41E25.certificate_arn}",
        ssl_support_method: "sni-only",
        minimum_protocol_version: "TLSv1.2_2021",
      });
      expect(String(d.web_acl_id)).toMatch(/aws_wafv2_web_acl\..*\.arn/);
    },
  );

  it("reads the bundle bucket through Origin Access Control (SigV4, always), never a public website endpoint", () => {
    const s3 = d.origin.find((o) => o.origin_id === "module-bundles")!;
    expect(s3.domain_name).toBe("plataforma-production-module-bundles-333333333333.s3.sa-east-1.amazonaws.com");
    expect(s3.origin_access_control_id).toMatch(/aws_cloudfront_origin_access_control\./);
    expect(valuesOf(json, "aws_cloudfront_origin_access_control")[0]).toMatchObject({
      origin_access_control_origin_type: "s3",
      signing_behavior: "always",
      signing_protocol: "sigv4",
    });
  });

  it("API origins per region over HTTPS/TLS 1.2 behind an origin group failing over on 5xx, primary first", () => {
    const api = d.origin.filter((o) => o.origin_id.startsWith("api-"));
    expect(api.map((o) => [o.origin_id, o.domain_name])).toEqual([
      ["api-sa-east-1", "api-sa-east-1.aws.plataforma.app"],
      ["api-us-east-1", "api-us-east-1.aws.plataforma.app"],
    ]);
    expect(api[0].custom_origin_config).toMatchObject({
      origin_protocol_policy: "https-only",
      origin_ssl_protocols: ["TLSv1.2"],
    });
    expect(d.origin_group).toEqual([
      {
        origin_id: "api",
        failover_criteria: { status_codes: [500, 502, 503, 504] },
        member: [{ origin_id: "api-sa-east-1" }, { origin_id: "api-us-east-1" }],
      },
    ]);
  });

  it(
    "ordered behaviours: /api/* (read-only, uncached, all viewer values but Host), manifests, /static/*; " +
      "default = module code",
    () => {
      expect(d.ordered_cache_behavior.map((b) => [b.path_pattern, b.target_origin_id])).toEqual([
        ["/api/*", "api"],
        ["*/manifest.json", "module-bundles"],
        ["/static/*", "module-bundles"],
      ]);
      const [api] = d.ordered_cache_behavior;
      expect(api).toMatchObject({
        allowed_methods: ["GET", "HEAD", "OPTIONS"],
        cache_policy_id: MANAGED_CACHING_DISABLED_POLICY_ID,
        origin_request_policy_id: MANAGED_ALL_VIEWER_EXCEPT_HOST_POLICY_ID,
      });
      expect(d.default_cache_behavior.cache_policy_id).toMatch(/cache-moduleCode/);
      for (const b of [d.default_cache_behavior, ...d.ordered_cache_behavior])
        expect(b).toMatchObject({ viewer_protocol_policy: "redirect-to-https", compress: true });
    },
  );

  it("cache policies carry the seed TTLs with gzip and brotli, and nothing user-specific in the key", () => {
    const byName = Object.fromEntries(valuesOf(json, "aws_cloudfront_cache_policy").map((p) => [p.name, p]));
    expect(byName["plataforma-production-moduleCode"]).toMatchObject({
      min_ttl: 0,
      default_ttl: 86_400,
      max_ttl: 31_536_000,
    });
    expect(byName["plataforma-production-manifests"]).toMatchObject({ default_ttl: 3_600, max_ttl: 86_400 });
    expect(byName["plataforma-production-staticAssets"]).toMatchObject({ default_ttl: 604_800, max_ttl: 31_536_000 });
    for (const policy of Object.values(byName) as Record<string, unknown>[]) {
      expect(policy.parameters_in_cache_key_and_forwarded_to_origin).toMatchObject({
        enable_accept_encoding_gzip: true,
        enable_accept_encoding_brotli: true,
        cookies_config: { cookie_behavior: "none" },
        query_strings_config: { query_string_behavior: "none" },
      });
    }
  });

  it("uses the given TTLs", () => {
    const custom = synth({ moduleCodeTtl: { min: 60, default: 600, max: 3600 } });
    const policy = valuesOf(custom, "aws_cloudfront_cache_policy").find(
      (p) => p.name === "plataforma-production-moduleCode",
    )!;
    expect(policy).toMatchObject({ min_ttl: 60, default_ttl: 600, max_ttl: 3600 });
  });

  it("response headers: HSTS two years with subdomains, nosniff, frame DENY; CORS only when origins are given", () => {
    const [policy] = valuesOf(json, "aws_cloudfront_response_headers_policy");
    expect(policy.security_headers_config).toMatchObject({
      strict_transport_security: { access_control_max_age_sec: 63_072_000, include_subdomains: true, override: true },
      content_type_options: { override: true },
      frame_options: { frame_option: "DENY", override: true },
    });
    expect(policy.cors_config).toBeUndefined();
    const cors = valuesOf(
      synth({ corsAllowedOrigins: ["https://plataforma.app"] }),
      "aws_cloudfront_response_headers_policy",
    )[0];
    expect(cors.cors_config).toMatchObject({
      access_control_allow_origins: { items: ["https://plataforma.app"] },
      access_control_allow_credentials: false,
    });
  });

  it("logs to the access log bucket after its ownership controls exist", () => {
    expect(d.logging_config).toEqual({
      bucket: expect.stringMatching(/^\$\{aws_s3_bucket\.logs_bucket_\w+\.bucket_domain_name\}$/),
      prefix: "cloudfront/",
      include_cookies: false,
    });
    expect(d.depends_on).toEqual([expect.stringMatching(/^aws_s3_bucket_ownership_controls\.logs_ownership_\w+$/)]);
    expect(distribution(synth({ withLogs: false })).logging_config).toBeUndefined();
  });

  it("owns the bundle bucket policy: TLS-only deny plus GetObject for this distribution only", () => {
    const [policy] = valuesOf(json, "aws_s3_bucket_policy").filter(
      (p) => p.bucket === "plataforma-production-module-bundles-333333333333",
    );
    const doc = JSON.parse(String(policy.policy));
    expect(doc.Statement).toEqual([
      expect.objectContaining({
        Sid: "DenyInsecureTransport",
        Effect: "Deny",
        Condition: { Bool: { "aws:SecureTransport": false } },
      }),
      {
        Sid: "AllowCloudFrontOacRead",
        Effect: "Allow",
        Principal: { Service: "cloudfront.amazonaws.com" },
        Action: "s3:GetObject",
        Resource: "arn:aws:s3:::plataforma-production-module-bundles-333333333333/*",
        Condition: {
          StringEquals: { "AWS:SourceArn": "${aws_cloudfront_distribution.modules_distribution_3EAB196B.arn}" },
        },
      },
    ]);
    expect(valuesOf(synth({ manageBundleBucketPolicy: false, withLogs: false }), "aws_s3_bucket_policy")).toEqual([]);
  });

  it(
    "aliases the host name (A and AAAA) to the distribution " + "without target health (unsupported for CloudFront)",
    () => {
      const records = resourcesOf(json, "aws_route53_record");
      const aliases = Object.entries(records)
        .filter(([id]) => id.startsWith("modules_alias"))
        .map(([, r]) => r);
      expect(aliases.map((r) => r.type).sort()).toEqual(["A", "AAAA"]);
      for (const r of aliases)
        expect(r.alias).toMatchObject({
          evaluate_target_health: false,
          name: "${aws_cloudfront_distribution.modules_distribution_3EAB196B.domain_name}",
        });
    },
  );

  it("without a failover region the API behaviour targets the primary origin directly", () => {
    const single = distribution(
      synth({ failoverApiRegion: undefined, apiOrigins: { "sa-east-1": "api-sa-east-1.aws.plataforma.app" } }),
    );
    expect(single.origin_group).toBeUndefined();
    expect(single.ordered_cache_behavior[0].target_origin_id).toBe("api-sa-east-1");
  });

  it(
    "fails with every problem: TTLs out of order, unknown API regions, host outside the zone, " +
      "non-https CORS origin",
    () => {
      const build = () =>
        synth({
          manifestTtl: { min: 10, default: 5, max: 1 },
          primaryApiRegion: "eu-west-1",
          failoverApiRegion: "ap-south-1",
          hostname: "modules.example.com",
          corsAllowedOrigins: ["http://plataforma.app"],
        });
      expect(reported(build)).toEqual([
        ["manifestsTtl", { min: 10, default: 5, max: 1 }],
        ["primaryApiRegion", "eu-west-1"],
        ["failoverApiRegion", "ap-south-1"],
        ["hostname", "modules.example.com"],
        ["corsAllowedOrigins", "http://plataforma.app"],
      ]);
    },
  );

  describe("bundleReplica", () => {
    const json = synth({
      bundleReplica: { name: "plataforma-production-module-bundles-replica-333333333333", region: "us-east-1" },
    });
    const [distribution] = valuesOf(json, "aws_cloudfront_distribution");

    it("serves bundles, manifests and static assets from an origin group failing over to the replica on 5xx", () => {
      const groups = distribution.origin_group as {
        origin_id: string;
        failover_criteria: { status_codes: number[] };
        member: { origin_id: string }[];
      }[];
      expect(groups.map((g) => g.origin_id)).toEqual(["bundles", "api"]);
      expect(groups[0]).toEqual({
        origin_id: "bundles",
        failover_criteria: { status_codes: [500, 502, 503, 504] },
        member: [{ origin_id: "module-bundles" }, { origin_id: "module-bundles-replica" }],
      });
      expect((distribution.default_cache_behavior as Behaviour).target_origin_id).toBe("bundles");
      const ordered = distribution.ordered_cache_behavior as Behaviour[];
      expect(ordered.map((b) => b.target_origin_id)).toEqual(["api", "bundles", "bundles"]);
    });

    it("reads the replica through the same OAC and writes its TLS-only OAC policy too", () => {
      const origins = distribution.origin as {
        origin_id: string;
        domain_name: string;
        origin_access_control_id: string;
      }[];
      const replica = origins.find((o) => o.origin_id === "module-bundles-replica");
      expect(replica?.domain_name).toBe(
        "plataforma-production-module-bundles-replica-333333333333.s3.us-east-1.amazonaws.com",
      );
      expect(replica?.origin_access_control_id).toBe(origins[0].origin_access_control_id);
      const policies = valuesOf(json, "aws_s3_bucket_policy").filter((p) => String(p.bucket).includes("bundles"));
      expect(policies.map((p) => p.bucket)).toEqual([
        "plataforma-production-module-bundles-333333333333",
        "plataforma-production-module-bundles-replica-333333333333",
      ]);
      const sids = JSON.parse(policies[1].policy as string).Statement.map((st: { Sid: string }) => st.Sid);
      expect(sids).toEqual(["DenyInsecureTransport", "AllowCloudFrontOacRead"]);
    });
  });
});
