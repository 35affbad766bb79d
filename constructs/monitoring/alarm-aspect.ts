import { CloudwatchMetricAlarm } from "@cdktf/provider-aws/lib/cloudwatch-metric-alarm";
import type { AwsProvider } from "@cdktf/provider-aws/lib/provider";
import { type IAspect, TerraformResource, TerraformStack } from "cdktf";
import { Construct, type IConstruct } from "constructs";
import { suppressPolicy } from "../policy/suppress-policy";
import { ALARM_CATALOGUE, type AlarmRecipe, type AlarmSpec, type MetricSpec, specSeverities } from "./alarm-catalogue";
import {
  ALARM_DATAPOINTS_TO_ALARM,
  ALARM_EVALUATION_PERIODS,
  ALARM_PERIOD_SECONDS,
  type AlarmSeverity,
  type AlarmThresholds,
  RESOURCE_ALARMED_RULE_ID,
} from "./monitoring-settings";

/** Node metadata type of an alarm opt-out. */
const OPT_OUT_METADATA = "plataforma:alarm-opt-out";

/** Id of the construct, under each stack, that holds the aspect's alarms. */
export const ALARMS_SCOPE_ID = "alarms";

/** Properties of {@link AlarmAspect}. */
export interface AlarmAspectProps {
  /** Thresholds of the catalogue (defaults, overrides and the RPO-derived lag limits). */
  readonly thresholds: AlarmThresholds;
  /** ARN of the topic an alarm of `severity` in `region` notifies (the environment's topic there). */
  readonly topicArn: (severity: AlarmSeverity, region: string) => string;
  /** The AWS provider of `region`, for metrics published elsewhere than their resource (us-east-1). */
  readonly providerIn: (region: string) => AwsProvider;
  /** Region of resources that use the stack's default provider. */
  readonly defaultRegion: string;
  /** Base URL of the alarm runbook; each alarm links `<base><anchor>`. */
  readonly runbookBaseUrl: string;
  /** Recipes by resource type. @default ALARM_CATALOGUE */
  readonly catalogue?: Readonly<Record<string, AlarmRecipe>>;
}

/** A resource that opted out of its alarms, with the reason. */
export interface AlarmOptOut {
  /** Construct path of the resource. */
  readonly path: string;
  readonly reason: string;
}

/**
 * Opts a construct (a resource, or every resource under it) out of the alarm catalogue.
 * Needs a reason like a policy suppression, and is one: it suppresses the
 * "resource has an alarm" rule, so every policy report lists it.
 */
export function optOutOfAlarms(scope: IConstruct, reason: string): void {
  suppressPolicy(scope, { ruleId: RESOURCE_ALARMED_RULE_ID, reason });
  scope.node.addMetadata(OPT_OUT_METADATA, reason);
}

/** The opt-out reason recorded on the resource or one of its ancestors, if any. */
function optOutReason(node: IConstruct): string | undefined {
  for (const scope of node.node.scopes) {
    const found = scope.node.metadata.find((m) => m.type === OPT_OUT_METADATA);
    if (found) return found.data as string;
  }
  return undefined;
}

/**
 * Walks a stack and gives every resource the catalogue knows its alarms: one
 * `aws_cloudwatch_metric_alarm` per spec and severity, period 60 s, 3 of 5 datapoints,
 * notifying the environment's topic of that severity in the alarm's region, with a
 * runbook link. Alarms go under a new `alarms` construct of the stack, so no existing
 * construct id or Terraform address changes; an alarm uses the resource's own provider
 * unless its metric lives in another region (CloudFront, Route 53: us-east-1).
 *
 * Add it once per stack: `Aspects.of(stack).add(new AlarmAspect({...}))`.
 *
 * @example
 * ```ts
 * import { AwsProvider } from "@cdktf/provider-aws/lib/provider";
 * import { Aspects } from "cdktf";
 * import { AlarmAspect, resolveAlarmThresholds } from "@plataforma/infra/constructs/monitoring";
 *
 * const usEast1 = new AwsProvider(stack, "aws-us-east-1", { region: "us-east-1", alias: "us-east-1" });
 * Aspects.of(stack).add(
 *   new AlarmAspect({
 *     thresholds: resolveAlarmThresholds(1, { databaseCpuPercent: { warning: 70 } }),
 *     topicArn: (severity, region) => `arn:aws:sns:${region}:123456789012:acme-prod-alarms-${severity}`,
 *     providerIn: () => usEast1,
 *     defaultRegion: "sa-east-1",
 *     runbookBaseUrl: "https://runbooks.example.com/alarms.md",
 *   }),
 * );
 * ```
 */
export class AlarmAspect implements IAspect {
  /** Resources that opted out, in visiting order. */
  readonly optOuts: AlarmOptOut[] = [];
  /** Alarms created, in visiting order. */
  readonly alarms: CloudwatchMetricAlarm[] = [];
  private readonly catalogue: Readonly<Record<string, AlarmRecipe>>;
  private readonly scopes = new Map<TerraformStack, Construct>();
  private readonly visited = new Set<IConstruct>();

  constructor(private readonly props: AlarmAspectProps) {
    this.catalogue = props.catalogue ?? ALARM_CATALOGUE;
  }

  visit(node: IConstruct): void {
    if (!TerraformResource.isTerraformResource(node)) return;
    const recipe = this.catalogue[node.terraformResourceType];
    if (!recipe || this.visited.has(node)) return;
    this.visited.add(node);
    const reason = optOutReason(node);
    if (reason !== undefined) {
      this.optOuts.push({ path: node.node.path, reason });
      return;
    }
    const specs = recipe(node, { thresholds: this.props.thresholds });
    for (const spec of specs) this.attach(node, spec);
  }

  private attach(resource: TerraformResource, spec: AlarmSpec): void {
    const stack = TerraformStack.of(resource);
    const own = resource.provider as AwsProvider | undefined;
    const resourceRegion = own?.region ?? this.props.defaultRegion;
    const region = spec.metricRegion ?? resourceRegion;
    const provider = region === resourceRegion ? own : this.props.providerIn(region);
    const relative = resource.node.path.slice(stack.node.path.length + 1);
    const evaluation = spec.evaluation ?? { datapoints: ALARM_DATAPOINTS_TO_ALARM, periods: ALARM_EVALUATION_PERIODS };
    for (const severity of specSeverities(spec)) {
      const topic = this.props.topicArn(severity, region);
      const name = `${stack.node.id}/${relative}/${spec.key}-${severity}`;
      const alarm = new CloudwatchMetricAlarm(
        this.scopeOf(stack),
        `${relative.replaceAll("/", "_")}_${spec.key}-${severity}`,
        {
          alarmName: name,
          alarmDescription:
            `${severity}: ${spec.title} of ${relative} ` +
            `${spec.comparison === "LessThanThreshold" ? "below" : "at or above"} ${spec.thresholds[severity]}. ` +
            `Runbook: ${this.props.runbookBaseUrl}${spec.runbook}`,
          comparisonOperator: spec.comparison,
          threshold: spec.thresholds[severity],
          evaluationPeriods: evaluation.periods,
          datapointsToAlarm: evaluation.datapoints,
          treatMissingData: spec.treatMissingData ?? "missing",
          alarmActions: [topic],
          okActions: [topic],
          provider,
          ...metricArguments(spec.metric),
        },
      );
      this.alarms.push(alarm);
    }
  }

  private scopeOf(stack: TerraformStack): Construct {
    let scope = this.scopes.get(stack);
    if (!scope) {
      scope = new Construct(stack, ALARMS_SCOPE_ID);
      this.scopes.set(stack, scope);
    }
    return scope;
  }
}

/** A single metric as alarm arguments, or several combined with `MAX` metric math. */
function metricArguments(metric: AlarmSpec["metric"]) {
  if ("members" in metric) {
    if (metric.members.length === 1) return single(metric.members[0]);
    return {
      metricQuery: [
        { id: "combined", expression: "MAX(METRICS())", label: metric.label, returnData: true },
        ...metric.members.map((m, i) => ({
          id: `m${i}`,
          returnData: false,
          metric: {
            namespace: m.namespace,
            metricName: m.metricName,
            stat: m.statistic,
            period: ALARM_PERIOD_SECONDS,
            dimensions: { ...m.dimensions },
          },
        })),
      ],
    };
  }
  return single(metric);
}

function single(metric: MetricSpec) {
  return {
    namespace: metric.namespace,
    metricName: metric.metricName,
    statistic: metric.statistic,
    period: ALARM_PERIOD_SECONDS,
    dimensions: { ...metric.dimensions },
  };
}
