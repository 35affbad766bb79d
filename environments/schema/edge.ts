import { z } from "zod";
// Cache TTL defaults live with the distribution construct (seed 001/003 reasoning there).
import {
  DEFAULT_MANIFEST_TTL,
  DEFAULT_MODULE_CODE_TTL,
  DEFAULT_RATE_LIMIT_PER_5_MINUTES,
  DEFAULT_STATIC_ASSET_TTL,
} from "../../constructs/edge/edge-settings";
import { CONTINENT_CODES, isCountryCode } from "../../constructs/edge/geo-codes";
import { moduleBundleBucket, route53ZoneName, secondaryRegion } from "../../naming/derived";
import { AwsRegionSchema, HostnameSchema, LogRetentionSchema, shortProductionRetention } from "./primitives";
import type { ReportIssue } from "./report-issue";

/**
 * Which edge answers users for the API host name. Seed 000: "Cloudflare (Primary)" with
 * CloudFront kept for module distribution; an environment without Cloudflare (dev)
 * serves straight from Route 53. CloudFront always distributes module bundles.
 */
export const PRIMARY_EDGES = ["cloudflare", "route53"] as const;

/**
 * How Route 53 answers the API record: one region (`simple`), active-passive
 * (`failover`, seed 003 "Failover: automatic"), nearest region (`latency`) or by
 * continent (`geolocation`, seed 003 "SA/NA/EU").
 */
export const ROUTING_POLICIES = ["simple", "failover", "latency", "geolocation"] as const;

/** Intervals Route 53 health checks accept, in seconds (10 costs more, detects faster). */
export const HEALTH_CHECK_INTERVALS = [10, 30] as const;

/** One year, the largest TTL CloudFront and sane DNS use (seed 001 `max-ttl: 31536000`). */
export const MAX_TTL_SECONDS = 31_536_000;

/**
 * DNS record TTL bounds. Below 30 s resolvers ignore it anyway; above a day a bad record
 * lingers for days.
 */
export const DNS_TTL_BOUNDS = { min: 30, max: 86_400 } as const;

/**
 * Longest TTL a failover (or health-checked) record may have: with a longer one,
 * resolvers keep sending users to a dead region long after Route 53 switched, which
 * defeats an RTO of minutes.
 */
export const MAX_FAILOVER_TTL_SECONDS = 300;

/** DNS TTL of the regional records (seed 003 migration plan: "Lower TTL to 60 seconds"). */
export const DEFAULT_DNS_TTL_SECONDS = 60;

/** Seed 003 WAF `rate_limiting`: 2000 requests per 300 s window per IP. */
const DEFAULT_WAF_RATE_LIMIT = DEFAULT_RATE_LIMIT_PER_5_MINUTES;

/** Seed 003 WAF `geo_blocking.allowed_countries`. */
export const DEFAULT_ALLOWED_COUNTRIES = ["BR", "US", "GB"] as const;

/**
 * Rate limit bounds per IP per 5 minutes. AWS WAF accepts 10 and up; below 100 a single
 * office behind one NAT address locks itself out.
 */
export const WAF_RATE_LIMIT_BOUNDS = { min: 100, max: 2_000_000_000 } as const;

/** Periods Cloudflare rate-limiting rules accept, in seconds. */
export const CLOUDFLARE_RATE_LIMIT_PERIODS = [10, 60, 120, 300, 600, 3600] as const;

/**
 * Cloudflare load-balancer steering: `off` fails over strictly in pool order. `geo` and
 * `proximity` are left out: they need per-region pool maps or coordinates we do not keep.
 */
export const CLOUDFLARE_STEERING_POLICIES = ["off", "dynamic_latency", "random"] as const;

/** CloudFront price classes; seed 003 uses PriceClass_200 (includes South America). */
export const PRICE_CLASSES = ["PriceClass_100", "PriceClass_200", "PriceClass_All"] as const;

const CountryCodeSchema = z.string().refine(isCountryCode, {
  error: (issue) =>
    `${JSON.stringify(issue.input)} is not an ISO 3166-1 alpha-2 country code. ` +
    `Fix: use upper-case codes such as "BR", "US", "GB" (not "UK")`,
});

const ContinentSchema = z.enum(CONTINENT_CODES, {
  error: (issue) =>
    `${JSON.stringify(issue.input)} is not a Route 53 continent code. Fix: use one of ${CONTINENT_CODES.join(", ")}`,
});

const UrlPathSchema = z.string().regex(/^\/[A-Za-z0-9._~\-/?=&%]*$/, {
  error: (issue) => `${JSON.stringify(issue.input)} is not an absolute URL path. Fix: use a path such as "/health"`,
});

/** A number from a fixed list, with a message naming the list. */
function oneOf(values: readonly number[], what: string) {
  return z.number().refine((v) => values.includes(v), {
    error: (issue) => `${what} ${JSON.stringify(issue.input)} is not accepted. Fix: use one of ${values.join(", ")}`,
  });
}

const DnsTtlSchema = z.number().int().min(DNS_TTL_BOUNDS.min).max(DNS_TTL_BOUNDS.max);

/** The API endpoint of one region. */
export const EdgeRegionSchema = z.strictObject({
  /**
   * Host name of the region's ingress load balancer (created by Kubernetes, so it comes
   * from config: set it from the ingress's status after the platform stack's first
   * apply). `api-<region>.<zone>` points at it.
   */
  ingressHostname: HostnameSchema,
  /** Route 53 health-checks the region; failover targets need it. @default true */
  healthCheck: z.boolean().default(true),
  /** Continents this region answers under geolocation routing. @default [] */
  continents: z.array(ContinentSchema).default([]),
});

/** TTLs of one CloudFront cache policy, in seconds. */
export const CacheTtlSchema = z.strictObject({
  min: z.number().int().min(0).max(MAX_TTL_SECONDS),
  default: z.number().int().min(0).max(MAX_TTL_SECONDS),
  max: z.number().int().min(0).max(MAX_TTL_SECONDS),
});

/** Route 53: the zone, the API record's routing, health checks. */
export const Route53Schema = z.strictObject({
  /**
   * Hosted zone. @default - the environment's domain. With Cloudflare primary, use a
   * subdomain (`aws.<domain>`) that the Cloudflare zone delegates to Route 53.
   */
  zoneName: HostnameSchema.optional(),
  routing: z.enum(ROUTING_POLICIES),
  /** TTL of the regional records. @default 60 */
  recordTtlSeconds: DnsTtlSchema.default(DEFAULT_DNS_TTL_SECONDS),
  /** Label of the routed API record (`api` gives `api.<zone>`). @default "api" */
  apiRecordName: z
    .string()
    .regex(/^[a-z0-9]([a-z0-9-]{0,61}[a-z0-9])?$/)
    .default("api"),
  healthCheck: z
    .strictObject({
      /** @default "/health" (seed 001 probes) */
      path: UrlPathSchema.default("/health"),
      /** @default 30 (seed 003 "Health checks: 30s interval") */
      requestIntervalSeconds: oneOf(HEALTH_CHECK_INTERVALS, "Route 53 health check interval").default(30),
      /** Consecutive failures before unhealthy, 1-10. @default 3 */
      failureThreshold: z.number().int().min(1).max(10).default(3),
    })
    .default({ path: "/health", requestIntervalSeconds: 30, failureThreshold: 3 }),
  /**
   * Sign the zone with DNSSEC (KMS key in us-east-1); the stack outputs the DS record to
   * publish at the parent zone. @default true
   */
  dnssec: z.boolean().default(true),
  /** Retention of the zone's DNS query logs (us-east-1). @default 90 (seed 002: audit logs) */
  queryLogRetentionDays: LogRetentionSchema.default(90),
});

/** CloudFront: module distribution. */
export const CloudFrontSchema = z.strictObject({
  /** The distribution's host name; must sit in the Route 53 zone (ACM DNS validation). */
  hostname: HostnameSchema,
  /** @default "PriceClass_200" (seed 003) */
  priceClass: z.enum(PRICE_CLASSES).default("PriceClass_200"),
  cache: z
    .strictObject({
      moduleCode: CacheTtlSchema.default(DEFAULT_MODULE_CODE_TTL),
      manifests: CacheTtlSchema.default(DEFAULT_MANIFEST_TTL),
      staticAssets: CacheTtlSchema.default(DEFAULT_STATIC_ASSET_TTL),
    })
    .default({
      moduleCode: DEFAULT_MODULE_CODE_TTL,
      manifests: DEFAULT_MANIFEST_TTL,
      staticAssets: DEFAULT_STATIC_ASSET_TTL,
    }),
  /** Days access logs are kept before expiry. @default 90 */
  accessLogRetentionDays: z.number().int().min(1).max(3653).default(90),
});

/** WAFv2 web ACL in front of CloudFront. */
export const WafSchema = z.strictObject({
  /** Requests per IP per 5 minutes. @default 2000 (seed 003) */
  rateLimitPer5Minutes: z
    .number()
    .int()
    .min(WAF_RATE_LIMIT_BOUNDS.min)
    .max(WAF_RATE_LIMIT_BOUNDS.max)
    .default(DEFAULT_WAF_RATE_LIMIT),
  /** Countries allowed in; all others are blocked. @default ["BR", "US", "GB"] (seed 003) */
  allowedCountries: z
    .array(CountryCodeSchema)
    .min(1)
    .default([...DEFAULT_ALLOWED_COUNTRIES]),
  /** Adds AWSManagedRulesBotControlRuleSet (billed per request). @default false */
  botControl: z.boolean().default(false),
  /** Days WAF logs are kept. @default 90 */
  logRetentionDays: LogRetentionSchema.default(90),
});

/** A DNS record in the Cloudflare zone. */
export const CloudflareRecordSchema = z.strictObject({
  type: z.enum(["A", "AAAA", "CNAME"]),
  content: z.string().min(1),
  /** Through Cloudflare's proxy (WAF, cache, DDoS). @default true */
  proxied: z.boolean().default(true),
});

const CloudflareIdSchema = z.string().regex(/^[0-9a-f]{32}$/, {
  error: (issue) =>
    `${JSON.stringify(issue.input)} is not a Cloudflare id. Fix: copy the 32-character hex id from the dashboard`,
});

/** Cloudflare: zone settings, DNS, WAF, rate limits, cache rules, load balancer. */
export const CloudflareSchema = z.strictObject({
  accountId: CloudflareIdSchema,
  zoneId: CloudflareIdSchema,
  /** The zone's name, e.g. `plataforma.app`. */
  zoneName: HostnameSchema,
  /** Regions in failover order; each gets a pool. */
  poolOrder: z.array(AwsRegionSchema).min(1),
  /** Pool used when every pool is unhealthy. */
  fallbackPool: AwsRegionSchema,
  /** @default "off" (strict failover in pool order) */
  steeringPolicy: z.enum(CLOUDFLARE_STEERING_POLICIES).default("off"),
  monitor: z
    .strictObject({
      /** @default "/health" */
      path: UrlPathSchema.default("/health"),
      /** Seconds between probes, 60 or more (shorter needs an enterprise plan). @default 60 */
      intervalSeconds: z.number().int().min(60).max(3600).default(60),
      /** @default 2 */
      retries: z.number().int().min(0).max(5).default(2),
      /** @default 5 */
      timeoutSeconds: z.number().int().min(1).max(10).default(5),
      /** @default "200" */
      expectedCodes: z
        .string()
        .regex(/^[1-5](\d\d|xx)$/)
        .default("200"),
    })
    .default({ path: "/health", intervalSeconds: 60, retries: 2, timeoutSeconds: 5, expectedCodes: "200" }),
  rateLimit: z
    .strictObject({
      /** @default 2000 (seed 003's WAF limit, mirrored) */
      requestsPerPeriod: z.number().int().min(1).default(DEFAULT_WAF_RATE_LIMIT),
      /** @default 300 */
      periodSeconds: oneOf(CLOUDFLARE_RATE_LIMIT_PERIODS, "Cloudflare rate-limit period").default(300),
      /** Seconds an offender stays blocked. @default 600 */
      mitigationTimeoutSeconds: z.number().int().min(0).max(86_400).default(600),
    })
    .default({ requestsPerPeriod: DEFAULT_WAF_RATE_LIMIT, periodSeconds: 300, mitigationTimeoutSeconds: 600 }),
  /** Edge TTL of module bundles under `/modules/`. @default 86400 (seed 001 `cacheTtl`) */
  moduleCacheTtlSeconds: z.number().int().min(60).max(MAX_TTL_SECONDS).default(86_400),
  /** Extra records keyed by name relative to the zone (`@` is the apex). @default {} */
  records: z.record(z.string().regex(/^(@|[a-z0-9*]([a-z0-9.-]{0,61}[a-z0-9])?)$/), CloudflareRecordSchema).default({}),
});

/** The environment's edge: DNS, CDN, WAF, and optionally Cloudflare in front. */
export const EdgeSchema = z.strictObject({
  primary: z.enum(PRIMARY_EDGES),
  /** API endpoints keyed by region; every configured region needs one. */
  regions: z
    .partialRecord(AwsRegionSchema, EdgeRegionSchema)
    .transform((regions) => regions as Readonly<Record<string, z.output<typeof EdgeRegionSchema>>>),
  route53: Route53Schema,
  cloudfront: CloudFrontSchema,
  waf: WafSchema.default({
    rateLimitPer5Minutes: DEFAULT_WAF_RATE_LIMIT,
    allowedCountries: [...DEFAULT_ALLOWED_COUNTRIES],
    botControl: false,
    logRetentionDays: 90,
  }),
  /** Cloudflare in front (seed 000's primary CDN). @default - none: no Cloudflare stack */
  cloudflare: CloudflareSchema.optional(),
});

/** Parsed edge config. */
export type EdgeConfig = z.output<typeof EdgeSchema>;
/** Parsed edge region. */
export type EdgeRegionConfig = z.output<typeof EdgeRegionSchema>;
/** Parsed Cloudflare config. */
export type CloudflareConfig = z.output<typeof CloudflareSchema>;

/** What {@link refineEdge} needs of the environment. */
export interface EdgeEnvironmentView {
  readonly tier: string;
  readonly domain: string;
  readonly primaryRegion: string;
  readonly regions: Readonly<Record<string, { readonly role: string; readonly cluster?: unknown }>>;
  readonly edge?: EdgeConfig;
  readonly data?: { readonly buckets: Readonly<Record<string, { readonly kind: string }>> };
  readonly dr?: { readonly failedOverTo?: string };
}

/** `name` equals `zone` or sits under it. */
function isInZone(name: string, zone: string): boolean {
  return name === zone || name.endsWith(`.${zone}`);
}

/**
 * Cross-field rules of the edge section: endpoints match regions, the routing has what
 * it needs (a healthy secondary, continents), TTLs suit the routing, CloudFront's name
 * sits in the zone, Cloudflare pools name endpoints and delegate the Route 53 zone.
 */
export function refineEdge(env: EdgeEnvironmentView, report: ReportIssue): void {
  const edge = env.edge;
  if (!edge) return;
  const regionNames = Object.keys(env.regions);
  const endpoints = Object.keys(edge.regions);
  const drained = env.dr?.failedOverTo === undefined ? undefined : edge.regions[env.primaryRegion];
  if (drained && !drained.healthCheck) {
    report(
      ["edge", "regions", env.primaryRegion, "healthCheck"],
      `dr.failedOverTo drains ${env.primaryRegion} by inverting its Route 53 health check, but healthCheck is false. ` +
        "Fix: set healthCheck to true",
      drained.healthCheck,
    );
  }
  for (const name of regionNames) {
    if (!edge.regions[name]) {
      report(
        ["edge", "regions"],
        `region ${name} has no API endpoint. ` + `Fix: add edge.regions.${name}.ingressHostname`,
        endpoints,
      );
    }
  }
  for (const name of endpoints) {
    if (!env.regions[name]) {
      report(
        ["edge", "regions", name],
        `edge endpoint for ${name}, which is not a configured region [${regionNames.join(", ")}]. ` +
          `Fix: remove it or add the region`,
        name,
      );
    } else if (env.regions[name].cluster === undefined) {
      const host = edge.regions[name]!.ingressHostname;
      report(
        ["edge", "regions", name, "ingressHostname"],
        `region ${name} has no cluster, so no ingress load balancer stands behind ${host} ` +
          `and DNS would route its traffic nowhere. Fix: add regions.${name}.cluster`,
        host,
      );
    }
  }
  const zone = route53ZoneName(env);
  const r53 = edge.route53;
  const primaryEndpoint = edge.regions[env.primaryRegion];

  if (r53.routing === "failover") {
    if (primaryEndpoint && !primaryEndpoint.healthCheck) {
      report(
        ["edge", "regions", env.primaryRegion, "healthCheck"],
        `failover routing needs a health check on the primary region ${env.primaryRegion}, ` +
          `or Route 53 never fails over. ` +
          `Fix: set healthCheck to true`,
        false,
      );
    }
    const secondary = secondaryRegion(env);
    if (!secondary) {
      report(
        ["edge", "route53", "routing"],
        `failover routing needs a secondary region with role "dr" or "serving" and an edge endpoint; ` +
          `found none among [${regionNames.join(", ")}]. ` +
          `Fix: add a DR region with an endpoint, or use routing "simple"`,
        r53.routing,
      );
    } else if (!edge.regions[secondary].healthCheck) {
      report(
        ["edge", "regions", secondary, "healthCheck"],
        `failover secondary ${secondary} has no health check, so Route 53 cannot tell it is healthy. ` +
          `Fix: set healthCheck to true`,
        false,
      );
    }
  }
  if (r53.routing === "latency" && endpoints.length < 2) {
    report(
      ["edge", "route53", "routing"],
      `latency routing needs at least two regions with endpoints, got ${endpoints.length}. ` +
        `Fix: add a region or use routing "simple"`,
      r53.routing,
    );
  }
  if (r53.routing === "geolocation") {
    const owner = new Map<string, string>();
    for (const [name, region] of Object.entries(edge.regions)) {
      if (region.continents.length === 0) {
        report(
          ["edge", "regions", name, "continents"],
          `geolocation routing needs the continents region ${name} serves. ` +
            `Fix: list continent codes such as ["SA"] (seed 003: SA, NA, EU)`,
          region.continents,
        );
      }
      region.continents.forEach((continent, i) => {
        const other = owner.get(continent);
        if (other) {
          report(
            ["edge", "regions", name, "continents", i],
            `continent ${continent} is routed to both ${other} and ${name}; Route 53 allows one record per location. ` +
              `Fix: keep it in one region`,
            continent,
          );
        }
        owner.set(continent, name);
      });
    }
  } else {
    for (const [name, region] of Object.entries(edge.regions)) {
      if (region.continents.length > 0) {
        report(
          ["edge", "regions", name, "continents"],
          `continents are only used by geolocation routing, but routing is "${r53.routing}". ` +
            `Fix: remove them or set routing to "geolocation"`,
          region.continents,
        );
      }
    }
  }
  if (r53.routing !== "simple" && r53.recordTtlSeconds > MAX_FAILOVER_TTL_SECONDS) {
    report(
      ["edge", "route53", "recordTtlSeconds"],
      `a TTL of ${r53.recordTtlSeconds} s keeps resolvers on a failed region ` +
        `long after ${r53.routing} routing moved away. ` +
        `Fix: use ${MAX_FAILOVER_TTL_SECONDS} s or less (seed 003: 60)`,
      r53.recordTtlSeconds,
    );
  }

  if (!isInZone(edge.cloudfront.hostname, zone) || edge.cloudfront.hostname === zone) {
    report(
      ["edge", "cloudfront", "hostname"],
      `CloudFront host name ${edge.cloudfront.hostname} is not under the Route 53 zone ${zone}, ` +
        `so its ACM certificate cannot be validated there. ` +
        `Fix: use a name such as modules.${zone}`,
      edge.cloudfront.hostname,
    );
  }
  for (const [key, ttl] of Object.entries(edge.cloudfront.cache)) {
    if (!(ttl.min <= ttl.default && ttl.default <= ttl.max)) {
      report(
        ["edge", "cloudfront", "cache", key],
        `TTLs must satisfy min <= default <= max, got ${ttl.min} / ${ttl.default} / ${ttl.max}. Fix: reorder them`,
        ttl,
      );
    }
  }
  if (!moduleBundleBucket(env)) {
    report(
      ["data", "buckets"],
      `the edge serves module bundles from a bucket of kind "module-bundles", but the data catalog has none. ` +
        `Fix: add data.buckets.module_bundles = { kind: "module-bundles" }`,
      Object.keys(env.data?.buckets ?? {}),
    );
  }
  const countries = edge.waf.allowedCountries;
  const dupes = countries.filter((c, i) => countries.indexOf(c) !== i);
  if (dupes.length > 0) {
    report(
      ["edge", "waf", "allowedCountries"],
      `countries repeat: ${[...new Set(dupes)].join(", ")}. Fix: list each once`,
      countries,
    );
  }
  for (const [path, what, days] of [
    [["edge", "waf", "logRetentionDays"], "WAF logs", edge.waf.logRetentionDays],
    [["edge", "route53", "queryLogRetentionDays"], "DNS query logs", edge.route53.queryLogRetentionDays],
  ] as const) {
    const short = shortProductionRetention(env.tier, what, path[path.length - 1], days);
    if (short) report([...path], short, days);
  }

  const cf = edge.cloudflare;
  if (edge.primary === "cloudflare" && !cf) {
    report(
      ["edge", "primary"],
      `primary edge is "cloudflare" but edge.cloudflare is not configured. ` +
        `Fix: add edge.cloudflare (account, zone, pools) or set primary to "route53"`,
      edge.primary,
    );
  }
  if (cf) {
    cf.poolOrder.forEach((region, i) => {
      if (!edge.regions[region]) {
        report(
          ["edge", "cloudflare", "poolOrder", i],
          `pool region ${region} has no edge endpoint. ` + `Fix: use one of [${endpoints.join(", ")}]`,
          region,
        );
      }
    });
    if (new Set(cf.poolOrder).size !== cf.poolOrder.length) {
      report(
        ["edge", "cloudflare", "poolOrder"],
        `regions repeat in [${cf.poolOrder.join(", ")}]. Fix: list each region once`,
        cf.poolOrder,
      );
    }
    if (cf.poolOrder[0] !== undefined && cf.poolOrder[0] !== env.primaryRegion) {
      report(
        ["edge", "cloudflare", "poolOrder", 0],
        `the first pool is ${cf.poolOrder[0]} but the primary region (which takes writes) is ${env.primaryRegion}. ` +
          `Fix: put ${env.primaryRegion} first`,
        cf.poolOrder[0],
      );
    }
    if (!cf.poolOrder.includes(cf.fallbackPool)) {
      report(
        ["edge", "cloudflare", "fallbackPool"],
        `fallback pool ${cf.fallbackPool} is not in poolOrder [${cf.poolOrder.join(", ")}]. Fix: use one of them`,
        cf.fallbackPool,
      );
    }
    if (zone === cf.zoneName || !isInZone(zone, cf.zoneName)) {
      report(
        ["edge", "route53", "zoneName"],
        `with Cloudflare serving ${cf.zoneName}, ` +
          `the Route 53 zone must be a subdomain it delegates (two providers cannot both answer ${cf.zoneName}), ` +
          `got ${zone}. ` +
          `Fix: set edge.route53.zoneName to e.g. aws.${cf.zoneName}`,
        zone,
      );
    }
    if (env.domain !== cf.zoneName && !isInZone(env.domain, cf.zoneName)) {
      report(
        ["edge", "cloudflare", "zoneName"],
        `Cloudflare zone ${cf.zoneName} does not contain the environment's domain ${env.domain}. ` +
          `Fix: use the zone that holds ${env.domain}`,
        cf.zoneName,
      );
    }
  }
}
