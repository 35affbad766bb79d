import { CloudfrontDistribution } from "@cdktf/provider-aws/lib/cloudfront-distribution";
import { DbInstance } from "@cdktf/provider-aws/lib/db-instance";
import { ElasticacheReplicationGroup } from "@cdktf/provider-aws/lib/elasticache-replication-group";
import { NatGateway } from "@cdktf/provider-aws/lib/nat-gateway";
import { AwsProvider } from "@cdktf/provider-aws/lib/provider";
import { RdsCluster } from "@cdktf/provider-aws/lib/rds-cluster";
import { Route53HealthCheck } from "@cdktf/provider-aws/lib/route53-health-check";
import { SqsQueue } from "@cdktf/provider-aws/lib/sqs-queue";
import { Aspects, TerraformStack, Testing } from "cdktf";
import { AlarmAspect, optOutOfAlarms } from "../../../constructs/monitoring/alarm-aspect";
import { CACHE_MEMBERS_METADATA, clusterModeMembers } from "../../../constructs/monitoring/alarm-catalogue";
import { resolveAlarmThresholds } from "../../../constructs/monitoring/monitoring-settings";
import type { StackJson } from "../../helpers";

type Alarm = Record<string, unknown> & { alarm_name: string; threshold: number; provider?: string };

/** A stack with the given resources and the aspect; returns the alarms by name and the stack JSON. */
function alarmsFor(build: (stack: TerraformStack) => void, rpoMinutes = 1) {
  const stack = new TerraformStack(Testing.app(), "s");
  const home = new AwsProvider(stack, "aws", { region: "sa-east-1" });
  const providers = new Map<string, AwsProvider>([["sa-east-1", home]]);
  build(stack);
  const aspect = new AlarmAspect({
    thresholds: resolveAlarmThresholds(rpoMinutes, { databaseCpuPercent: { warning: 60 } }),
    topicArn: (severity, region) => `arn:aws:sns:${region}:123456789012:p-e-alarms-${severity}`,
    providerIn: (region) => {
      let p = providers.get(region);
      if (!p) {
        p = new AwsProvider(stack, `aws-${region}`, { region, alias: region });
        providers.set(region, p);
      }
      return p;
    },
    defaultRegion: "sa-east-1",
    runbookBaseUrl: "https://runbooks.example/alarms.md",
  });
  Aspects.of(stack).add(aspect);
  const json = JSON.parse(Testing.synth(stack)) as StackJson;
  const alarms = Object.values(json.resource?.aws_cloudwatch_metric_alarm ?? {}) as Alarm[];
  return {
    aspect,
    json,
    byName: new Map(alarms.map((a) => [a.alarm_name, a])),
    names: alarms.map((a) => a.alarm_name).sort(),
  };
}

describe("AlarmAspect", () => {
  it("gives an RDS instance warning and critical alarms (3 of 5 one-minute datapoints, runbook, both topics)", () => {
    const { byName, names } = alarmsFor((s) => {
      new DbInstance(s, "db", { identifier: "app-db", instanceClass: "db.t4g.medium", engine: "postgres" });
    });
    expect(names).toEqual([
      "s/db/connections-critical",
      "s/db/connections-warning",
      "s/db/cpu-critical",
      "s/db/cpu-warning",
      "s/db/memory-critical",
      "s/db/memory-warning",
      "s/db/storage-critical",
      "s/db/storage-warning",
    ]);
    const cpu = byName.get("s/db/cpu-warning") as Alarm;
    expect(cpu).toMatchObject({
      namespace: "AWS/RDS",
      metric_name: "CPUUtilization",
      dimensions: { DBInstanceIdentifier: "app-db" },
      period: 60,
      evaluation_periods: 5,
      datapoints_to_alarm: 3,
      threshold: 60, // overridden
      alarm_actions: ["arn:aws:sns:sa-east-1:123456789012:p-e-alarms-warning"],
    });
    expect(String(cpu.alarm_description)).toContain("Runbook: https://runbooks.example/alarms.md#rds-cpu");
    expect(byName.get("s/db/cpu-critical")?.threshold).toBe(95);
  });

  it("alarms a Global Database secondary's AuroraGlobalDBReplicationLag with the RPO as critical threshold", () => {
    const { byName } = alarmsFor(
      (s) =>
        new RdsCluster(s, "db", {
          clusterIdentifier: "app-dr",
          engine: "aurora-postgresql",
          sourceRegion: "sa-east-1",
        }),
      2,
    );
    expect(byName.get("s/db/global-lag-critical")).toMatchObject({
      metric_name: "AuroraGlobalDBReplicationLag",
      dimensions: { SourceRegion: "sa-east-1" },
      threshold: 120000,
      treat_missing_data: "breaching",
    });
    expect(byName.get("s/db/global-lag-warning")?.threshold).toBe(60000);
  });

  it("has no global lag alarm on a primary cluster", () => {
    const { names } = alarmsFor(
      (s) => new RdsCluster(s, "db", { clusterIdentifier: "app", engine: "aurora-postgresql" }),
    );
    expect(names.some((n) => n.includes("global-lag"))).toBe(false);
    expect(names).toContain("s/db/replica-lag-critical");
  });

  it("combines a cache's member clusters with MAX metric math and alarms a Global Datastore secondary's lag", () => {
    const { byName } = alarmsFor((s) => {
      const rg = new ElasticacheReplicationGroup(s, "cache", {
        replicationGroupId: "app",
        description: "c",
        globalReplicationGroupId: "g-app",
      });
      rg.node.addMetadata(CACHE_MEMBERS_METADATA, clusterModeMembers("app", 2, 1));
    });
    const cpu = byName.get("s/cache/engine-cpu-critical") as unknown as {
      metric_query: { id: string; metric?: { dimensions: object } }[];
    };
    expect(cpu.metric_query[0]).toMatchObject({ id: "combined", expression: "MAX(METRICS())", return_data: true });
    expect(cpu.metric_query.slice(1).map((q) => q.metric?.dimensions)).toEqual([
      { CacheClusterId: "app-0001-001" },
      { CacheClusterId: "app-0001-002" },
      { CacheClusterId: "app-0002-001" },
      { CacheClusterId: "app-0002-002" },
    ]);
    expect(byName.get("s/cache/global-lag-critical")?.threshold).toBe(60);
  });

  it("puts CloudFront and Route 53 alarms in us-east-1 through that region's provider and topics", () => {
    const { byName, json } = alarmsFor((s) => {
      new Route53HealthCheck(s, "hc", { type: "HTTPS", fqdn: "api.example.com" });
      new CloudfrontDistribution(s, "cdn", {
        enabled: true,
        origin: [{ domainName: "o.example.com", originId: "o" }],
        defaultCacheBehavior: {
          allowedMethods: ["GET", "HEAD"],
          cachedMethods: ["GET", "HEAD"],
          targetOriginId: "o",
          viewerProtocolPolicy: "https-only",
        },
        restrictions: { geoRestriction: { restrictionType: "none" } },
        viewerCertificate: { cloudfrontDefaultCertificate: true },
      });
    });
    const health = byName.get("s/hc/status-critical") as Alarm;
    expect(health).toMatchObject({
      namespace: "AWS/Route53",
      provider: "aws.us-east-1",
      period: 60,
      comparison_operator: "LessThanThreshold",
      threshold: 1,
      alarm_actions: ["arn:aws:sns:us-east-1:123456789012:p-e-alarms-critical"],
    });
    expect(health.metric_query).toBeUndefined();
    expect(byName.get("s/cdn/5xx-rate-critical")).toMatchObject({
      provider: "aws.us-east-1",
      dimensions: { Region: "Global" },
    });
    expect(json.provider?.aws.map((p) => p.region).sort()).toEqual(["sa-east-1", "us-east-1"]);
  });

  it("uses the resource's own aliased provider for a resource in another region", () => {
    const { byName } = alarmsFor((s) => {
      const other = new AwsProvider(s, "aws-eu", { region: "eu-west-1", alias: "eu" });
      new NatGateway(s, "nat", { subnetId: "subnet-1", provider: other });
    });
    expect(byName.get("s/nat/port-allocation-critical")).toMatchObject({
      provider: "aws.eu",
      alarm_actions: ["arn:aws:sns:eu-west-1:123456789012:p-e-alarms-critical"],
    });
    expect(byName.get("s/nat/packets-dropped-warning")?.threshold).toBe(100);
  });

  it("alarms an SQS queue on the age of its oldest message", () => {
    const { byName } = alarmsFor((s) => new SqsQueue(s, "q", { name: "jobs" }));
    expect(byName.get("s/q/oldest-message-critical")).toMatchObject({
      metric_name: "ApproximateAgeOfOldestMessage",
      dimensions: { QueueName: "jobs" },
    });
  });

  it("skips a resource that opted out with a reason, reports it, and records a policy suppression", () => {
    const { aspect, names } = alarmsFor((s) => {
      const nat = new NatGateway(s, "nat", { subnetId: "subnet-1" });
      optOutOfAlarms(nat, "Drill-only gateway, torn down after every rehearsal");
      expect(nat.node.metadata.map((m) => m.data)).toEqual(
        expect.arrayContaining([expect.objectContaining({ ruleId: "MON-RESOURCE-ALARMED" })]),
      );
    });
    expect(names).toEqual([]);
    expect(aspect.optOuts).toEqual([{ path: "s/nat", reason: "Drill-only gateway, torn down after every rehearsal" }]);
  });

  it("refuses an opt-out without a real reason", () => {
    const stack = new TerraformStack(Testing.app(), "s");
    const nat = new NatGateway(stack, "nat", { subnetId: "subnet-1" });
    expect(() => optOutOfAlarms(nat, "no")).toThrow(/reason/);
  });

  it("does not change the logical ids of the resources it alarms", () => {
    const build = (s: TerraformStack) => new NatGateway(s, "nat", { subnetId: "subnet-1" });
    const stack = new TerraformStack(Testing.app(), "s");
    new AwsProvider(stack, "aws", { region: "sa-east-1" });
    build(stack);
    const plain = JSON.parse(Testing.synth(stack)) as StackJson;
    const { json } = alarmsFor(build);
    expect(Object.keys(json.resource?.aws_nat_gateway ?? {})).toEqual(
      Object.keys(plain.resource?.aws_nat_gateway ?? {}),
    );
  });
});
