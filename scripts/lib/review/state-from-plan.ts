/**
 * Offline, the base is the state: a plan of the base configuration against an empty state
 * is turned into a Terraform state file, so the head can be planned against it with
 * `-refresh=false` and show the real updates, replacements and destroys.
 *
 * Values the base plan leaves unknown (ids, ARNs, computed attributes) get stand-ins of
 * the schema's type. They must be consistent: when an attribute's configuration is
 * `"${aws_vpc.main.id}"` it gets exactly the stand-in of `aws_vpc.main.id`, otherwise
 * every dependent resource would look changed. Templates made of plain references are
 * resolved here; anything else (functions, data sources) is settled by {@link mergeKnown}
 * from a second plan of the same configuration.
 */
import { createHash } from "node:crypto";
import type {
  ConfigResource,
  CtyType,
  Expression,
  PlanJson,
  PlannedModule,
  PlannedResource,
  ProviderSchemas,
  SchemaBlock,
} from "./plan-json";

/** The account id ARN stand-ins carry (the documentation example account: it points at nothing). */
export const STAND_IN_ACCOUNT = "123456789012";

/** A Terraform state file (format version 4), as far as the review writes it. */
export interface StateFile {
  readonly version: 4;
  readonly terraform_version: string;
  readonly serial: number;
  readonly lineage: string;
  readonly outputs: Record<string, { value: unknown; type: unknown; sensitive?: boolean }>;
  readonly resources: StateResource[];
}

/** One resource of a state file. */
export interface StateResource {
  readonly mode: "managed";
  readonly type: string;
  readonly name: string;
  readonly provider: string;
  readonly instances: {
    index_key?: string | number;
    schema_version: number;
    attributes: Record<string, unknown>;
    sensitive_attributes: unknown[];
  }[];
}

/** What a schema says about one position: a cty type, or a nested block and its nesting. */
type Shape =
  | { readonly kind: "type"; readonly type: CtyType }
  | { readonly kind: "block"; readonly block: SchemaBlock; readonly nesting?: string };

const TEMPLATE = /\$\{([^{}]+)\}/g;
const SIMPLE_REFERENCE =
  /^\s*((?:data\.)?[a-z][a-z0-9_]*\.[A-Za-z0-9_-]+(?:\[[0-9]+\])?(?:\.[a-z0-9_]+|\[[0-9]+\])*)\s*$/;

/**
 * Resource types whose planned values from an empty state differ from what the provider
 * plans for the same configuration once they are in state, so the built state is not a
 * fixed point and needs one verification plan ({@link mergeKnown}). Found by the state
 * faithfulness test over every environment: `aws_fis_experiment_template` (SDKv2) plans
 * a target's unset `parameters` map as null from nothing, but as `{}` for some targets of
 * a template once one of its targets sets parameters.
 */
const SETTLE_TYPES: ReadonlySet<string> = new Set(["aws_fis_experiment_template"]);

/** Builds state files from plans; one instance per plan. */
class StateBuilder {
  private readonly planned = new Map<string, PlannedResource>();
  private readonly unknown = new Map<string, unknown>();
  private readonly sensitive = new Map<string, unknown>();
  private readonly config = new Map<string, ConfigResource>();
  private readonly resolved = new Map<string, Record<string, unknown>>();
  private readonly resolving = new Set<string>();
  /** Paths whose configuration is a template this builder cannot evaluate (functions, each.value, data). */
  readonly unresolved: string[] = [];

  constructor(
    private readonly plan: PlanJson,
    private readonly schemas: ProviderSchemas,
    /** Mixed into every stand-in: the head's stand-ins differ from the base's. */
    private readonly salt: string,
  ) {
    for (const resource of walkResources(plan.planned_values?.root_module)) {
      if (resource.mode === "managed") this.planned.set(resource.address, resource);
    }
    for (const change of plan.resource_changes ?? []) {
      this.unknown.set(change.address, change.change.after_unknown);
      this.sensitive.set(change.address, change.change.after_sensitive);
    }
    for (const resource of plan.configuration?.root_module?.resources ?? [])
      this.config.set(resource.address, resource);
  }

  build(lineage: string): StateFile {
    const grouped = new Map<string, StateResource>();
    for (const resource of this.planned.values()) {
      const key = `${resource.type}.${resource.name}`;
      let entry = grouped.get(key);
      if (!entry) {
        entry = {
          mode: "managed",
          type: resource.type,
          name: resource.name,
          provider: this.providerOf(resource),
          instances: [],
        };
        grouped.set(key, entry);
      }
      // Their planned values are not what the provider plans once they are in state: settle them.
      if (SETTLE_TYPES.has(resource.type)) this.unresolved.push(resource.address);
      entry.instances.push({
        ...(resource.index === undefined ? {} : { index_key: resource.index }),
        schema_version: this.schemaOf(resource)?.version ?? resource.schema_version ?? 0,
        attributes: this.attributes(resource.address),
        // Marks must match the plan's, or Terraform plans a "sensitivity changed" update.
        sensitive_attributes: sensitivePaths(this.sensitive.get(resource.address), this.shapeOf(resource)),
      });
    }
    return {
      version: 4,
      terraform_version: "1.10.0",
      serial: 1,
      lineage,
      outputs: this.outputs(),
      resources: [...grouped.values()],
    };
  }

  private outputs(): StateFile["outputs"] {
    const outputs: StateFile["outputs"] = {};
    const configured = this.plan.configuration?.root_module?.outputs ?? {};
    const changes = this.plan.output_changes ?? {};
    for (const [name, planned] of Object.entries(this.plan.planned_values?.outputs ?? {})) {
      const change = changes[name];
      const expression = configured[name]?.expression;
      const value = this.fill(planned.value, change?.after_unknown ?? false, expression, undefined, `output.${name}`);
      // A tuple literal (`["${a.id}", "${b.id}"]`) is a tuple; a reference to a list attribute is a list.
      const literal = Array.isArray((expression as Expression | undefined)?.constant_value);
      const type = Array.isArray(value) && !literal ? listType(value) : typeOfValue(value);
      outputs[name] = { value, type, ...(planned.sensitive ? { sensitive: true } : {}) };
    }
    return outputs;
  }

  /** The attributes of a planned resource with every unknown replaced, memoized. */
  private attributes(address: string): Record<string, unknown> {
    const done = this.resolved.get(address);
    if (done) return done;
    const resource = this.planned.get(address);
    if (!resource || this.resolving.has(address)) return {};
    this.resolving.add(address);
    const shape = this.shapeOf(resource);
    const value = this.fill(
      resource.values ?? {},
      this.unknown.get(address) ?? {},
      // count/for_each instances share their resource's configuration (no index in its address).
      this.config.get(unindexed(address))?.expressions,
      shape,
      address,
    ) as Record<string, unknown>;
    this.resolving.delete(address);
    this.resolved.set(address, value);
    return value;
  }

  /**
   * A planned value with its unknown parts filled: from the configuration's template when
   * it is made of plain references, else a stand-in of the schema's type.
   */
  private fill(value: unknown, unknown: unknown, expression: unknown, shape: Shape | undefined, path: string): unknown {
    if (unknown === true) {
      const fromTemplate = this.fromExpression(expression);
      if (fromTemplate !== undefined) return fromTemplate;
      const constant = (expression as Expression | undefined)?.constant_value;
      if (constant !== undefined && containsTemplate(constant)) this.unresolved.push(path);
      return standIn(shape, path, this.salt);
    }
    if (Array.isArray(unknown)) {
      const items = Array.isArray(value) ? value : [];
      const length = Math.max(items.length, unknown.length);
      return Array.from({ length }, (_, i) =>
        this.fill(items[i], unknown[i], childExpression(expression, i), elementShape(shape), `${path}[${i}]`),
      );
    }
    if (unknown && typeof unknown === "object") {
      if (value === null || (value !== undefined && typeof value !== "object")) return value;
      const object = (value ?? {}) as Record<string, unknown>;
      const keys = new Set([...Object.keys(object), ...Object.keys(unknown)]);
      const result: Record<string, unknown> = {};
      for (const key of keys) {
        const childUnknown = (unknown as Record<string, unknown>)[key] ?? false;
        result[key] = this.fill(
          object[key],
          childUnknown,
          childExpression(expression, key),
          childShape(shape, key),
          `${path}.${key}`,
        );
      }
      return result;
    }
    return value === undefined ? null : value;
  }

  /** The value of a configuration expression made only of references, or undefined. */
  private fromExpression(expression: unknown): unknown {
    const constant = (expression as Expression | undefined)?.constant_value;
    if (constant === undefined || !containsTemplate(constant)) return undefined;
    return this.resolveConstant(constant);
  }

  private resolveConstant(constant: unknown): unknown {
    if (typeof constant === "string") return this.resolveTemplate(constant);
    if (Array.isArray(constant)) {
      const items = constant.map((item) => this.resolveConstant(item));
      return items.some((item) => item === undefined) ? undefined : items;
    }
    if (constant && typeof constant === "object") {
      const entries = Object.entries(constant).map(([k, v]) => [k, this.resolveConstant(v)] as const);
      return entries.some(([, v]) => v === undefined) ? undefined : Object.fromEntries(entries);
    }
    return constant;
  }

  private resolveTemplate(template: string): unknown {
    const whole = /^\$\{([^{}]+)\}$/.exec(template);
    if (whole) return this.resolveReference(whole[1]);
    let failed = false;
    const text = template.replace(TEMPLATE, (_match, inner: string) => {
      const value = this.resolveReference(inner);
      if (typeof value === "string" || typeof value === "number" || typeof value === "boolean") return String(value);
      failed = true;
      return "";
    });
    // Anything left unreplaced (nested braces: function calls, object literals) is not evaluated here.
    return failed || text.includes("${") ? undefined : text;
  }

  /** `aws_vpc.main.id`, `aws_x.y.list[0].attr`: the stand-in filled value, or undefined. */
  private resolveReference(reference: string): unknown {
    const match = SIMPLE_REFERENCE.exec(reference);
    if (!match || reference.startsWith("data.")) return undefined;
    const steps = parsePath(match[1]);
    const [type, name, ...rest] = steps;
    let address = `${type}.${name}`;
    if (typeof rest[0] === "number") address += `[${rest.shift()}]`;
    if (!this.planned.has(address)) return undefined;
    let value: unknown = this.attributes(address);
    for (const step of rest) {
      if (value === null || typeof value !== "object") return undefined;
      value = (value as Record<string | number, unknown>)[step];
    }
    return value === undefined ? undefined : value;
  }

  private shapeOf(resource: PlannedResource): Shape | undefined {
    const schema = this.schemaOf(resource);
    return schema ? { kind: "block", block: schema.block } : undefined;
  }

  private schemaOf(resource: PlannedResource) {
    return this.schemas[resource.provider_name]?.[resource.type];
  }

  private providerOf(resource: PlannedResource): string {
    const key = this.config.get(unindexed(resource.address))?.provider_config_key ?? "";
    const alias = key.includes(".") ? key.slice(key.indexOf(".") + 1) : "";
    return `provider["${resource.provider_name}"]${alias ? `.${alias}` : ""}`;
  }
}

/** A cty path step as state files record it. */
type PathStep =
  | { type: "get_attr"; value: string }
  | { type: "index"; value: { value: string | number; type: string } };

/**
 * The state's `sensitive_attributes` from a plan's `after_sensitive` mask: one cty path
 * per sensitive value. A mark inside a set covers the whole set (set elements have no index).
 */
export function sensitivePaths(mask: unknown, shape: Shape | undefined, prefix: PathStep[] = []): PathStep[][] {
  if (mask === true) return prefix.length > 0 ? [prefix] : [];
  if (Array.isArray(mask)) {
    const isSet =
      (shape?.kind === "type" && Array.isArray(shape.type) && shape.type[0] === "set") ||
      (shape?.kind === "block" && shape.nesting === "set");
    if (isSet) return JSON.stringify(mask).includes("true") ? [prefix] : [];
    return mask.flatMap((m, i) =>
      sensitivePaths(m, elementShape(shape), [...prefix, { type: "index", value: { value: i, type: "number" } }]),
    );
  }
  if (mask && typeof mask === "object") {
    const isMap = shape?.kind === "type" && Array.isArray(shape.type) && shape.type[0] === "map";
    return Object.entries(mask).flatMap(([key, m]) => {
      const step: PathStep = isMap
        ? { type: "index", value: { value: key, type: "string" } }
        : { type: "get_attr", value: key };
      return sensitivePaths(m, childShape(shape, key), [...prefix, step]);
    });
  }
  return [];
}

function unindexed(address: string): string {
  return address.replace(/\[[^\]]*\]$/, "");
}

function* walkResources(module: PlannedModule | undefined): Generator<PlannedResource> {
  if (!module) return;
  yield* module.resources ?? [];
  for (const child of module.child_modules ?? []) yield* walkResources(child);
}

function containsTemplate(value: unknown): boolean {
  if (typeof value === "string") return value.includes("${");
  if (Array.isArray(value)) return value.some(containsTemplate);
  if (value && typeof value === "object") return Object.values(value).some(containsTemplate);
  return false;
}

function parsePath(reference: string): (string | number)[] {
  const steps: (string | number)[] = [];
  for (const part of reference.split(".")) {
    const bracket = part.indexOf("[");
    steps.push(bracket < 0 ? part : part.slice(0, bracket));
    for (const index of part.matchAll(/\[([0-9]+)\]/g)) steps.push(Number(index[1]));
  }
  return steps.filter((step) => step !== "");
}

/** The configuration expression of a child position (block lists, attribute maps, lists). */
function childExpression(expression: unknown, key: string | number): unknown {
  if (expression === undefined || expression === null) return undefined;
  if (Array.isArray(expression)) return expression[key as number];
  const constant = (expression as Expression).constant_value;
  if (constant !== undefined) {
    const child = constant && typeof constant === "object" ? (constant as Record<string, unknown>)[key] : undefined;
    return child === undefined ? undefined : { constant_value: child };
  }
  return typeof expression === "object" ? (expression as Record<string, unknown>)[key] : undefined;
}

function childShape(shape: Shape | undefined, key: string): Shape | undefined {
  if (!shape) return undefined;
  if (shape.kind === "block") {
    if (shape.nesting && shape.nesting !== "single" && shape.nesting !== "group") return undefined;
    const attribute = shape.block.attributes?.[key];
    if (attribute?.type !== undefined) return { kind: "type", type: attribute.type };
    const nested = shape.block.block_types?.[key];
    return nested ? { kind: "block", block: nested.block, nesting: nested.nesting_mode } : undefined;
  }
  const type = shape.type;
  if (Array.isArray(type) && type[0] === "object") {
    const inner = (type[1] as Record<string, CtyType>)[key];
    return inner === undefined ? undefined : { kind: "type", type: inner };
  }
  if (Array.isArray(type) && type[0] === "map") return { kind: "type", type: type[1] as CtyType };
  return undefined;
}

function elementShape(shape: Shape | undefined): Shape | undefined {
  if (!shape) return undefined;
  if (shape.kind === "block") return shape.nesting ? { kind: "block", block: shape.block } : undefined;
  const type = shape.type;
  if (Array.isArray(type) && (type[0] === "list" || type[0] === "set"))
    return { kind: "type", type: type[1] as CtyType };
  return undefined;
}

function digest(text: string): string {
  return createHash("sha256").update(text).digest("hex");
}

/** AWS service names of ARNs, where the resource type's first word is not the service. */
const ARN_SERVICES: Readonly<Record<string, string>> = {
  cloudwatch: "logs",
  db: "rds",
  lb: "elasticloadbalancing",
  alb: "elasticloadbalancing",
  vpc: "ec2",
  subnet: "ec2",
  route: "ec2",
  internet: "ec2",
  nat: "ec2",
  eip: "ec2",
  security: "ec2",
  default: "ec2",
  network: "ec2",
  flow: "ec2",
  launch: "ec2",
  route53: "route53",
  acm: "acm",
};

/** Services whose ARNs carry no region. */
const GLOBAL_SERVICES = new Set(["iam", "s3", "route53", "cloudfront", "waf"]);

/**
 * A stand-in of the schema's type for an unknown value: ARNs ARN-shaped (the provider
 * validates them), ids with the type's flavour, empty collections, one element for
 * computed lists of objects (so `x.identity[0].oidc[0].issuer` resolves).
 */
export function standIn(shape: Shape | undefined, path: string, salt: string): unknown {
  const hash = digest(`${salt}|${path}`);
  if (shape?.kind === "block") {
    const one = blockStandIn(shape.block, path, salt);
    return shape.nesting && shape.nesting !== "single" && shape.nesting !== "group" ? [one] : one;
  }
  const type = shape?.type ?? "string";
  if (type === "number") return 0;
  if (type === "bool") return false;
  if (Array.isArray(type)) {
    const [kind, inner] = type;
    if ((kind === "list" || kind === "set") && Array.isArray(inner) && inner[0] === "object") {
      return [standIn({ kind: "type", type: inner as unknown as CtyType }, `${path}[0]`, salt)];
    }
    if (kind === "list" || kind === "set" || kind === "tuple") return [];
    if (kind === "map") return {};
    if (kind === "object") {
      return Object.fromEntries(
        Object.entries(inner as Record<string, CtyType>).map(([k, t]) => [
          k,
          standIn({ kind: "type", type: t }, `${path}.${k}`, salt),
        ]),
      );
    }
  }
  return stringStandIn(path, hash);
}

function blockStandIn(block: SchemaBlock, path: string, salt: string): Record<string, unknown> {
  return Object.fromEntries(
    Object.entries(block.attributes ?? {}).map(([k, a]) => [
      k,
      standIn({ kind: "type", type: a.type ?? "string" }, `${path}.${k}`, salt),
    ]),
  );
}

/** Id prefixes the provider validates where an id is referenced (`launch_template.id` must be `lt-...`). */
const ID_PREFIXES: Readonly<Record<string, string>> = {
  aws_vpc: "vpc",
  aws_subnet: "subnet",
  aws_security_group: "sg",
  aws_default_security_group: "sg",
  aws_route_table: "rtb",
  aws_internet_gateway: "igw",
  aws_nat_gateway: "nat",
  aws_eip: "eipalloc",
  aws_vpc_endpoint: "vpce",
  aws_launch_template: "lt",
  aws_network_interface: "eni",
  aws_instance: "i",
  aws_vpc_peering_connection: "pcx",
  aws_network_acl: "acl",
  aws_flow_log: "fl",
  aws_ec2_transit_gateway: "tgw",
};

/**
 * Unknown values the provider validates against the rest of the resource: what the
 * resource actually takes (a valid enum member; empty where the attribute only applies to
 * another variant, as a standard SNS topic's FIFO throughput scope).
 */
const ENUM_STAND_INS: Readonly<Record<string, string>> = {
  resource_record_type: "CNAME",
  "aws_route53_record.type": "CNAME",
  "aws_sns_topic.fifo_throughput_scope": "",
};

function stringStandIn(path: string, hash: string): string {
  const attribute = path.slice(path.lastIndexOf(".") + 1).replace(/\[[0-9]+\]$/, "");
  const fullType = path.slice(0, path.indexOf("."));
  const enumValue = ENUM_STAND_INS[`${fullType}.${attribute}`] ?? ENUM_STAND_INS[attribute];
  if (enumValue !== undefined) return enumValue;
  const prefix = ID_PREFIXES[fullType];
  const isOwnId = attribute === "id" && /^[a-z0-9_]+\.[^.]+\.id$/.test(path.replace(/\[[^\]]*\]/g, ""));
  if (prefix && isOwnId) return `${prefix}-${hash.slice(0, 17)}`;
  const type = fullType.replace(/^aws_/, "");
  if (attribute === "arn" || attribute.endsWith("_arn") || attribute.endsWith("_arns")) {
    const word = type.split("_")[0] ?? "service";
    const service = ARN_SERVICES[word] ?? word;
    const region = GLOBAL_SERVICES.has(service) ? "" : "us-east-1";
    const account = service === "s3" ? "" : STAND_IN_ACCOUNT;
    return `arn:aws:${service}:${region}:${account}:${type.replaceAll("_", "-")}/standin-${hash.slice(0, 12)}`;
  }
  // Issuers and URLs are validated as URLs (an OIDC provider's url needs a host).
  if (/(^|_)(url|issuer)$/.test(attribute)) return `https://standin-${hash.slice(0, 12)}.example.com`;
  return `standin-${hash.slice(0, 17)}`;
}

/** `["list", T]` for an array whose elements share one type (`string` when empty). */
function listType(value: readonly unknown[]): unknown {
  return ["list", value.length > 0 ? typeOfValue(value[0]) : "string"];
}

/** The cty type JSON of a value, as state outputs record it. */
export function typeOfValue(value: unknown): unknown {
  if (typeof value === "string") return "string";
  if (typeof value === "number") return "number";
  if (typeof value === "boolean") return "bool";
  if (Array.isArray(value)) {
    // Output expressions like `["${a.id}", "${b.id}"]` evaluate to tuples; a list would differ.
    return ["tuple", value.map(typeOfValue)];
  }
  if (value && typeof value === "object") {
    return ["object", Object.fromEntries(Object.entries(value).map(([k, v]) => [k, typeOfValue(v)]))];
  }
  return "string";
}

/**
 * The state a plan would leave behind: planned values, unknowns filled with consistent
 * stand-ins. `salt` distinguishes the head's stand-ins from the base's, so a value that
 * the head changes to "known after apply" differs from the base for dependants.
 */
export function stateFromPlan(
  plan: PlanJson,
  schemas: ProviderSchemas,
  lineage: string,
  salt = "",
): { readonly state: StateFile; readonly unresolved: readonly string[] } {
  const builder = new StateBuilder(plan, schemas, salt);
  const state = builder.build(lineage);
  return { state, unresolved: builder.unresolved };
}

/**
 * Settles stand-ins a template could not resolve: a plan of the same configuration
 * against `state` knows them now (functions and data sources were evaluated over the
 * stand-ins), so its known `after` values replace the state's. Returns how many
 * resources and outputs changed; zero means the state is a fixed point.
 */
export function mergeKnown(state: StateFile, verify: PlanJson): number {
  let changed = 0;
  const byAddress = new Map<string, StateResource["instances"][number]>();
  for (const resource of state.resources) {
    for (const instance of resource.instances) {
      const index = instance.index_key === undefined ? "" : `[${JSON.stringify(instance.index_key)}]`;
      byAddress.set(`${resource.type}.${resource.name}${index}`, instance);
    }
  }
  for (const change of verify.resource_changes ?? []) {
    const actions = change.change.actions;
    if (actions.length === 1 && (actions[0] === "no-op" || actions[0] === "read")) continue;
    const instance = byAddress.get(change.address);
    if (!instance) continue;
    instance.attributes = mergeValue(instance.attributes, change.change.after, change.change.after_unknown) as Record<
      string,
      unknown
    >;
    changed++;
  }
  for (const [name, change] of Object.entries(verify.output_changes ?? {})) {
    if (change.actions.includes("no-op") || !state.outputs[name]) continue;
    const value = mergeValue(state.outputs[name].value, change.after, change.after_unknown);
    const previous = state.outputs[name].type;
    const keepList = Array.isArray(value) && Array.isArray(previous) && previous[0] === "list";
    state.outputs[name] = { ...state.outputs[name], value, type: keepList ? previous : typeOfValue(value) };
    changed++;
  }
  return changed;
}

function mergeValue(old: unknown, after: unknown, unknown: unknown): unknown {
  if (unknown === true) return old;
  if (unknown && typeof unknown === "object" && after && typeof after === "object") {
    if (Array.isArray(after)) {
      const previous = Array.isArray(old) ? old : [];
      return after.map((item, i) => mergeValue(previous[i], item, (unknown as unknown[])[i]));
    }
    const previous = (old && typeof old === "object" ? old : {}) as Record<string, unknown>;
    const result: Record<string, unknown> = { ...previous };
    for (const [key, value] of Object.entries(after)) {
      result[key] = mergeValue(previous[key], value, (unknown as Record<string, unknown>)[key]);
    }
    return result;
  }
  return after === undefined ? old : after;
}
