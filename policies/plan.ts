/**
 * Plan JSON (`terraform show -json plan.tfplan`) to the synthesized-JSON shape the rules
 * read. Planned values are resolved (defaults filled in, `tags_all` merged); values
 * known only after apply are replaced by the references the configuration gives for
 * them (`${aws_kms_key.k.arn}`), so reference-accepting rules behave as on synth
 * output. Plans drop `lifecycle` and cdktf's `//` metadata: pass the stack's
 * cdk.tf.json to carry them over (prevent_destroy and construct suppressions).
 */
import { PLAN_ACTIONS_KEY } from "./lib/stack";
import { asObject, blocks, strings } from "./lib/values";

type Json = Readonly<Record<string, unknown>>;

/** Drops nulls (unset arguments in plans) so "unset" reads the same as in synth output. */
function withoutNulls(value: unknown): unknown {
  if (Array.isArray(value)) return value.map(withoutNulls);
  const object = asObject(value);
  if (!object) return value;
  return Object.fromEntries(
    Object.entries(object)
      .filter(([, v]) => v !== null)
      .map(([k, v]) => [k, withoutNulls(v)]),
  );
}

/** The first reference of a configuration expression, as a token; a marker when there is none. */
function referenceToken(expression: unknown): string {
  const refs = asObject(expression)?.references;
  const first = Array.isArray(refs)
    ? refs.find((r): r is string => typeof r === "string" && r.split(".").length >= 3)
    : undefined;
  return first ? `\${${first}}` : "${(known after apply)}";
}

/** Fills values unknown until apply from the configuration's expressions. */
function fillUnknown(values: unknown, unknown: unknown, expressions: unknown): unknown {
  // Computed attributes nobody configured stay absent; configured ones become their reference.
  if (unknown === true) return expressions === undefined ? values : referenceToken(expressions);
  if (Array.isArray(unknown)) {
    const list = Array.isArray(values) ? [...values] : [];
    const exprs = Array.isArray(expressions) ? expressions : [];
    unknown.forEach((u, i) => {
      if (u !== false && u !== undefined) list[i] = fillUnknown(list[i], u, exprs[i]);
    });
    return list;
  }
  const unknownObject = asObject(unknown);
  if (!unknownObject) return values;
  const result: Record<string, unknown> = { ...(asObject(values) ?? {}) };
  for (const [key, u] of Object.entries(unknownObject)) {
    if (u === false) continue;
    const filled = fillUnknown(result[key], u, asObject(expressions)?.[key]);
    if (filled !== undefined) result[key] = filled;
  }
  return result;
}

function moduleResources(module: Json | undefined): Json[] {
  if (!module) return [];
  const own = Array.isArray(module.resources)
    ? module.resources.map(asObject).filter((r): r is Json => r !== undefined)
    : [];
  const children = Array.isArray(module.child_modules)
    ? module.child_modules.flatMap((c) => moduleResources(asObject(c)))
    : [];
  return [...own, ...children];
}

function providers(configuration: Json | undefined): Record<string, Json[]> {
  const result: Record<string, Json[]> = {};
  for (const config of Object.values(asObject(configuration?.provider_config) ?? {})) {
    const c = asObject(config);
    if (!c || typeof c.name !== "string") continue;
    const expressions = asObject(c.expressions) ?? {};
    const region = asObject(expressions.region)?.constant_value;
    const tags = asObject(blocks(expressions.default_tags)[0]?.tags)?.constant_value;
    result[c.name] = [
      ...(result[c.name] ?? []),
      {
        ...(typeof c.alias === "string" ? { alias: c.alias } : {}),
        ...(region !== undefined ? { region } : {}),
        ...(tags !== undefined ? { default_tags: [{ tags }] } : {}),
      },
    ];
  }
  return result;
}

/** What a plan says about its resources, indexed by address. */
interface PlanIndex {
  /** Configuration entries (expressions, provider key) by address without instance key. */
  readonly config: ReadonlyMap<string, Json>;
  /** `resource_changes[].change` by address. */
  readonly changes: ReadonlyMap<string, Json | undefined>;
  /** The synthesized stack's resources by type, then logical id. */
  readonly synthesized: Json;
}

function indexPlan(root: Json, synthesized: unknown): PlanIndex {
  const configuration = asObject(root.configuration);
  const config = new Map(moduleResources(asObject(configuration?.root_module)).map((r) => [String(r.address), r]));
  const changeList = (Array.isArray(root.resource_changes) ? root.resource_changes : []).map(asObject);
  const changes = new Map(
    changeList.filter((c): c is Json => c !== undefined).map((c) => [String(c.address), asObject(c.change)]),
  );
  return { config, changes, synthesized: asObject(asObject(synthesized)?.resource) ?? {} };
}

/**
 * Synthesized string attributes unknown until apply (a policy document embedding an ARN):
 * more readable as the template than as its first reference, since rules mask the
 * interpolations and still read the document.
 */
function synthTemplates(fromSynth: Json, unknownTop: Json): Json {
  const isTemplate = (key: string, value: unknown) =>
    unknownTop[key] === true && typeof value === "string" && value.includes("${") && !/^\$\{[^}]*\}$/.test(value);
  return Object.fromEntries(Object.entries(fromSynth).filter(([key, value]) => isTemplate(key, value)));
}

/** One planned managed resource as synthesized JSON would hold it: its logical id and arguments. */
function stackResource(r: Json & { readonly type: string; readonly address: string }, plan: PlanIndex) {
  const name = r.address.slice(r.address.indexOf(r.type) + r.type.length + 1);
  const config = plan.config.get(r.address.replace(/\[[^\]]*\]$/, ""));
  const unknown = plan.changes.get(r.address)?.after_unknown;
  const filled = fillUnknown(withoutNulls(r.values), unknown, config?.expressions);
  const providerKey = typeof config?.provider_config_key === "string" ? config.provider_config_key : undefined;
  const fromSynth = asObject(asObject(plan.synthesized[r.type])?.[name]) ?? {};
  const values = {
    ...(asObject(filled) ?? {}),
    ...synthTemplates(fromSynth, asObject(unknown) ?? {}),
    ...(providerKey?.includes(".") ? { provider: providerKey } : {}),
    ...(fromSynth.lifecycle !== undefined ? { lifecycle: fromSynth.lifecycle } : {}),
    ...(fromSynth["//"] !== undefined ? { "//": fromSynth["//"] } : {}),
  };
  return { name, values };
}

/**
 * Converts a plan to `{ provider, resource }` in cdktf's JSON shape. `synthesized`
 * (the stack's cdk.tf.json) supplies `lifecycle` and `//` metadata the plan lacks.
 */
export function planToStackJson(plan: unknown, synthesized?: unknown): Json {
  const root = asObject(plan) ?? {};
  const index = indexPlan(root, synthesized);
  const resource: Record<string, Record<string, unknown>> = {};
  for (const r of moduleResources(asObject(asObject(root.planned_values)?.root_module))) {
    if (r.mode !== "managed" || typeof r.type !== "string" || typeof r.address !== "string") continue;
    const { name, values } = stackResource({ ...r, type: r.type, address: r.address }, index);
    resource[r.type] = { ...(resource[r.type] ?? {}), [name]: values };
  }
  // Deleted resources are absent from planned_values: keep every change's actions by address.
  const actions = Object.fromEntries([...index.changes].map(([address, c]) => [address, strings(c?.actions)]));
  const provider = providers(asObject(root.configuration));
  return { "//": { [PLAN_ACTIONS_KEY]: actions }, provider, resource };
}
