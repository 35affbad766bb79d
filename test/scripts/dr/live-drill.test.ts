/**
 * Live drill without AWS: SDK clients mocked with aws-sdk-client-mock, Cloudflare and the
 * HTTPS probe through a mocked fetch, polling on fake timers. Success, each failing step
 * and the rollback calls in order, with the exact command inputs.
 */
import { CloudWatchClient, GetMetricDataCommand } from "@aws-sdk/client-cloudwatch";
import { DescribeNodegroupCommand, EKSClient, UpdateNodegroupConfigCommand } from "@aws-sdk/client-eks";
import {
  DescribeGlobalReplicationGroupsCommand,
  ElastiCacheClient,
  FailoverGlobalReplicationGroupCommand,
} from "@aws-sdk/client-elasticache";
import {
  DescribeGlobalClustersCommand,
  type DescribeGlobalClustersCommandOutput,
  FailoverGlobalClusterCommand,
  type FailoverStatus,
  RDSClient,
  SwitchoverGlobalClusterCommand,
} from "@aws-sdk/client-rds";
import {
  GetHealthCheckStatusCommand,
  ListHealthChecksCommand,
  Route53Client,
  UpdateHealthCheckCommand,
} from "@aws-sdk/client-route-53";
import { mockClient } from "aws-sdk-client-mock";
import "aws-sdk-client-mock-jest";
import { loadEnvironment } from "../../../environments";
import { DrillContext, runDrill } from "../../../scripts/dr/drill-context";
import { formatRunbook } from "../../../scripts/dr/drill-report";
import { drillSteps, regionalApiFqdn } from "../../../scripts/dr/drill-steps";
import { buildStacks } from "../../helpers";

const rds = mockClient(RDSClient);
const cache = mockClient(ElastiCacheClient);
const route53 = mockClient(Route53Client);
const eks = mockClient(EKSClient);
const cloudwatch = mockClient(CloudWatchClient);
const production = loadEnvironment("production");
const ARN = (region: string) => `arn:aws:rds:${region}:333333333333:cluster:plataforma-production-${region}`;

function global(
  writer: string,
  status = "available",
  failover?: string,
): Omit<DescribeGlobalClustersCommandOutput, "$metadata"> {
  return {
    GlobalClusters: [
      {
        Status: status,
        // The SDK enum lacks "switching-over", which RDS reports during a switchover.
        FailoverState: failover ? { Status: failover as FailoverStatus } : undefined,
        GlobalClusterMembers: ["sa-east-1", "us-east-1"].map((r) => ({
          DBClusterArn: ARN(r),
          IsWriter: r === writer,
          SynchronizationStatus: r === writer ? undefined : "connected",
        })),
      },
    ],
  };
}

function datastore(primary: string) {
  return {
    GlobalReplicationGroups: [
      {
        GlobalReplicationGroupId: "ldgnf-plataforma-production-sa-east-1",
        Status: "available",
        Members: ["sa-east-1", "us-east-1"].map((r) => ({
          ReplicationGroupRegion: r,
          Role: r === primary ? "PRIMARY" : "SECONDARY",
        })),
      },
    ],
  };
}

const fetchMock = jest.fn<Promise<Response>, [string, RequestInit?]>();
const log: string[] = [];

function context(options: { dryRun?: boolean; unplanned?: boolean } = {}) {
  return new DrillContext({
    dryRun: options.dryRun ?? false,
    unplanned: options.unplanned ?? false,
    pollIntervalMs: 10_000,
    pollTimeoutMs: 60_000,
    cloudflareToken: "token",
    log: (line) => log.push(line),
    fetch: fetchMock as unknown as typeof fetch,
    now: () => new Date(),
  });
}

/** Runs a drill while advancing fake timers until it settles. */
async function drive<T>(promise: Promise<T>): Promise<T> {
  let settled = false;
  promise.finally(() => {
    settled = true;
  });
  for (let i = 0; i < 100 && !settled; i++) await jest.advanceTimersByTimeAsync(10_000);
  return promise;
}

function json(body: unknown, status = 200): Response {
  return { ok: status < 400, status, json: async () => body } as Response;
}

beforeEach(() => {
  jest.useFakeTimers({ now: new Date("2026-05-01T12:00:00Z") });
  for (const mock of [rds, cache, route53, eks, cloudwatch]) mock.reset();
  fetchMock.mockReset();
  log.length = 0;
  cloudwatch.on(GetMetricDataCommand).resolves({ MetricDataResults: [{ Id: "lag", Values: [850, 1200] }] });
  rds
    .on(DescribeGlobalClustersCommand)
    .resolvesOnce(global("sa-east-1"))
    .resolvesOnce(global("sa-east-1", "switching-over", "switching-over"))
    .resolves(global("us-east-1"));
  rds.on(SwitchoverGlobalClusterCommand).resolves({});
  cache
    .on(DescribeGlobalReplicationGroupsCommand)
    .resolvesOnce(datastore("sa-east-1"))
    .resolves(datastore("us-east-1"));
  cache.on(FailoverGlobalReplicationGroupCommand).resolves({});
  route53.on(ListHealthChecksCommand).resolves({
    HealthChecks: ["sa-east-1", "us-east-1"].map((r) => ({
      Id: `hc-${r}`,
      CallerReference: r,
      HealthCheckConfig: { Type: "HTTPS", FullyQualifiedDomainName: `api-${r}.aws.plataforma.app` },
      HealthCheckVersion: 1,
    })),
  });
  route53.on(GetHealthCheckStatusCommand, { HealthCheckId: "hc-us-east-1" }).resolves({
    HealthCheckObservations: [{ Region: "us-east-1", StatusReport: { Status: "Success: HTTP Status Code 200" } }],
  });
  eks.on(DescribeNodegroupCommand).callsFake((input: { nodegroupName: string }) => ({
    nodegroup: {
      status: "ACTIVE",
      scalingConfig: { minSize: 2, maxSize: 20, desiredSize: input.nodegroupName === "main" ? 3 : 2 },
    },
  }));
  eks.on(UpdateNodegroupConfigCommand).resolves({});
  fetchMock.mockImplementation(async (url, init) => {
    if (url.endsWith("/pools") && init?.method === "GET") {
      return json({ result: [{ id: "pool-sa", name: "plataforma-production-sa-east-1" }] });
    }
    if (url.includes("/pools/")) return json({ success: true });
    return json({}, 200);
  });
});
afterEach(() => jest.useRealTimers());

describe("live region failover in production", () => {
  it("switches the writer over, promotes the cache, scales, disables the pool and probes, in that order", async () => {
    const run = await drive(runDrill(drillSteps(production, "region-failover"), context()));
    expect(run.ok).toBe(true);
    expect(run.rollbacks).toEqual([]);
    expect(rds).toHaveReceivedCommandWith(SwitchoverGlobalClusterCommand, {
      GlobalClusterIdentifier: "plataforma-production",
      TargetDbClusterIdentifier: ARN("us-east-1"),
    });
    expect(rds).not.toHaveReceivedCommand(FailoverGlobalClusterCommand);
    expect(cache).toHaveReceivedCommandWith(FailoverGlobalReplicationGroupCommand, {
      GlobalReplicationGroupId: "ldgnf-plataforma-production-sa-east-1",
      PrimaryRegion: "us-east-1",
      PrimaryReplicationGroupId: "plataforma-production-us-east-1",
    });
    expect(eks).toHaveReceivedCommandWith(UpdateNodegroupConfigCommand, {
      clusterName: "plataforma-production-us-east-1",
      nodegroupName: "main",
      scalingConfig: { minSize: 2, maxSize: 10, desiredSize: 3 },
    });
    expect(fetchMock).toHaveBeenCalledWith(
      "https://api.cloudflare.com/client/v4/accounts/5f3c1a0e9b8d47c2a6e1f0b9d8c7a6e5/load_balancers/pools/pool-sa",
      expect.objectContaining({ method: "PATCH", body: '{"enabled":false}' }),
    );
    expect(fetchMock).toHaveBeenLastCalledWith("https://api.plataforma.app/health", { method: "GET" });
    // switching-over, then available with the writer in us-east-1: the verification polled.
    expect(rds).toHaveReceivedCommandTimes(DescribeGlobalClustersCommand, 3);
    expect(run.measurements.replicationLagMs).toBe(1200);
    expect(run.steps.map((s) => s.id)).toEqual([
      "preflight:replication-lag",
      "preflight:global-cluster",
      "preflight:global-datastore",
      "preflight:target-healthy",
      "preflight:capacity",
      "action:database",
      "verify:database-writer",
      "action:cache",
      "action:scale:main",
      "action:scale:modules",
      "action:routing",
      "verify:endpoint",
    ]);
    expect(run.measuredRtoSeconds).toBeGreaterThan(0);
  });

  it("--unplanned fails over with data loss allowed", async () => {
    const run = await drive(runDrill(drillSteps(production, "db-switchover"), context({ unplanned: true })));
    expect(run.ok).toBe(true);
    expect(rds).toHaveReceivedCommandWith(FailoverGlobalClusterCommand, {
      GlobalClusterIdentifier: "plataforma-production",
      TargetDbClusterIdentifier: ARN("us-east-1"),
      AllowDataLoss: true,
    });
  });

  it("a lag over the RPO stops the drill in preflight: no action, nothing to roll back", async () => {
    cloudwatch.on(GetMetricDataCommand).resolves({ MetricDataResults: [{ Id: "lag", Values: [90_000] }] });
    const run = await drive(runDrill(drillSteps(production, "region-failover"), context()));
    expect(run.ok).toBe(false);
    expect(run.steps[0]).toMatchObject({
      status: "failed",
      error: "replication lag 90000 ms exceeds the RPO (60000 ms)",
    });
    expect(rds).not.toHaveReceivedCommand(SwitchoverGlobalClusterCommand);
    expect(run.rollbacks).toEqual([]);
  });

  it("a failing probe rolls back routing, scaling, cache and database, newest first", async () => {
    fetchMock.mockImplementation(async (url, init) => {
      if (url.endsWith("/pools") && init?.method === "GET")
        return json({ result: [{ id: "pool-sa", name: "plataforma-production-sa-east-1" }] });
      if (url.includes("/pools/")) return json({ success: true });
      return json({}, 503);
    });
    const run = await drive(runDrill(drillSteps(production, "region-failover"), context()));
    expect(run.ok).toBe(false);
    expect(run.steps.at(-1)).toMatchObject({ id: "verify:endpoint", status: "failed" });
    expect(run.rollbacks.map((r) => r.id)).toEqual([
      "action:routing",
      "action:scale:modules",
      "action:scale:main",
      "action:cache",
      "action:database",
    ]);
    expect(fetchMock).toHaveBeenCalledWith(
      expect.stringMatching(/pools\/pool-sa$/),
      expect.objectContaining({ body: '{"enabled":true}' }),
    );
    expect(eks).toHaveReceivedNthSpecificCommandWith(3, UpdateNodegroupConfigCommand, {
      nodegroupName: "modules",
      scalingConfig: { minSize: 2, maxSize: 20, desiredSize: 2 },
    });
    expect(eks).toHaveReceivedNthSpecificCommandWith(4, UpdateNodegroupConfigCommand, {
      nodegroupName: "main",
      scalingConfig: { minSize: 2, maxSize: 10, desiredSize: 2 },
    });
    expect(cache).toHaveReceivedNthSpecificCommandWith(2, FailoverGlobalReplicationGroupCommand, {
      PrimaryRegion: "sa-east-1",
      PrimaryReplicationGroupId: "plataforma-production-sa-east-1",
    });
    expect(rds).toHaveReceivedNthSpecificCommandWith(2, SwitchoverGlobalClusterCommand, {
      TargetDbClusterIdentifier: ARN("sa-east-1"),
    });
  });

  it("a writer that never moves times out and the switchover is undone", async () => {
    rds.on(DescribeGlobalClustersCommand).resolves(global("sa-east-1"));
    const run = await drive(runDrill(drillSteps(production, "db-switchover"), context()));
    expect(run.steps.find((s) => s.id === "verify:database-writer")).toMatchObject({
      status: "failed",
      error: "timed out after 60 s waiting for Aurora writer in us-east-1",
    });
    expect(run.rollbacks).toEqual([{ id: "action:database", status: "ok" }]);
  });

  it("a rejected cache failover undoes itself and the database, and reports a failed rollback", async () => {
    cache.on(FailoverGlobalReplicationGroupCommand).rejects(new Error("InvalidGlobalReplicationGroupState"));
    const run = await drive(runDrill(drillSteps(production, "region-failover"), context()));
    expect(run.steps.find((s) => s.id === "action:cache")).toMatchObject({
      status: "failed",
      error: "InvalidGlobalReplicationGroupState",
    });
    expect(run.rollbacks).toEqual([
      { id: "action:cache", status: "failed", error: "InvalidGlobalReplicationGroupState" },
      { id: "action:database", status: "ok" },
    ]);
    expect(eks).not.toHaveReceivedCommand(UpdateNodegroupConfigCommand);
  });

  it("--dry-run prints every call and makes none", async () => {
    const run = await drive(runDrill(drillSteps(production, "region-failover"), context({ dryRun: true })));
    expect(run.ok).toBe(true);
    for (const mock of [rds, cache, route53, eks, cloudwatch]) expect(mock).not.toHaveReceivedAnyCommand();
    expect(fetchMock).not.toHaveBeenCalled();
    expect(log).toContain(
      'would call rds@us-east-1 SwitchoverGlobalClusterCommand {"GlobalClusterIdentifier":"plataforma-production",' +
        `"TargetDbClusterIdentifier":"${ARN("us-east-1")}"}`,
    );
  });
});

describe("staging (Route 53 edge)", () => {
  it("inverts the primary's health check and clears it on rollback", async () => {
    const staging = loadEnvironment("staging");
    route53.on(ListHealthChecksCommand).resolves({
      HealthChecks: ["sa-east-1", "us-east-1"].map((r) => ({
        Id: `hc-${r}`,
        CallerReference: r,
        HealthCheckConfig: { Type: "HTTPS", FullyQualifiedDomainName: regionalApiFqdn(staging, r) },
        HealthCheckVersion: 1,
      })),
    });
    const routing = drillSteps(staging, "region-failover").find((s) => s.id === "action:routing")!;
    const ctx = context();
    await routing.run(ctx);
    await routing.rollback!(ctx);
    expect(route53).toHaveReceivedNthSpecificCommandWith(1, UpdateHealthCheckCommand, {
      HealthCheckId: "hc-sa-east-1",
      Inverted: true,
    });
    expect(route53).toHaveReceivedNthSpecificCommandWith(2, UpdateHealthCheckCommand, {
      HealthCheckId: "hc-sa-east-1",
      Inverted: false,
    });
  });

  it("regionalApiFqdn matches the synthesized regional records", () => {
    const staging = loadEnvironment("staging");
    const records = buildStacks(["staging"]).json("staging-global-edge").resource!.aws_route53_record;
    const names = Object.values(records).map((r) => r.name);
    expect(names).toEqual(
      expect.arrayContaining([regionalApiFqdn(staging, "sa-east-1"), regionalApiFqdn(staging, "us-east-1")]),
    );
  });

  it("the runbook lists the drill's steps with their manual equivalents and rollbacks", () => {
    const staging = loadEnvironment("staging");
    const text = formatRunbook(staging);
    for (const step of drillSteps(staging, "region-failover")) {
      expect(text).toContain(step.title);
      expect(text).toContain(`- Do: ${step.manual}`);
      if (step.undo) expect(text).toContain(`- Roll back: ${step.undo}`);
    }
    expect(text).toContain("## Communication checklist");
  });
});
