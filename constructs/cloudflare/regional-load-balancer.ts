import { LoadBalancer } from "@cdktf/provider-cloudflare/lib/load-balancer";
import { LoadBalancerMonitor } from "@cdktf/provider-cloudflare/lib/load-balancer-monitor";
import { LoadBalancerPool } from "@cdktf/provider-cloudflare/lib/load-balancer-pool";
import { Construct } from "constructs";
import { type PropProblem, throwIfInvalid } from "../core/validation";

/** Monitor defaults: `/health` over HTTPS every 60 s (the shortest non-enterprise interval). */
export const DEFAULT_MONITOR = {
  path: "/health",
  intervalSeconds: 60,
  retries: 2,
  timeoutSeconds: 5,
  expectedCodes: "200",
} as const;

/** Steering policies this construct supports (`off` = strict failover in pool order). */
export type SteeringPolicy = "off" | "dynamic_latency" | "random";

/** Health monitor settings. */
export interface MonitorSettings {
  /** @default "/health" */
  readonly path?: string;
  /** Seconds between probes, >= 60. @default 60 */
  readonly intervalSeconds?: number;
  /** @default 2 */
  readonly retries?: number;
  /** Must be shorter than the interval. @default 5 */
  readonly timeoutSeconds?: number;
  /** @default "200" */
  readonly expectedCodes?: string;
}

/** Properties of {@link RegionalLoadBalancer}. */
export interface RegionalLoadBalancerProps {
  readonly accountId: string;
  readonly zoneId: string;
  /** Fully qualified name the load balancer answers, e.g. `api.example.com`. */
  readonly hostname: string;
  /** Name prefix of pools and the monitor, e.g. `orders-production`. */
  readonly name: string;
  /** Origin address per region (keys become pool names and addresses). */
  readonly origins: Readonly<Record<string, string>>;
  /** Regions in failover order; every one needs an origin. */
  readonly poolOrder: readonly string[];
  /** Pool used when all are unhealthy. */
  readonly fallbackPool: string;
  /** @default "off" */
  readonly steeringPolicy?: SteeringPolicy;
  /** @default - {@link DEFAULT_MONITOR} */
  readonly monitor?: MonitorSettings;
  /**
   * Regions whose pool is disabled, so the load balancer serves the next pool in order
   * (a failover that later deploys keep). @default []
   */
  readonly disabledPools?: readonly string[];
}

/**
 * A proxied Cloudflare load balancer with one pool per region (one origin each, the
 * region's API host) and a shared HTTPS health monitor that sends the public Host, so
 * Cloudflare fails over between regions in `poolOrder` and uses `fallbackPool` when
 * every pool is down. Pools are keyed by region: reordering never replaces a pool.
 *
 * @example
 * ```ts
 * import { RegionalLoadBalancer } from "@plataforma/infra/constructs/cloudflare";
 *
 * new RegionalLoadBalancer(stack, "api", {
 *   accountId: "f037e56e89293a057740de681ac9abbe",
 *   zoneId: "023e105f4ecef8ad9ca31a8372d0c353",
 *   hostname: "api.example.com",
 *   name: "orders-production",
 *   origins: {
 *     "sa-east-1": "api-sa-east-1.aws.example.com",
 *     "us-east-1": "api-us-east-1.aws.example.com",
 *   },
 *   poolOrder: ["sa-east-1", "us-east-1"],
 *   fallbackPool: "us-east-1",
 *   monitor: { path: "/health", intervalSeconds: 60 },
 * });
 * ```
 */
export class RegionalLoadBalancer extends Construct {
  /** The health monitor. */
  readonly monitor: LoadBalancerMonitor;
  /** Pools keyed by region. */
  readonly pools: Readonly<Record<string, LoadBalancerPool>>;
  /** The load balancer. */
  readonly loadBalancer: LoadBalancer;

  constructor(scope: Construct, id: string, props: RegionalLoadBalancerProps) {
    super(scope, id);
    const m = {
      path: props.monitor?.path ?? DEFAULT_MONITOR.path,
      interval: props.monitor?.intervalSeconds ?? DEFAULT_MONITOR.intervalSeconds,
      retries: props.monitor?.retries ?? DEFAULT_MONITOR.retries,
      timeout: props.monitor?.timeoutSeconds ?? DEFAULT_MONITOR.timeoutSeconds,
      expectedCodes: props.monitor?.expectedCodes ?? DEFAULT_MONITOR.expectedCodes,
    };
    this.validate(props, m);

    this.monitor = new LoadBalancerMonitor(this, "monitor", {
      accountId: props.accountId,
      description: `${props.name} API health (${m.path})`,
      type: "https",
      method: "GET",
      path: m.path,
      port: 443,
      interval: m.interval,
      retries: m.retries,
      timeout: m.timeout,
      expectedCodes: m.expectedCodes,
      followRedirects: false,
      allowInsecure: false,
      // Probe as visitors arrive, so the ingress routes and presents the public certificate.
      header: { Host: [props.hostname] },
    });
    const pools: Record<string, LoadBalancerPool> = {};
    for (const [region, address] of Object.entries(props.origins)) {
      pools[region] = new LoadBalancerPool(this, `pool-${region}`, {
        accountId: props.accountId,
        name: `${props.name}-${region}`,
        description: `${props.name} API in ${region}`,
        enabled: !(props.disabledPools ?? []).includes(region),
        minimumOrigins: 1,
        monitor: this.monitor.id,
        origins: [{ name: region, address, enabled: true, weight: 1, header: { host: [props.hostname] } }],
      });
    }
    this.pools = pools;
    this.loadBalancer = new LoadBalancer(this, "load-balancer", {
      zoneId: props.zoneId,
      name: props.hostname,
      description: `${props.name} API, pools in order ${props.poolOrder.join(" > ")}`,
      enabled: true,
      proxied: true,
      steeringPolicy: props.steeringPolicy ?? "off",
      sessionAffinity: "none",
      defaultPools: props.poolOrder.map((region) => pools[region].id),
      fallbackPool: pools[props.fallbackPool].id,
    });
  }

  private validate(props: RegionalLoadBalancerProps, m: { path: string; interval: number; timeout: number }): void {
    const problems: PropProblem[] = [];
    const order = props.poolOrder;
    const regions = Object.keys(props.origins);
    if (order.length === 0) {
      problems.push({
        prop: "poolOrder",
        message: "is empty",
        received: order,
        fix: "list the regions in failover order",
      });
    }
    const withoutOrigin = (prop: string, list: readonly string[], fix: string): PropProblem[] =>
      list
        .filter((r) => !props.origins[r])
        .map((region) => ({
          prop,
          message: `names ${region}, which has no origin among [${regions.join(", ")}]`,
          received: list,
          fix,
        }));
    problems.push(...withoutOrigin("poolOrder", order, "add its origin or remove it"));
    if (new Set(order).size !== order.length) {
      problems.push({ prop: "poolOrder", message: "repeats a region", received: order, fix: "list each region once" });
    }
    if (!order.includes(props.fallbackPool)) {
      problems.push({
        prop: "fallbackPool",
        message: `is not in poolOrder [${order.join(", ")}]`,
        received: props.fallbackPool,
        fix: "use one of them",
      });
    }
    const disabled = props.disabledPools ?? [];
    problems.push(...withoutOrigin("disabledPools", disabled, "name a region with an origin"));
    if (regions.length > 0 && regions.every((r) => disabled.includes(r))) {
      problems.push({
        prop: "disabledPools",
        message: "disables every pool, so nothing is left to serve",
        received: disabled,
        fix: "keep at least one pool enabled",
      });
    }
    if (m.interval < 60) {
      problems.push({
        prop: "monitor.intervalSeconds",
        message: "must be 60 or more",
        received: m.interval,
        fix: "use 60",
      });
    }
    if (m.timeout >= m.interval) {
      problems.push({
        prop: "monitor.timeoutSeconds",
        message: `must be shorter than intervalSeconds (${m.interval})`,
        received: m.timeout,
        fix: `use ${DEFAULT_MONITOR.timeoutSeconds}`,
      });
    }
    if (!m.path.startsWith("/")) {
      problems.push({
        prop: "monitor.path",
        message: 'must start with "/"',
        received: m.path,
        fix: `use "${DEFAULT_MONITOR.path}"`,
      });
    }
    throwIfInvalid(this, problems);
  }
}
