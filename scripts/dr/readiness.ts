/**
 * DR readiness of one environment, computed from its synthesized Terraform: the failover
 * timeline (detection, then the recovery steps in parallel, then routing) against the RTO
 * target, and the worst data loss per data store against the RPO target. Every figure
 * names the resource it was read from and the constant it uses (`./constants`).
 */
import { DR_REPLICATION_MIN_RPO_MINUTES } from "../../constructs/database/replication";
import { activeDrRegion, GLOBAL_SCOPE } from "../../naming/derived";
import {
  AURORA_GLOBAL_FAILOVER_SECONDS,
  CLOUDFLARE_DNS_ONLY_DEFAULT_TTL_SECONDS,
  CLOUDFLARE_PROXIED_ROUTING_SECONDS,
  ELASTICACHE_CREATE_SECONDS,
  GLOBAL_DATASTORE_FAILOVER_SECONDS,
  MS_PER_MINUTE,
  NODE_LAUNCH_SECONDS,
  POD_START_SECONDS,
  RDS_LOG_UPLOAD_MINUTES,
  RDS_POINT_IN_TIME_RESTORE_SECONDS,
  ROUTE53_ELB_ALIAS_TTL_SECONDS,
  ROUTE53_HEALTH_CHECK_TIMEOUT_SECONDS,
  S3_RTC_MINUTES,
} from "./constants";
import { addressOf, Estate, type EstateResource, type EstateStack } from "./estate";

/** What the check reads of an environment's config: its name, regions and targets. */
export interface ReadinessConfig {
  readonly name: string;
  readonly primaryRegion: string;
  readonly dr: {
    readonly strategy: string;
    readonly region?: string;
    readonly rpoMinutes: number;
    readonly rtoMinutes: number;
  };
}

/** Where a timeline step sits: detection, then recovery steps in parallel, then routing. */
export type Phase = "detection" | "recovery" | "routing";

/** One step of the report: a timeline step (RTO) or a data store's loss bound (RPO). */
export interface ReadinessStep {
  /** Stable id, e.g. `detection`, `recovery:database`, `rpo:bucket:reports`. */
  readonly id: string;
  readonly objective: "rto" | "rpo";
  /** Timeline phase (RTO steps only). */
  readonly phase?: Phase;
  readonly title: string;
  /** RTO steps: seconds the step takes; null when it cannot be proven. */
  readonly seconds?: number | null;
  /** RPO steps: most minutes of writes the store can lose; null when unproven. */
  readonly minutes?: number | null;
  /** RPO steps: the store's target in minutes. */
  readonly targetMinutes?: number;
  /** False for informational steps (a second recovery path, a cache without a replica). */
  readonly counted: boolean;
  /** How the figure was computed: resource values and named constants. */
  readonly basis: string;
  /** Resources the figure was read from (`stack:type.name`). */
  readonly sources: readonly string[];
  /** True when this step keeps its objective from being met. */
  readonly breaks: boolean;
  /** How to make this step meet its objective (set when it breaks it). */
  readonly fix?: string;
}

/** The readiness of one environment: exactly the fields of `reports/dr-readiness.json`. */
export interface EnvironmentReadiness {
  readonly name: string;
  readonly strategy: string;
  readonly rtoMinutes: { readonly target: number; readonly proven: number | null };
  readonly rpoMinutes: { readonly target: number; readonly proven: number | null };
  readonly ok: boolean;
  readonly steps: readonly ReadinessStep[];
}

type Draft = Omit<ReadinessStep, "breaks"> & { readonly breaks?: boolean };

/** Computes the readiness of one environment from its synthesized stacks. */
export function checkReadiness(env: ReadinessConfig, stacks: readonly EstateStack[]): EnvironmentReadiness {
  const estate = new Estate(env, stacks);
  const drRegion = activeDrRegion(env);
  const rto: Draft[] = [
    ...detectionAndRouting(estate, env),
    databaseRecovery(estate, env, drRegion),
    ...cacheRecovery(estate, env, drRegion),
    ...capacity(estate, env, drRegion),
  ];
  const rpo: Draft[] = [...databaseLoss(estate, env, drRegion), ...cacheLoss(estate, env, drRegion)];
  rpo.push(...bucketLoss(estate, env), ...backupCopies(estate));
  return assemble(env, rto, rpo);
}

/** Adds up the timeline, marks the steps that break a target, and decides `ok`. */
function assemble(env: ReadinessConfig, rtoDrafts: Draft[], rpoDrafts: Draft[]): EnvironmentReadiness {
  const counted = rtoDrafts.filter((s) => s.counted);
  const unprovenRto = counted.filter((s) => s.seconds === null || s.seconds === undefined);
  const longest = (phase: Phase) =>
    counted
      .filter((s) => s.phase === phase)
      .reduce<Draft | undefined>((a, s) => (a && a.seconds! >= s.seconds! ? a : s), undefined);
  const critical = (["detection", "recovery", "routing"] as const).map(longest).filter((s) => s !== undefined);
  const totalSeconds = critical.reduce((sum, s) => sum + (s.seconds ?? 0), 0);
  const rtoProven = unprovenRto.length > 0 ? null : roundUp(totalSeconds / 60);
  const rtoOk = rtoProven !== null && rtoProven <= env.dr.rtoMinutes;
  // Over the target: the longest step of the critical path breaks it (shortening it helps most).
  const rtoBreaker = rtoOk || rtoProven === null ? undefined : [...critical].sort((a, b) => b.seconds! - a.seconds!)[0];
  const rto = rtoDrafts.map((s) => ({
    ...s,
    breaks: unprovenRto.includes(s) || s === rtoBreaker,
    fix: unprovenRto.includes(s) || s === rtoBreaker ? s.fix : undefined,
  }));

  const rpoCounted = rpoDrafts.filter((s) => s.counted);
  const rpo = rpoDrafts.map((s) => {
    const breaks = s.counted && (s.minutes === null || s.minutes === undefined || s.minutes > (s.targetMinutes ?? 0));
    return { ...s, breaks, fix: breaks ? s.fix : undefined };
  });
  // The environment's RPO is the worst bound over stores held to its target (databases and
  // replicated caches); buckets have their own target (see S3_RTC_MINUTES) and break `ok` on their own.
  const ownTarget = rpoCounted.filter((s) => s.targetMinutes === env.dr.rpoMinutes);
  const rpoProven = ownTarget.some((s) => s.minutes === null || s.minutes === undefined)
    ? null
    : Math.max(0, ...ownTarget.map((s) => s.minutes as number));
  const steps = [...rto, ...rpo];
  return {
    name: env.name,
    strategy: env.dr.strategy,
    rtoMinutes: { target: env.dr.rtoMinutes, proven: rtoProven },
    rpoMinutes: { target: env.dr.rpoMinutes, proven: rpoProven },
    ok: rtoOk && !steps.some((s) => s.breaks),
    steps,
  };
}

function roundUp(minutes: number): number {
  return Math.ceil(minutes * 10) / 10;
}

function num(value: unknown, fallback: number): number {
  return typeof value === "number" ? value : fallback;
}

/** Detection and routing: Cloudflare's load balancer when there is one, else Route 53's records. */
function detectionAndRouting(estate: Estate, env: ReadinessConfig): Draft[] {
  const balancer = estate.resources(GLOBAL_SCOPE, "cloudflare", "cloudflare_load_balancer")[0];
  return balancer ? cloudflarePath(estate, balancer) : route53Path(estate, env);
}

function cloudflarePath(estate: Estate, balancer: EstateResource): Draft[] {
  const pools = (balancer.config.default_pools ?? []) as unknown[];
  const pool = estate.resolve(balancer.stack, pools[0]);
  const monitor = pool ? estate.resolve(balancer.stack, pool.config.monitor) : undefined;
  const detection: Draft = monitor
    ? (() => {
        const interval = num(monitor.config.interval, 60);
        const retries = num(monitor.config.retries, 2);
        const timeout = num(monitor.config.timeout, 5);
        const down = num(monitor.config.consecutive_down, 1);
        // Retries run at once after a timeout; counting them as whole intervals as well (the
        // issue's interval x retries) keeps the bound conservative.
        const checks = Math.max(retries, down, 1);
        return {
          id: "detection",
          objective: "rto",
          phase: "detection",
          title: "Cloudflare monitor marks the primary pool unhealthy",
          seconds: interval * checks + (retries + 1) * timeout,
          counted: true,
          basis:
            `interval ${interval} s x max(retries ${retries}, consecutive_down ${down}) + ` +
            `(retries + 1) x timeout ${timeout} s`,
          sources: [addressOf(monitor), addressOf(pool!)],
          fix: "shorten the monitor: lower edge.cloudflare monitor interval or retries",
        };
      })()
    : unproven("detection", "detection", "Cloudflare monitor of the primary pool", "the first pool has no monitor", [
        addressOf(balancer),
      ]);
  const proxied = balancer.config.proxied === true;
  const ttl = proxied
    ? CLOUDFLARE_PROXIED_ROUTING_SECONDS
    : num(balancer.config.ttl, CLOUDFLARE_DNS_ONLY_DEFAULT_TTL_SECONDS);
  const routing: Draft = {
    id: "routing",
    objective: "rto",
    phase: "routing",
    title: proxied
      ? "Cloudflare edge steers to the next pool (proxied: no DNS TTL)"
      : "clients re-resolve the load balancer",
    seconds: ttl,
    counted: true,
    basis: proxied ? "proxied = true: CLOUDFLARE_PROXIED_ROUTING_SECONDS" : `ttl ${ttl} s`,
    sources: [addressOf(balancer)],
    fix: "proxy the load balancer or lower its ttl",
  };
  return [detection, routing];
}

function route53Path(estate: Estate, env: ReadinessConfig): Draft[] {
  const records = estate.resources(GLOBAL_SCOPE, "edge", "aws_route53_record");
  const checked = records.filter((r) => typeof r.config.health_check_id === "string");
  const primary =
    checked.find((r) => (r.config.failover_routing_policy as { type?: string } | undefined)?.type === "PRIMARY") ??
    checked.find((r) => String(r.config.set_identifier ?? "").startsWith(env.primaryRegion)) ??
    checked[0];
  const check = primary ? estate.resolve(primary.stack, primary.config.health_check_id) : undefined;
  const detection: Draft = check
    ? (() => {
        const interval = num(check.config.request_interval, 30);
        const threshold = num(check.config.failure_threshold, 3);
        return {
          id: "detection",
          objective: "rto",
          phase: "detection",
          title: "Route 53 health check marks the primary unhealthy",
          seconds: interval * threshold + ROUTE53_HEALTH_CHECK_TIMEOUT_SECONDS,
          counted: true,
          basis:
            `request_interval ${interval} s x failure_threshold ${threshold} + ` +
            `ROUTE53_HEALTH_CHECK_TIMEOUT_SECONDS ${ROUTE53_HEALTH_CHECK_TIMEOUT_SECONDS} s`,
          sources: [addressOf(check), addressOf(primary!)],
          fix: "detect sooner: edge.route53.healthCheck.requestIntervalSeconds 10 or a lower failureThreshold",
        };
      })()
    : unproven(
        "detection",
        "detection",
        "Route 53 health check of the primary endpoint",
        "no routed record of the primary carries a health check",
        [],
        "enable edge.regions.<primary>.healthCheck so an outage is detected",
      );
  return [detection, route53Routing(estate, primary)];
}

function route53Routing(estate: Estate, record: EstateResource | undefined): Draft {
  if (!record) {
    return unproven("routing", "routing", "clients re-resolve the public name", "no routed record found", []);
  }
  const alias = record.config.alias as { name?: string } | undefined;
  const target = alias ? estate.resolve(record.stack, alias.name) : undefined;
  const toElb = alias !== undefined && /\.elb\.amazonaws\.com|aws_lb\.|aws_elb\./.test(String(alias.name));
  const ttl = toElb
    ? ROUTE53_ELB_ALIAS_TTL_SECONDS
    : target && target.type === "aws_route53_record"
      ? num(target.config.ttl, Number.NaN)
      : num(record.config.ttl, Number.NaN);
  const sources = [addressOf(record), ...(target ? [addressOf(target)] : [])];
  if (Number.isNaN(ttl)) {
    return unproven("routing", "routing", "clients re-resolve the public name", "its TTL cannot be read", sources);
  }
  return {
    id: "routing",
    objective: "rto",
    phase: "routing",
    title: "resolvers drop the cached answer (record TTL)",
    seconds: ttl,
    counted: true,
    basis: toElb
      ? `alias to a load balancer: ROUTE53_ELB_ALIAS_TTL_SECONDS ${ttl} s`
      : alias
        ? `alias answers with its target's ttl ${ttl} s`
        : `ttl ${ttl} s`,
    sources,
    fix: `lower edge.route53.recordTtlSeconds (now ${ttl} s) to 60`,
  };
}

function unproven(
  id: string,
  phase: Phase,
  title: string,
  why: string,
  sources: string[],
  fix = `make ${title} part of the estate`,
): Draft {
  return { id, objective: "rto", phase, title, seconds: null, counted: true, basis: why, sources, fix };
}

/** The database's way back: Aurora Global failover, restore from replicated backups, or restore in place. */
function databaseRecovery(estate: Estate, env: ReadinessConfig, drRegion: string | undefined): Draft {
  const id = "recovery:database";
  const primary = env.primaryRegion;
  const globalCluster = estate.resources(primary, "data", "aws_rds_global_cluster")[0];
  const secondary = drRegion
    ? estate.resources(drRegion, "data", "aws_rds_cluster").find((c) => c.config.global_cluster_identifier)
    : undefined;
  if (globalCluster && secondary) {
    return {
      id,
      objective: "rto",
      phase: "recovery",
      title: `Aurora Global Database fails over to ${drRegion}`,
      seconds: AURORA_GLOBAL_FAILOVER_SECONDS,
      counted: true,
      basis: `AURORA_GLOBAL_FAILOVER_SECONDS ${AURORA_GLOBAL_FAILOVER_SECONDS} s`,
      sources: [addressOf(globalCluster), addressOf(secondary)],
      fix: "measure the failover with a live drill and lower AURORA_GLOBAL_FAILOVER_SECONDS, or relax dr.rtoMinutes",
    };
  }
  const replicated = drRegion
    ? estate.resources(drRegion, "data", "aws_db_instance_automated_backups_replication")[0]
    : undefined;
  const instance = estate.resources(primary, "data", "aws_db_instance")[0];
  const restore = (title: string, sources: string[]): Draft => ({
    id,
    objective: "rto",
    phase: "recovery",
    title,
    seconds: RDS_POINT_IN_TIME_RESTORE_SECONDS,
    counted: true,
    basis: `RDS_POINT_IN_TIME_RESTORE_SECONDS ${RDS_POINT_IN_TIME_RESTORE_SECONDS} s`,
    sources,
    fix: 'use data.database.drReplication "global-database" (Aurora) to fail over instead of restoring',
  });
  if (replicated) {
    return restore(`restore the database in ${drRegion} from replicated automated backups`, [addressOf(replicated)]);
  }
  if (instance && !drRegion && num(instance.config.backup_retention_period, 0) > 0) {
    return restore("restore the database in place to the latest restorable time", [addressOf(instance)]);
  }
  if (!instance && !globalCluster && estate.resources(primary, "data", "aws_rds_cluster").length === 0) {
    return {
      id,
      objective: "rto",
      phase: "recovery",
      title: "no managed database",
      seconds: 0,
      counted: false,
      basis: "the estate holds no RDS or Aurora database",
      sources: [],
    };
  }
  return unproven(
    id,
    "recovery",
    `database recovery in ${drRegion ?? primary}`,
    drRegion ? `nothing replicates the database to ${drRegion}` : "the database keeps no automated backups",
    instance ? [addressOf(instance)] : [],
    drRegion ? "set data.database.drReplication" : "set data.database.backupRetentionDays above 0",
  );
}

/** The cache's way back: Global Datastore failover, or a new replication group (pilot light). */
function cacheRecovery(estate: Estate, env: ReadinessConfig, drRegion: string | undefined): Draft[] {
  const primaryGroup = estate.resources(env.primaryRegion, "data", "aws_elasticache_replication_group")[0];
  if (!primaryGroup) return [];
  const global = estate.resources(env.primaryRegion, "data", "aws_elasticache_global_replication_group")[0];
  const secondary = drRegion
    ? estate
        .resources(drRegion, "data", "aws_elasticache_replication_group")
        .find((g) => g.config.global_replication_group_id)
    : undefined;
  const base = { id: "recovery:cache", objective: "rto", phase: "recovery", counted: true } as const;
  if (global && secondary) {
    return [
      {
        ...base,
        title: `Global Datastore promotes ${drRegion}`,
        seconds: GLOBAL_DATASTORE_FAILOVER_SECONDS,
        basis: `GLOBAL_DATASTORE_FAILOVER_SECONDS ${GLOBAL_DATASTORE_FAILOVER_SECONDS} s`,
        sources: [addressOf(global), addressOf(secondary)],
        fix: "relax dr.rtoMinutes or measure the promotion with a live drill",
      },
    ];
  }
  return [
    {
      ...base,
      title: drRegion ? `create the cache in ${drRegion} (none kept there)` : "recreate the cache in place",
      seconds: ELASTICACHE_CREATE_SECONDS,
      basis: `ELASTICACHE_CREATE_SECONDS ${ELASTICACHE_CREATE_SECONDS} s`,
      sources: [addressOf(primaryGroup)],
      fix: "keep a Global Datastore secondary (data.cache.globalDatastore) in the DR region",
    },
  ];
}

/** DR node groups scaled to what the primary runs: node launch and pod start. */
function capacity(estate: Estate, env: ReadinessConfig, drRegion: string | undefined): Draft[] {
  if (!drRegion) return [];
  const groupName = (r: EstateResource) =>
    String(r.config.node_group_name ?? r.config.node_group_name_prefix ?? r.name).replace(/-$/, "");
  const dr = estate.resources(drRegion, "cluster", "aws_eks_node_group");
  return estate.resources(env.primaryRegion, "cluster", "aws_eks_node_group").map((group) => {
    const name = groupName(group);
    const id = `recovery:capacity:${name}`;
    const want = num((group.config.scaling_config as { desired_size?: number })?.desired_size, 0);
    const standby = dr.find((g) => groupName(g) === name);
    if (!standby) {
      return unproven(id, "recovery", `node group ${name} in ${drRegion}`, `${drRegion} has no node group ${name}`, [
        addressOf(group),
      ]);
    }
    const scaling = standby.config.scaling_config as { desired_size?: number; max_size?: number };
    const have = num(scaling?.desired_size, 0);
    const max = num(scaling?.max_size, 0);
    const sources = [addressOf(group), addressOf(standby)];
    if (max < want) {
      return unproven(
        id,
        "recovery",
        `node group ${name} in ${drRegion} scales to ${want}`,
        `its max_size ${max} is below the primary's desired ${want}`,
        sources,
        `raise regions.${drRegion}.cluster.nodeGroups.${name}.maxSize to at least ${want}`,
      );
    }
    const grows = want > have;
    return {
      id,
      objective: "rto",
      phase: "recovery",
      title: grows
        ? `scale node group ${name} in ${drRegion} from ${have} to ${want}`
        : `${name} already runs ${have} nodes`,
      seconds: (grows ? NODE_LAUNCH_SECONDS : 0) + POD_START_SECONDS,
      counted: true,
      basis: grows
        ? `NODE_LAUNCH_SECONDS ${NODE_LAUNCH_SECONDS} s + POD_START_SECONDS ${POD_START_SECONDS} s`
        : `POD_START_SECONDS ${POD_START_SECONDS} s`,
      sources,
      fix: `keep regions.${drRegion}.cluster.nodeGroups.${name}.desiredSize at ${want} (warm standby)`,
    } satisfies Draft;
  });
}

/** The database's loss bound: alarmed Global Database lag, replicated backups, or PITR in place. */
function databaseLoss(estate: Estate, env: ReadinessConfig, drRegion: string | undefined): Draft[] {
  const target = env.dr.rpoMinutes;
  const base = { id: "rpo:database", objective: "rpo", targetMinutes: target, counted: true } as const;
  const primary = env.primaryRegion;
  const globalCluster = estate.resources(primary, "data", "aws_rds_global_cluster")[0];
  if (globalCluster && drRegion) {
    const alarms = estate
      .alarmsOn(drRegion, "AuroraGlobalDBReplicationLag")
      .filter((a) => a.comparison.startsWith("GreaterThan"));
    const best = alarms.sort((a, b) => a.threshold - b.threshold)[0];
    const minutes = best ? best.threshold / MS_PER_MINUTE : null;
    return [
      {
        ...base,
        title: `Aurora Global Database replication lag to ${drRegion}`,
        minutes: minutes !== null && minutes <= target ? minutes : null,
        basis: best
          ? `alarm on AuroraGlobalDBReplicationLag above ${best.threshold} ms`
          : "replication lag is not alarmed: nothing proves it stays under the target",
        sources: [addressOf(globalCluster), ...(best ? [best.address] : [])],
        fix:
          `alarm the lag: AuroraGlobalDBReplicationLag in ${drRegion} above at most ` +
          `${target * MS_PER_MINUTE} ms (the RPO), with treat_missing_data breaching`,
      },
    ];
  }
  const replicated = drRegion
    ? estate.resources(drRegion, "data", "aws_db_instance_automated_backups_replication")[0]
    : undefined;
  if (replicated) {
    const minutes = DR_REPLICATION_MIN_RPO_MINUTES["automated-backups"];
    return [
      {
        ...base,
        title: `automated backups and transaction logs replicated to ${drRegion}`,
        minutes,
        basis: `DR_REPLICATION_MIN_RPO_MINUTES["automated-backups"] ${minutes} min (log shipping plus margin)`,
        sources: [addressOf(replicated)],
        fix: 'use data.database.drReplication "global-database" or relax dr.rpoMinutes',
      },
    ];
  }
  const instance = estate.resources(primary, "data", "aws_db_instance")[0];
  if (instance && !drRegion) {
    const kept = num(instance.config.backup_retention_period, 0) > 0;
    return [
      {
        ...base,
        title: "point-in-time restore in place",
        minutes: kept ? RDS_LOG_UPLOAD_MINUTES : null,
        basis: kept ? `RDS_LOG_UPLOAD_MINUTES ${RDS_LOG_UPLOAD_MINUTES} min` : "backup_retention_period is 0",
        sources: [addressOf(instance)],
        fix: "set data.database.backupRetentionDays above 0",
      },
    ];
  }
  if (!instance && estate.resources(primary, "data", "aws_rds_cluster").length === 0) return [];
  return [
    {
      ...base,
      title: `database copy in ${drRegion}`,
      minutes: null,
      basis: `nothing replicates the database to ${drRegion}`,
      sources: instance ? [addressOf(instance)] : [],
      fix: "set data.database.drReplication",
    },
  ];
}

/** A Global Datastore's loss bound (its alarmed lag); a cache without a replica is informational. */
function cacheLoss(estate: Estate, env: ReadinessConfig, drRegion: string | undefined): Draft[] {
  const group = estate.resources(env.primaryRegion, "data", "aws_elasticache_replication_group")[0];
  if (!group) return [];
  const global = estate.resources(env.primaryRegion, "data", "aws_elasticache_global_replication_group")[0];
  const target = env.dr.rpoMinutes;
  if (!global || !drRegion) {
    return [
      {
        id: "rpo:cache",
        objective: "rpo",
        title: "cache without a cross-region replica",
        minutes: null,
        targetMinutes: target,
        counted: false,
        basis: "the cache restarts empty (or from its last snapshot): it holds derived data, not records",
        sources: [addressOf(group)],
      },
    ];
  }
  const best = estate
    .alarmsOn(drRegion, "GlobalDatastoreReplicationLag")
    .filter((a) => a.comparison.startsWith("GreaterThan"))
    .sort((a, b) => a.threshold - b.threshold)[0];
  // ElastiCache publishes this lag in seconds.
  const minutes = best ? best.threshold / 60 : null;
  return [
    {
      id: "rpo:cache",
      objective: "rpo",
      title: `Global Datastore replication lag to ${drRegion}`,
      minutes: minutes !== null && minutes <= target ? minutes : null,
      targetMinutes: target,
      counted: true,
      basis: best
        ? `alarm on GlobalDatastoreReplicationLag above ${best.threshold} s`
        : "replication lag is not alarmed: nothing proves it stays under the target",
      sources: [addressOf(global), ...(best ? [best.address] : [])],
      fix: `alarm the lag: GlobalDatastoreReplicationLag in ${drRegion} above at most ${target * 60} s (the RPO)`,
    },
  ];
}

/** Each replicated bucket: bounded by Replication Time Control, unbounded without it. */
function bucketLoss(estate: Estate, env: ReadinessConfig): Draft[] {
  const target = Math.max(env.dr.rpoMinutes, S3_RTC_MINUTES);
  return estate.resources(env.primaryRegion, "data", "aws_s3_bucket_replication_configuration").map((config) => {
    const rules = (config.config.rule ?? []) as {
      status?: string;
      destination?: { replication_time?: { status?: string; time?: { minutes?: number } } };
    }[];
    const enabled = rules.filter((r) => r.status === "Enabled");
    const times = enabled.map((r) =>
      r.destination?.replication_time?.status === "Enabled"
        ? num(r.destination.replication_time.time?.minutes, 15)
        : null,
    );
    const minutes = times.length > 0 && times.every((t) => t !== null) ? Math.max(...(times as number[])) : null;
    const bucket = config.name.replace(/^bucket-/, "").replace(/_replication_[0-9A-F]+$/, "");
    return {
      id: `rpo:bucket:${bucket}`,
      objective: "rpo",
      title: `bucket ${bucket} replicated to the DR region`,
      minutes,
      targetMinutes: target,
      counted: true,
      basis:
        minutes === null
          ? "replication without Replication Time Control has no time bound"
          : `replication_time ${minutes} min (S3 RTC SLA)`,
      sources: [addressOf(config)],
      fix: "enable S3 Replication Time Control on the rule (replication_time, metrics)",
    } satisfies Draft;
  });
}

/** AWS Backup plans copying recovery points to another region: a second way back, reported only. */
function backupCopies(estate: Estate): Draft[] {
  return estate.allResources("aws_backup_plan").flatMap((plan) =>
    ((plan.config.rule ?? []) as { rule_name?: string; schedule?: string; copy_action?: unknown[] }[])
      .filter((rule) => (rule.copy_action ?? []).length > 0)
      .map((rule) => ({
        id: `rpo:backup-copy:${rule.rule_name ?? plan.name}`,
        objective: "rpo" as const,
        title: `AWS Backup copies ${rule.rule_name ?? "recovery points"} to another region`,
        minutes: scheduleMinutes(rule.schedule),
        counted: false,
        basis: `schedule ${rule.schedule ?? "unset"}: a copy at most one interval old (second recovery path)`,
        sources: [addressOf(plan)],
      })),
  );
}

/**
 * Interval of an AWS Backup schedule in minutes: `rate(N unit)`, or a cron with a fixed
 * minute and hour (daily) or a fixed minute (hourly); null when it cannot be read.
 */
export function scheduleMinutes(schedule: string | undefined): number | null {
  if (!schedule) return null;
  const rate = /^rate\((\d+) (minute|minutes|hour|hours|day|days)\)$/.exec(schedule);
  if (rate) return Number(rate[1]) * (rate[2].startsWith("minute") ? 1 : rate[2].startsWith("hour") ? 60 : 1440);
  const cron = /^cron\(([^ ]+) ([^ ]+) ([^ ]+) ([^ ]+) ([^ ]+) /.exec(schedule);
  if (!cron) return null;
  const [, minute, hour, day, month, weekday] = cron;
  const any = (field: string) => field === "*" || field === "?";
  if (!any(day) || !any(month) || !any(weekday)) return null;
  if (/^\d+$/.test(minute) && /^\d+$/.test(hour)) return 1440;
  const every = /^\*\/(\d+)$/.exec(hour);
  if (/^\d+$/.test(minute) && every) return Number(every[1]) * 60;
  if (/^\d+$/.test(minute) && hour === "*") return 60;
  return null;
}
