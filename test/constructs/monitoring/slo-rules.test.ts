import { compileSloRules, platformRules, type RuleGroup } from "../../../constructs/monitoring/slo-rules";

const options = { moduleNamespacePattern: "orders|billing" };

const slo = {
  module: "vendas",
  namespace: "module-vendas",
  availabilityPercent: 99.9,
  latencyP95Milliseconds: 500,
  windowDays: 30,
};

describe("compileSloRules", () => {
  const groups = compileSloRules(slo);
  const alerts = (kind: string) =>
    (groups.find((g) => g.name === `slo-vendas-${kind}`)?.rules ?? []).filter((r) => r.alert !== undefined);

  it("records the error ratio over every window the burn-rate alerts read", () => {
    const records = groups[0].rules.filter((r) => r.record?.startsWith("slo:sli_error")).map((r) => r.record);
    expect(records).toEqual(["5m", "30m", "1h", "2h", "6h", "1d", "3d"].map((w) => `slo:sli_error:ratio_rate${w}`));
    expect(groups[0].rules[0].expr).toContain('http_requests_total{namespace="module-vendas",code=~"5.."}[5m]');
  });

  it("pages at 14.4x over 1h and 5m and at 6x over 6h and 30m, tickets at 3x and 1x", () => {
    const found = alerts("availability").map((a) => [a.labels?.burn_rate, a.labels?.window, a.labels?.severity]);
    expect(found).toEqual([
      ["14.4", "1h/5m", "critical"],
      ["6", "6h/30m", "critical"],
      ["3", "1d/2h", "warning"],
      ["1", "3d/6h", "warning"],
    ]);
    expect(alerts("availability")[0].expr).toBe(
      'slo:sli_error:ratio_rate1h{slo_module="vendas",slo="availability"} > (14.4 * 0.001) and ' +
        'slo:sli_error:ratio_rate5m{slo_module="vendas",slo="availability"} > (14.4 * 0.001)',
    );
  });

  it("derives the budget from the objective and reads the latency bucket of the p95 target", () => {
    const strict = compileSloRules({ ...slo, availabilityPercent: 99.95, latencyP95Milliseconds: 250 });
    expect(strict[0].rules.find((r) => r.record === "slo:error_budget:ratio")?.expr).toBe("0.0005");
    expect(strict[1].rules[0].expr).toContain('le="0.25"');
    expect(strict[1].rules.find((r) => r.record === "slo:error_budget:ratio")?.expr).toBe("0.05");
  });
});

describe("platformRules", () => {
  it("carries the seeds' platform alerts and the resource alerts", () => {
    const names = platformRules(["module-auth"], options).flatMap((g) => g.rules.map((r) => r.alert));
    expect(names).toEqual(
      expect.arrayContaining([
        "CorePlatformDown",
        "HighErrorRate",
        "ModuleLoadFailure",
        "HighLatency",
        "NodeCpuHigh",
        "NodeMemoryHigh",
        "NodeDiskHigh",
        "PodCrashLooping",
      ]),
    );
    expect(platformRules(["module-auth", "module-portal"], options)[0].rules[0].expr).toContain(
      'namespace=~"module-auth|module-portal"',
    );
  });

  it("names its groups neutrally unless given a prefix, and watches the given module namespaces", () => {
    const neutral = platformRules([], options);
    expect(neutral.map((g) => g.name)).toEqual(["platform", "resources"]);
    const acme = platformRules([], { moduleNamespacePattern: "apps-.*", groupPrefix: "acme" });
    expect(acme.map((g) => g.name)).toEqual(["acme-platform", "acme-resources"]);
    const exprs = (groups: RuleGroup[]) =>
      Object.fromEntries(groups.flatMap((g) => g.rules.map((r) => [r.alert, r.expr] as const)));
    expect(exprs(acme).ModuleLoadFailure).toContain('{namespace=~"apps-.*"}');
    expect(exprs(acme).PodCrashLooping).toContain('{namespace=~"apps-.*"}');
    expect(JSON.stringify(neutral)).not.toContain("apps-");
    expect(JSON.stringify([neutral, acme])).not.toMatch(/plataforma/i);
  });
});
