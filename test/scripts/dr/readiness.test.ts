/**
 * DR readiness over the shipped environments' synthesized Terraform (what `npm run dr:check`
 * judges), and each way a step can break a target.
 */
import { loadEnvironment } from "../../../environments";
import type { EstateStack } from "../../../scripts/dr/estate";
import { checkReadiness, scheduleMinutes } from "../../../scripts/dr/readiness";
import { synthesizeEstates } from "../../../scripts/dr/synth";

type Json = { resource: Record<string, Record<string, Record<string, unknown>>> };

const configs = ["dev", "staging", "production"].map((name) => loadEnvironment(name));
let estates: Map<string, EstateStack[]>;
beforeAll(() => {
  estates = synthesizeEstates(configs);
}, 120_000);

const config = (name: string) => configs.find((c) => c.name === name)!;
const stacksOf = (name: string) => structuredClone(estates.get(name)!);
const stack = (stacks: EstateStack[], name: string) => stacks.find((s) => s.name === name)!.json as Json;
const step = (result: ReturnType<typeof checkReadiness>, id: string) => result.steps.find((s) => s.id === id)!;

/** Adds a lag alarm shaped like the monitoring aspect's to a stack. */
function addAlarm(stacks: EstateStack[], name: string, metric: string, threshold: number, math = false) {
  const json = stack(stacks, name);
  json.resource.aws_cloudwatch_metric_alarm ??= {};
  json.resource.aws_cloudwatch_metric_alarm[`lag-${metric}`] = math
    ? {
        comparison_operator: "GreaterThanThreshold",
        threshold,
        metric_query: [
          { id: "m0", metric: { metric_name: metric } },
          { id: "max", expression: "MAX([m0])" },
        ],
      }
    : { comparison_operator: "GreaterThanThreshold", threshold, metric_name: metric };
}

function hasLagAlarms(stacks: EstateStack[]): boolean {
  return stacks.some((s) =>
    JSON.stringify((s.json as Json).resource?.aws_cloudwatch_metric_alarm ?? {}).includes(
      "AuroraGlobalDBReplicationLag",
    ),
  );
}

/** Removes the estate's replication-lag alarms from a stack, so a test can put its own in. */
function dropLagAlarms(stacks: EstateStack[], name: string): void {
  const alarms = stack(stacks, name).resource.aws_cloudwatch_metric_alarm ?? {};
  for (const [key, alarm] of Object.entries(alarms)) {
    if (/ReplicationLag/.test(JSON.stringify(alarm))) delete alarms[key];
  }
}

describe("dr:check over the shipped environments", () => {
  it("proves dev's backup-restore targets: detection + restore in place + TTL", () => {
    const result = checkReadiness(config("dev"), stacksOf("dev"));
    expect(result).toMatchObject({
      name: "dev",
      strategy: "backup-restore",
      rtoMinutes: { target: 480, proven: 22.6 },
      rpoMinutes: { target: 1440, proven: 5 },
      ok: true,
    });
  });

  it("proves staging's pilot light: 96 s detection, 20 min restore in us-east-1, 60 s TTL", () => {
    const result = checkReadiness(config("staging"), stacksOf("staging"));
    expect(result.rtoMinutes).toEqual({ target: 30, proven: 22.6 });
    expect(result.rpoMinutes).toEqual({ target: 15, proven: 15 });
    expect(result.ok).toBe(true);
    expect(step(result, "detection")).toMatchObject({ seconds: 96, breaks: false });
    expect(step(result, "routing")).toMatchObject({ seconds: 60 });
    expect(step(result, "recovery:capacity:main").title).toBe("scale node group main in us-east-1 from 1 to 2");
    expect(step(result, "rpo:bucket:reports")).toMatchObject({ minutes: 15, targetMinutes: 15, breaks: false });
  });

  it("proves production from the lag alarms the monitoring aspect adds at the RPO", () => {
    const stacks = stacksOf("production");
    expect(hasLagAlarms(stacks)).toBe(true);
    const result = checkReadiness(config("production"), stacks);
    expect(result.rtoMinutes).toEqual({ target: 15, proven: 9.3 });
    expect(result.rpoMinutes.proven).toBeLessThanOrEqual(1);
    expect(result.ok).toBe(true);
  });

  it("leaves production's RPO unproven without its lag alarms", () => {
    const stacks = stacksOf("production");
    dropLagAlarms(stacks, "production-us-east-1-data");
    const result = checkReadiness(config("production"), stacks);
    expect(result.ok).toBe(false);
    expect(step(result, "rpo:database").fix).toMatch(/^alarm the lag: AuroraGlobalDBReplicationLag in us-east-1/);
  });

  it("proves production's RPO 1 min from lag alarms at the RPO", () => {
    const stacks = stacksOf("production");
    dropLagAlarms(stacks, "production-us-east-1-data");
    addAlarm(stacks, "production-us-east-1-data", "AuroraGlobalDBReplicationLag", 60_000);
    addAlarm(stacks, "production-us-east-1-data", "GlobalDatastoreReplicationLag", 60, true);
    const result = checkReadiness(config("production"), stacks);
    expect(result.rpoMinutes).toEqual({ target: 1, proven: 1 });
    expect(result.ok).toBe(true);
    expect(step(result, "rpo:database").sources).toContain(
      "production-us-east-1-data:aws_cloudwatch_metric_alarm.lag-AuroraGlobalDBReplicationLag",
    );
  });
});

describe("dr:check names the step that breaks a target", () => {
  it("a one-hour record TTL breaks staging's RTO at the routing step", () => {
    const stacks = stacksOf("staging");
    for (const record of Object.values(stack(stacks, "staging-global-edge").resource.aws_route53_record)) {
      if (record.ttl !== undefined) record.ttl = 3600;
    }
    const result = checkReadiness(config("staging"), stacks);
    expect(result.ok).toBe(false);
    expect(result.rtoMinutes.proven).toBe(81.6);
    expect(step(result, "routing")).toMatchObject({ seconds: 3600, breaks: true });
    expect(step(result, "routing").fix).toBe("lower edge.route53.recordTtlSeconds (now 3600 s) to 60");
    expect(result.steps.filter((s) => s.breaks).map((s) => s.id)).toEqual(["routing"]);
  });

  it("a lag alarm above the RPO does not prove it", () => {
    const stacks = stacksOf("production");
    dropLagAlarms(stacks, "production-us-east-1-data");
    addAlarm(stacks, "production-us-east-1-data", "AuroraGlobalDBReplicationLag", 300_000);
    const result = checkReadiness(config("production"), stacks);
    expect(step(result, "rpo:database")).toMatchObject({ minutes: null, breaks: true });
    expect(step(result, "rpo:database").fix).toMatch(/^alarm the lag: AuroraGlobalDBReplicationLag in us-east-1/);
  });

  it("no health check on the primary leaves detection unproven", () => {
    const stacks = stacksOf("staging");
    for (const record of Object.values(stack(stacks, "staging-global-edge").resource.aws_route53_record)) {
      delete record.health_check_id;
    }
    const result = checkReadiness(config("staging"), stacks);
    expect(result.rtoMinutes.proven).toBeNull();
    expect(step(result, "detection")).toMatchObject({ seconds: null, breaks: true });
  });

  it("a DR node group that cannot reach the primary's size leaves capacity unproven", () => {
    const stacks = stacksOf("staging");
    const groups = stack(stacks, "staging-us-east-1-cluster").resource.aws_eks_node_group;
    const main = Object.values(groups).find((g) => g.node_group_name_prefix === "main-")!;
    (main.scaling_config as { max_size: number }).max_size = 1;
    const result = checkReadiness(config("staging"), stacks);
    expect(step(result, "recovery:capacity:main")).toMatchObject({ seconds: null, breaks: true });
    expect(step(result, "recovery:capacity:main").fix).toBe(
      "raise regions.us-east-1.cluster.nodeGroups.main.maxSize to at least 2",
    );
  });

  it("bucket replication without Replication Time Control has no bound", () => {
    const stacks = stacksOf("staging");
    const configs = stack(stacks, "staging-sa-east-1-data").resource.aws_s3_bucket_replication_configuration;
    const [first] = Object.values(configs);
    for (const rule of first.rule as { destination: Record<string, unknown> }[])
      delete rule.destination.replication_time;
    const result = checkReadiness(config("staging"), stacks);
    const broken = result.steps.filter((s) => s.breaks);
    expect(broken).toHaveLength(1);
    expect(broken[0]).toMatchObject({ objective: "rpo", minutes: null });
    expect(broken[0].fix).toMatch(/Replication Time Control/);
  });

  it("a slow Cloudflare monitor breaks production's RTO at detection", () => {
    const stacks = stacksOf("production");
    const monitors = stack(stacks, "production-global-cloudflare").resource.cloudflare_load_balancer_monitor;
    for (const monitor of Object.values(monitors)) monitor.interval = 600;
    const result = checkReadiness(config("production"), stacks);
    expect(step(result, "detection")).toMatchObject({ seconds: 1215, breaks: true });
  });
});

describe("scheduleMinutes", () => {
  it.each([
    ["cron(0 5 * * ? *)", 1440],
    ["cron(0 */4 * * ? *)", 240],
    ["cron(15 * * * ? *)", 60],
    ["rate(12 hours)", 720],
    ["rate(30 minutes)", 30],
    ["cron(0 5 ? * MON *)", null],
    [undefined, null],
  ])("%s -> %s", (schedule, minutes) => {
    expect(scheduleMinutes(schedule)).toBe(minutes);
  });
});
