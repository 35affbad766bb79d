/**
 * A read-only view of one environment's synthesized Terraform (cdktf.out stack JSON) for
 * the DR tools: resources by type and stack, reference resolution (`${type.name.attr}`),
 * and the CloudWatch alarms by metric. Stack names come from `naming/derived.ts`.
 */
import { type GLOBAL_SCOPE, LAYERS, type Layer, stackName } from "../../naming/derived";

/** One synthesized stack: its name and parsed `cdk.tf.json`. */
export interface EstateStack {
  readonly name: string;
  readonly json: unknown;
}

/** One resource of a stack. */
export interface EstateResource {
  readonly stack: string;
  readonly type: string;
  readonly name: string;
  readonly config: Readonly<Record<string, unknown>>;
}

/** What the estate needs to know about the environment to place stacks. */
export interface EstateEnvironment {
  readonly name: string;
}

/** A CloudWatch alarm on a metric, with its threshold (in the metric's unit). */
export interface MetricAlarm {
  readonly address: string;
  readonly stack: string;
  readonly metricName: string;
  readonly threshold: number;
  readonly comparison: string;
}

/** Synthesized stacks of one environment, indexed. */
export class Estate {
  private readonly byName: ReadonlyMap<string, EstateStack>;

  constructor(
    readonly env: EstateEnvironment,
    stacks: readonly EstateStack[],
  ) {
    this.byName = new Map(stacks.map((s) => [s.name, s]));
  }

  /** The stack of a region (or `global`) and layer, when synthesized. */
  stack(scope: string, layer: Layer): EstateStack | undefined {
    return this.byName.get(stackName(this.env, scope, layer));
  }

  /** Every resource of a type in the region's (or global) layer stack. */
  resources(scope: string, layer: Layer, type: string): EstateResource[] {
    const stack = this.stack(scope, layer);
    return stack ? resourcesOf(stack, type) : [];
  }

  /** Every resource of a type in any stack of the environment. */
  allResources(type: string): EstateResource[] {
    return [...this.byName.values()].flatMap((s) => resourcesOf(s, type));
  }

  /** Every resource of a type in any stack of the given region (its layer stacks). */
  regionResources(region: string, type: string): EstateResource[] {
    return LAYERS.flatMap((layer) => this.resources(region, layer, type));
  }

  /** The resource a `${type.name.attr}` reference in `stack` points at. */
  resolve(stack: string, reference: unknown): EstateResource | undefined {
    if (typeof reference !== "string") return undefined;
    const match = /^\$\{([a-z0-9_]+)\.([^.}]+)\.[a-z_]+\}$/.exec(reference);
    const owner = this.byName.get(stack);
    if (!match || !owner) return undefined;
    return resourcesOf(owner, match[1]).find((r) => r.name === match[2]);
  }

  /**
   * Alarms on a metric in a region's stacks: plain alarms (`metric_name`) and metric-math
   * alarms whose queries read it (the threshold then applies to the expression, e.g. MAX).
   */
  alarmsOn(region: string | typeof GLOBAL_SCOPE, metricName: string): MetricAlarm[] {
    return this.regionResources(region, "aws_cloudwatch_metric_alarm")
      .filter((alarm) => {
        if (alarm.config.metric_name === metricName) return true;
        const queries = (alarm.config.metric_query ?? []) as { metric?: { metric_name?: string } }[];
        return queries.some((q) => q.metric?.metric_name === metricName);
      })
      .filter((alarm) => typeof alarm.config.threshold === "number")
      .map((alarm) => ({
        address: `${alarm.stack}:${alarm.type}.${alarm.name}`,
        stack: alarm.stack,
        metricName,
        threshold: alarm.config.threshold as number,
        comparison: String(alarm.config.comparison_operator ?? ""),
      }));
  }
}

function resourcesOf(stack: EstateStack, type: string): EstateResource[] {
  const byType = (stack.json as { resource?: Record<string, Record<string, Record<string, unknown>>> } | null)
    ?.resource?.[type];
  return Object.entries(byType ?? {}).map(([name, config]) => ({ stack: stack.name, type, name, config }));
}

/** `stack:type.name`, how reports point at a resource. */
export function addressOf(resource: EstateResource): string {
  return `${resource.stack}:${resource.type}.${resource.name}`;
}
