import { TerraformOutput } from "cdktf";
import type { Construct } from "constructs";
import { DnsValidatedCertificate } from "../constructs/dns/dns-validated-certificate";
import { PublicZone } from "../constructs/dns/public-zone";
import { RegionalApiRecords } from "../constructs/dns/regional-api-records";
import { DNSSEC_KEY_REGION, ZoneDnssec } from "../constructs/dns/zone-dnssec";
import { QUERY_LOG_REGION, ZoneQueryLogging } from "../constructs/dns/zone-query-logging";
import { CloudFrontLogBucket } from "../constructs/edge/cloudfront-log-bucket";
import { CLOUDFRONT_WAF_REGION, EdgeWebAcl } from "../constructs/edge/edge-web-acl";
import { ModuleDistribution } from "../constructs/edge/module-distribution";
import { type EdgeConfig, replicatesToDr } from "../environments/schema";
import {
  activeDrRegion,
  bucketName,
  EDGE_ACCESS_LOG_BUCKET,
  environmentPrefix,
  GLOBAL_SCOPE,
  moduleBundleBucket,
  publicApiHostname,
  replicaBucketLogical,
  route53ZoneName,
  secondaryRegion,
} from "../naming/derived";
import type { BaseStackProps } from "./base-stack";
import { EDGE_OUTPUTS } from "./edge-outputs";
import { LayerStack } from "./layer-stack";

/** Properties of {@link EdgeStack}. */
export type EdgeStackProps = Omit<BaseStackProps, "region" | "awsProvider">;

/**
 * `<env>-global-edge`: the Route 53 zone with regional API records, health checks and
 * routed records; the module CloudFront distribution with its us-east-1 certificate and
 * WAF web ACL; access logs. Default provider in the primary region (zone, records,
 * bucket policy, access logs: personal data stays in the primary region), us-east-1
 * for ACM and WAF.
 */
export class EdgeStack extends LayerStack {
  readonly zone: PublicZone;
  readonly api: RegionalApiRecords;
  readonly webAcl: EdgeWebAcl;
  readonly modules: ModuleDistribution;
  /** DNSSEC signing of the zone, when configured. */
  readonly dnssec?: ZoneDnssec;

  constructor(scope: Construct, props: EdgeStackProps) {
    super(scope, { ...props, region: props.env.primaryRegion, scopeName: GLOBAL_SCOPE, layer: "edge" });
    const env = this.env;
    const edge: EdgeConfig | undefined = env.edge;
    if (!edge)
      throw new Error(
        `environment ${env.name} has no edge section. Fix: add edge to its config or do not build an EdgeStack`,
      );
    const bundles = moduleBundleBucket(env);
    if (!bundles) throw new Error(`environment ${env.name} has no module-bundles bucket. Fix: add one to data.buckets`);
    const name = environmentPrefix(env);
    const usEast1 = this.awsIn(CLOUDFRONT_WAF_REGION);

    this.zone = new PublicZone(this, "zone", { zoneName: route53ZoneName(env) });
    this.dnssec = this.zoneProtection(edge, name);
    const endpoints = Object.fromEntries(
      Object.entries(edge.regions).map(([region, r]) => [
        region,
        {
          hostname: r.ingressHostname,
          healthCheck: r.healthCheck,
          continents: r.continents,
          // After a failover (dr.failedOverTo) the primary stays drained until fail-back.
          drained: env.dr.failedOverTo !== undefined && region === env.primaryRegion,
        },
      ]),
    );
    const secondary = secondaryRegion(env);
    this.api = new RegionalApiRecords(this, "api", {
      zone: this.zone,
      label: edge.route53.apiRecordName,
      endpoints,
      routing: edge.route53.routing,
      primaryRegion: env.primaryRegion,
      secondaryRegion: edge.route53.routing === "failover" ? secondary : undefined,
      ttlSeconds: edge.route53.recordTtlSeconds,
      healthCheck: edge.route53.healthCheck,
    });

    const certificate = new DnsValidatedCertificate(this, "certificate", {
      domainName: edge.cloudfront.hostname,
      zone: this.zone,
      provider: usEast1,
    });
    this.webAcl = new EdgeWebAcl(this, "waf", {
      name: `${name}-edge`,
      accountId: env.account.id,
      provider: usEast1,
      rateLimitPer5Minutes: edge.waf.rateLimitPer5Minutes,
      allowedCountries: edge.waf.allowedCountries,
      botControl: edge.waf.botControl,
      logRetentionDays: edge.waf.logRetentionDays,
    });
    const accessLogs = new CloudFrontLogBucket(this, "access-logs", {
      bucketName: bucketName(env, EDGE_ACCESS_LOG_BUCKET),
      retentionDays: edge.cloudfront.accessLogRetentionDays,
    });
    this.modules = new ModuleDistribution(this, "modules", {
      name,
      hostname: edge.cloudfront.hostname,
      certificate,
      webAcl: this.webAcl,
      // The data stack creates the bucket in the primary region; we own its policy.
      bundleBucket: { name: bucketName(env, bundles), region: env.primaryRegion },
      manageBundleBucketPolicy: true,
      bundleReplica: this.bundleReplica(bundles),
      apiOrigins: Object.fromEntries(
        Object.keys(edge.regions).map((region) => [region, this.api.regionalName(region)]),
      ),
      primaryApiRegion: env.primaryRegion,
      failoverApiRegion: secondary,
      moduleCodeTtl: edge.cloudfront.cache.moduleCode,
      manifestTtl: edge.cloudfront.cache.manifests,
      staticAssetTtl: edge.cloudfront.cache.staticAssets,
      priceClass: edge.cloudfront.priceClass,
      accessLogs,
      corsAllowedOrigins: [`https://${env.domain}`],
      zone: this.zone,
    });

    const out = (key: keyof typeof EDGE_OUTPUTS, value: string | string[], description: string) =>
      new TerraformOutput(this, EDGE_OUTPUTS[key], { value, description });
    out("zoneId", this.zone.zone.zoneId, "Route 53 hosted zone id");
    out(
      "nameServers",
      this.zone.zone.nameServers,
      "Name servers of the zone, for delegation from the parent (registrar or Cloudflare)",
    );
    out("apiHostname", this.api.routedName, "Route 53 routed API host name (failover/latency/geolocation per config)");
    out(
      "publicApiHostname",
      publicApiHostname(env) ?? this.api.routedName,
      "API host name users resolve: the Cloudflare load balancer when Cloudflare is the primary edge, " +
        "else the Route 53 record",
    );
    if (this.dnssec) {
      // For whoever owns the parent zone; no stack reads it, so it stays out of EDGE_OUTPUTS.
      new TerraformOutput(this, "dnssec_ds_record", {
        value: this.dnssec.dsRecord,
        description: "DS record of the zone's key-signing key: publish it in the parent zone to turn on validation",
      });
    }
    out("distributionId", this.modules.distribution.id, "CloudFront distribution id (for invalidations)");
    out("distributionDomainName", this.modules.distribution.domainName, "CloudFront distribution domain name");
    out("webAclArn", this.webAcl.webAcl.arn, "WAFv2 web ACL ARN (CLOUDFRONT scope, us-east-1)");
    out(
      "healthCheckIds",
      Object.values(this.api.healthChecks).map((h) => h.id),
      "Route 53 health check ids, for DR drills and alarms",
    );
  }

  /**
   * DNS query logging (always, for public zones: who resolved what, for investigations) and
   * DNSSEC signing when configured; both live in us-east-1, where Route 53 requires them.
   */
  private zoneProtection(edge: EdgeConfig, name: string): ZoneDnssec | undefined {
    const env = this.env;
    new ZoneQueryLogging(this, "dns-query-logs", {
      zone: this.zone,
      accountId: env.account.id,
      name,
      retentionDays: edge.route53.queryLogRetentionDays,
      provider: this.awsIn(QUERY_LOG_REGION),
    });
    if (!edge.route53.dnssec) return undefined;
    return new ZoneDnssec(this, "dnssec", {
      zone: this.zone,
      accountId: env.account.id,
      keySigningKeyName: `${name.replace(/-/g, "_")}_ksk`,
      provider: this.awsIn(DNSSEC_KEY_REGION),
    });
  }

  /** The module-bundles bucket's DR replica (the data stack creates it), when it is replicated. */
  private bundleReplica(logical: string) {
    const env = this.env;
    const bucket = env.data.buckets[logical];
    const region = activeDrRegion(env);
    if (!bucket || !region || !replicatesToDr(env, bucket)) return undefined;
    return { name: bucketName(env, replicaBucketLogical(logical)), region, provider: this.awsIn(region) };
  }
}
