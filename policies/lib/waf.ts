/** WAFv2 web ACL rules as synthesized: typed `rule` blocks (cdktf) or a `rule_json` document. */
import type { Resource } from "../types";
import { asObject, block, blocks } from "./values";

/** One rule of a web ACL, normalized from either form. */
export interface WafRule {
  readonly name: string;
  /** `block`, `allow`, `count`, `captcha`, `challenge`, or undefined for rule groups. */
  readonly action?: string;
  /** `none` or `count` for rule groups, else undefined. */
  readonly overrideAction?: string;
  /** `<vendor>/<name>` of the managed rule group the rule runs, when it runs one. */
  readonly managedGroup?: string;
  /** Names of rules inside the group whose action is overridden to count. */
  readonly countedInGroup: readonly string[];
}

/**
 * The key of an action block that is set (`{ block: {} }` -> `block`). Plan JSON lists every
 * nested block of the schema, unset ones as empty lists (`{ count: [], none: [{}] }`).
 */
function actionName(value: unknown): string | undefined {
  const object = block(value);
  if (!object) return undefined;
  const set = Object.keys(object).find((k) => !(Array.isArray(object[k]) && (object[k] as unknown[]).length === 0));
  return set?.toLowerCase();
}

function fromBlock(rule: Readonly<Record<string, unknown>>): WafRule {
  const managed = block(block(rule.statement)?.managed_rule_group_statement);
  const overrides = blocks(managed?.rule_action_override).filter((o) => actionName(o.action_to_use) === "count");
  return {
    name: String(rule.name ?? "(unnamed)"),
    ...(actionName(rule.action) ? { action: actionName(rule.action) } : {}),
    ...(actionName(rule.override_action) ? { overrideAction: actionName(rule.override_action) } : {}),
    ...(managed ? { managedGroup: `${String(managed.vendor_name)}/${String(managed.name)}` } : {}),
    countedInGroup: overrides.map((o) => String(o.name)),
  };
}

function fromJson(rule: Readonly<Record<string, unknown>>): WafRule {
  const managed = asObject(asObject(rule.Statement)?.ManagedRuleGroupStatement);
  const overrides = (Array.isArray(managed?.RuleActionOverrides) ? managed.RuleActionOverrides : [])
    .map(asObject)
    .filter((o) => actionName(o?.ActionToUse) === "count");
  return {
    name: String(rule.Name ?? "(unnamed)"),
    ...(actionName(rule.Action) ? { action: actionName(rule.Action) } : {}),
    ...(actionName(rule.OverrideAction) ? { overrideAction: actionName(rule.OverrideAction) } : {}),
    ...(managed ? { managedGroup: `${String(managed.VendorName)}/${String(managed.Name)}` } : {}),
    countedInGroup: overrides.map((o) => String(o?.Name)),
  };
}

/** The ACL's rules, or why they cannot be read (a `rule_json` that is an expression or not JSON). */
export function wafRules(acl: Resource): { readonly rules: readonly WafRule[] } | { readonly unreadable: string } {
  const json = acl.values.rule_json;
  if (json === undefined) return { rules: blocks(acl.values.rule).map(fromBlock) };
  if (typeof json !== "string" || json.includes("${")) return { unreadable: "rule_json is an expression" };
  try {
    const parsed: unknown = JSON.parse(json);
    const list = Array.isArray(parsed) ? parsed : [];
    return { rules: list.map((r) => fromJson(asObject(r) ?? {})) };
  } catch {
    return { unreadable: "rule_json is not valid JSON" };
  }
}
