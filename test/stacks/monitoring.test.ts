import { KUBE_PROMETHEUS_STACK_CHART } from "../../constructs/monitoring/monitoring-settings";
import { toStackView } from "../../policies/lib/stack";
import { watches } from "../../policies/rules/monitoring/alarm-coverage";
import { AUDIT_METRIC_NAMESPACE, MONITORING_NAMING } from "../../stacks/organisation";
import { buildStacks, cloneInput, problemsOf, type StackJson, valuesOf } from "../helpers";

const ALARMED = [
  "aws_rds_cluster",
  "aws_elasticache_replication_group",
  "aws_cloudfront_distribution",
  "aws_route53_health_check",
  "aws_nat_gateway",
];

describe("monitoring of the shipped environments", () => {
  const all = buildStacks(["dev", "staging", "production"]);
  const names = all.stacks.map((s) => s.node.id);
  const json = new Map<string, StackJson>(names.map((n) => [n, all.json(n)]));
  const production = names.filter((n) => n.startsWith("production-"));

  it("alarms every production database, cache, distribution, health check and NAT gateway, with actions", () => {
    let checked = 0;
    for (const name of production) {
      const view = toStackView(name, json.get(name));
      const alarms = view.resources.filter((r) => r.type === "aws_cloudwatch_metric_alarm");
      for (const resource of view.resources.filter((r) => ALARMED.includes(r.type))) {
        checked++;
        const mine = alarms.filter((a) => watches(a, resource));
        expect([resource.address, mine.length > 0]).toEqual([resource.address, true]);
        for (const a of mine) expect((a.values.alarm_actions as string[]).length).toBeGreaterThan(0);
      }
    }
    expect(checked).toBeGreaterThanOrEqual(1 + 2 + 1 + 3 + 9);
  });

  it("alarms production's Aurora Global Database lag in the DR region, critical at the 1-minute RPO", () => {
    const lag = valuesOf(json.get("production-us-east-1-data") as StackJson, "aws_cloudwatch_metric_alarm").filter(
      (a) => a.metric_name === "AuroraGlobalDBReplicationLag",
    );
    expect(lag.map((a) => [a.threshold, (a.alarm_actions as string[])[0]])).toEqual(
      expect.arrayContaining([[60000, "arn:aws:sns:us-east-1:333333333333:plataforma-production-alarms-critical"]]),
    );
  });

  it("encrypts every SNS topic, and dev has only its non-paging warning topic", () => {
    for (const [, stack] of json) {
      for (const topic of valuesOf(stack, "aws_sns_topic"))
        expect(String(topic.kms_master_key_id)).toContain("aws_kms_key");
    }
    const devTopics = valuesOf(json.get("bootstrap-plataforma-dev") as StackJson, "aws_sns_topic").map((t) => t.name);
    expect(new Set(devTopics)).toEqual(new Set(["plataforma-dev-alarms-warning"]));
    const devActions = valuesOf(json.get("dev-sa-east-1-data") as StackJson, "aws_cloudwatch_metric_alarm").flatMap(
      (a) => a.alarm_actions as string[],
    );
    expect(new Set(devActions)).toEqual(new Set(["arn:aws:sns:sa-east-1:111111111111:plataforma-dev-alarms-warning"]));
  });

  it("subscribes production's pager from a secret (a placeholder offline), never a literal from config", () => {
    const subs = valuesOf(json.get("bootstrap-plataforma-production") as StackJson, "aws_sns_topic_subscription");
    expect(subs.filter((s) => s.protocol === "https").map((s) => s.endpoint)).toEqual([
      "https://pager.invalid/production",
      "https://pager.invalid/production",
      "https://pager.invalid/production",
    ]);
    const online = buildStacks(["production"], "online").json("bootstrap-plataforma-production");
    expect(Object.values(online.data?.aws_secretsmanager_secret_version ?? {})).toEqual([
      expect.objectContaining({ secret_id: "plataforma/production/pager-endpoint" }),
    ]);
    const endpoints = valuesOf(online, "aws_sns_topic_subscription")
      .filter((s) => s.protocol === "https")
      .map((s) => s.endpoint);
    for (const e of endpoints) expect(e).toMatch(/^\$\{data\.aws_secretsmanager_secret_version\..*\.secret_string\}$/);
  });

  it("gives production a multi-region, validated, KMS-encrypted trail and GuardDuty in every region it uses", () => {
    const boot = json.get("bootstrap-plataforma-production") as StackJson;
    expect(valuesOf(boot, "aws_cloudtrail")).toEqual([
      expect.objectContaining({ is_multi_region_trail: true, enable_log_file_validation: true }),
    ]);
    expect(String(valuesOf(boot, "aws_cloudtrail")[0].kms_key_id)).toContain("aws_kms_key");
    const detectors = Object.values(boot.resource?.aws_guardduty_detector ?? {}).map((d) => d.provider ?? "aws");
    expect(detectors.sort()).toEqual(["aws", "aws.eu-west-1", "aws.us-east-1"]);
    expect(valuesOf(boot, "aws_guardduty_detector_feature").filter((f) => f.name === "EKS_AUDIT_LOGS")).toHaveLength(3);
  });

  it("installs a pinned kube-prometheus-stack in every platform stack with a 14.4x burn-rate alert per module", () => {
    const platforms = names.filter((n) => n.endsWith("-platform"));
    expect(platforms.length).toBe(6);
    for (const name of platforms) {
      const stack = json.get(name) as StackJson;
      const release = valuesOf(stack, "helm_release").find((r) => r.name === "kube-prometheus-stack");
      expect(release).toMatchObject({ chart: "kube-prometheus-stack", version: KUBE_PROMETHEUS_STACK_CHART.version });
      const values = JSON.parse(String((release?.values as string[] | undefined)?.[0]));
      expect(values.prometheus.prometheusSpec).toMatchObject({
        ruleSelectorNilUsesHelmValues: false,
        serviceMonitorSelectorNilUsesHelmValues: false,
      });
      expect(values.kubeControllerManager.enabled).toBe(false);
      const modules = values.prometheus.additionalServiceMonitors.map((m: { name: string }) => m.name);
      for (const monitor of modules) {
        const key = `slo-${monitor.slice("module-".length)}`;
        const alerts = values.additionalPrometheusRulesMap[key].groups.flatMap((g: { rules: { alert?: string }[] }) =>
          g.rules.map((r) => r.alert),
        );
        expect(alerts).toContain("SLOBurnRateAvailability14_4x");
      }
      const dashboards = valuesOf(stack, "kubernetes_config_map_v1").filter(
        (c) => (c.metadata as { labels?: Record<string, string> }).labels?.grafana_dashboard === "1",
      );
      expect(dashboards.length).toBe(modules.length + 1);
    }
  });

  it("names rule groups and dashboards with this organisation's values, which the stacks pass to the library", () => {
    const stack = json.get("production-sa-east-1-platform") as StackJson;
    const release = valuesOf(stack, "helm_release").find((r) => r.name === "kube-prometheus-stack");
    const values = JSON.parse(String((release?.values as string[] | undefined)?.[0]));
    const groups = values.additionalPrometheusRulesMap.platform.groups as { name: string; rules: { expr: string }[] }[];
    expect(groups.map((g) => g.name)).toEqual([
      `${MONITORING_NAMING.ruleGroupPrefix}-platform`,
      `${MONITORING_NAMING.ruleGroupPrefix}-resources`,
    ]);
    expect(JSON.stringify(groups)).toContain(`namespace=~\\"${MONITORING_NAMING.moduleNamespacePattern}\\"`);
    for (const map of valuesOf(stack, "kubernetes_config_map_v1")) {
      const model = JSON.parse(Object.values(map.data as Record<string, string>)[0]);
      expect(model.tags).toEqual(MONITORING_NAMING.dashboardTags);
    }
    const boot = json.get("bootstrap-plataforma-production") as StackJson;
    const namespaces = valuesOf(boot, "aws_cloudwatch_metric_alarm")
      .filter((a) => String(a.alarm_name).includes("-audit/"))
      .map((a) => a.namespace);
    expect(new Set(namespaces)).toEqual(new Set([AUDIT_METRIC_NAMESPACE]));
  });

  it("uses the per-module SLO override (production vendas 99.95%)", () => {
    const stack = json.get("production-sa-east-1-platform") as StackJson;
    const release = valuesOf(stack, "helm_release").find((r) => r.name === "kube-prometheus-stack");
    const values = JSON.parse(String((release?.values as string[] | undefined)?.[0]));
    const budget = values.additionalPrometheusRulesMap["slo-vendas"].groups[0].rules.find(
      (r: { record?: string }) => r.record === "slo:error_budget:ratio",
    );
    expect(budget.expr).toBe("0.0005");
  });
});

describe("monitoring config", () => {
  it("defaults to paging with the seed SLO", () => {
    const input = cloneInput("staging");
    delete (input as { monitoring?: unknown }).monitoring;
    expect(problemsOf(input)).toEqual([]);
  });

  it("reports a bad Slack channel, an unknown threshold and a non-30-day window with their paths", () => {
    const input = cloneInput("production") as unknown as { monitoring: Record<string, unknown> };
    input.monitoring.slack = { teamId: "T0PLATAFO", channelId: "alarms" };
    input.monitoring.thresholds = { cpuPercent: { warning: 1 } };
    input.monitoring.defaultSlo = { windowDays: 7 };
    const paths = problemsOf(input).map((p) => p.path);
    expect(paths).toEqual(
      expect.arrayContaining([
        "monitoring.slack.channelId",
        "monitoring.thresholds.cpuPercent",
        "monitoring.defaultSlo.windowDays",
      ]),
    );
  });
});
