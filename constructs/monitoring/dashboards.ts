/**
 * Grafana dashboards as code: plain dashboard JSON the Grafana sidecar loads from
 * ConfigMaps labelled `grafana_dashboard: "1"`. Pure functions, no provider.
 */
import { LATENCY_METRIC, REQUESTS_METRIC, sliRecord } from "./slo-rules";

/** Label (and value) the kube-prometheus-stack Grafana sidecar watches for dashboards. */
export const GRAFANA_DASHBOARD_LABEL = { grafana_dashboard: "1" } as const;

/** One time-series panel. */
interface Panel {
  readonly title: string;
  readonly exprs: readonly { readonly expr: string; readonly legend: string }[];
  readonly unit: string;
}

/**
 * A Grafana dashboard model (schema 39) with panels laid out two per row, carrying `tags`
 * (Grafana's dashboard search filters on them).
 */
export function dashboard(
  uid: string,
  title: string,
  panels: readonly Panel[],
  tags: readonly string[] = [],
): Record<string, unknown> {
  return {
    uid,
    title,
    tags: [...tags],
    timezone: "utc",
    schemaVersion: 39,
    refresh: "1m",
    time: { from: "now-6h", to: "now" },
    panels: panels.map((p, i) => ({
      id: i + 1,
      type: "timeseries",
      title: p.title,
      datasource: { type: "prometheus", uid: "prometheus" },
      gridPos: { h: 8, w: 12, x: (i % 2) * 12, y: Math.floor(i / 2) * 8 },
      fieldConfig: { defaults: { unit: p.unit }, overrides: [] },
      targets: p.exprs.map((e, j) => ({ refId: String.fromCharCode(65 + j), expr: e.expr, legendFormat: e.legend })),
    })),
  };
}

/**
 * Request rate, errors, latency percentiles, saturation and SLO budget left of one module,
 * tagged `tags`.
 */
export function moduleDashboard(
  module: string,
  namespace: string,
  tags: readonly string[] = [],
): Record<string, unknown> {
  const sel = `namespace="${namespace}"`;
  const slo = `slo_module="${module}",slo="availability"`;
  const panels: Panel[] = [
    { title: "Requests", unit: "reqps", exprs: [{ expr: `sum(rate(${REQUESTS_METRIC}{${sel}}[5m]))`, legend: "rps" }] },
    {
      title: "Errors (5xx share)",
      unit: "percentunit",
      exprs: [
        {
          expr: `sum(rate(${REQUESTS_METRIC}{${sel},code=~"5.."}[5m])) / sum(rate(${REQUESTS_METRIC}{${sel}}[5m]))`,
          legend: "5xx",
        },
      ],
    },
    {
      title: "Latency",
      unit: "s",
      exprs: [0.5, 0.95, 0.99].map((q) => ({
        expr: `histogram_quantile(${q}, sum by (le) (rate(${LATENCY_METRIC}_bucket{${sel}}[5m])))`,
        legend: `p${q * 100}`,
      })),
    },
    {
      title: "Saturation",
      unit: "percentunit",
      exprs: [
        {
          expr:
            `sum(rate(container_cpu_usage_seconds_total{${sel},container!=""}[5m])) / ` +
            `sum(kube_pod_container_resource_limits{${sel},resource="cpu"})`,
          legend: "CPU of limit",
        },
        {
          expr:
            `sum(container_memory_working_set_bytes{${sel},container!=""}) / ` +
            `sum(kube_pod_container_resource_limits{${sel},resource="memory"})`,
          legend: "memory of limit",
        },
      ],
    },
    {
      title: "Availability SLO: error budget left (30 days)",
      unit: "percentunit",
      exprs: [
        {
          expr:
            `1 - (avg_over_time(${sliRecord("5m")}{${slo}}[30d]) / ` +
            `on() group_left() max(slo:error_budget:ratio{${slo}}))`,
          legend: "budget left",
        },
      ],
    },
  ];
  return dashboard(`module-${module}`, `Module ${module}`, panels, tags);
}

/** What {@link platformDashboard} covers and how it is tagged. */
export interface PlatformDashboardOptions {
  /** PromQL regular expression (`namespace=~"..."`) matching every module's namespace. */
  readonly moduleNamespacePattern: string;
  /** Dashboard tags. @default [] */
  readonly tags?: readonly string[];
}

/** The platform overview: every module's traffic, errors and latency, nodes and pods. */
export function platformDashboard(options: PlatformDashboardOptions): Record<string, unknown> {
  const modules = `namespace=~"${options.moduleNamespacePattern}"`;
  const panels: Panel[] = [
    {
      title: "Requests by module",
      unit: "reqps",
      exprs: [{ expr: `sum by (namespace) (rate(${REQUESTS_METRIC}{${modules}}[5m]))`, legend: "{{namespace}}" }],
    },
    {
      title: "5xx share by module",
      unit: "percentunit",
      exprs: [
        {
          expr:
            `sum by (namespace) (rate(${REQUESTS_METRIC}{${modules},code=~"5.."}[5m])) / ` +
            `sum by (namespace) (rate(${REQUESTS_METRIC}{${modules}}[5m]))`,
          legend: "{{namespace}}",
        },
      ],
    },
    {
      title: "p95 latency by module",
      unit: "s",
      exprs: [
        {
          expr: `histogram_quantile(0.95, sum by (namespace, le) (rate(${LATENCY_METRIC}_bucket{${modules}}[5m])))`,
          legend: "{{namespace}}",
        },
      ],
    },
    {
      title: "Node CPU and memory",
      unit: "percentunit",
      exprs: [
        { expr: '1 - avg(rate(node_cpu_seconds_total{mode="idle"}[5m]))', legend: "CPU" },
        { expr: "1 - sum(node_memory_MemAvailable_bytes) / sum(node_memory_MemTotal_bytes)", legend: "memory" },
      ],
    },
    {
      title: "Unavailable module replicas",
      unit: "short",
      exprs: [
        {
          expr: `sum by (namespace) (kube_deployment_status_replicas_unavailable{${modules}})`,
          legend: "{{namespace}}",
        },
      ],
    },
  ];
  return dashboard("platform-overview", "Platform overview", panels, options.tags);
}
