import { CloudfrontCachePolicy } from "@cdktf/provider-aws/lib/cloudfront-cache-policy";
import {
  CloudfrontDistribution,
  type CloudfrontDistributionOrderedCacheBehavior,
  type CloudfrontDistributionOrigin,
  type CloudfrontDistributionOriginGroup,
} from "@cdktf/provider-aws/lib/cloudfront-distribution";
import { CloudfrontOriginAccessControl } from "@cdktf/provider-aws/lib/cloudfront-origin-access-control";
import { CloudfrontResponseHeadersPolicy } from "@cdktf/provider-aws/lib/cloudfront-response-headers-policy";
import { Route53Record } from "@cdktf/provider-aws/lib/route53-record";
import { S3BucketPolicy } from "@cdktf/provider-aws/lib/s3-bucket-policy";
import type { TerraformProvider } from "cdktf";
import { Construct } from "constructs";
import { type PropProblem, throwIfInvalid } from "../core/validation";
import type { DnsValidatedCertificate } from "../dns/dns-validated-certificate";
import type { PublicZone } from "../dns/public-zone";
import { type PolicyStatement, renderPolicy } from "../iam/policy-document";
import { denyInsecureTransport } from "../storage/tls-only";
import type { CloudFrontLogBucket } from "./cloudfront-log-bucket";
import {
  type CacheTtl,
  DEFAULT_MANIFEST_TTL,
  DEFAULT_MODULE_CODE_TTL,
  DEFAULT_STATIC_ASSET_TTL,
  MAX_CACHE_TTL_SECONDS,
} from "./edge-settings";
import type { EdgeWebAcl } from "./edge-web-acl";

/** AWS managed cache policy "CachingDisabled" (documented id): API responses are never cached. */
export const MANAGED_CACHING_DISABLED_POLICY_ID = "4135ea2d-6df8-44a3-9df3-4b5a84be39ad";

/**
 * AWS managed origin request policy "AllViewerExceptHostHeader" (documented id): the API
 * gets the viewer's headers, cookies and query strings but the origin's own Host, so
 * TLS to the regional name verifies.
 */
export const MANAGED_ALL_VIEWER_EXCEPT_HOST_POLICY_ID = "b689b0a8-53d0-40ab-baf2-68738e2966ac";

/** Minimum viewer TLS: TLS 1.2 with the 2021 cipher set. */
export const VIEWER_MINIMUM_PROTOCOL = "TLSv1.2_2021";

/** Origin responses that make an origin group retry on the other region. */
export const FAILOVER_STATUS_CODES = [500, 502, 503, 504] as const;

/** HSTS max-age: two years, the value preload lists ask for. */
export const HSTS_MAX_AGE_SECONDS = 63_072_000;

/** Path patterns of the ordered behaviours, first match wins. */
export const BEHAVIOUR_PATHS = {
  api: "/api/*",
  manifests: "*/manifest.json",
  staticAssets: "/static/*",
} as const;

/** The module bundle bucket (created by another stack, so named rather than passed). */
export interface BundleBucketRef {
  /** Bucket name. */
  readonly name: string;
  /** Region the bucket lives in. */
  readonly region: string;
}

/** Properties of {@link ModuleDistribution}. */
export interface ModuleDistributionProps {
  /** Name prefix of the policies and the OAC, e.g. `orders-production`. */
  readonly name: string;
  /** The distribution's alternate domain name, e.g. `modules.aws.example.com`. */
  readonly hostname: string;
  /** Certificate for `hostname`, in us-east-1. */
  readonly certificate: DnsValidatedCertificate;
  /** Web ACL in front of the distribution. @default - none */
  readonly webAcl?: EdgeWebAcl;
  /** Module bundles, the default origin, read through Origin Access Control. */
  readonly bundleBucket: BundleBucketRef;
  /**
   * Write the bundle bucket's policy (TLS-only deny plus the grant to this distribution).
   * The policy replaces any other on the bucket, so exactly one stack may own it.
   * @default true
   */
  readonly manageBundleBucketPolicy?: boolean;
  /** Provider of the bundle bucket's region, for its policy. @default - the scope's default provider */
  readonly bundleBucketProvider?: TerraformProvider;
  /**
   * A replica of the bundle bucket in another region (S3 replication). The default,
   * manifest and static behaviours then target an origin group that fails over to it on
   * 5xx; its policy is written like the bundle bucket's.
   * @default - none: bundles are served from `bundleBucket` only
   */
  readonly bundleReplica?: BundleBucketRef & {
    /** Provider of the replica's region, for its policy. @default - the scope's default provider */
    readonly provider?: TerraformProvider;
  };
  /** API origin host names keyed by region. */
  readonly apiOrigins: Readonly<Record<string, string>>;
  /** Region whose API origin serves first. */
  readonly primaryApiRegion: string;
  /** Region the origin group fails over to on 5xx. @default - none: no origin group */
  readonly failoverApiRegion?: string;
  /** @default - 0 / 86400 / 31536000 */
  readonly moduleCodeTtl?: CacheTtl;
  /** @default - 0 / 3600 / 86400 */
  readonly manifestTtl?: CacheTtl;
  /** @default - 0 / 604800 / 31536000 */
  readonly staticAssetTtl?: CacheTtl;
  /** @default "PriceClass_200" (seed 003: includes South America) */
  readonly priceClass?: "PriceClass_100" | "PriceClass_200" | "PriceClass_All";
  /** Access log bucket. @default - no access logs */
  readonly accessLogs?: CloudFrontLogBucket;
  /** Origins allowed to load bundles cross-origin (ES modules need CORS). @default [] */
  readonly corsAllowedOrigins?: readonly string[];
  /** Zone that gets A/AAAA aliases for `hostname`. @default - no records */
  readonly zone?: PublicZone;
}

/**
 * The CloudFront distribution for module bundles (seed 000: "AWS CloudFront (Modules)"):
 * S3 origin through Origin Access Control (the bucket stays private), cache policies per
 * content type with gzip and brotli, `/static/*` and manifest behaviours, a read-only
 * `/api/*` behaviour on a two-region origin group that fails over on 5xx (bundles too, to a
 * replica bucket, when one is given), security
 * headers, TLS 1.2+ with SNI, HTTP/2 and HTTP/3, IPv6, access logs and a WAF web ACL.
 *
 * The API behaviour allows only GET, HEAD and OPTIONS: CloudFront origin groups fail
 * over only for those methods, and writes go to the primary edge (Cloudflare or
 * Route 53), never through the module CDN.
 *
 * @example
 * ```ts
 * import type { AwsProvider } from "@cdktf/provider-aws/lib/provider";
 * import type { DnsValidatedCertificate, PublicZone } from "@plataforma/infra/constructs/dns";
 * import { type CloudFrontLogBucket, type EdgeWebAcl, ModuleDistribution } from "@plataforma/infra/constructs/edge";
 *
 * declare const certificate: DnsValidatedCertificate; // modules.aws.example.com, us-east-1
 * declare const webAcl: EdgeWebAcl;
 * declare const cdnLogs: CloudFrontLogBucket;
 * declare const zone: PublicZone; // aws.example.com
 * declare const saEast1: AwsProvider; // the bundle bucket's region
 *
 * const modules = new ModuleDistribution(stack, "modules", {
 *   name: "orders-production",
 *   hostname: "modules.aws.example.com",
 *   certificate,
 *   webAcl,
 *   bundleBucket: { name: "orders-production-module-bundles", region: "sa-east-1" },
 *   bundleBucketProvider: saEast1,
 *   apiOrigins: {
 *     "sa-east-1": "api-sa-east-1.aws.example.com",
 *     "us-east-1": "api-us-east-1.aws.example.com",
 *   },
 *   primaryApiRegion: "sa-east-1",
 *   failoverApiRegion: "us-east-1",
 *   accessLogs: cdnLogs,
 *   corsAllowedOrigins: ["https://app.example.com"],
 *   zone,
 * });
 * const domainName = modules.distribution.domainName;
 * ```
 */
export class ModuleDistribution extends Construct {
  /** The distribution. */
  readonly distribution: CloudfrontDistribution;
  /** Cache policies keyed by content type. */
  readonly cachePolicies: Readonly<Record<"moduleCode" | "manifests" | "staticAssets", CloudfrontCachePolicy>>;
  /** The security (and CORS) headers policy. */
  readonly responseHeaders: CloudfrontResponseHeadersPolicy;
  /** The bundle bucket's policy, when this construct owns it. */
  readonly bundleBucketPolicy?: S3BucketPolicy;

  constructor(scope: Construct, id: string, props: ModuleDistributionProps) {
    super(scope, id);
    const ttls = {
      moduleCode: props.moduleCodeTtl ?? DEFAULT_MODULE_CODE_TTL,
      manifests: props.manifestTtl ?? DEFAULT_MANIFEST_TTL,
      staticAssets: props.staticAssetTtl ?? DEFAULT_STATIC_ASSET_TTL,
    };
    this.validate(props, ttls);

    const oac = new CloudfrontOriginAccessControl(this, "origin-access-control", {
      name: `${props.name}-module-bundles`,
      description: `CloudFront reads ${props.bundleBucket.name} with SigV4`,
      originAccessControlOriginType: "s3",
      signingBehavior: "always",
      signingProtocol: "sigv4",
    });

    const cachePolicy = (key: keyof typeof ttls, comment: string, headers: string[] = []) =>
      new CloudfrontCachePolicy(this, `cache-${key}`, {
        name: `${props.name}-${key}`,
        comment,
        minTtl: ttls[key].min,
        defaultTtl: ttls[key].default,
        maxTtl: ttls[key].max,
        parametersInCacheKeyAndForwardedToOrigin: {
          cookiesConfig: { cookieBehavior: "none" },
          headersConfig:
            headers.length > 0
              ? { headerBehavior: "whitelist", headers: { items: headers } }
              : { headerBehavior: "none" },
          queryStringsConfig: { queryStringBehavior: "none" },
          enableAcceptEncodingGzip: true,
          enableAcceptEncodingBrotli: true,
        },
      });
    this.cachePolicies = {
      // Bundles are chosen by path (`<module>/<version>/bundle.esm.js`), so seed 001's
      // `Vary: User-Agent` is left out of the key: it would split the cache per browser.
      moduleCode: cachePolicy("moduleCode", "Module code: 24 h default, 1 year for versioned paths (seed 001)"),
      manifests: cachePolicy("manifests", "Module manifests: 1 h, localized by Accept-Language (seed 001)", [
        "Accept-Language",
      ]),
      staticAssets: cachePolicy("staticAssets", "Static assets: 7 days default, up to 1 year (seeds 001/003)"),
    };

    const cors = props.corsAllowedOrigins ?? [];
    this.responseHeaders = new CloudfrontResponseHeadersPolicy(this, "response-headers", {
      name: `${props.name}-security-headers`,
      comment: "HSTS, nosniff, frame deny, strict referrer",
      securityHeadersConfig: {
        strictTransportSecurity: {
          accessControlMaxAgeSec: HSTS_MAX_AGE_SECONDS,
          includeSubdomains: true,
          preload: false,
          override: true,
        },
        contentTypeOptions: { override: true },
        frameOptions: { frameOption: "DENY", override: true },
        referrerPolicy: { referrerPolicy: "strict-origin-when-cross-origin", override: true },
      },
      ...(cors.length > 0
        ? {
            corsConfig: {
              accessControlAllowCredentials: false,
              accessControlAllowHeaders: { items: ["*"] },
              accessControlAllowMethods: { items: ["GET", "HEAD", "OPTIONS"] },
              accessControlAllowOrigins: { items: [...cors] },
              // Seed 003's CORS max_age_seconds.
              accessControlMaxAgeSec: 3000,
              originOverride: true,
            },
          }
        : {}),
    });

    const bundleOrigin = "module-bundles";
    const replicaOrigin = "module-bundles-replica";
    const apiOriginId = (region: string) => `api-${region}`;
    const s3Origin = (originId: string, bucket: BundleBucketRef): CloudfrontDistributionOrigin => ({
      originId,
      domainName: `${bucket.name}.s3.${bucket.region}.amazonaws.com`,
      originAccessControlId: oac.id,
    });
    const replica = props.bundleReplica;
    const origins: CloudfrontDistributionOrigin[] = [
      s3Origin(bundleOrigin, props.bundleBucket),
      ...(replica ? [s3Origin(replicaOrigin, replica)] : []),
      ...Object.entries(props.apiOrigins).map(
        ([region, domainName]): CloudfrontDistributionOrigin => ({
          originId: apiOriginId(region),
          domainName,
          customOriginConfig: {
            httpPort: 80,
            httpsPort: 443,
            originProtocolPolicy: "https-only",
            originSslProtocols: ["TLSv1.2"],
          },
        }),
      ),
    ];
    const failoverGroup = (originId: string, primary: string, secondary: string) => ({
      originId,
      failoverCriteria: { statusCodes: [...FAILOVER_STATUS_CODES] },
      member: [{ originId: primary }, { originId: secondary }],
    });
    const originGroups: CloudfrontDistributionOriginGroup[] = [
      ...(replica ? [failoverGroup("bundles", bundleOrigin, replicaOrigin)] : []),
      ...(props.failoverApiRegion
        ? [failoverGroup("api", apiOriginId(props.primaryApiRegion), apiOriginId(props.failoverApiRegion))]
        : []),
    ];
    const apiTarget = props.failoverApiRegion ? "api" : apiOriginId(props.primaryApiRegion);
    const bundleTarget = replica ? "bundles" : bundleOrigin;

    const readOnly = { allowedMethods: ["GET", "HEAD", "OPTIONS"], cachedMethods: ["GET", "HEAD", "OPTIONS"] };
    const common = {
      viewerProtocolPolicy: "redirect-to-https",
      compress: true,
      responseHeadersPolicyId: this.responseHeaders.id,
    };
    const ordered: CloudfrontDistributionOrderedCacheBehavior[] = [
      {
        pathPattern: BEHAVIOUR_PATHS.api,
        targetOriginId: apiTarget,
        allowedMethods: ["GET", "HEAD", "OPTIONS"],
        cachedMethods: ["GET", "HEAD"],
        cachePolicyId: MANAGED_CACHING_DISABLED_POLICY_ID,
        originRequestPolicyId: MANAGED_ALL_VIEWER_EXCEPT_HOST_POLICY_ID,
        ...common,
      },
      {
        pathPattern: BEHAVIOUR_PATHS.manifests,
        targetOriginId: bundleTarget,
        cachePolicyId: this.cachePolicies.manifests.id,
        ...readOnly,
        ...common,
      },
      {
        pathPattern: BEHAVIOUR_PATHS.staticAssets,
        targetOriginId: bundleTarget,
        cachePolicyId: this.cachePolicies.staticAssets.id,
        ...readOnly,
        ...common,
      },
    ];

    this.distribution = new CloudfrontDistribution(this, "distribution", {
      enabled: true,
      comment: `Module bundles of ${props.name}`,
      aliases: [props.hostname],
      priceClass: props.priceClass ?? "PriceClass_200",
      httpVersion: "http2and3",
      isIpv6Enabled: true,
      webAclId: props.webAcl?.webAcl.arn,
      origin: origins,
      originGroup: originGroups.length > 0 ? originGroups : undefined,
      defaultCacheBehavior: {
        targetOriginId: bundleTarget,
        cachePolicyId: this.cachePolicies.moduleCode.id,
        ...readOnly,
        ...common,
      },
      orderedCacheBehavior: ordered,
      // Countries are filtered by the WAF's allow-list (logged, one place to change).
      restrictions: { geoRestriction: { restrictionType: "none", locations: [] } },
      viewerCertificate: {
        acmCertificateArn: props.certificate.validation.certificateArn,
        sslSupportMethod: "sni-only",
        minimumProtocolVersion: VIEWER_MINIMUM_PROTOCOL,
      },
      ...(props.accessLogs
        ? {
            loggingConfig: {
              bucket: props.accessLogs.bucket.bucketDomainName,
              prefix: "cloudfront/",
              includeCookies: false,
            },
            dependsOn: [props.accessLogs.ownership],
          }
        : {}),
    });

    if (props.manageBundleBucketPolicy ?? true) {
      this.bundleBucketPolicy = this.oacReadPolicy(
        "bundle-bucket-policy",
        props.bundleBucket.name,
        props.bundleBucketProvider,
      );
      if (replica) this.oacReadPolicy("bundle-replica-policy", replica.name, replica.provider);
    }

    if (props.zone) {
      for (const type of ["A", "AAAA"]) {
        new Route53Record(this, `alias-${type.toLowerCase()}`, {
          zoneId: props.zone.zone.zoneId,
          name: props.hostname,
          type,
          // CloudFront alias targets do not support evaluate_target_health.
          alias: {
            name: this.distribution.domainName,
            zoneId: this.distribution.hostedZoneId,
            evaluateTargetHealth: false,
          },
        });
      }
    }
  }

  /** A bucket policy: TLS only, and reads by this distribution through its OAC. */
  private oacReadPolicy(id: string, bucket: string, provider?: TerraformProvider): S3BucketPolicy {
    const bucketArn = `arn:aws:s3:::${bucket}`;
    const statements: PolicyStatement[] = [
      denyInsecureTransport(bucketArn),
      {
        Sid: "AllowCloudFrontOacRead",
        Effect: "Allow",
        Principal: { Service: "cloudfront.amazonaws.com" },
        Action: "s3:GetObject",
        Resource: `${bucketArn}/*`,
        Condition: { StringEquals: { "AWS:SourceArn": this.distribution.arn } },
      },
    ];
    return new S3BucketPolicy(this, id, { bucket, policy: renderPolicy(statements), provider });
  }

  private validate(props: ModuleDistributionProps, ttls: Record<string, CacheTtl>): void {
    const problems: PropProblem[] = [];
    for (const [key, ttl] of Object.entries(ttls)) {
      if (!(ttl.min >= 0 && ttl.min <= ttl.default && ttl.default <= ttl.max && ttl.max <= MAX_CACHE_TTL_SECONDS)) {
        problems.push({
          prop: `${key}Ttl`,
          message: `must satisfy 0 <= min <= default <= max <= ${MAX_CACHE_TTL_SECONDS}`,
          received: ttl,
          fix: "reorder or cap the values",
        });
      }
    }
    const regions = Object.keys(props.apiOrigins).join(", ");
    if (!props.apiOrigins[props.primaryApiRegion]) {
      problems.push({
        prop: "primaryApiRegion",
        message: `has no entry in apiOrigins [${regions}]`,
        received: props.primaryApiRegion,
        fix: "add its host name to apiOrigins",
      });
    }
    const failover = props.failoverApiRegion;
    if (failover !== undefined && (failover === props.primaryApiRegion || !props.apiOrigins[failover])) {
      problems.push({
        prop: "failoverApiRegion",
        message: `must be another region than primaryApiRegion with an entry in apiOrigins [${regions}]`,
        received: failover,
        fix: "use the DR region or leave it unset",
      });
    }
    if (props.zone && !props.hostname.endsWith(`.${props.zone.zoneName}`)) {
      problems.push({
        prop: "hostname",
        message: `is not in zone ${props.zone.zoneName}`,
        received: props.hostname,
        fix: `use a name under ${props.zone.zoneName}`,
      });
    }
    for (const origin of props.corsAllowedOrigins ?? []) {
      if (!/^https:\/\/[a-z0-9.-]+(:\d+)?$/.test(origin)) {
        problems.push({
          prop: "corsAllowedOrigins",
          message: "has an entry that is not an https origin",
          received: origin,
          fix: 'use e.g. "https://example.com"',
        });
      }
    }
    throwIfInvalid(this, problems);
  }
}
