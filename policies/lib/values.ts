/**
 * Reading synthesized values. Anything holding `${...}` is an expression Terraform
 * resolves later; rules treat it as unknown and fail closed unless they accept a plain
 * reference to a resource (`${aws_kms_key.k.arn}`).
 */

/** A reference to one attribute of a managed resource: `${type.name.attribute}`. */
export interface ResourceReference {
  readonly type: string;
  readonly name: string;
  readonly attribute: string;
}

const RESOURCE_REFERENCE = /^\$\{([a-z][a-z0-9_]*)\.([A-Za-z0-9_-]+)\.([a-z0-9_]+)\}$/;

/** Narrows to a plain object (not an array, not null). */
export function asObject(value: unknown): Readonly<Record<string, unknown>> | undefined {
  return typeof value === "object" && value !== null && !Array.isArray(value)
    ? (value as Record<string, unknown>)
    : undefined;
}

/**
 * Blocks in cdktf JSON are sometimes a list of objects and sometimes one object
 * (single nested blocks); this returns the objects either way.
 */
export function blocks(value: unknown): readonly Readonly<Record<string, unknown>>[] {
  if (Array.isArray(value))
    return value.map(asObject).filter((v): v is Readonly<Record<string, unknown>> => v !== undefined);
  const single = asObject(value);
  return single ? [single] : [];
}

/** The first block of a (possibly list-wrapped) nested block. */
export function block(value: unknown): Readonly<Record<string, unknown>> | undefined {
  return blocks(value)[0];
}

/** Strings of a string or list value (other items dropped). */
export function strings(value: unknown): string[] {
  if (typeof value === "string") return [value];
  if (Array.isArray(value)) return value.filter((v): v is string => typeof v === "string");
  return [];
}

/** True when a value is, or contains, a Terraform expression. */
export function isExpression(value: unknown): boolean {
  if (typeof value === "string") return value.includes("${");
  if (Array.isArray(value)) return value.some(isExpression);
  const object = asObject(value);
  return object ? Object.values(object).some(isExpression) : false;
}

/** Parses `${type.name.attribute}`; undefined for anything else (data sources included). */
export function resourceReference(value: unknown): ResourceReference | undefined {
  if (typeof value !== "string") return undefined;
  const match = RESOURCE_REFERENCE.exec(value);
  if (!match || match[1] === "data" || match[1] === "var" || match[1] === "local") return undefined;
  return { type: match[1], name: match[2], attribute: match[3] };
}

/** Terraform accepts `true` and `"true"` for booleans; an expression is not known to be true. */
export function isTrue(value: unknown): boolean {
  return value === true || value === "true";
}

/** Known false: `false` or `"false"`. Absent and expressions are not known false. */
export function isFalse(value: unknown): boolean {
  return value === false || value === "false";
}

/** A literal number (Terraform also accepts numeric strings); undefined when unknown. */
export function literalNumber(value: unknown): number | undefined {
  if (typeof value === "number") return value;
  if (typeof value === "string" && /^-?\d+(\.\d+)?$/.test(value)) return Number(value);
  return undefined;
}

/** A literal string that is not an expression; undefined otherwise. */
export function literalString(value: unknown): string | undefined {
  return typeof value === "string" && !value.includes("${") ? value : undefined;
}

/** How a value reads in a message: the JSON, and a note when it is an expression. */
export function show(value: unknown): string {
  if (value === undefined) return "unset";
  const text = JSON.stringify(value) ?? String(value);
  const short = text.length > 100 ? `${text.slice(0, 97)}...` : text;
  return isExpression(value) ? `${short} (an expression unknown at synth time: fails closed)` : short;
}
