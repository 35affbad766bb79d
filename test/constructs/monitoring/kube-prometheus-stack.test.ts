import { Testing } from "cdktf";
import {
  KubePrometheusStack,
  type KubePrometheusStackProps,
} from "../../../constructs/monitoring/kube-prometheus-stack";
import type { StackJson } from "../../helpers";
import { valuesOf } from "../../helpers";
import { reported } from "../fixtures";

const monitored = (name: string) => ({
  module: name,
  namespace: `apps-${name}`,
  metricsPort: "metrics",
  availabilityPercent: 99.9,
  latencyP95Milliseconds: 500,
  windowDays: 30,
});

const props: KubePrometheusStackProps = {
  modules: [monitored("orders"), monitored("billing")],
  coreNamespaces: ["apps-orders"],
  region: "sa-east-1",
  topicArns: {
    warning: "arn:aws:sns:sa-east-1:123456789012:acme-prod-alarms-warning",
    critical: "arn:aws:sns:sa-east-1:123456789012:acme-prod-alarms-critical",
  },
  identity: {
    roleName: "acme-prod-sa-east-1-alertmanager",
    oidcProviderArn: "arn:aws:iam::123456789012:oidc-provider/oidc.eks.sa-east-1.amazonaws.com/id/EXAMPLE",
    oidcIssuer: "oidc.eks.sa-east-1.amazonaws.com/id/EXAMPLE",
  },
};

/** The platform rule groups and every dashboard model the construct ships. */
function shipped(extra: Partial<KubePrometheusStackProps> = {}) {
  const json = JSON.parse(
    Testing.synthScope((scope) => new KubePrometheusStack(scope, "monitoring", { ...props, ...extra })),
  ) as StackJson;
  const release = valuesOf(json, "helm_release").find((r) => r.name === "kube-prometheus-stack");
  const values = JSON.parse(String((release?.values as string[] | undefined)?.[0]));
  const groups = values.additionalPrometheusRulesMap.platform.groups as {
    name: string;
    rules: { alert: string; expr: string }[];
  }[];
  const dashboards = valuesOf(json, "kubernetes_config_map_v1").map(
    (c) => JSON.parse(Object.values(c.data as Record<string, string>)[0]) as { uid: string; tags: string[] },
  );
  const overview = JSON.stringify(dashboards.find((d) => d.uid === "platform-overview"));
  const alert = (name: string) => groups.flatMap((g) => g.rules).find((r) => r.alert === name)?.expr;
  return { json, groups, dashboards, overview, alert };
}

describe("KubePrometheusStack names and scopes", () => {
  it("ships neutral names by default: plain group names, untagged dashboards, exactly the modules' namespaces", () => {
    const { json, groups, dashboards, overview, alert } = shipped();
    expect(groups.map((g) => g.name)).toEqual(["platform", "resources"]);
    expect(dashboards.map((d) => [d.uid, d.tags]).sort()).toEqual([
      ["module-billing", []],
      ["module-orders", []],
      ["platform-overview", []],
    ]);
    expect(alert("ModuleLoadFailure")).toContain('{namespace=~"apps-billing|apps-orders"}');
    expect(alert("PodCrashLooping")).toContain('{namespace=~"apps-billing|apps-orders"}');
    expect(overview).toContain('namespace=~\\"apps-billing|apps-orders\\"');
    expect(JSON.stringify(json)).not.toMatch(/plataforma|module-\.\*/i);
  });

  it("takes the caller's rule group prefix, dashboard tags and module namespace pattern", () => {
    const { groups, dashboards, overview, alert } = shipped({
      ruleGroupPrefix: "acme",
      dashboardTags: ["acme", "platform"],
      moduleNamespacePattern: "apps-.*",
    });
    expect(groups.map((g) => g.name)).toEqual(["acme-platform", "acme-resources"]);
    for (const d of dashboards) expect(d.tags).toEqual(["acme", "platform"]);
    expect(alert("ModuleLoadFailure")).toContain('{namespace=~"apps-.*"}');
    expect(alert("PodCrashLooping")).toContain('{namespace=~"apps-.*"}');
    expect(overview).toContain('namespace=~\\"apps-.*\\"');
    expect(overview).not.toContain("apps-orders");
  });

  it("fails on a module namespace pattern that is empty, does not compile or would break the PromQL string", () => {
    for (const moduleNamespacePattern of ["", " ", "apps-(", 'apps-"x', "apps-\\d+"]) {
      expect(
        reported(() =>
          Testing.synthScope((s) => new KubePrometheusStack(s, "m", { ...props, moduleNamespacePattern })),
        ),
      ).toEqual([["moduleNamespacePattern", moduleNamespacePattern]]);
    }
  });
});
