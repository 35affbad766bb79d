import type { TerraformResource } from "cdktf";
import { Construct, type IConstruct } from "constructs";
import { IrsaRole } from "../cluster/irsa-role";
import { loadOptionalPeers } from "../core/optional-peer";
import { tokenJson } from "../core/token-json";
import { type PropProblem, throwIfInvalid } from "../core/validation";
import { GRAFANA_DASHBOARD_LABEL, moduleDashboard, platformDashboard } from "./dashboards";
import {
  type AlarmSeverity,
  DEFAULT_PROMETHEUS_RETENTION_DAYS,
  DEFAULT_PROMETHEUS_STORAGE_GIB,
  KUBE_PROMETHEUS_STACK_CHART,
  LOKI_CHART,
  TEMPO_CHART,
} from "./monitoring-settings";
import { compileSloRules, type ModuleSlo, platformRules, type RuleGroup } from "./slo-rules";

/**
 * The helm and kubernetes classes, loaded when the construct is built, not at import: they
 * are optional peers of the package, and an AWS-only consumer must still be able to import
 * the monitoring domain. Both at once, so a consumer missing both learns it from one error.
 */
function peerClasses(scope: IConstruct) {
  return loadOptionalPeers(scope, {
    Release: {
      packageName: "@cdktf/provider-helm",
      load: (): typeof import("@cdktf/provider-helm/lib/release").Release =>
        require("@cdktf/provider-helm/lib/release").Release,
    },
    ConfigMapV1: {
      packageName: "@cdktf/provider-kubernetes",
      load: (): typeof import("@cdktf/provider-kubernetes/lib/config-map-v1").ConfigMapV1 =>
        require("@cdktf/provider-kubernetes/lib/config-map-v1").ConfigMapV1,
    },
  });
}

/**
 * A PromQL regular expression matching exactly `modules`' namespaces (none with no module).
 * Kubernetes namespaces are DNS labels (`[a-z0-9-]`), which hold no regex metacharacter.
 */
function namespacesPattern(modules: readonly MonitoredModule[]): string {
  return [...new Set(modules.map((m) => m.namespace))].sort().join("|");
}

/** What is wrong with a given module namespace pattern (a PromQL string literal holds it). */
function namespacePatternProblems(pattern: string | undefined): PropProblem[] {
  if (pattern === undefined) return [];
  let compiles = true;
  try {
    new RegExp(pattern);
  } catch {
    compiles = false;
  }
  if (pattern.trim() !== "" && compiles && !/["\\\n]/.test(pattern)) return [];
  return [
    {
      prop: "moduleNamespacePattern",
      message: "is not a non-empty regular expression without quotes, backslashes or line breaks",
      received: pattern,
      fix: 'use a pattern such as "module-.*", or leave it out to match exactly the modules\' namespaces',
    },
  ];
}

/** Namespace of the monitoring stack. */
export const MONITORING_NAMESPACE = "monitoring";

/** Release name of kube-prometheus-stack (prefix of its objects). */
export const KUBE_PROMETHEUS_RELEASE = "kube-prometheus-stack";

/** Service account Alertmanager runs as (its IRSA role publishes to the alarm topics). */
export const ALERTMANAGER_SERVICE_ACCOUNT = "alertmanager";

/** A module to scrape and hold to its SLO. */
export interface MonitoredModule extends ModuleSlo {
  /** Name of the module's metrics port (a named port of its Service). */
  readonly metricsPort: string;
}

/** Properties of {@link KubePrometheusStack}. */
export interface KubePrometheusStackProps {
  /** Modules of the cluster, each scraped by a ServiceMonitor and compiled to SLO rules. */
  readonly modules: readonly MonitoredModule[];
  /** Namespaces of the core modules, for CorePlatformDown. */
  readonly coreNamespaces: readonly string[];
  /** Days of metrics kept. @default 15 */
  readonly retentionDays?: number;
  /** Prometheus volume, GiB. @default 50 */
  readonly storageGiB?: number;
  /** Prometheus replicas. @default 1 */
  readonly replicas?: number;
  /** Region of the cluster (Alertmanager's SNS client). */
  readonly region: string;
  /** Topic per severity Alertmanager publishes to (the environment's alarm topics in this region). */
  readonly topicArns: Readonly<Record<AlarmSeverity, string>>;
  /** IRSA identity for Alertmanager's SNS publishing. */
  readonly identity: {
    readonly roleName: string;
    readonly oidcProviderArn: string;
    readonly oidcIssuer: string;
  };
  /** Releases to install after (e.g. the load balancer controller's webhooks). @default [] */
  readonly dependsOn?: readonly TerraformResource[];
  /**
   * PromQL regular expression matching every module namespace, for the platform alerts
   * (ModuleLoadFailure, PodCrashLooping) and the overview dashboard, e.g. `module-.*` to
   * cover modules that have no SLO entry too.
   * @default - exactly the namespaces of `modules`
   */
  readonly moduleNamespacePattern?: string;
  /**
   * Prefix of the platform rule groups' names, e.g. `acme` for `acme-platform` and
   * `acme-resources`.
   * @default - none: `platform` and `resources`
   */
  readonly ruleGroupPrefix?: string;
  /** Tags of every dashboard (Grafana's search filters on them). @default [] */
  readonly dashboardTags?: readonly string[];
}

/**
 * Kubernetes monitoring of one cluster: kube-prometheus-stack pinned, with the rule and
 * monitor selectors opened (`*SelectorNilUsesHelmValues: false`, the most reported "my
 * rules are ignored" issue), the EKS-managed control plane scrapes off (no etcd,
 * scheduler or controller-manager endpoints on EKS), retention and storage from config,
 * module SLOs as burn-rate PrometheusRules and the seeds' platform rules through
 * `additionalPrometheusRulesMap`, ServiceMonitors through
 * `prometheus.additionalServiceMonitors` (Helm renders both CRD objects: no
 * `kubernetes_manifest`, which needs the cluster at plan time), Alertmanager routing by
 * severity to the environment's SNS topics with critical inhibiting warning; Grafana
 * dashboards as ConfigMaps for the sidecar; Loki (logs) and Tempo (traces) pinned.
 *
 * @example
 * ```ts
 * import { KubePrometheusStack } from "@plataforma/infra/constructs/monitoring";
 *
 * new KubePrometheusStack(stack, "monitoring", {
 *   modules: [
 *     {
 *       module: "orders",
 *       namespace: "module-orders",
 *       metricsPort: "metrics",
 *       availabilityPercent: 99.9,
 *       latencyP95Milliseconds: 500,
 *       windowDays: 30,
 *     },
 *   ],
 *   coreNamespaces: ["module-orders"],
 *   region: "sa-east-1",
 *   topicArns: {
 *     warning: "arn:aws:sns:sa-east-1:123456789012:acme-prod-alarms-warning",
 *     critical: "arn:aws:sns:sa-east-1:123456789012:acme-prod-alarms-critical",
 *   },
 *   identity: {
 *     roleName: "acme-prod-sa-east-1-alertmanager",
 *     oidcProviderArn: "arn:aws:iam::123456789012:oidc-provider/oidc.eks.sa-east-1.amazonaws.com/id/EXAMPLE",
 *     oidcIssuer: "oidc.eks.sa-east-1.amazonaws.com/id/EXAMPLE",
 *   },
 * });
 * ```
 */
export class KubePrometheusStack extends Construct {
  readonly release: TerraformResource;
  readonly loki: TerraformResource;
  readonly tempo: TerraformResource;
  /** Dashboards by name (`platform-overview`, `module-<name>`). */
  readonly dashboards: Readonly<Record<string, TerraformResource>>;
  /** Rule groups shipped, by PrometheusRule key. */
  readonly ruleGroups: Readonly<Record<string, readonly RuleGroup[]>>;

  constructor(scope: Construct, id: string, props: KubePrometheusStackProps) {
    super(scope, id);
    const retention = props.retentionDays ?? DEFAULT_PROMETHEUS_RETENTION_DAYS;
    const storage = props.storageGiB ?? DEFAULT_PROMETHEUS_STORAGE_GIB;
    const names = props.modules.map((m) => m.module);
    const duplicate = names.find((n, i) => names.indexOf(n) !== i);
    const moduleNamespaces = props.moduleNamespacePattern ?? namespacesPattern(props.modules);
    throwIfInvalid(this, [
      ...namespacePatternProblems(props.moduleNamespacePattern),
      ...(Number.isInteger(retention) && retention >= 1
        ? []
        : [{ prop: "retentionDays", message: "must be a whole number of days", received: retention, fix: "use 15" }]),
      ...(duplicate === undefined
        ? []
        : [{ prop: "modules", message: "lists a module twice", received: duplicate, fix: "list each module once" }]),
    ]);
    const { Release, ConfigMapV1 } = peerClasses(this);
    const role = new IrsaRole(this, "alertmanager-role", {
      roleName: props.identity.roleName,
      oidcProviderArn: props.identity.oidcProviderArn,
      oidcIssuer: props.identity.oidcIssuer,
      namespace: MONITORING_NAMESPACE,
      serviceAccount: ALERTMANAGER_SERVICE_ACCOUNT,
      statements: [{ Effect: "Allow", Action: "sns:Publish", Resource: [...new Set(Object.values(props.topicArns))] }],
    });
    const rules: Record<string, RuleGroup[]> = {
      platform: platformRules(props.coreNamespaces, {
        moduleNamespacePattern: moduleNamespaces,
        groupPrefix: props.ruleGroupPrefix,
      }),
    };
    for (const m of props.modules) rules[`slo-${m.module}`] = compileSloRules(m);
    this.ruleGroups = rules;
    this.release = new Release(this, "release", {
      name: KUBE_PROMETHEUS_RELEASE,
      ...KUBE_PROMETHEUS_STACK_CHART,
      namespace: MONITORING_NAMESPACE,
      createNamespace: true,
      atomic: true,
      cleanupOnFail: true,
      timeout: 900,
      dependsOn: props.dependsOn ? [...props.dependsOn] : undefined,
      values: [tokenJson(this.values(props, retention, storage, role.role.arn))],
    });
    const logs = { namespace: MONITORING_NAMESPACE, atomic: true, cleanupOnFail: true, dependsOn: [this.release] };
    this.loki = new Release(this, "loki", {
      name: "loki",
      ...LOKI_CHART,
      ...logs,
      values: [
        JSON.stringify({
          deploymentMode: "SingleBinary",
          loki: {
            auth_enabled: false,
            commonConfig: { replication_factor: 1 },
            storage: { type: "filesystem" },
            schemaConfig: {
              configs: [
                {
                  from: "2024-01-01",
                  store: "tsdb",
                  object_store: "filesystem",
                  schema: "v13",
                  index: { prefix: "index_", period: "24h" },
                },
              ],
            },
            limits_config: { retention_period: `${retention * 24}h` },
          },
          singleBinary: { replicas: 1, persistence: { size: `${storage}Gi` } },
          backend: { replicas: 0 },
          read: { replicas: 0 },
          write: { replicas: 0 },
        }),
      ],
    });
    this.tempo = new Release(this, "tempo", {
      name: "tempo",
      ...TEMPO_CHART,
      ...logs,
      values: [
        JSON.stringify({
          tempo: { retention: `${Math.min(retention, 14) * 24}h` },
          persistence: { enabled: true, size: "20Gi" },
        }),
      ],
    });
    this.dashboards = this.addDashboards(ConfigMapV1, props, moduleNamespaces);
  }

  private values(props: KubePrometheusStackProps, retention: number, storage: number, roleArn: string) {
    const sns = (severity: AlarmSeverity) => ({
      name: severity,
      sns_configs: [
        {
          topic_arn: props.topicArns[severity],
          sigv4: { region: props.region },
          subject: `[${severity}] {{ .CommonLabels.alertname }}`,
          send_resolved: true,
        },
      ],
    });
    return {
      crds: { enabled: true },
      // EKS manages and hides these; scraping them only fires KubeSchedulerDown and friends.
      kubeControllerManager: { enabled: false },
      kubeScheduler: { enabled: false },
      kubeEtcd: { enabled: false },
      kubeProxy: { enabled: false },
      additionalPrometheusRulesMap: Object.fromEntries(
        Object.entries(this.ruleGroups).map(([key, groups]) => [key, { groups }]),
      ),
      prometheus: {
        additionalServiceMonitors: props.modules.map((m) => ({
          name: `module-${m.module}`,
          namespaceSelector: { matchNames: [m.namespace] },
          selector: { matchLabels: { "app.kubernetes.io/name": m.module } },
          endpoints: [{ port: m.metricsPort, path: "/metrics", interval: "30s" }],
        })),
        prometheusSpec: {
          ruleSelectorNilUsesHelmValues: false,
          serviceMonitorSelectorNilUsesHelmValues: false,
          podMonitorSelectorNilUsesHelmValues: false,
          probeSelectorNilUsesHelmValues: false,
          scrapeConfigSelectorNilUsesHelmValues: false,
          retention: `${retention}d`,
          retentionSize: `${Math.floor(storage * 0.9)}GB`,
          replicas: props.replicas ?? 1,
          storageSpec: {
            volumeClaimTemplate: {
              spec: { accessModes: ["ReadWriteOnce"], resources: { requests: { storage: `${storage}Gi` } } },
            },
          },
        },
      },
      alertmanager: {
        serviceAccount: {
          create: true,
          name: ALERTMANAGER_SERVICE_ACCOUNT,
          annotations: { "eks.amazonaws.com/role-arn": roleArn },
        },
        config: {
          global: { resolve_timeout: "5m" },
          route: {
            receiver: "warning",
            group_by: ["alertname", "namespace"],
            group_wait: "30s",
            group_interval: "5m",
            repeat_interval: "4h",
            routes: [
              { receiver: "null", matchers: ['alertname = "Watchdog"'] },
              { receiver: "critical", matchers: ['severity = "critical"'] },
              { receiver: "warning", matchers: ['severity =~ "warning|info"'] },
            ],
          },
          inhibit_rules: [
            {
              source_matchers: ['severity = "critical"'],
              target_matchers: ['severity =~ "warning|info"'],
              equal: ["namespace", "alertname"],
            },
            {
              source_matchers: ['severity = "warning"'],
              target_matchers: ['severity = "info"'],
              equal: ["namespace", "alertname"],
            },
          ],
          receivers: [{ name: "null" }, sns("warning"), sns("critical")],
        },
      },
      grafana: {
        defaultDashboardsTimezone: "utc",
        sidecar: { dashboards: { enabled: true, label: "grafana_dashboard", labelValue: "1", searchNamespace: "ALL" } },
        additionalDataSources: [
          { name: "Loki", type: "loki", uid: "loki", url: `http://loki.${MONITORING_NAMESPACE}:3100` },
          { name: "Tempo", type: "tempo", uid: "tempo", url: `http://tempo.${MONITORING_NAMESPACE}:3100` },
        ],
      },
    };
  }

  private addDashboards(
    ConfigMapV1: ReturnType<typeof peerClasses>["ConfigMapV1"],
    props: KubePrometheusStackProps,
    moduleNamespacePattern: string,
  ): Record<string, TerraformResource> {
    const tags = props.dashboardTags ?? [];
    const modules = props.modules;
    const models: Record<string, Record<string, unknown>> = {
      "platform-overview": platformDashboard({ moduleNamespacePattern, tags }),
    };
    for (const m of modules) models[`module-${m.module}`] = moduleDashboard(m.module, m.namespace, tags);
    const maps: Record<string, TerraformResource> = {};
    for (const [name, model] of Object.entries(models)) {
      maps[name] = new ConfigMapV1(this, `dashboard-${name}`, {
        metadata: {
          name: `dashboard-${name}`,
          namespace: MONITORING_NAMESPACE,
          labels: { ...GRAFANA_DASHBOARD_LABEL },
        },
        data: { [`${name}.json`]: JSON.stringify(model) },
        dependsOn: [this.release],
      });
    }
    return maps;
  }
}
