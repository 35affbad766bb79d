import {
  AzPowerInterruptionExperiment,
  type AzPowerInterruptionExperimentProps,
} from "../../../constructs/dr/az-power-interruption-experiment";
import {
  CrossRegionConnectivityExperiment,
  type CrossRegionConnectivityExperimentProps,
} from "../../../constructs/dr/cross-region-connectivity-experiment";
import { FisExperiment, type FisExperimentProps } from "../../../constructs/dr/fis-experiment";
import type { PolicyStatement } from "../../../constructs/iam/policy-document";
import { EncryptionKey } from "../../../constructs/kms/encryption-key";
import { resourcesOf, type StackJson, valuesOf } from "../../helpers";
import { type Fixture, synthWith, validationError } from "../fixtures";

const ACCOUNT = "123456789012";
const ALARM = `arn:aws:cloudwatch:sa-east-1:${ACCOUNT}:alarm:api-errors`;
const DB = `arn:aws:rds:sa-east-1:${ACCOUNT}:db:plataforma-staging`;
const CACHE = `arn:aws:elasticache:sa-east-1:${ACCOUNT}:replicationgroup:plataforma-staging`;

interface Template {
  action: { name: string; action_id: string; parameter?: { key: string; value: string }[]; target: object }[];
  target: {
    name: string;
    resource_type: string;
    resource_arns?: string[];
    resource_tag?: { key: string; value: string }[];
    filter?: { path: string; values: string[] }[];
    parameters?: Record<string, string>;
  }[];
  stop_condition: { source: string; value: string }[];
  log_configuration: { log_schema_version: number; cloudwatch_logs_configuration: { log_group_arn: string } };
  experiment_options: Record<string, string>;
  tags: Record<string, string>;
  description: string;
}

const template = (json: StackJson) => valuesOf(json, "aws_fis_experiment_template")[0] as unknown as Template;
/** The statements of the role's fault-injection policy. */
const faultStatements = (json: StackJson): PolicyStatement[] => {
  const policy = valuesOf(json, "aws_iam_role_policy").find((p) => p.name === "fault-injection");
  return (JSON.parse(String(policy?.policy)) as { Statement: PolicyStatement[] }).Statement;
};
const actionsGranted = (json: StackJson) => faultStatements(json).flatMap((s) => [s.Action].flat());

function azPower(f: Fixture, props: Partial<AzPowerInterruptionExperimentProps> = {}) {
  return new AzPowerInterruptionExperiment(f.scope, "subject", {
    name: "plataforma-staging-sa-east-1-az-power",
    accountId: ACCOUNT,
    region: "sa-east-1",
    availabilityZone: "sa-east-1a",
    stopConditionAlarmArns: [ALARM],
    instanceTags: { "eks:cluster-name": "plataforma-staging-sa-east-1" },
    subnetTags: { Stack: "staging-sa-east-1-network" },
    database: { kind: "instance", arn: DB },
    cacheReplicationGroupArn: CACHE,
    logKey: f.logKey,
    ...props,
  });
}

function crossRegion(f: Fixture, props: Partial<CrossRegionConnectivityExperimentProps> = {}) {
  return new CrossRegionConnectivityExperiment(f.scope, "subject", {
    name: "plataforma-staging-sa-east-1-cross-region",
    accountId: ACCOUNT,
    region: "sa-east-1",
    isolatedRegion: "us-east-1",
    stopConditionAlarmArns: [ALARM],
    subnetTags: { Stack: "staging-sa-east-1-network" },
    logKey: f.logKey,
    ...props,
  });
}

function generic(f: Fixture, props: Partial<FisExperimentProps> = {}) {
  return new FisExperiment(f.scope, "subject", {
    name: "reboot-database",
    description: "reboot",
    accountId: ACCOUNT,
    region: "sa-east-1",
    stopConditionAlarmArns: [ALARM],
    actions: {
      reboot: {
        actionId: "aws:rds:reboot-db-instances",
        description: "reboot",
        target: { key: "DBInstances", name: "database" },
      },
    },
    targets: { database: { resourceType: "aws:rds:db", resourceArns: [DB] } },
    statements: [{ Effect: "Allow", Action: "rds:RebootDBInstance", Resource: DB }],
    logKey: f.logKey,
    ...props,
  });
}

/** Builds in a fresh scope and returns the validation error. */
const failure = (build: (f: Fixture) => unknown) => validationError(() => synthWith((f) => build(f)));
const problemProps = (build: (f: Fixture) => unknown) => failure(build).problems.map((p) => p.prop);

describe("FisExperiment", () => {
  it("creates the template: alarm stop conditions, logs to an encrypted bounded group, fails on empty targets", () => {
    const json = synthWith((f) => generic(f));
    const t = template(json);
    expect(t.stop_condition).toEqual([{ source: "aws:cloudwatch:alarm", value: ALARM }]);
    expect(t.experiment_options).toEqual({ account_targeting: "single-account", empty_target_resolution_mode: "fail" });
    expect(t.log_configuration.log_schema_version).toBe(2);
    expect(t.log_configuration.cloudwatch_logs_configuration.log_group_arn).toMatch(
      /^\$\{aws_cloudwatch_log_group\.subject_log-group_\w+\.arn\}:\*$/,
    );
    const [group] = valuesOf(json, "aws_cloudwatch_log_group");
    expect(group).toMatchObject({ name: "/aws/fis/reboot-database", retention_in_days: 90 });
    expect(String(group.kms_key_id)).toMatch(/aws_kms_key\.log-key_\w+\.arn/);
    expect(t.tags).toEqual({ Name: "reboot-database" });
    expect(t.action).toEqual([
      {
        name: "reboot",
        action_id: "aws:rds:reboot-db-instances",
        description: "reboot",
        target: { key: "DBInstances", value: "database" },
      },
    ]);
    expect(t.target).toEqual([
      { name: "database", resource_type: "aws:rds:db", selection_mode: "ALL", resource_arns: [DB] },
    ]);
  });

  it("gives FIS alone a role for this account's experiments, the statements as given, unscoped calls apart", () => {
    const json = synthWith((f) => generic(f));
    const [role] = valuesOf(json, "aws_iam_role");
    expect(role.name).toBe("reboot-database-fis");
    const trust = JSON.parse(String(role.assume_role_policy)).Statement[0];
    expect(trust.Principal).toEqual({ Service: "fis.amazonaws.com" });
    expect(trust.Condition).toEqual({
      StringEquals: { "aws:SourceAccount": ACCOUNT },
      ArnLike: { "aws:SourceArn": `arn:aws:fis:sa-east-1:${ACCOUNT}:experiment/*` },
    });
    expect(faultStatements(json)).toEqual([{ Effect: "Allow", Action: "rds:RebootDBInstance", Resource: DB }]);
    const unscoped = Object.values(resourcesOf(json, "aws_iam_role_policy")).find((p) => p.name === "targets-and-logs");
    const actions = JSON.parse(String(unscoped?.policy)).Statement.flatMap((s: PolicyStatement) => [s.Action].flat());
    expect(actions).toEqual([
      "tag:GetResources",
      "logs:CreateLogDelivery",
      "logs:PutResourcePolicy",
      "logs:DescribeResourcePolicies",
      "logs:DescribeLogGroups",
    ]);
  });

  it("suppresses the wildcard-resource rule on the unscoped policy only, with a reason", () => {
    let experiment: FisExperiment | undefined;
    synthWith((f) => {
      experiment = generic(f);
    });
    const suppressed = (id: string) =>
      experiment?.node
        .findChild(id)
        .node.metadata.filter((m) => m.type === "plataforma:policy-suppression")
        .map((m) => m.data) ?? [];
    expect(suppressed("unscoped-policy")).toEqual([
      { ruleId: "SEC-IAM-WILDCARD-RESOURCE", reason: expect.stringContaining("no resource-level scope") },
    ]);
    expect(suppressed("policy")).toEqual([]);
  });

  it("takes log retention and tags, and accepts an alarm ARN known only at deploy time", () => {
    const json = synthWith((f) => {
      const alarmKey = new EncryptionKey(f.scope, "other", { alias: "o", purpose: "o", accountId: ACCOUNT });
      generic(f, { logRetentionDays: 30, tags: { GameDay: "reboot" }, stopConditionAlarmArns: [alarmKey.key.arn] });
    });
    expect(valuesOf(json, "aws_cloudwatch_log_group")[0].retention_in_days).toBe(30);
    expect(template(json).tags).toEqual({ Name: "reboot-database", GameDay: "reboot" });
  });

  it("refuses a game day without a stop condition, with a fix", () => {
    const error = failure((f) => generic(f, { stopConditionAlarmArns: [] }));
    expect(error.problems).toEqual([
      expect.objectContaining({ prop: "stopConditionAlarmArns", received: [], fix: expect.stringMatching(/alarm/) }),
    ]);
    expect(error.message).toContain("a game day without a stop condition is refused");
  });

  it("fails on a bad name, a non-alarm ARN, no actions or statements, an unknown or selector-less target", () => {
    expect(
      problemProps((f) =>
        generic(f, {
          name: "Bad Name",
          stopConditionAlarmArns: ["arn:aws:sns:sa-east-1:123456789012:topic"],
          statements: [],
          logRetentionDays: 0,
        }),
      ),
    ).toEqual(["name", "stopConditionAlarmArns.0", "statements", "logRetentionDays"]);
    expect(problemProps((f) => generic(f, { actions: {} }))).toEqual(["actions"]);
    const action = {
      actionId: "aws:ec2:stop-instances",
      description: "d",
      target: { key: "Instances", name: "nodes" },
    };
    expect(
      problemProps((f) => generic(f, { actions: { stop: action }, targets: { db: { resourceType: "aws:rds:db" } } })),
    ).toEqual(["actions.stop.target.name", "targets.db"]);
  });
});

describe("AzPowerInterruptionExperiment", () => {
  it("stops the zone's instances, cuts its subnets, fails the database over, cuts the cache's power there", () => {
    const json = synthWith((f) => azPower(f));
    const t = template(json);
    expect(t.action.map((a) => [a.name, a.action_id])).toEqual([
      ["stop-instances", "aws:ec2:stop-instances"],
      ["disrupt-subnets", "aws:network:disrupt-connectivity"],
      ["failover-database", "aws:rds:reboot-db-instances"],
      ["interrupt-cache", "aws:elasticache:replicationgroup-interrupt-az-power"],
    ]);
    const params = Object.fromEntries(t.action.map((a) => [a.name, a.parameter]));
    expect(params["stop-instances"]).toContainEqual({ key: "startInstancesAfterDuration", value: "PT30M" });
    expect(params["disrupt-subnets"]).toEqual([
      { key: "scope", value: "all" },
      { key: "duration", value: "PT30M" },
    ]);
    expect(params["failover-database"]).toEqual([{ key: "forceFailover", value: "true" }]);
    expect(params["interrupt-cache"]).toEqual([{ key: "duration", value: "PT30M" }]);
    const targets = Object.fromEntries(t.target.map((x) => [x.name, x]));
    expect(targets.instances.filter).toContainEqual({ path: "Placement.AvailabilityZone", values: ["sa-east-1a"] });
    expect(targets.instances.resource_tag).toEqual([
      { key: "eks:cluster-name", value: "plataforma-staging-sa-east-1" },
    ]);
    expect(targets.subnets.filter).toEqual([{ path: "AvailabilityZone", values: ["sa-east-1a"] }]);
    expect(targets.database).toMatchObject({ resource_type: "aws:rds:db", resource_arns: [DB] });
    expect(targets.cache).toMatchObject({
      resource_type: "aws:elasticache:replicationgroup",
      resource_arns: [CACHE],
      parameters: { availabilityZoneIdentifier: "sa-east-1a" },
    });
    expect(t.tags).toMatchObject({ GameDay: "az-power-interruption", AvailabilityZone: "sa-east-1a" });
    expect(t.description).toBe("AZ power interruption: sa-east-1a down for 30 minutes");
  });

  it("grants exactly what its actions need, the mutating calls scoped to this account and region", () => {
    const json = synthWith((f) => azPower(f));
    expect(actionsGranted(json).sort()).toEqual(
      [
        "ec2:StopInstances",
        "ec2:StartInstances",
        "ec2:DescribeInstances",
        "kms:CreateGrant",
        "ec2:CreateNetworkAcl",
        "ec2:CreateNetworkAclEntry",
        "ec2:CreateTags",
        "ec2:DeleteNetworkAcl",
        "ec2:ReplaceNetworkAclAssociation",
        "ec2:DescribeManagedPrefixLists",
        "ec2:DescribeNetworkAcls",
        "ec2:DescribeSubnets",
        "ec2:DescribeVpcs",
        "ec2:GetManagedPrefixListEntries",
        "rds:RebootDBInstance",
        "rds:DescribeDBInstances",
        "elasticache:InterruptClusterAzPower",
        "elasticache:DescribeReplicationGroups",
      ].sort(),
    );
    for (const s of faultStatements(json)) {
      const actions = [s.Action].flat();
      if (actions.every((a) => /:(Describe|Get)/.test(a))) continue;
      for (const r of [s.Resource].flat()) expect(r).toMatch(/^arn:aws:[a-z0-9]+:sa-east-1:(123456789012|\*):/);
    }
    const reboot = faultStatements(json).find((s) => s.Action === "rds:RebootDBInstance");
    expect(reboot?.Resource).toBe(DB);
  });

  it("fails an Aurora cluster over with failover-db-cluster, includes only the parts given, takes the duration", () => {
    const cluster = `arn:aws:rds:sa-east-1:${ACCOUNT}:cluster:plataforma-production`;
    const json = synthWith((f) =>
      azPower(f, {
        instanceTags: undefined,
        subnetTags: undefined,
        cacheReplicationGroupArn: undefined,
        database: { kind: "cluster", arn: cluster },
        durationMinutes: 10,
      }),
    );
    const t = template(json);
    expect(t.action.map((a) => a.action_id)).toEqual(["aws:rds:failover-db-cluster"]);
    expect(t.target).toEqual([
      { name: "database", resource_type: "aws:rds:cluster", selection_mode: "ALL", resource_arns: [cluster] },
    ]);
    expect(actionsGranted(json)).toEqual(["rds:FailoverDBCluster", "rds:DescribeDBClusters"]);
    expect(t.description).toContain("10 minutes");
  });

  it("fails on a zone of another region, no targets, empty tags, a duration out of range", () => {
    expect(
      problemProps((f) =>
        azPower(f, {
          availabilityZone: "us-east-1a",
          instanceTags: undefined,
          subnetTags: undefined,
          database: undefined,
          cacheReplicationGroupArn: undefined,
          durationMinutes: 721,
        }),
      ),
    ).toEqual(["availabilityZone", "instanceTags", "durationMinutes"]);
    expect(problemProps((f) => azPower(f, { instanceTags: {}, subnetTags: {}, durationMinutes: 0.5 }))).toEqual([
      "instanceTags",
      "subnetTags",
      "durationMinutes",
    ]);
    expect(problemProps((f) => azPower(f, { stopConditionAlarmArns: [] }))).toEqual(["stopConditionAlarmArns"]);
  });
});

describe("CrossRegionConnectivityExperiment", () => {
  it("cuts the tagged subnets' routes to the isolated region, with the route-table permissions only", () => {
    const json = synthWith((f) => crossRegion(f));
    const t = template(json);
    expect(t.action).toEqual([
      {
        name: "disrupt-route-tables",
        action_id: "aws:network:route-table-disrupt-cross-region-connectivity",
        description: "Cut the subnets' routes to us-east-1",
        parameter: [
          { key: "region", value: "us-east-1" },
          { key: "duration", value: "PT30M" },
        ],
        target: { key: "Subnets", value: "subnets" },
      },
    ]);
    expect(t.target).toEqual([
      {
        name: "subnets",
        resource_type: "aws:ec2:subnet",
        selection_mode: "ALL",
        resource_tag: [{ key: "Stack", value: "staging-sa-east-1-network" }],
      },
    ]);
    expect(t.tags).toMatchObject({ GameDay: "cross-region-connectivity", IsolatedRegion: "us-east-1" });
    expect(actionsGranted(json)).toContain("ec2:ReplaceRouteTableAssociation");
    expect(actionsGranted(json).filter((a) => a.includes("TransitGateway"))).toEqual([]);
    const swap = faultStatements(json).find((s) => s.Sid === "SwapRouteTables");
    expect(swap?.Resource).toBe("arn:aws:ec2:sa-east-1:123456789012:*");
  });

  it("adds the transit-gateway action and its permissions when transit gateways are given", () => {
    const json = synthWith((f) => crossRegion(f, { transitGatewayTags: { Name: "tgw" }, durationMinutes: 15 }));
    const t = template(json);
    expect(t.action.map((a) => a.action_id)).toEqual([
      "aws:network:route-table-disrupt-cross-region-connectivity",
      "aws:network:transit-gateway-disrupt-cross-region-connectivity",
    ]);
    expect(t.action[1].parameter).toEqual([
      { key: "region", value: "us-east-1" },
      { key: "duration", value: "PT15M" },
    ]);
    expect(t.target.map((x) => x.resource_type)).toEqual(["aws:ec2:subnet", "aws:ec2:transit-gateway"]);
    expect(actionsGranted(json)).toEqual(
      expect.arrayContaining(["ec2:AssociateTransitGatewayRouteTable", "ec2:DescribeTransitGateways"]),
    );
  });

  it("fails on isolating its own region, empty tags, a bad duration, no stop condition", () => {
    expect(
      problemProps((f) =>
        crossRegion(f, {
          isolatedRegion: "sa-east-1",
          subnetTags: {},
          transitGatewayTags: {},
          durationMinutes: 0,
        }),
      ),
    ).toEqual(["isolatedRegion", "subnetTags", "transitGatewayTags", "durationMinutes"]);
    expect(problemProps((f) => crossRegion(f, { stopConditionAlarmArns: [] }))).toEqual(["stopConditionAlarmArns"]);
  });

  it("synthesizes deterministically", () => {
    const once = () => JSON.stringify(synthWith((f) => crossRegion(f)));
    expect(once()).toBe(once());
  });
});
