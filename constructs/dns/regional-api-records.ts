import { Route53HealthCheck } from "@cdktf/provider-aws/lib/route53-health-check";
import { Route53Record, type Route53RecordConfig } from "@cdktf/provider-aws/lib/route53-record";
import { Construct } from "constructs";
import { type PropProblem, throwIfInvalid } from "../core/validation";
import { CONTINENT_CODES } from "../edge/geo-codes";
import type { PublicZone } from "./public-zone";

/** How the routed record picks a region. */
export type ApiRouting = "simple" | "failover" | "latency" | "geolocation";

/** DNS TTL of the regional records when none is given (seed 003: 60 s). */
export const DEFAULT_API_RECORD_TTL_SECONDS = 60;

/** Health check path when none is given. */
export const DEFAULT_HEALTH_CHECK_PATH = "/health";

/** Seconds between health checks when none is given (seed 003: 30 s). */
export const DEFAULT_HEALTH_CHECK_INTERVAL_SECONDS = 30;

/** Consecutive failures before a region is unhealthy when none is given. */
export const DEFAULT_HEALTH_CHECK_FAILURE_THRESHOLD = 3;

/** Route 53 geolocation's "any other location" country code. */
export const DEFAULT_LOCATION = "*";

/** One region's API endpoint. */
export interface ApiEndpoint {
  /** Host name of the region's ingress load balancer; `<label>-<region>.<zone>` points at it. */
  readonly hostname: string;
  /** Route 53 health-checks the region over HTTPS. @default true */
  readonly healthCheck?: boolean;
  /** Continents answered by this region (geolocation routing only). @default [] */
  readonly continents?: readonly string[];
  /**
   * Drains the region: its health check is inverted, so Route 53 takes it for unhealthy
   * and routes to the others (a failover that later deploys keep). Needs its health check.
   * @default false
   */
  readonly drained?: boolean;
}

/** Health check settings shared by every region. */
export interface ApiHealthCheckSettings {
  /** @default "/health" */
  readonly path?: string;
  /** 10 or 30 seconds. @default 30 */
  readonly requestIntervalSeconds?: number;
  /** 1-10. @default 3 */
  readonly failureThreshold?: number;
}

/** Properties of {@link RegionalApiRecords}. */
export interface RegionalApiRecordsProps {
  /** The zone holding the records. */
  readonly zone: PublicZone;
  /** Label of the routed record (`api` gives `api.<zone>`, regions `api-<region>.<zone>`). @default "api" */
  readonly label?: string;
  /** Endpoints keyed by region name (the key is part of every address). */
  readonly endpoints: Readonly<Record<string, ApiEndpoint>>;
  readonly routing: ApiRouting;
  /** Region that takes writes: the failover primary and the geolocation default. */
  readonly primaryRegion: string;
  /** Failover target; required for `failover`. @default - none */
  readonly secondaryRegion?: string;
  /** TTL of the regional records, 30-86400 s (aliases inherit it). @default 60 */
  readonly ttlSeconds?: number;
  /** @default - path "/health", every 30 s, 3 failures */
  readonly healthCheck?: ApiHealthCheckSettings;
}

/**
 * The API's DNS in Route 53: per region a CNAME `api-<region>` to its ingress and an
 * HTTPS health check on it, and the routed name `api` as alias records over the regional
 * ones (`evaluate_target_health` on, health check attached) with simple, failover,
 * latency or geolocation routing. Geolocation adds a default (`*`) record to the primary
 * region so unlisted locations, and listed ones whose region is down, still resolve.
 *
 * @example
 * ```ts
 * import { type PublicZone, RegionalApiRecords } from "@plataforma/infra/constructs/dns";
 *
 * declare const zone: PublicZone; // aws.example.com
 *
 * new RegionalApiRecords(stack, "api", {
 *   zone,
 *   endpoints: {
 *     "sa-east-1": { hostname: "k8s-ingress-0a1b2c3d4e.sa-east-1.elb.amazonaws.com" },
 *     "us-east-1": { hostname: "k8s-ingress-5f6a7b8c9d.us-east-1.elb.amazonaws.com" },
 *   },
 *   routing: "failover",
 *   primaryRegion: "sa-east-1",
 *   secondaryRegion: "us-east-1",
 * });
 * ```
 */
export class RegionalApiRecords extends Construct {
  /** Health checks keyed by region (regions with health checks only). */
  readonly healthChecks: Readonly<Record<string, Route53HealthCheck>>;
  /** Regional CNAMEs keyed by region. */
  readonly regionalRecords: Readonly<Record<string, Route53Record>>;
  /** Routed alias records keyed by set identifier (`primary`/`secondary`, region, region-continent, `default`). */
  readonly routedRecords: Readonly<Record<string, Route53Record>>;
  /** Fully qualified routed name, e.g. `api.aws.example.com`. */
  readonly routedName: string;

  /** Fully qualified regional name of `region`. */
  regionalName(region: string): string {
    return this.zone.fqdn(`${this.label}-${region}`);
  }

  private readonly zone: PublicZone;
  private readonly label: string;

  constructor(scope: Construct, id: string, props: RegionalApiRecordsProps) {
    super(scope, id);
    this.zone = props.zone;
    this.label = props.label ?? "api";
    const ttl = props.ttlSeconds ?? DEFAULT_API_RECORD_TTL_SECONDS;
    const check = {
      path: props.healthCheck?.path ?? DEFAULT_HEALTH_CHECK_PATH,
      interval: props.healthCheck?.requestIntervalSeconds ?? DEFAULT_HEALTH_CHECK_INTERVAL_SECONDS,
      threshold: props.healthCheck?.failureThreshold ?? DEFAULT_HEALTH_CHECK_FAILURE_THRESHOLD,
    };
    this.validate(props, ttl, check);

    const healthChecks: Record<string, Route53HealthCheck> = {};
    const regional: Record<string, Route53Record> = {};
    for (const [region, endpoint] of Object.entries(props.endpoints)) {
      regional[region] = new Route53Record(this, `regional-${region}`, {
        zoneId: props.zone.zone.zoneId,
        name: this.regionalName(region),
        type: "CNAME",
        ttl,
        records: [endpoint.hostname],
      });
      if (endpoint.healthCheck ?? true) {
        healthChecks[region] = new Route53HealthCheck(this, `health-${region}`, {
          type: "HTTPS",
          fqdn: this.regionalName(region),
          port: 443,
          resourcePath: check.path,
          enableSni: true,
          requestInterval: check.interval,
          failureThreshold: check.threshold,
          measureLatency: true,
          ...(endpoint.drained ? { invertHealthcheck: true } : {}),
          tags: { Name: `${this.label}-${region}` },
        });
      }
    }
    this.healthChecks = healthChecks;
    this.regionalRecords = regional;
    this.routedName = props.zone.fqdn(this.label);

    const routed: Record<string, Route53Record> = {};
    const alias = (key: string, region: string, routing: Partial<Route53RecordConfig>) => {
      routed[key] = new Route53Record(this, `routed-${key}`, {
        zoneId: props.zone.zone.zoneId,
        name: this.routedName,
        type: "CNAME",
        alias: { name: regional[region].fqdn, zoneId: props.zone.zone.zoneId, evaluateTargetHealth: true },
        healthCheckId: healthChecks[region]?.id,
        ...routing,
      });
    };
    switch (props.routing) {
      case "simple":
        alias("primary", props.primaryRegion, {});
        break;
      case "failover":
        alias("primary", props.primaryRegion, {
          setIdentifier: props.primaryRegion,
          failoverRoutingPolicy: { type: "PRIMARY" },
        });
        alias("secondary", props.secondaryRegion!, {
          setIdentifier: props.secondaryRegion!,
          failoverRoutingPolicy: { type: "SECONDARY" },
        });
        break;
      case "latency":
        for (const region of Object.keys(props.endpoints)) {
          alias(region, region, { setIdentifier: region, latencyRoutingPolicy: { region } });
        }
        break;
      case "geolocation":
        for (const [region, endpoint] of Object.entries(props.endpoints)) {
          for (const continent of endpoint.continents ?? []) {
            alias(`${region}-${continent}`, region, {
              setIdentifier: `${region}-${continent}`,
              geolocationRoutingPolicy: { continent },
            });
          }
        }
        alias("default", props.primaryRegion, {
          setIdentifier: "default",
          geolocationRoutingPolicy: { country: DEFAULT_LOCATION },
        });
        break;
    }
    this.routedRecords = routed;
  }

  private validate(
    props: RegionalApiRecordsProps,
    ttl: number,
    check: { path: string; interval: number; threshold: number },
  ): void {
    const problems: PropProblem[] = [];
    const regions = Object.keys(props.endpoints);
    if (!props.endpoints[props.primaryRegion]) {
      problems.push({
        prop: "primaryRegion",
        message: `has no endpoint among [${regions.join(", ")}]`,
        received: props.primaryRegion,
        fix: "add its endpoint",
      });
    }
    if (!Number.isInteger(ttl) || ttl < 30 || ttl > 86_400) {
      problems.push({
        prop: "ttlSeconds",
        message: "must be an integer from 30 to 86400",
        received: ttl,
        fix: `use ${DEFAULT_API_RECORD_TTL_SECONDS}`,
      });
    }
    if (check.interval !== 10 && check.interval !== 30) {
      problems.push({
        prop: "healthCheck.requestIntervalSeconds",
        message: "must be 10 or 30",
        received: check.interval,
        fix: "use 30 (or 10 for faster detection)",
      });
    }
    if (!Number.isInteger(check.threshold) || check.threshold < 1 || check.threshold > 10) {
      problems.push({
        prop: "healthCheck.failureThreshold",
        message: "must be an integer from 1 to 10",
        received: check.threshold,
        fix: `use ${DEFAULT_HEALTH_CHECK_FAILURE_THRESHOLD}`,
      });
    }
    if (!check.path.startsWith("/")) {
      problems.push({
        prop: "healthCheck.path",
        message: 'must start with "/"',
        received: check.path,
        fix: `use "${DEFAULT_HEALTH_CHECK_PATH}"`,
      });
    }
    for (const [region, endpoint] of Object.entries(props.endpoints)) {
      if (endpoint.drained && endpoint.healthCheck === false) {
        problems.push({
          prop: `endpoints.${region}.drained`,
          message: "drains the region by inverting its health check, but healthCheck is false",
          received: endpoint.drained,
          fix: "set healthCheck to true (or do not drain the region)",
        });
      }
    }
    if (regions.length > 0 && regions.every((region) => props.endpoints[region].drained)) {
      problems.push({
        prop: "endpoints",
        message: "drains every region, so no healthy endpoint is left to answer",
        received: regions,
        fix: "keep at least one region undrained",
      });
    }
    if (props.routing === "failover") problems.push(...this.failoverProblems(props));
    if (props.routing === "latency" && regions.length < 2) {
      problems.push({
        prop: "endpoints",
        message: "latency routing needs at least two endpoints",
        received: regions,
        fix: 'add a region or use routing "simple"',
      });
    }
    if (props.routing === "geolocation") problems.push(...this.geolocationProblems(props));
    throwIfInvalid(this, problems);
  }

  private failoverProblems(props: RegionalApiRecordsProps): PropProblem[] {
    const problems: PropProblem[] = [];
    const checked = (region: string) => props.endpoints[region]?.healthCheck ?? true;
    const secondary = props.secondaryRegion;
    const noHealthCheck = (prop: string, region: string, why: string): PropProblem => ({
      prop,
      message: `has no health check, so ${why}`,
      received: region,
      fix: `enable the health check of endpoints.${region}`,
    });
    if (!secondary || !props.endpoints[secondary] || secondary === props.primaryRegion) {
      problems.push({
        prop: "secondaryRegion",
        message: `failover routing needs a secondary region with an endpoint, other than ${props.primaryRegion}`,
        received: secondary,
        fix: "pass the DR region",
      });
    } else if (!checked(secondary)) {
      const why = "Route 53 cannot tell whether the failover target is up";
      problems.push(noHealthCheck("secondaryRegion", secondary, why));
    }
    if (props.endpoints[props.primaryRegion] && !checked(props.primaryRegion)) {
      problems.push(noHealthCheck("primaryRegion", props.primaryRegion, "Route 53 never fails over"));
    }
    return problems;
  }

  private geolocationProblems(props: RegionalApiRecordsProps): PropProblem[] {
    const problems: PropProblem[] = [];
    const seen = new Map<string, string>();
    for (const [region, endpoint] of Object.entries(props.endpoints)) {
      for (const continent of endpoint.continents ?? []) {
        const prop = `endpoints.${region}.continents`;
        if (!(CONTINENT_CODES as readonly string[]).includes(continent)) {
          problems.push({
            prop,
            message: "has an entry that is not a continent code",
            received: continent,
            fix: `use one of ${CONTINENT_CODES.join(", ")}`,
          });
        }
        if (seen.has(continent)) {
          problems.push({
            prop,
            message: `routes ${continent}, which endpoints.${seen.get(continent)} routes too`,
            received: continent,
            fix: "keep it in one region",
          });
        }
        seen.set(continent, region);
      }
    }
    if (seen.size === 0) {
      problems.push({
        prop: "endpoints",
        message: "geolocation routing needs at least one continent on an endpoint",
        received: Object.keys(props.endpoints),
        fix: 'set continents, e.g. ["SA"]',
      });
    }
    return problems;
  }
}
