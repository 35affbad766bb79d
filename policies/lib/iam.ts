/**
 * IAM policy documents as synthesized: a JSON string (our constructs render documents
 * with JSON.stringify so they stay reviewable). A document given as an expression
 * (`${data.aws_iam_policy_document.x.json}`, `${jsonencode(...)}`) cannot be read and
 * rules fail closed on it.
 */
import { asObject, strings } from "./values";

/** One statement, with the list-or-string fields normalized to lists. */
export interface Statement {
  readonly sid?: string;
  readonly effect: "Allow" | "Deny";
  readonly principal: unknown;
  readonly actions: readonly string[];
  readonly notActions: readonly string[];
  readonly resources: readonly string[];
  readonly notResources: readonly string[];
  readonly condition?: Readonly<Record<string, unknown>>;
}

/** A parsed document, or why it could not be read. */
export type ParsedPolicy = { readonly statements: readonly Statement[] } | { readonly unreadable: string };

/** What an embedded Terraform expression reads as once its document is parsed. */
const INTERPOLATION_PLACEHOLDER = "<terraform-expression>";

/**
 * Replaces each `${...}` template interpolation inside a JSON document with a plain
 * marker. An interpolation may hold quoted strings (`replace(x, "https://", "")`) that
 * break JSON; the marker keeps the document parseable while every rule still sees that
 * the value is an expression (never `*`).
 */
function maskInterpolations(text: string): string {
  // Copies the text between interpolations in slices: most documents hold none and come back as they are.
  let start = text.indexOf("${");
  if (start === -1) return text;
  let out = "";
  let i = 0;
  while (start !== -1) {
    out += text.slice(i, start);
    let depth = 0;
    let quoted = false;
    let j = start + 1;
    for (; j < text.length; j++) {
      const c = text[j];
      if (quoted) {
        if (c === "\\") j++;
        else if (c === '"') quoted = false;
      } else if (c === '"') quoted = true;
      else if (c === "{") depth++;
      else if (c === "}" && --depth === 0) break;
    }
    if (j >= text.length) return text;
    out += INTERPOLATION_PLACEHOLDER;
    i = j + 1;
    start = text.indexOf("${", i);
  }
  return out + text.slice(i);
}

/** The document a policy argument holds: parsed JSON, or why it cannot be read. */
function policyDocument(value: unknown): { readonly document: unknown } | { readonly unreadable: string } {
  if (typeof value !== "string") return { document: value };
  if (/^\$\{[^}]*\}$/.test(value.trim())) {
    return { unreadable: `the document is an expression (${value.slice(0, 80)}) unknown at synth time` };
  }
  try {
    return { document: JSON.parse(maskInterpolations(value)) };
  } catch {
    return { unreadable: "the document is not valid JSON" };
  }
}

/** One statement object with its list-or-string fields normalized to lists. */
function readStatement(s: Readonly<Record<string, unknown>>): Statement {
  return {
    ...(typeof s.Sid === "string" ? { sid: s.Sid } : {}),
    effect: s.Effect === "Deny" ? "Deny" : "Allow",
    principal: s.Principal,
    actions: strings(s.Action),
    notActions: strings(s.NotAction),
    resources: strings(s.Resource),
    notResources: strings(s.NotResource),
    ...(asObject(s.Condition) ? { condition: asObject(s.Condition) } : {}),
  };
}

/**
 * Documents parsed so far, by text: a dozen rules read each identity and key policy, and
 * parsing dominates the gate's time. Bounded so a long-lived process cannot grow it forever.
 */
const PARSED = new Map<string, ParsedPolicy>();
const PARSED_LIMIT = 10_000;

/** Parses a policy argument (memoized for JSON text: parsed documents are never mutated). */
export function parsePolicy(value: unknown): ParsedPolicy {
  if (typeof value !== "string") return parseDocument(value);
  const cached = PARSED.get(value);
  if (cached) return cached;
  const parsed = parseDocument(value);
  if (PARSED.size >= PARSED_LIMIT) PARSED.clear();
  PARSED.set(value, parsed);
  return parsed;
}

function parseDocument(value: unknown): ParsedPolicy {
  const parsed = policyDocument(value);
  if ("unreadable" in parsed) return parsed;
  const root = asObject(parsed.document);
  if (!root) return { unreadable: "the document is not a JSON object" };
  const raw = Array.isArray(root.Statement) ? root.Statement : root.Statement === undefined ? [] : [root.Statement];
  const objects = raw.map(asObject).filter((s): s is Readonly<Record<string, unknown>> => s !== undefined);
  if (objects.length < raw.length) return { unreadable: "a statement is not an object" };
  return { statements: objects.map(readStatement) };
}

/** True for `*` and service-wide wildcards such as `s3:*` (and `iam:*`-like patterns ending in `:*`). */
export function isWildcardAction(action: string): boolean {
  return action === "*" || /^[a-z0-9-]+:\*$/i.test(action);
}

/** Principals a statement names, flattened (`"*"` stays `"*"`). */
export function principals(principal: unknown): string[] {
  if (principal === "*") return ["*"];
  const object = asObject(principal);
  if (!object) return strings(principal);
  return Object.values(object).flatMap((v) => strings(v));
}

/** True when the statement applies to anyone (`"*"` or `{"AWS": "*"}`). */
export function isPublicPrincipal(principal: unknown): boolean {
  return principals(principal).includes("*");
}

/** The account-root principal `arn:aws:iam::<12 digits>:root` (what AWS's default key policy names). */
export function isAccountRoot(principal: string): boolean {
  return /^arn:aws[a-z-]*:iam::\d{12}:root$/.test(principal);
}

/** Condition keys of a statement, across operators (`StringEquals`, `ForAnyValue:...`). */
function conditionKeys(condition: Readonly<Record<string, unknown>> | undefined): string[] {
  return Object.values(condition ?? {}).flatMap((clause) => Object.keys(asObject(clause) ?? {}));
}

/**
 * True when a condition narrows who the caller is (source account, ARN, organization,
 * VPC, endpoint, IP), so `Principal: "*"` is not "anyone". `aws:SecureTransport` or MFA
 * alone do not.
 */
export function narrowsCaller(condition: Readonly<Record<string, unknown>> | undefined): boolean {
  return conditionKeys(condition).some(
    (key) =>
      /^aws:(SourceArn|SourceAccount|SourceOwner|SourceVpc|SourceVpce|SourceIp)$/i.test(key) ||
      /^aws:(PrincipalOrgID|PrincipalOrgPaths|PrincipalAccount|PrincipalArn|PrincipalServiceName)$/i.test(key) ||
      /:(sub|aud|oaud)$/.test(key) ||
      /^kms:(CallerAccount|ViaService)$/i.test(key),
  );
}

/** A condition value that matches anything (`*`, or only wildcards), so it narrows nothing. */
function matchesAnything(value: unknown): boolean {
  const values = strings(value);
  return values.length === 0 || values.some((v) => /^[*?]+$/.test(v));
}

/**
 * True when a condition narrows which resources a `Resource: "*"` statement reaches:
 * tags on the resource or request, the owning account or organization, the calling
 * service, the VPC. Only a clause that must hold counts: negated operators
 * (`StringNotEquals`), `...IfExists` (true when the key is absent), `Null: "true"` (the
 * key must be absent) and wildcard values (`StringLike: "*"`) narrow nothing.
 */
export function scopesResources(condition: Readonly<Record<string, unknown>> | undefined): boolean {
  return Object.entries(condition ?? {}).some(([operator, clause]) => {
    if (/Not|IfExists$/.test(operator)) return false;
    return Object.entries(asObject(clause) ?? {}).some(([key, value]) => {
      if (!/ResourceTag|RequestTag|ResourceAccount|ResourceOrgID|ViaService|CalledVia|PassedToService|:Vpc$/i.test(key))
        return false;
      if (operator === "Null") return value === false || value === "false";
      return !matchesAnything(value);
    });
  });
}
