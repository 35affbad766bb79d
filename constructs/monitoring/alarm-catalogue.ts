/**
 * The alarm catalogue: which CloudWatch alarms each Terraform resource type gets. Pure
 * data and functions over a resource's inputs; {@link AlarmAspect} turns the specs into
 * `aws_cloudwatch_metric_alarm` resources. Provider classes are imported as types only,
 * so the catalogue loads no binding.
 *
 * Metric names and dimensions: AWS user guides (RDS, Aurora, ElastiCache, CloudFront,
 * Route 53, NAT gateway, SQS); see /work/briefs/research/cloudwatch-alarms.md.
 */
import type { CloudfrontDistribution } from "@cdktf/provider-aws/lib/cloudfront-distribution";
import type { DbInstance } from "@cdktf/provider-aws/lib/db-instance";
import type { ElasticacheReplicationGroup } from "@cdktf/provider-aws/lib/elasticache-replication-group";
import type { NatGateway } from "@cdktf/provider-aws/lib/nat-gateway";
import type { RdsCluster } from "@cdktf/provider-aws/lib/rds-cluster";
import type { Route53HealthCheck } from "@cdktf/provider-aws/lib/route53-health-check";
import type { SqsQueue } from "@cdktf/provider-aws/lib/sqs-queue";
import type { TerraformResource } from "cdktf";
import type { AlarmSeverity, AlarmThresholds, ThresholdPair } from "./monitoring-settings";

/** CloudWatch comparison operators the catalogue uses. */
export type AlarmComparison = "GreaterThanOrEqualToThreshold" | "LessThanThreshold";

/** One CloudWatch metric. */
export interface MetricSpec {
  readonly namespace: string;
  readonly metricName: string;
  /** `Average`, `Maximum`, `Minimum` or `Sum`. */
  readonly statistic: "Average" | "Maximum" | "Minimum" | "Sum";
  readonly dimensions: Readonly<Record<string, string>>;
}

/** One alarm of the catalogue for one resource; the aspect makes one alarm per severity with a threshold. */
export interface AlarmSpec {
  /** Short key, unique per resource; part of the alarm's name and construct id (`cpu`). */
  readonly key: string;
  /** What is measured, for the alarm description. */
  readonly title: string;
  /** The metric alarmed on, or several combined with `MAX(...)` metric math (one value per cache node). */
  readonly metric: MetricSpec | { readonly label: string; readonly members: readonly MetricSpec[] };
  readonly comparison: AlarmComparison;
  readonly thresholds: ThresholdPair;
  /** Anchor of the alarm's runbook section (`#rds-cpu`). */
  readonly runbook: string;
  /** How a missing datapoint counts. @default "missing" */
  readonly treatMissingData?: "missing" | "notBreaching" | "breaching";
  /** Region the metric is published in. @default - the resource's own region */
  readonly metricRegion?: string;
  /** Breaching datapoints of how many. @default - ALARM_DATAPOINTS_TO_ALARM of ALARM_EVALUATION_PERIODS */
  readonly evaluation?: { readonly datapoints: number; readonly periods: number };
}

/** What a recipe reads besides the resource. */
export interface CatalogueContext {
  readonly thresholds: AlarmThresholds;
}

/** The alarms one resource gets. */
export type AlarmRecipe = (resource: TerraformResource, context: CatalogueContext) => AlarmSpec[];

/** Where CloudFront and Route 53 publish their metrics. */
export const GLOBAL_METRICS_REGION = "us-east-1";

/** Node metadata type carrying a cache's member cluster ids (set by the cache construct). */
export const CACHE_MEMBERS_METADATA = "plataforma:cache-member-clusters";

const rds = (metricName: string, statistic: MetricSpec["statistic"], dimensions: Record<string, string>) =>
  ({ namespace: "AWS/RDS", metricName, statistic, dimensions }) as const;

/** RDS DB instance (PostgreSQL): CPU, memory, storage, connections; read replicas also lag. */
const dbInstance: AlarmRecipe = (resource, { thresholds: t }) => {
  const db = resource as DbInstance;
  const dims = { DBInstanceIdentifier: db.identifierInput ?? db.identifier };
  const specs: AlarmSpec[] = [
    alarm("cpu", "CPU utilization (%)", rds("CPUUtilization", "Average", dims), "high", t.databaseCpuPercent),
    alarm(
      "memory",
      "freeable memory (bytes)",
      rds("FreeableMemory", "Minimum", dims),
      "low",
      t.databaseFreeableMemoryBytes,
    ),
    alarm(
      "storage",
      "free storage (bytes)",
      rds("FreeStorageSpace", "Minimum", dims),
      "low",
      t.databaseFreeStorageBytes,
    ),
    alarm("connections", "connections", rds("DatabaseConnections", "Maximum", dims), "high", t.databaseConnections),
  ];
  if (db.replicateSourceDbInput !== undefined) {
    specs.push(
      alarm("replica-lag", "replica lag (s)", rds("ReplicaLag", "Maximum", dims), "high", t.databaseReplicaLagSeconds),
    );
  }
  return specs.map((s) => ({ ...s, runbook: `#rds-${s.key}` }));
};

/**
 * Aurora cluster: writer CPU, memory, connections, local storage, reader lag; a Global
 * Database secondary (it has a `source_region`) also alarms on `AuroraGlobalDBReplicationLag`,
 * published in the secondary's region with `SourceRegion` = the primary's, critical at the RPO.
 */
const rdsCluster: AlarmRecipe = (resource, { thresholds: t }) => {
  const cluster = resource as RdsCluster;
  const id = cluster.clusterIdentifierInput ?? cluster.clusterIdentifier;
  const writer = { DBClusterIdentifier: id, Role: "WRITER" };
  const reader = { DBClusterIdentifier: id, Role: "READER" };
  const quiet = "notBreaching" as const; // a secondary or a reader-less cluster publishes no writer/reader series
  const specs: AlarmSpec[] = [
    { ...alarm("cpu", "writer CPU (%)", rds("CPUUtilization", "Average", writer), "high", t.databaseCpuPercent) },
    alarm(
      "memory",
      "writer freeable memory (bytes)",
      rds("FreeableMemory", "Minimum", writer),
      "low",
      t.databaseFreeableMemoryBytes,
    ),
    alarm(
      "connections",
      "writer connections",
      rds("DatabaseConnections", "Maximum", writer),
      "high",
      t.databaseConnections,
    ),
    alarm(
      "local-storage",
      "free local storage (bytes)",
      rds("FreeLocalStorage", "Minimum", { DBClusterIdentifier: id }),
      "low",
      t.databaseFreeStorageBytes,
    ),
    alarm(
      "replica-lag",
      "reader lag (ms)",
      rds("AuroraReplicaLag", "Maximum", reader),
      "high",
      t.auroraReplicaLagMilliseconds,
    ),
  ].map((s) => ({ ...s, treatMissingData: quiet }));
  const sourceRegion = cluster.sourceRegionInput;
  if (sourceRegion !== undefined) {
    specs.push({
      ...alarm(
        "global-lag",
        "Aurora Global Database replication lag (ms); critical at the RPO",
        rds("AuroraGlobalDBReplicationLag", "Maximum", { SourceRegion: sourceRegion }),
        "high",
        t.recoveryPointLagMilliseconds,
      ),
      // No datapoints means replication stopped: that breaks the RPO as surely as lag.
      treatMissingData: "breaching",
    });
  }
  return specs.map((s) => ({ ...s, runbook: `#aurora-${s.key}` }));
};

/**
 * The member cluster ids of a replication group (`<id>-0001-001`): recorded by the cache
 * construct, else derived from the shard and replica counts when they are literal.
 */
export function cacheMemberIds(resource: TerraformResource): string[] {
  const recorded = resource.node.metadata.find((m) => m.type === CACHE_MEMBERS_METADATA);
  if (recorded) return recorded.data as string[];
  const group = resource as ElasticacheReplicationGroup;
  const id = group.replicationGroupIdInput ?? group.replicationGroupId;
  const shards = group.numNodeGroupsInput;
  const replicas = group.replicasPerNodeGroupInput;
  if (typeof shards === "number" && typeof replicas === "number") {
    return clusterModeMembers(id, shards, replicas);
  }
  const nodes = group.numCacheClustersInput ?? 1;
  return Array.from({ length: nodes }, (_, i) => `${id}-${String(i + 1).padStart(3, "0")}`);
}

/** Member cluster ids of a cluster-mode replication group: `<id>-<shard:4>-<node:3>`. */
export function clusterModeMembers(id: string, shards: number, replicasPerShard: number): string[] {
  const ids: string[] = [];
  for (let shard = 1; shard <= shards; shard++) {
    for (let node = 1; node <= replicasPerShard + 1; node++) {
      ids.push(`${id}-${String(shard).padStart(4, "0")}-${String(node).padStart(3, "0")}`);
    }
  }
  return ids;
}

/** Most members one metric-math alarm may combine (CloudWatch allows 10 metrics per alarm). */
const MAX_ALARM_METRICS = 10;

/**
 * ElastiCache replication group: engine CPU, memory, evictions and replica lag over every
 * node (`MAX` of the per-node series); a Global Datastore secondary also alarms on
 * `GlobalDatastoreReplicationLag`, critical at the RPO.
 */
const replicationGroup: AlarmRecipe = (resource, { thresholds: t }) => {
  const members = cacheMemberIds(resource).slice(0, MAX_ALARM_METRICS);
  const over = (metricName: string, statistic: MetricSpec["statistic"]) => ({
    label: `${metricName} (max over ${members.length} nodes)`,
    members: members.map((CacheClusterId) => ({
      namespace: "AWS/ElastiCache",
      metricName,
      statistic,
      dimensions: { CacheClusterId },
    })),
  });
  const specs: AlarmSpec[] = [
    alarm("engine-cpu", "engine CPU (%)", over("EngineCPUUtilization", "Maximum"), "high", t.cacheEngineCpuPercent),
    alarm("memory", "memory used (%)", over("DatabaseMemoryUsagePercentage", "Maximum"), "high", t.cacheMemoryPercent),
    alarm("evictions", "evictions per minute", over("Evictions", "Sum"), "high", t.cacheEvictions),
    {
      // Primaries publish no ReplicationLag; only replicas do.
      ...alarm(
        "replication-lag",
        "replica lag (s)",
        over("ReplicationLag", "Maximum"),
        "high",
        t.cacheReplicationLagSeconds,
      ),
      treatMissingData: "notBreaching",
    },
  ];
  if ((resource as ElasticacheReplicationGroup).globalReplicationGroupIdInput !== undefined) {
    const ms = t.recoveryPointLagMilliseconds;
    specs.push({
      ...alarm(
        "global-lag",
        "Global Datastore replication lag (s); critical at the RPO",
        over("GlobalDatastoreReplicationLag", "Maximum"),
        "high",
        {
          warning: ms.warning === undefined ? undefined : ms.warning / 1000,
          critical: ms.critical === undefined ? undefined : ms.critical / 1000,
        },
      ),
      treatMissingData: "notBreaching",
    });
  }
  return specs.map((s) => ({ ...s, runbook: `#cache-${s.key}` }));
};

/** CloudFront: 5xx error rate (published in us-east-1 with `Region` = `Global`). */
const distribution: AlarmRecipe = (resource, { thresholds: t }) => {
  const d = resource as CloudfrontDistribution;
  const metric = {
    namespace: "AWS/CloudFront",
    metricName: "5xxErrorRate",
    statistic: "Average",
    dimensions: { DistributionId: d.id, Region: "Global" },
  } as const;
  return [
    {
      ...alarm("5xx-rate", "5xx error rate (%)", metric, "high", t.cdn5xxErrorRatePercent),
      metricRegion: GLOBAL_METRICS_REGION,
      treatMissingData: "notBreaching",
      runbook: "#cdn-5xx-rate",
    },
  ];
};

/**
 * Route 53 health check: status below 1 (unhealthy). Route 53 alarms allow no metric math
 * and periods of 60 s or more; the check itself already needs several failures.
 */
const healthCheck: AlarmRecipe = (resource) => {
  const h = resource as Route53HealthCheck;
  const metric = {
    namespace: "AWS/Route53",
    metricName: "HealthCheckStatus",
    statistic: "Minimum",
    dimensions: { HealthCheckId: h.id },
  } as const;
  return [
    {
      key: "status",
      title: "health check status (1 healthy, 0 unhealthy)",
      metric,
      comparison: "LessThanThreshold",
      thresholds: { critical: 1 },
      metricRegion: GLOBAL_METRICS_REGION,
      treatMissingData: "breaching",
      evaluation: { datapoints: 2, periods: 3 },
      runbook: "#route53-health-check",
    },
  ];
};

/** NAT gateway: port allocation errors and dropped packets. */
const natGateway: AlarmRecipe = (resource, { thresholds: t }) => {
  const dims = { NatGatewayId: (resource as NatGateway).id };
  const nat = (metricName: string) =>
    ({ namespace: "AWS/NATGateway", metricName, statistic: "Sum", dimensions: dims }) as const;
  return [
    alarm("port-allocation", "port allocation errors", nat("ErrorPortAllocation"), "high", t.natPortAllocationErrors),
    alarm("packets-dropped", "packets dropped", nat("PacketsDropCount"), "high", t.natPacketsDropped),
  ].map((s) => ({ ...s, treatMissingData: "notBreaching" as const, runbook: `#nat-${s.key}` }));
};

/** SQS queue: age of the oldest message (consumers stuck or too slow). */
const queue: AlarmRecipe = (resource, { thresholds: t }) => {
  const q = resource as SqsQueue;
  const metric = {
    namespace: "AWS/SQS",
    metricName: "ApproximateAgeOfOldestMessage",
    statistic: "Maximum",
    dimensions: { QueueName: q.nameInput ?? q.name },
  } as const;
  return [
    {
      ...alarm("oldest-message", "age of the oldest message (s)", metric, "high", t.queueOldestMessageSeconds),
      treatMissingData: "notBreaching",
      runbook: "#sqs-oldest-message",
    },
  ];
};

/** A spec with the catalogue's common parts; recipes add the runbook anchor. */
function alarm(
  key: string,
  title: string,
  metric: AlarmSpec["metric"],
  direction: "high" | "low",
  thresholds: ThresholdPair,
): AlarmSpec {
  return {
    key,
    title,
    metric,
    comparison: direction === "high" ? "GreaterThanOrEqualToThreshold" : "LessThanThreshold",
    thresholds,
    runbook: "",
  };
}

/**
 * Recipes by Terraform resource type. EKS nodes and pods are alarmed through Prometheus
 * (node-exporter and kube-state-metrics rules in the platform stack), not Container
 * Insights: the metrics are already scraped, cost nothing per series in CloudWatch, and
 * Alertmanager routes them by the same severities.
 */
export const ALARM_CATALOGUE: Readonly<Record<string, AlarmRecipe>> = {
  aws_db_instance: dbInstance,
  aws_rds_cluster: rdsCluster,
  aws_elasticache_replication_group: replicationGroup,
  aws_cloudfront_distribution: distribution,
  aws_route53_health_check: healthCheck,
  aws_nat_gateway: natGateway,
  aws_sqs_queue: queue,
};

/** Severities a spec alarms at, least urgent first. */
export function specSeverities(spec: AlarmSpec): AlarmSeverity[] {
  return (["warning", "critical"] as const).filter((s) => spec.thresholds[s] !== undefined);
}
