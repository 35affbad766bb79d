/**
 * Defaults of the monitoring constructs, in a file without provider imports so config
 * validation can use them without loading the provider bindings.
 */

/** Alarm severities, least urgent first: `warning` opens a ticket, `critical` pages. */
export const ALARM_SEVERITIES = ["warning", "critical"] as const;

/** One of {@link ALARM_SEVERITIES}. */
export type AlarmSeverity = (typeof ALARM_SEVERITIES)[number];

/** Every alarm evaluates one-minute datapoints: the finest period standard metrics have. */
export const ALARM_PERIOD_SECONDS = 60;

/**
 * M-of-N: an alarm fires when 3 of the last 5 one-minute datapoints breach, so a real
 * problem pages within 5 minutes while one noisy minute does not.
 */
export const ALARM_EVALUATION_PERIODS = 5;

/** Breaching datapoints (of {@link ALARM_EVALUATION_PERIODS}) that fire an alarm. */
export const ALARM_DATAPOINTS_TO_ALARM = 3;

/** Warning and critical thresholds of one alarm; either may be left out. */
export interface ThresholdPair {
  /** Level that opens a ticket. */
  readonly warning?: number;
  /** Level that pages. */
  readonly critical?: number;
}

const MIB = 1024 * 1024;
const GIB = 1024 * MIB;

/**
 * Named thresholds of the alarm catalogue (seed 000's alert rules: CPU 80%, memory 85%,
 * disk 85%, error rate 5%; the rest from the AWS recommended alarms). Environments
 * override any of them under `monitoring.thresholds`. Lag thresholds that protect the
 * recovery point (Aurora Global Database, Global Datastore) are not here: their critical
 * level is the environment's RPO.
 */
export const DEFAULT_ALARM_THRESHOLDS = {
  /** Database CPU, percent. */
  databaseCpuPercent: { warning: 80, critical: 95 },
  /** Database freeable memory, bytes (alarm below). */
  databaseFreeableMemoryBytes: { warning: 512 * MIB, critical: 256 * MIB },
  /** RDS free storage / Aurora free local storage, bytes (alarm below). */
  databaseFreeStorageBytes: { warning: 20 * GIB, critical: 5 * GIB },
  /** Open database connections. */
  databaseConnections: { warning: 400, critical: 800 },
  /** RDS read replica lag, seconds. */
  databaseReplicaLagSeconds: { warning: 30, critical: 300 },
  /** Aurora reader lag behind the writer, milliseconds. */
  auroraReplicaLagMilliseconds: { warning: 1000, critical: 10000 },
  /** Cache engine CPU, percent. */
  cacheEngineCpuPercent: { warning: 80, critical: 95 },
  /** Cache memory used of the node's maximum, percent. */
  cacheMemoryPercent: { warning: 85, critical: 95 },
  /** Keys evicted per minute. */
  cacheEvictions: { warning: 100, critical: 1000 },
  /** Replica lag behind its shard's primary, seconds. */
  cacheReplicationLagSeconds: { warning: 5, critical: 30 },
  /** CloudFront responses with a 5xx status, percent of requests. */
  cdn5xxErrorRatePercent: { warning: 1, critical: 5 },
  /** NAT gateway port allocation errors per minute (out of source ports to one destination). */
  natPortAllocationErrors: { warning: 1, critical: 50 },
  /** NAT gateway packets dropped per minute. */
  natPacketsDropped: { warning: 100, critical: 1000 },
  /** Age of the oldest SQS message, seconds. */
  queueOldestMessageSeconds: { warning: 300, critical: 900 },
} as const satisfies Readonly<Record<string, ThresholdPair>>;

/** Names of the overridable thresholds. */
export type AlarmThresholdName = keyof typeof DEFAULT_ALARM_THRESHOLDS;

/** Thresholds after overrides, plus the recovery-point lag limits derived from the RPO. */
export type AlarmThresholds = Readonly<Record<AlarmThresholdName, ThresholdPair>> & {
  /** Aurora Global Database / Global Datastore lag, milliseconds: critical is the RPO. */
  readonly recoveryPointLagMilliseconds: ThresholdPair;
};

/** Share of the RPO at which replication lag warns, before it pages at the RPO itself. */
export const RECOVERY_POINT_WARNING_SHARE = 0.5;

/**
 * The catalogue thresholds for an environment: defaults, then overrides, then the
 * recovery-point lag pair (critical = RPO, warning = half of it).
 */
export function resolveAlarmThresholds(
  rpoMinutes: number,
  overrides: Readonly<Partial<Record<AlarmThresholdName, ThresholdPair>>> = {},
): AlarmThresholds {
  const merged: Record<string, ThresholdPair> = {};
  for (const [name, pair] of Object.entries(DEFAULT_ALARM_THRESHOLDS)) {
    merged[name] = { ...pair, ...(overrides[name as AlarmThresholdName] ?? {}) };
  }
  const rpoMs = rpoMinutes * 60_000;
  return {
    ...(merged as Record<AlarmThresholdName, ThresholdPair>),
    recoveryPointLagMilliseconds: { warning: rpoMs * RECOVERY_POINT_WARNING_SHARE, critical: rpoMs },
  };
}

/** Rule id the policy engine uses for "production resources have an alarm"; opt-outs suppress it. */
export const RESOURCE_ALARMED_RULE_ID = "MON-RESOURCE-ALARMED";

/** kube-prometheus-stack chart pinned (values read at this version: selectors, rule map, sidecar labels). */
export const KUBE_PROMETHEUS_STACK_CHART = {
  repository: "https://prometheus-community.github.io/helm-charts",
  chart: "kube-prometheus-stack",
  version: "88.5.3",
} as const;

/** Loki (single binary, logs) chart pinned. */
export const LOKI_CHART = {
  repository: "https://grafana.github.io/helm-charts",
  chart: "loki",
  version: "6.29.0",
} as const;

/** Tempo (traces) chart pinned. */
export const TEMPO_CHART = {
  repository: "https://grafana.github.io/helm-charts",
  chart: "tempo",
  version: "1.21.1",
} as const;

/** Prometheus retention when the environment sets none, in days. */
export const DEFAULT_PROMETHEUS_RETENTION_DAYS = 15;

/** Prometheus volume size when the environment sets none, in GiB. */
export const DEFAULT_PROMETHEUS_STORAGE_GIB = 50;

/** Default SLO of a module (seed 002's SLO table: 99.9% availability, p95 under 500 ms, 30 days). */
export const DEFAULT_SLO = { availabilityPercent: 99.9, latencyP95Milliseconds: 500, windowDays: 30 } as const;

/**
 * Multiwindow, multi-burn-rate alerts for a 30-day SLO (Google SRE workbook; Sloth and
 * Pyrra generate the same): burn factor, long window, short window, severity. 14.4x over
 * 1 h spends 2% of the budget; 6x over 6 h 5%; 3x over 1 d and 1x over 3 d 10%.
 */
export const BURN_RATE_WINDOWS = [
  { factor: 14.4, long: "1h", short: "5m", severity: "critical" },
  { factor: 6, long: "6h", short: "30m", severity: "critical" },
  { factor: 3, long: "1d", short: "2h", severity: "warning" },
  { factor: 1, long: "3d", short: "6h", severity: "warning" },
] as const;
