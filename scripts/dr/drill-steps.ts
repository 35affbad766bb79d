/**
 * The step definitions of a DR drill: what the live drill runs (AWS SDK v3, Cloudflare's
 * API over fetch) and what the runbook prints for a person (console and CLI equivalents).
 * One definition per step, so the runbook cannot drift from the automation.
 */
import { GetMetricDataCommand } from "@aws-sdk/client-cloudwatch";
import { DescribeNodegroupCommand, UpdateNodegroupConfigCommand } from "@aws-sdk/client-eks";
import {
  DescribeGlobalReplicationGroupsCommand,
  FailoverGlobalReplicationGroupCommand,
} from "@aws-sdk/client-elasticache";
import {
  DeleteDBInstanceCommand,
  DescribeDBInstanceAutomatedBackupsCommand,
  DescribeDBInstancesCommand,
  DescribeGlobalClustersCommand,
  FailoverGlobalClusterCommand,
  RestoreDBInstanceToPointInTimeCommand,
  SwitchoverGlobalClusterCommand,
} from "@aws-sdk/client-rds";
import {
  GetHealthCheckStatusCommand,
  ListHealthChecksCommand,
  UpdateHealthCheckCommand,
} from "@aws-sdk/client-route-53";
import type { EnvironmentConfig } from "../../environments/schema";
import {
  cacheReplicationGroupId,
  cloudflareApiHostname,
  eksClusterName,
  globalDatabaseId,
  resourcePrefix,
  route53ZoneName,
} from "../../naming/derived";
import type { DrillContext } from "./drill-context";

/** Drill scenarios; `fail-back` returns a failed-over environment to its primary region. */
export const SCENARIOS = ["region-failover", "db-switchover", "cache-failover", "fail-back"] as const;

/** One of {@link SCENARIOS}. */
export type Scenario = (typeof SCENARIOS)[number];

/** One step of a drill. */
export interface DrillStep {
  readonly id: string;
  readonly kind: "preflight" | "action" | "verify";
  readonly title: string;
  /** What a person does instead: console path and CLI command. */
  readonly manual: string;
  /** How a person checks it worked (actions) or what passing means (preflight, verify). */
  readonly check: string;
  /** How a person undoes it (actions only). */
  readonly undo?: string;
  readonly run: (ctx: DrillContext) => Promise<void>;
  readonly rollback?: (ctx: DrillContext) => Promise<void>;
}

/** Where a scenario moves the environment: from one region to the other. */
export interface Direction {
  readonly from: string;
  readonly to: string;
}

/** The regions a scenario moves between; fail-back reverses the failover. */
export function directionOf(env: EnvironmentConfig, scenario: Scenario): Direction {
  const dr = env.dr.region;
  if (!dr) throw new Error(`environment ${env.name} has no dr.region; Fix: set dr.region to drill a failover`);
  return scenario === "fail-back" ? { from: dr, to: env.primaryRegion } : { from: env.primaryRegion, to: dr };
}

/**
 * Host name of a region's API record in the Route 53 zone: `<apiRecordName>-<region>.<zone>`,
 * as `RegionalApiRecords` writes it (test/scripts/dr/drill-steps.test.ts compares the two).
 */
export function regionalApiFqdn(env: EnvironmentConfig, region: string): string {
  return `${env.edge?.route53.apiRecordName ?? "api"}-${region}.${route53ZoneName(env)}`;
}

/** The public API host users reach: Cloudflare's load balancer when primary, else the Route 53 record. */
export function publicApiHost(env: EnvironmentConfig): string {
  const edge = env.edge;
  if (edge?.cloudflare && edge.primary === "cloudflare") return cloudflareApiHostname(edge, edge.cloudflare);
  return `${edge?.route53.apiRecordName ?? "api"}.${route53ZoneName(env)}`;
}

function clusterArn(env: EnvironmentConfig, region: string): string {
  return `arn:aws:rds:${region}:${env.account.id}:cluster:${resourcePrefix(env, region)}`;
}

/** Builds the steps of a scenario for an environment (preflight, actions, verification). */
export function drillSteps(env: EnvironmentConfig, scenario: Scenario): DrillStep[] {
  const direction = directionOf(env, scenario);
  const db = env.data.database;
  const aurora = db?.engine === "postgres" && db.drReplication === "global-database";
  const pilotLight = db?.engine === "postgres" && db.drReplication === "automated-backups";
  const globalCache = Boolean(env.data.cache?.globalDatastore);
  const steps: DrillStep[] = [];
  const wantsDb = scenario !== "cache-failover";
  const wantsCache = scenario === "cache-failover" || scenario === "region-failover" || scenario === "fail-back";
  const region = scenario === "region-failover" || scenario === "fail-back";
  if (wantsDb && aurora) steps.push(auroraLag(env, direction), auroraSync(env, direction));
  if (wantsDb && pilotLight && scenario !== "fail-back") steps.push(replicatedBackups(env, direction));
  if (wantsCache && globalCache) steps.push(cacheMembers(env));
  if (region) steps.push(healthy(env, direction.to), capacityPreflight(env, direction));
  if (wantsDb && aurora) steps.push(auroraPromote(env, direction), auroraWriter(env, direction));
  if (wantsDb && pilotLight && scenario !== "fail-back") steps.push(restoreReplica(env, direction));
  if (wantsCache && globalCache) steps.push(cachePromote(env, direction));
  if (region) steps.push(...scaleUp(env, direction), routeAway(env, direction), probe(env));
  if (steps.filter((s) => s.kind === "action").length === 0) {
    throw new Error(
      `scenario ${scenario} has nothing to do in ${env.name} (database ${db ? db.engine : "none"}, ` +
        `Global Datastore ${globalCache}). Fix: pick a scenario the environment supports`,
    );
  }
  return steps;
}

function auroraLag(env: EnvironmentConfig, d: Direction): DrillStep {
  const limitMs = env.dr.rpoMinutes * 60_000;
  return {
    id: "preflight:replication-lag",
    kind: "preflight",
    title: `Aurora Global Database lag in ${d.to} is under ${limitMs} ms (the RPO)`,
    manual:
      `CloudWatch console (${d.to}) > Metrics > AWS/RDS > AuroraGlobalDBReplicationLag (SourceRegion=${d.from}), ` +
      "Maximum over 5 min; or `aws cloudwatch get-metric-data` in that region",
    check: `every datapoint of the last 5 minutes below ${limitMs} ms, and at least one datapoint`,
    run: async (ctx) => {
      const end = ctx.now();
      const out = await ctx.call("cloudwatch", d.to, GetMetricDataCommand, {
        StartTime: new Date(end.getTime() - 5 * 60_000),
        EndTime: end,
        MetricDataQueries: [
          {
            Id: "lag",
            MetricStat: {
              Metric: {
                Namespace: "AWS/RDS",
                MetricName: "AuroraGlobalDBReplicationLag",
                Dimensions: [{ Name: "SourceRegion", Value: d.from }],
              },
              Period: 60,
              Stat: "Maximum",
            },
          },
        ],
      });
      if (!out) return;
      const values = out.MetricDataResults?.[0]?.Values ?? [];
      if (values.length === 0)
        throw new Error(`no AuroraGlobalDBReplicationLag datapoints in ${d.to}: replication may be stopped`);
      const worst = Math.max(...values);
      ctx.measure("replicationLagMs", worst);
      if (worst > limitMs) throw new Error(`replication lag ${worst} ms exceeds the RPO (${limitMs} ms)`);
    },
  };
}

function describeGlobal(ctx: DrillContext, env: EnvironmentConfig, region: string) {
  return ctx.call("rds", region, DescribeGlobalClustersCommand, { GlobalClusterIdentifier: globalDatabaseId(env) });
}

function auroraSync(env: EnvironmentConfig, d: Direction): DrillStep {
  return {
    id: "preflight:global-cluster",
    kind: "preflight",
    title: `Global Database ${globalDatabaseId(env)} is available, writer in ${d.from}, secondary connected`,
    manual:
      `RDS console > Databases > ${globalDatabaseId(env)}; or ` +
      `\`aws rds describe-global-clusters --global-cluster-identifier ${globalDatabaseId(env)}\``,
    check: `Status available; the ${d.to} member's SynchronizationStatus connected`,
    run: async (ctx) => {
      const out = await describeGlobal(ctx, env, d.to);
      if (!out) return;
      const cluster = out.GlobalClusters?.[0];
      if (cluster?.Status !== "available") throw new Error(`global cluster status is ${cluster?.Status ?? "missing"}`);
      const target = cluster.GlobalClusterMembers?.find((m) => m.DBClusterArn === clusterArn(env, d.to));
      if (!target) throw new Error(`${clusterArn(env, d.to)} is not a member of ${globalDatabaseId(env)}`);
      if (target.IsWriter) throw new Error(`${d.to} is already the writer`);
      if (target.SynchronizationStatus && target.SynchronizationStatus !== "connected") {
        throw new Error(`${d.to} member is ${target.SynchronizationStatus}, not connected`);
      }
    },
  };
}

function auroraPromote(env: EnvironmentConfig, d: Direction): DrillStep {
  const id = globalDatabaseId(env);
  const switchover = (to: string) => ({ GlobalClusterIdentifier: id, TargetDbClusterIdentifier: clusterArn(env, to) });
  return {
    id: "action:database",
    kind: "action",
    title: `make ${d.to} the Aurora writer (switchover; failover with data loss only when --unplanned)`,
    manual:
      `RDS console > ${id} > Actions > Switch over or fail over global database > ${resourcePrefix(env, d.to)}; or ` +
      `\`aws rds switchover-global-cluster --global-cluster-identifier ${id} ` +
      `--target-db-cluster-identifier ${clusterArn(env, d.to)}\``,
    check: `the ${d.to} cluster is the writer member and the global cluster is available`,
    undo: `switch over back: --target-db-cluster-identifier ${clusterArn(env, d.from)}`,
    run: async (ctx) => {
      if (ctx.unplanned) {
        await ctx.call("rds", d.to, FailoverGlobalClusterCommand, { ...switchover(d.to), AllowDataLoss: true });
      } else {
        await ctx.call("rds", d.to, SwitchoverGlobalClusterCommand, switchover(d.to));
      }
    },
    rollback: async (ctx) => {
      await ctx.call("rds", d.from, SwitchoverGlobalClusterCommand, switchover(d.from));
    },
  };
}

function auroraWriter(env: EnvironmentConfig, d: Direction): DrillStep {
  return {
    id: "verify:database-writer",
    kind: "verify",
    title: `the writer is in ${d.to}`,
    manual: `RDS console > ${globalDatabaseId(env)}: the ${d.to} cluster shows "Primary"`,
    check: "global cluster available, no failover in progress, writer member in the DR region",
    run: async (ctx) => {
      await ctx.poll(`Aurora writer in ${d.to}`, async () => {
        const out = await describeGlobal(ctx, env, d.to);
        if (!out) return true;
        const cluster = out.GlobalClusters?.[0];
        const writer = cluster?.GlobalClusterMembers?.find((m) => m.IsWriter);
        return (
          cluster?.Status === "available" &&
          !cluster.FailoverState?.Status &&
          writer?.DBClusterArn === clusterArn(env, d.to)
        );
      });
    },
  };
}

function replicatedBackups(env: EnvironmentConfig, d: Direction): DrillStep {
  const source = resourcePrefix(env, d.from);
  return {
    id: "preflight:replicated-backups",
    kind: "preflight",
    title: `automated backups of ${source} are replicated to ${d.to}`,
    manual:
      `RDS console (${d.to}) > Automated backups > Replicated; or ` +
      `\`aws rds describe-db-instance-automated-backups --db-instance-identifier ${source} --region ${d.to}\``,
    check: "a replicated backup with a latest restorable time within the RPO",
    run: async (ctx) => {
      const out = await ctx.call("rds", d.to, DescribeDBInstanceAutomatedBackupsCommand, {
        DBInstanceIdentifier: source,
      });
      if (!out) return;
      const backup = out.DBInstanceAutomatedBackups?.[0];
      const latest = backup?.RestoreWindow?.LatestTime;
      if (!backup?.DBInstanceAutomatedBackupsArn || !latest)
        throw new Error(`no replicated backup of ${source} in ${d.to}`);
      const lagMinutes = (ctx.now().getTime() - latest.getTime()) / 60_000;
      ctx.measure("replicationLagMs", Math.round(lagMinutes * 60_000));
      if (lagMinutes > env.dr.rpoMinutes) {
        throw new Error(
          `latest restorable time is ${lagMinutes.toFixed(1)} min old, over the RPO of ${env.dr.rpoMinutes} min`,
        );
      }
      ctx.remember("backupsArn", backup.DBInstanceAutomatedBackupsArn);
    },
  };
}

function restoreReplica(env: EnvironmentConfig, d: Direction): DrillStep {
  const target = resourcePrefix(env, d.to);
  return {
    id: "action:database",
    kind: "action",
    title: `restore the database in ${d.to} to the latest restorable time`,
    manual:
      `RDS console (${d.to}) > Automated backups > Replicated > Restore to point in time (latest) as ${target}, ` +
      `subnet group ${target}; or \`aws rds restore-db-instance-to-point-in-time --use-latest-restorable-time ...\``,
    check: `${target} is available in ${d.to}`,
    undo: `delete ${target} (final snapshot ${target}-drill-final)`,
    run: async (ctx) => {
      await ctx.call("rds", d.to, RestoreDBInstanceToPointInTimeCommand, {
        SourceDBInstanceAutomatedBackupsArn: ctx.recall("backupsArn"),
        TargetDBInstanceIdentifier: target,
        UseLatestRestorableTime: true,
        DBSubnetGroupName: target,
        MultiAZ: true,
        DeletionProtection: true,
      });
      await ctx.poll(`${target} available`, async () => {
        const out = await ctx.call("rds", d.to, DescribeDBInstancesCommand, { DBInstanceIdentifier: target });
        return !out || out.DBInstances?.[0]?.DBInstanceStatus === "available";
      });
    },
    rollback: async (ctx) => {
      await ctx.call("rds", d.to, DeleteDBInstanceCommand, {
        DBInstanceIdentifier: target,
        FinalDBSnapshotIdentifier: `${target}-drill-final`,
      });
    },
  };
}

async function findGlobalCache(ctx: DrillContext, env: EnvironmentConfig, region: string) {
  const suffix = cacheReplicationGroupId(env, env.primaryRegion);
  const out = await ctx.call("elasticache", region, DescribeGlobalReplicationGroupsCommand, { ShowMemberInfo: true });
  return out?.GlobalReplicationGroups?.find((g) => g.GlobalReplicationGroupId?.endsWith(suffix));
}

function cacheMembers(env: EnvironmentConfig): DrillStep {
  return {
    id: "preflight:global-datastore",
    kind: "preflight",
    title: "Global Datastore is available with both members associated",
    manual:
      "ElastiCache console > Global datastores; or " +
      "`aws elasticache describe-global-replication-groups --show-member-info`",
    check: "Status available, two members associated",
    run: async (ctx) => {
      const group = await findGlobalCache(ctx, env, env.primaryRegion);
      if (ctx.dryRun) return;
      if (!group?.GlobalReplicationGroupId || group.Status !== "available") {
        throw new Error(
          `Global Datastore *${cacheReplicationGroupId(env, env.primaryRegion)} is ${group?.Status ?? "missing"}`,
        );
      }
      ctx.remember("globalCacheId", group.GlobalReplicationGroupId);
    },
  };
}

function cachePromote(env: EnvironmentConfig, d: Direction): DrillStep {
  const failover = (ctx: DrillContext, region: string) =>
    ctx.call("elasticache", region, FailoverGlobalReplicationGroupCommand, {
      GlobalReplicationGroupId: ctx.recall("globalCacheId"),
      PrimaryRegion: region,
      PrimaryReplicationGroupId: cacheReplicationGroupId(env, region),
    });
  return {
    id: "action:cache",
    kind: "action",
    title: `promote the Global Datastore member in ${d.to}`,
    manual:
      `ElastiCache console > Global datastores > Failover > ${d.to}; or ` +
      `\`aws elasticache failover-global-replication-group ` +
      `--primary-region ${d.to} --primary-replication-group-id ${cacheReplicationGroupId(env, d.to)}\``,
    check: `the ${d.to} member has role primary and the datastore is available`,
    undo: `fail over back to ${d.from}`,
    run: async (ctx) => {
      await failover(ctx, d.to);
      await ctx.poll(`cache primary in ${d.to}`, async () => {
        const group = await findGlobalCache(ctx, env, d.to);
        if (ctx.dryRun) return true;
        const member = group?.Members?.find((m) => m.ReplicationGroupRegion === d.to);
        return group?.Status === "available" && member?.Role?.toLowerCase() === "primary";
      });
    },
    rollback: async (ctx) => {
      await failover(ctx, d.from);
    },
  };
}

function healthy(env: EnvironmentConfig, region: string): DrillStep {
  const fqdn = regionalApiFqdn(env, region);
  return {
    id: "preflight:target-healthy",
    kind: "preflight",
    title: `Route 53 health check of ${fqdn} is green`,
    manual:
      `Route 53 console > Health checks > ${fqdn}; or ` +
      "`aws route53 get-health-check-status --health-check-id <id>`",
    check: "every checker reports Success",
    run: async (ctx) => {
      const id = await healthCheckId(ctx, fqdn);
      if (!id) return;
      const out = await ctx.call("route53", "us-east-1", GetHealthCheckStatusCommand, { HealthCheckId: id });
      if (!out) return;
      const failing = (out.HealthCheckObservations ?? []).filter((o) => !o.StatusReport?.Status?.startsWith("Success"));
      if ((out.HealthCheckObservations ?? []).length === 0 || failing.length > 0) {
        throw new Error(
          `${failing.length} of ${(out.HealthCheckObservations ?? []).length} checkers see ${fqdn} failing`,
        );
      }
    },
  };
}

async function healthCheckId(ctx: DrillContext, fqdn: string): Promise<string | undefined> {
  const out = await ctx.call("route53", "us-east-1", ListHealthChecksCommand, {});
  if (!out) return undefined;
  const found = out.HealthChecks?.find((h) => h.HealthCheckConfig?.FullyQualifiedDomainName === fqdn)?.Id;
  if (!found) throw new Error(`no Route 53 health check for ${fqdn}`);
  return found;
}

function nodeGroups(env: EnvironmentConfig, region: string) {
  return Object.entries(env.regions[region]?.cluster?.nodeGroups ?? {});
}

function capacityPreflight(env: EnvironmentConfig, d: Direction): DrillStep {
  return {
    id: "preflight:capacity",
    kind: "preflight",
    title: `node groups in ${d.to} can grow to what ${d.from} runs`,
    manual:
      `EKS console > ${eksClusterName(env, d.to)} > Compute > Node groups: max size at least ` +
      `the ${d.from} desired size`,
    check: "each group's maxSize >= the source region's desired size",
    run: async (ctx) => {
      const source = Object.fromEntries(nodeGroups(env, d.from));
      for (const [name] of nodeGroups(env, d.to)) {
        const out = await ctx.call("eks", d.to, DescribeNodegroupCommand, {
          clusterName: eksClusterName(env, d.to),
          nodegroupName: name,
        });
        if (!out) continue;
        const scaling = out.nodegroup?.scalingConfig;
        const want = source[name]?.desiredSize ?? 0;
        if ((scaling?.maxSize ?? 0) < want) throw new Error(`node group ${name} max ${scaling?.maxSize} < ${want}`);
        ctx.remember(`scaling:${name}`, JSON.stringify(scaling));
      }
    },
  };
}

function scaleUp(env: EnvironmentConfig, d: Direction): DrillStep[] {
  const source = Object.fromEntries(nodeGroups(env, d.from));
  return nodeGroups(env, d.to).map(([name, group]) => {
    const want = Math.max(source[name]?.desiredSize ?? group.desiredSize, group.desiredSize);
    const clusterName = eksClusterName(env, d.to);
    return {
      id: `action:scale:${name}`,
      kind: "action",
      title: `scale node group ${name} in ${d.to} to ${want} nodes`,
      manual:
        `EKS console > ${clusterName} > ${name} > Edit > desired ${want}; or ` +
        `\`aws eks update-nodegroup-config --cluster-name ${clusterName} --nodegroup-name ${name} ` +
        `--scaling-config desiredSize=${want}\``,
      check: `node group ACTIVE with desiredSize ${want}; \`kubectl get nodes -l role=${name}\` all Ready`,
      undo: `set desiredSize back to ${group.desiredSize}`,
      run: async (ctx) => {
        await ctx.call("eks", d.to, UpdateNodegroupConfigCommand, {
          clusterName,
          nodegroupName: name,
          scalingConfig: { minSize: group.minSize, maxSize: group.maxSize, desiredSize: want },
        });
        await ctx.poll(`${name} ACTIVE at ${want}`, async () => {
          const out = await ctx.call("eks", d.to, DescribeNodegroupCommand, { clusterName, nodegroupName: name });
          return !out || (out.nodegroup?.status === "ACTIVE" && out.nodegroup.scalingConfig?.desiredSize === want);
        });
      },
      rollback: async (ctx) => {
        await ctx.call("eks", d.to, UpdateNodegroupConfigCommand, {
          clusterName,
          nodegroupName: name,
          scalingConfig: { minSize: group.minSize, maxSize: group.maxSize, desiredSize: group.desiredSize },
        });
      },
    } satisfies DrillStep;
  });
}

const CLOUDFLARE_API = "https://api.cloudflare.com/client/v4";

function routeAway(env: EnvironmentConfig, d: Direction): DrillStep {
  const cloudflare = env.edge?.primary === "cloudflare" ? env.edge.cloudflare : undefined;
  if (cloudflare) {
    const pool = resourcePrefix(env, d.from);
    const setEnabled = async (ctx: DrillContext, enabled: boolean) => {
      const pools = await ctx.cloudflare(
        "GET",
        `${CLOUDFLARE_API}/accounts/${cloudflare.accountId}/load_balancers/pools`,
      );
      const id = (pools as { result?: { id: string; name: string }[] } | undefined)?.result?.find(
        (p) => p.name === pool,
      )?.id;
      if (!ctx.dryRun && !id) throw new Error(`no Cloudflare pool named ${pool}`);
      await ctx.cloudflare(
        "PATCH",
        `${CLOUDFLARE_API}/accounts/${cloudflare.accountId}/load_balancers/pools/${id ?? "<id>"}`,
        {
          enabled,
        },
      );
    };
    return {
      id: "action:routing",
      kind: "action",
      title: `disable Cloudflare pool ${pool} so the load balancer serves ${d.to}`,
      manual:
        `Cloudflare dashboard > Traffic > Load Balancing > Pools > ${pool} > disable; or PATCH ` +
        `/accounts/<account>/load_balancers/pools/<id> {"enabled": false}`,
      check: `the load balancer reports ${d.to}'s pool as active`,
      undo: `enable pool ${pool}`,
      run: (ctx) => setEnabled(ctx, false),
      rollback: (ctx) => setEnabled(ctx, true),
    };
  }
  const fqdn = regionalApiFqdn(env, d.from);
  const invert = async (ctx: DrillContext, inverted: boolean) => {
    const id = await healthCheckId(ctx, fqdn);
    await ctx.call("route53", "us-east-1", UpdateHealthCheckCommand, {
      HealthCheckId: id ?? "<id>",
      Inverted: inverted,
    });
  };
  return {
    id: "action:routing",
    kind: "action",
    title: `invert the health check of ${fqdn} so Route 53 answers with ${d.to}`,
    manual:
      `Route 53 console > Health checks > ${fqdn} > Edit > Invert health check status; or ` +
      `\`aws route53 update-health-check --health-check-id <id> --inverted\``,
    check: `\`dig +short ${publicApiHost(env)}\` returns the ${d.to} load balancer after the record TTL`,
    undo: "clear the inversion (`--no-inverted`)",
    run: (ctx) => invert(ctx, true),
    rollback: (ctx) => invert(ctx, false),
  };
}

function probe(env: EnvironmentConfig): DrillStep {
  const url = `https://${publicApiHost(env)}/health`;
  return {
    id: "verify:endpoint",
    kind: "verify",
    title: `${url} answers 200`,
    manual: `\`curl -fsS ${url}\``,
    check: "HTTP 200 from the DR region (response header or body names it)",
    run: async (ctx) => {
      await ctx.poll(`${url} 200`, async () => (await ctx.probe(url)) === 200);
    },
  };
}
