/**
 * Building a {@link StackView} from synthesized JSON, and the lookups rules share:
 * resources by type, the resource a reference points at, companion resources (the S3
 * split-resource model), the provider configuration and region of a resource.
 */
import type { Resource, StackContext, StackView } from "../types";
import { asObject, literalString, resourceReference, strings } from "./values";

/** Key under the document's top-level `//` where `planToStackJson` records planned actions. */
export const PLAN_ACTIONS_KEY = "planActions";

/** Parses one stack's Terraform JSON into a {@link StackView}. Unknown shapes give an empty view. */
export function toStackView(name: string, json: unknown, context?: StackContext): StackView {
  const root = asObject(json) ?? {};
  const resources: Resource[] = [];
  for (const [type, byName] of Object.entries(asObject(root.resource) ?? {})) {
    for (const [logicalId, values] of Object.entries(asObject(byName) ?? {})) {
      resources.push({ type, name: logicalId, address: `${type}.${logicalId}`, values: asObject(values) ?? {} });
    }
  }
  const providers: Record<string, Readonly<Record<string, unknown>>[]> = {};
  for (const [provider, configs] of Object.entries(asObject(root.provider) ?? {})) {
    const list = Array.isArray(configs) ? configs : [configs];
    providers[provider] = list.map((c) => asObject(c) ?? {});
  }
  const recorded = asObject(asObject(root["//"])?.[PLAN_ACTIONS_KEY]);
  const planActions = recorded
    ? new Map(Object.entries(recorded).map(([address, actions]) => [address, strings(actions)]))
    : undefined;
  return { name, resources, providers, ...(planActions ? { planActions } : {}), ...(context ? { context } : {}) };
}

/** A stack's resources indexed once: by type (document order kept) and by address (first one wins). */
interface ResourceIndex {
  readonly byType: ReadonlyMap<string, readonly Resource[]>;
  readonly byAddress: ReadonlyMap<string, Resource>;
  readonly position: ReadonlyMap<Resource, number>;
}

/**
 * Indexes by resource list: 126 rules each scanning every resource of every stack (and
 * reference lookups scanning them again per resource) made the gate quadratic. Keyed by the
 * list itself, so a view built by hand or copied with other resources gets its own index.
 */
const INDEXES = new WeakMap<readonly Resource[], ResourceIndex>();

function indexOf(stack: StackView): ResourceIndex {
  const cached = INDEXES.get(stack.resources);
  if (cached) return cached;
  const byType = new Map<string, Resource[]>();
  const byAddress = new Map<string, Resource>();
  const position = new Map<Resource, number>();
  stack.resources.forEach((r, i) => {
    const list = byType.get(r.type);
    if (list) list.push(r);
    else byType.set(r.type, [r]);
    if (!byAddress.has(r.address)) byAddress.set(r.address, r);
    position.set(r, i);
  });
  const index = { byType, byAddress, position };
  INDEXES.set(stack.resources, index);
  return index;
}

/** Resources of the given types, in document order. */
export function resourcesOf(stack: StackView, ...types: string[]): Resource[] {
  const { byType, position } = indexOf(stack);
  if (types.length === 1) return [...(byType.get(types[0]) ?? [])];
  const found = [...new Set(types)].flatMap((type) => byType.get(type) ?? []);
  return found.sort((a, b) => (position.get(a) ?? 0) - (position.get(b) ?? 0));
}

/** The resource at `address` (`<type>.<name>`), when the stack has one. */
export function resourceAt(stack: StackView, address: string): Resource | undefined {
  return indexOf(stack).byAddress.get(address);
}

/** The resource a `${type.name.attr}` value points at, when it is in this stack. */
export function referenced(stack: StackView, value: unknown): Resource | undefined {
  const ref = resourceReference(value);
  if (!ref) return undefined;
  return indexOf(stack)
    .byType.get(ref.type)
    ?.find((r) => r.name === ref.name);
}

/** True when `value` names `target`: a reference to it, or its literal name/id in `nameKey`. */
function pointsAt(value: unknown, target: Resource, nameKey?: string): boolean {
  const ref = resourceReference(value);
  if (ref) return ref.type === target.type && ref.name === target.name;
  const literal = literalString(value);
  const targetName = nameKey ? literalString(target.values[nameKey]) : undefined;
  return literal !== undefined && targetName !== undefined && literal === targetName;
}

/**
 * Resources of `type` whose `key` argument points at `target` (S3's split model:
 * `aws_s3_bucket_versioning.bucket = "${aws_s3_bucket.b.id}"` or the literal bucket name).
 */
export function companions(
  stack: StackView,
  target: Resource,
  type: string,
  key = "bucket",
  nameKey = "bucket",
): Resource[] {
  return (indexOf(stack).byType.get(type) ?? []).filter((r) => pointsAt(r.values[key], target, nameKey));
}

/** Provider name of a resource type: the part before the first underscore (`aws`, `cloudflare`). */
function providerName(resourceType: string): string {
  const end = resourceType.indexOf("_");
  return end === -1 ? resourceType : resourceType.slice(0, end);
}

/**
 * The provider configuration a resource uses: the aliased one named by its `provider`
 * argument (`aws.us-east-1`), else the default (unaliased) one. Undefined when the
 * argument names an alias the stack does not configure.
 */
export function providerConfig(stack: StackView, resource: Resource): Readonly<Record<string, unknown>> | undefined {
  const name = providerName(resource.type);
  const configs = stack.providers[name] ?? [];
  const selector = literalString(resource.values.provider);
  if (selector?.includes(".")) {
    const alias = selector.slice(selector.indexOf(".") + 1);
    return configs.find((c) => c.alias === alias);
  }
  return configs.find((c) => c.alias === undefined) ?? (configs.length === 1 ? configs[0] : undefined);
}

/** What {@link regionOf} found. */
export type RegionLookup = { readonly region: string } | { readonly unknown: string };

/**
 * The AWS region a resource lives in: its own `region` argument (provider v6), else its
 * provider's `region`. Expressions and missing providers are unknown (callers fail closed).
 */
export function regionOf(stack: StackView, resource: Resource): RegionLookup {
  const own = resource.values.region;
  if (own !== undefined) {
    const literal = literalString(own);
    return literal ? { region: literal } : { unknown: `its region argument is an expression (${String(own)})` };
  }
  const config = providerConfig(stack, resource);
  if (!config)
    return {
      unknown:
        `it uses provider ${String(resource.values.provider ?? providerName(resource.type))}, which the stack does ` +
        `not configure`,
    };
  const region = literalString(config.region);
  return region
    ? { region }
    : {
        unknown:
          `its provider's region is ` +
          `${config.region === undefined ? "unset" : `an expression (${String(config.region)})`}`,
      };
}
