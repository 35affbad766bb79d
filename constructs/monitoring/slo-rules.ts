/**
 * SLOs compiled to Prometheus rule groups (the `spec.groups` of a PrometheusRule): SLI
 * recordings per window, multiwindow multi-burn-rate alerts (Google SRE workbook, as
 * Sloth and Pyrra generate them), and the seeds' platform alerts. Pure functions: no
 * provider, no cdktf.
 */
import { BURN_RATE_WINDOWS } from "./monitoring-settings";

/** One Prometheus recording or alerting rule. */
export interface PrometheusRule {
  readonly record?: string;
  readonly alert?: string;
  readonly expr: string;
  readonly for?: string;
  readonly labels?: Readonly<Record<string, string>>;
  readonly annotations?: Readonly<Record<string, string>>;
}

/** One rule group. */
export interface RuleGroup {
  readonly name: string;
  readonly rules: readonly PrometheusRule[];
}

/** A module's objectives, as the SLO config states them. */
export interface ModuleSlo {
  /** Module short name (`vendas`); its namespace is `module-<name>`. */
  readonly module: string;
  /** Namespace the module's metrics carry. */
  readonly namespace: string;
  /** Good (non-5xx) requests, percent. */
  readonly availabilityPercent: number;
  /** p95 latency objective, milliseconds. */
  readonly latencyP95Milliseconds: number;
  /** Window, days. */
  readonly windowDays: number;
}

/** Request counter every module exposes, labelled by `code` (Prometheus client conventions). */
export const REQUESTS_METRIC = "http_requests_total";
/** Request latency histogram every module exposes, in seconds (Prometheus client conventions). */
export const LATENCY_METRIC = "http_request_duration_seconds";

/** Share of requests the latency objective covers: p95 means 95% finish within the target. */
export const LATENCY_OBJECTIVE_PERCENT = 95;

/** Every window the burn-rate alerts read, shortest first. */
const WINDOWS = [...new Set(BURN_RATE_WINDOWS.flatMap((w) => [w.short, w.long]))].sort(
  (a, b) => seconds(a) - seconds(b),
);

function seconds(window: string): number {
  const unit = { m: 60, h: 3600, d: 86400 }[window.slice(-1)] ?? 1;
  return Number(window.slice(0, -1)) * unit;
}

/** Error ratio of an SLI over `[window]`. */
function errorRatio(kind: "availability" | "latency", slo: ModuleSlo, window: string): string {
  const sel = `namespace="${slo.namespace}"`;
  if (kind === "availability") {
    return (
      `sum(rate(${REQUESTS_METRIC}{${sel},code=~"5.."}[${window}])) / ` +
      `clamp_min(sum(rate(${REQUESTS_METRIC}{${sel}}[${window}])), 1e-9)`
    );
  }
  const le = String(slo.latencyP95Milliseconds / 1000);
  return (
    `1 - (sum(rate(${LATENCY_METRIC}_bucket{${sel},le="${le}"}[${window}])) / ` +
    `clamp_min(sum(rate(${LATENCY_METRIC}_count{${sel}}[${window}])), 1e-9))`
  );
}

/** Name of the recording rule holding an SLI's error ratio over a window. */
export function sliRecord(window: string): string {
  return `slo:sli_error:ratio_rate${window}`;
}

/**
 * Rule groups of one module's SLOs (availability and latency): error-ratio recordings per
 * window, the error budget, and the four burn-rate alerts (14.4x 1h/5m and 6x 6h/30m page;
 * 3x 1d/2h and 1x 3d/6h open a ticket).
 */
export function compileSloRules(slo: ModuleSlo): RuleGroup[] {
  const objectives = {
    availability: slo.availabilityPercent,
    latency: LATENCY_OBJECTIVE_PERCENT,
  } as const;
  return (Object.keys(objectives) as (keyof typeof objectives)[]).map((kind) => {
    const budget = Number((1 - objectives[kind] / 100).toPrecision(6));
    const labels = { slo_module: slo.module, slo: kind };
    const recordings: PrometheusRule[] = WINDOWS.map((w) => ({
      record: sliRecord(w),
      expr: errorRatio(kind, slo, w),
      labels,
    }));
    const selector = `{slo_module="${slo.module}",slo="${kind}"}`;
    const alerts: PrometheusRule[] = BURN_RATE_WINDOWS.map((w) => ({
      alert: `SLOBurnRate${kind === "availability" ? "Availability" : "Latency"}${String(w.factor).replace(".", "_")}x`,
      expr:
        `${sliRecord(w.long)}${selector} > (${w.factor} * ${budget}) and ` +
        `${sliRecord(w.short)}${selector} > (${w.factor} * ${budget})`,
      labels: { ...labels, severity: w.severity, burn_rate: String(w.factor), window: `${w.long}/${w.short}` },
      annotations: {
        summary: `${slo.module}: ${kind} error budget burning ${w.factor}x over ${w.long} (and ${w.short})`,
        description:
          `At this rate the ${slo.windowDays}-day budget of ${slo.module}'s ${kind} SLO ` +
          `(${objectives[kind]}%) runs out in ${Number(((slo.windowDays * 24) / w.factor).toFixed(1))} hours.`,
      },
    }));
    const meta: PrometheusRule[] = [
      { record: "slo:objective:ratio", expr: String(objectives[kind] / 100), labels },
      { record: "slo:error_budget:ratio", expr: String(budget), labels },
    ];
    return { name: `slo-${slo.module}-${kind}`, rules: [...recordings, ...meta, ...alerts] };
  });
}

/** Which namespaces {@link platformRules} watches and how its groups are named. */
export interface PlatformRuleOptions {
  /**
   * PromQL regular expression (`namespace=~"..."`) matching every module's namespace:
   * ModuleLoadFailure and PodCrashLooping watch these.
   */
  readonly moduleNamespacePattern: string;
  /**
   * Prefix of the two group names, e.g. `acme` for `acme-platform` and `acme-resources`.
   * @default - none: `platform` and `resources`
   */
  readonly groupPrefix?: string;
}

/**
 * The seeds' platform alerts (seed 000 "alert rules": CorePlatformDown, HighErrorRate,
 * ModuleLoadFailure, HighLatency) and resource alerts on nodes and pods (CPU, memory,
 * disk, crash loops), from node-exporter and kube-state-metrics.
 */
export function platformRules(coreNamespaces: readonly string[], options: PlatformRuleOptions): RuleGroup[] {
  const core = coreNamespaces.join("|");
  const modules = `namespace=~"${options.moduleNamespacePattern}"`;
  const group = (name: string) => (options.groupPrefix === undefined ? name : `${options.groupPrefix}-${name}`);
  const rule = (alert: string, expr: string, duration: string, severity: string, summary: string) => ({
    alert,
    expr,
    for: duration,
    labels: { severity },
    annotations: { summary },
  });
  return [
    {
      name: group("platform"),
      rules: [
        rule(
          "CorePlatformDown",
          `sum by (namespace) (kube_deployment_status_replicas_available{namespace=~"${core}"}) == 0`,
          "1m",
          "critical",
          "A core module ({{ $labels.namespace }}) has no available replica",
        ),
        rule(
          "HighErrorRate",
          `sum by (namespace) (rate(${REQUESTS_METRIC}{code=~"5.."}[5m])) / ` +
            `sum by (namespace) (rate(${REQUESTS_METRIC}[5m])) > 0.05`,
          "5m",
          "critical",
          "More than 5% of {{ $labels.namespace }} requests fail",
        ),
        rule(
          "ModuleLoadFailure",
          `sum by (namespace) (kube_deployment_status_replicas_unavailable{${modules}}) > 0`,
          "10m",
          "warning",
          "{{ $labels.namespace }} has replicas that do not become available",
        ),
        rule(
          "HighLatency",
          `histogram_quantile(0.95, sum by (namespace, le) (rate(${LATENCY_METRIC}_bucket[5m]))) > 1`,
          "10m",
          "warning",
          "p95 latency of {{ $labels.namespace }} is above 1 s",
        ),
      ],
    },
    {
      name: group("resources"),
      rules: [
        rule(
          "NodeCpuHigh",
          '1 - avg by (instance) (rate(node_cpu_seconds_total{mode="idle"}[5m])) > 0.8',
          "10m",
          "warning",
          "Node {{ $labels.instance }} CPU above 80%",
        ),
        rule(
          "NodeMemoryHigh",
          "1 - node_memory_MemAvailable_bytes / node_memory_MemTotal_bytes > 0.85",
          "10m",
          "warning",
          "Node {{ $labels.instance }} memory above 85%",
        ),
        rule(
          "NodeDiskHigh",
          '1 - node_filesystem_avail_bytes{mountpoint="/",fstype!="tmpfs"} / ' +
            'node_filesystem_size_bytes{mountpoint="/",fstype!="tmpfs"} > 0.85',
          "10m",
          "critical",
          "Node {{ $labels.instance }} root disk above 85%",
        ),
        rule(
          "PodCrashLooping",
          `increase(kube_pod_container_status_restarts_total{${modules}}[15m]) > 3`,
          "5m",
          "warning",
          "{{ $labels.namespace }}/{{ $labels.pod }} restarted more than 3 times in 15 minutes",
        ),
      ],
    },
  ];
}
