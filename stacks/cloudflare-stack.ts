import { CloudflareProvider } from "@cdktf/provider-cloudflare/lib/provider";
import type { Construct } from "constructs";
import { ModuleCacheRules } from "../constructs/cloudflare/module-cache-rules";
import { ProxiedRecords } from "../constructs/cloudflare/proxied-records";
import { RegionalLoadBalancer } from "../constructs/cloudflare/regional-load-balancer";
import { SecurityRules } from "../constructs/cloudflare/security-rules";
import { ZoneBaseline } from "../constructs/cloudflare/zone-baseline";
import { ZoneDelegation } from "../constructs/cloudflare/zone-delegation";
import type { CloudflareConfig } from "../environments/schema";
import {
  cloudflareApiHostname,
  environmentPrefix,
  GLOBAL_SCOPE,
  regionalApiHostname,
  route53ZoneName,
} from "../naming/derived";
import type { BaseStackProps } from "./base-stack";
import { readEdgeOutputs } from "./edge-outputs";
import { LayerStack } from "./layer-stack";

/** Properties of {@link CloudflareStack}. */
export type CloudflareStackProps = Omit<BaseStackProps, "region" | "awsProvider">;

/**
 * `<env>-global-cloudflare`: the primary edge (seed 000). Zone baseline (strict TLS,
 * TLS 1.2+, always HTTPS), proxied records, delegation of the Route 53 zone (name
 * servers from the edge stack's outputs), WAF custom and rate-limit rules, module cache
 * rules, and the API load balancer with one pool per region. Built without the AWS
 * provider: only the cloudflare provider (token from `CLOUDFLARE_API_TOKEN`) and the
 * backend.
 */
export class CloudflareStack extends LayerStack {
  readonly loadBalancer: RegionalLoadBalancer;
  readonly security: SecurityRules;

  constructor(scope: Construct, props: CloudflareStackProps) {
    const global = { scopeName: GLOBAL_SCOPE, layer: "cloudflare", awsProvider: false } as const;
    super(scope, { ...props, region: props.env.primaryRegion, ...global });
    const env = this.env;
    const edge = env.edge;
    const cf: CloudflareConfig | undefined = edge?.cloudflare;
    if (!edge || !cf)
      throw new Error(
        `environment ${env.name} has no edge.cloudflare section. Fix: add it or do not build a CloudflareStack`,
      );
    // No apiToken argument: the provider reads CLOUDFLARE_API_TOKEN, so no secret is synthesized.
    new CloudflareProvider(this, "cloudflare", {});
    const name = environmentPrefix(env);
    const zone = { zoneId: cf.zoneId };

    new ZoneBaseline(this, "zone", zone);
    new ProxiedRecords(this, "records", { ...zone, zoneName: cf.zoneName, records: cf.records });
    new ZoneDelegation(this, "route53-delegation", {
      ...zone,
      subdomain: route53ZoneName(env),
      nameServers: readEdgeOutputs(this).nameServers,
    });
    this.security = new SecurityRules(this, "security", {
      ...zone,
      allowedCountries: edge.waf.allowedCountries,
      requestsPerPeriod: cf.rateLimit.requestsPerPeriod,
      periodSeconds: cf.rateLimit.periodSeconds,
      mitigationTimeoutSeconds: cf.rateLimit.mitigationTimeoutSeconds,
    });
    new ModuleCacheRules(this, "cache", { ...zone, edgeTtlSeconds: cf.moduleCacheTtlSeconds });
    this.loadBalancer = new RegionalLoadBalancer(this, "api", {
      accountId: cf.accountId,
      ...zone,
      name,
      hostname: cloudflareApiHostname(edge, cf),
      // Each pool reaches its region through the Route 53 regional name, which follows
      // the ingress host name in config.
      origins: Object.fromEntries(
        Object.keys(edge.regions).map((region) => [region, regionalApiHostname(env, edge, region)]),
      ),
      poolOrder: cf.poolOrder,
      fallbackPool: cf.fallbackPool,
      steeringPolicy: cf.steeringPolicy,
      monitor: cf.monitor,
      // After a failover (dr.failedOverTo) the primary's pool stays disabled until fail-back.
      disabledPools: env.dr.failedOverTo === undefined ? [] : [env.primaryRegion],
    });
  }
}
