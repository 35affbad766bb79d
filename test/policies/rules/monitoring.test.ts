import { MONITORING_PACK } from "../../../policies/packs/monitoring";
import { alarmActionTopic } from "../../../policies/rules/monitoring/alarm-action-topic";
import { DEV, describePack, type Part, PROD, run, tfStack } from "../helpers";

const TOPIC = "arn:aws:sns:sa-east-1:333333333333:plataforma-production-alarms-critical";

const alarm = (name: string, over: Record<string, unknown>): Part => [
  "aws_cloudwatch_metric_alarm",
  name,
  {
    alarm_name: name,
    comparison_operator: "GreaterThanOrEqualToThreshold",
    evaluation_periods: 5,
    datapoints_to_alarm: 3,
    period: 60,
    alarm_actions: [TOPIC],
    ok_actions: [TOPIC],
    ...over,
  },
];
const cluster: Part = ["aws_rds_cluster", "db", { cluster_identifier: "plataforma-production-sa-east-1" }];
const nat: Part = ["aws_nat_gateway", "nat", { subnet_id: "subnet-1" }];
const cache: Part = ["aws_elasticache_replication_group", "rg", { replication_group_id: "plataforma-production-sa" }];
const check: Part = ["aws_route53_health_check", "hc", { fqdn: "api.plataforma.app", type: "HTTPS" }];
const clusterAlarm = alarm("cpu", { dimensions: { DBClusterIdentifier: "plataforma-production-sa-east-1" } });
const natAlarm = alarm("nat", { dimensions: { NatGatewayId: "${aws_nat_gateway.nat.id}" } });
const cacheAlarm = alarm("cache", {
  metric_query: [
    { id: "combined", expression: "MAX(METRICS())", return_data: true },
    { id: "m0", metric: { dimensions: { CacheClusterId: "plataforma-production-sa-0001-001" } } },
  ],
});
const healthAlarm = (over: Record<string, unknown> = {}) =>
  alarm("hc", {
    namespace: "AWS/Route53",
    dimensions: { HealthCheckId: "${aws_route53_health_check.hc.id}" },
    ...over,
  });
const topic = (over: Record<string, unknown>): Part => ["aws_sns_topic", "t", { name: "alarms", ...over }];

describePack(MONITORING_PACK, {
  "MON-RESOURCE-ALARMED": {
    ok: [
      { name: "cluster alarmed by literal identifier", json: tfStack([cluster, clusterAlarm]) },
      { name: "NAT alarmed by reference", json: tfStack([nat, natAlarm]) },
      { name: "cache alarmed through a member cluster in metric math", json: tfStack([cache, cacheAlarm]) },
      { name: "development is not held to it", json: tfStack([cluster]), context: DEV },
    ],
    bad: [
      { name: "cluster without alarm", json: tfStack([cluster, natAlarm, nat]), address: "aws_rds_cluster.db" },
      {
        name: "alarm without action",
        json: tfStack([
          nat,
          alarm("nat", { dimensions: { NatGatewayId: "${aws_nat_gateway.nat.id}" }, alarm_actions: [] }),
        ]),
        address: "aws_nat_gateway.nat",
      },
      { name: "health check without alarm", json: tfStack([check]), address: "aws_route53_health_check.hc" },
    ],
  },
  "MON-ALARM-ACTION-TOPIC": {
    ok: [
      { name: "the environment's topic ARN", json: tfStack([clusterAlarm]) },
      {
        name: "a topic of the stack named for the environment",
        json: tfStack([
          topic({ name: "plataforma-production-alarms-warning" }),
          alarm("a", { alarm_actions: ["${aws_sns_topic.t.arn}"], ok_actions: [] }),
        ]),
      },
    ],
    bad: [
      {
        name: "another environment's topic",
        json: tfStack([alarm("a", { alarm_actions: [TOPIC.replace("production", "dev")] })]),
        address: "aws_cloudwatch_metric_alarm.a",
      },
      {
        name: "not an SNS target",
        json: tfStack([alarm("a", { alarm_actions: ["arn:aws:automate:sa-east-1:ec2:stop"] })]),
        address: "aws_cloudwatch_metric_alarm.a",
      },
      {
        name: "unknown environment fails closed",
        json: tfStack([clusterAlarm]),
        address: "aws_cloudwatch_metric_alarm.cpu",
        context: { tier: "production" },
      },
    ],
  },
  "MON-ROUTE53-ALARM-LIMITS": {
    ok: [
      { name: "single metric, 60 s", json: tfStack([check, healthAlarm()]) },
      { name: "plan JSON's empty metric_query list", json: tfStack([check, healthAlarm({ metric_query: [] })]) },
      { name: "other alarms may use metric math", json: tfStack([cacheAlarm]) },
    ],
    bad: [
      {
        name: "10 s period",
        json: tfStack([check, healthAlarm({ period: 10 })]),
        address: "aws_cloudwatch_metric_alarm.hc",
      },
      {
        name: "metric math on an alarm a CLOUDWATCH_METRIC health check watches",
        json: tfStack([
          ["aws_route53_health_check", "calc", { type: "CLOUDWATCH_METRIC", cloudwatch_alarm_name: "watched" }],
          alarm("watched", { period: undefined, metric_query: [{ id: "e", expression: "m0 * 2" }] }),
        ]),
        address: "aws_cloudwatch_metric_alarm.watched",
      },
    ],
  },
  "MON-SNS-TOPIC-CMK": {
    ok: [{ name: "customer key", json: tfStack([topic({ kms_master_key_id: "${aws_kms_key.k.arn}" })]) }],
    bad: [
      { name: "unencrypted", json: tfStack([topic({})]), address: "aws_sns_topic.t" },
      {
        name: "AWS-managed key",
        json: tfStack([topic({ kms_master_key_id: "alias/aws/sns" })]),
        address: "aws_sns_topic.t",
      },
    ],
  },
});

describe("MON-ALARM-ACTION-TOPIC without the context it needs", () => {
  const withoutProject = { environment: "production", tier: "production" } as const;

  it("reports each alarm once, naming context.project, although alarm_actions and ok_actions both notify", () => {
    const found = run(alarmActionTopic, tfStack([clusterAlarm, natAlarm]), withoutProject);
    expect(found.map((v) => v.address)).toEqual(["aws_cloudwatch_metric_alarm.cpu", "aws_cloudwatch_metric_alarm.nat"]);
    expect(found[0].message).toMatch(/^the stack's context\.project is not set, so the topics of its actions \(/);
    expect(found[0].message).toContain(`(${TOPIC})`);
    expect(found[0].message).not.toContain("context.environment");
    expect(found[0].message).toContain("Fix: pass context.project in checkApp's options.context");
  });

  it("names both fields when neither project nor environment is known", () => {
    const [only] = run(alarmActionTopic, tfStack([clusterAlarm]), undefined);
    expect(only.message).toMatch(/^the stack's context\.project and context\.environment are not set/);
  });

  it("says nothing about an alarm with no action (MON-RESOURCE-ALARMED covers those)", () => {
    const silent = alarm("quiet", { alarm_actions: [], ok_actions: [] });
    expect(run(alarmActionTopic, tfStack([silent]), withoutProject)).toEqual([]);
  });

  it("reports a wrong topic once even when alarm_actions and ok_actions both name it", () => {
    const other = TOPIC.replace("production", "dev");
    const found = run(alarmActionTopic, tfStack([alarm("a", { alarm_actions: [other], ok_actions: [other] })]), PROD);
    expect(found).toHaveLength(1);
    expect(found[0].message).toContain("does not belong to environment production");
  });
});
