/**
 * Finds what a zod schema expects at a path of the input, so error messages can name
 * the keys an object knows (for "did you mean") and what an enum-keyed record accepts.
 * Reads zod 4's public `_zod.def` shapes; anything it does not know reads as "unknown".
 */
import type { z } from "zod";

type AnySchema = z.core.$ZodType;

interface Def {
  readonly type: string;
  readonly shape?: Readonly<Record<string, AnySchema>>;
  readonly innerType?: AnySchema;
  readonly in?: AnySchema;
  readonly element?: AnySchema;
  readonly keyType?: AnySchema;
  readonly valueType?: AnySchema;
  readonly options?: readonly AnySchema[];
  readonly discriminator?: string;
  readonly entries?: Readonly<Record<string, string | number>>;
  readonly getter?: () => AnySchema;
}

function defOf(schema: AnySchema): Def {
  return (schema as unknown as { _zod: { def: Def } })._zod.def;
}

/** Strips wrappers that do not change the shape of the input (optional, default, transform...). */
function unwrap(schema: AnySchema): AnySchema {
  let current = schema;
  for (let i = 0; i < 32; i++) {
    const def = defOf(current);
    if (
      def.innerType &&
      ["optional", "nullable", "default", "prefault", "catch", "readonly", "nonoptional"].includes(def.type)
    ) {
      current = def.innerType;
    } else if (def.type === "pipe" && def.in) {
      current = def.in;
    } else if (def.type === "lazy" && def.getter) {
      current = def.getter();
    } else {
      return current;
    }
  }
  return current;
}

/** What the schema at a path expects of an object there. */
export type Expected =
  | { readonly kind: "object"; readonly keys: readonly string[] }
  | { readonly kind: "record"; readonly keys: readonly string[] }
  | { readonly kind: "unknown" };

function valueAt(input: unknown, key: PropertyKey): unknown {
  return input !== null && typeof input === "object" ? (input as Record<PropertyKey, unknown>)[key] : undefined;
}

function enumValues(schema: AnySchema): string[] | undefined {
  const def = defOf(unwrap(schema));
  return def.type === "enum" && def.entries ? Object.values(def.entries).map(String) : undefined;
}

/** The union option the input selects (by discriminator), or the first that has the key. */
function chooseOption(
  options: readonly AnySchema[],
  def: Def,
  input: unknown,
  key?: PropertyKey,
): AnySchema | undefined {
  if (def.discriminator) {
    const wanted = valueAt(input, def.discriminator);
    const match = options.find((option) => {
      const shape = defOf(unwrap(option)).shape;
      const values = shape?.[def.discriminator!] ? literalValues(shape[def.discriminator!]) : [];
      return values.includes(wanted as string);
    });
    if (match) return match;
  }
  if (key === undefined) return undefined;
  return options.find((option) => defOf(unwrap(option)).shape?.[String(key)] !== undefined);
}

function literalValues(schema: AnySchema): unknown[] {
  const def = defOf(unwrap(schema)) as Def & { values?: unknown[] };
  return def.values ?? (def.entries ? Object.values(def.entries) : []);
}

/** The schema of the value at `path` below `schema`, given the root input, or undefined. */
function schemaAt(schema: AnySchema, path: readonly PropertyKey[], input: unknown): AnySchema | undefined {
  let current: AnySchema | undefined = schema;
  let value = input;
  for (const key of path) {
    if (!current) return undefined;
    const s = unwrap(current);
    const def = defOf(s);
    if (def.type === "object") current = def.shape?.[String(key)];
    else if (def.type === "record") current = def.valueType;
    else if (def.type === "array") current = def.element;
    else if (def.type === "union" && def.options) {
      const option = chooseOption(def.options, def, value, key);
      current = option ? defOf(unwrap(option)).shape?.[String(key)] : undefined;
    } else return undefined;
    value = valueAt(value, key);
  }
  return current;
}

/** The keys an object (or enum-keyed record) at `path` accepts. */
export function expectedAt(schema: AnySchema, path: readonly PropertyKey[], input: unknown): Expected {
  const found = schemaAt(schema, path, input);
  if (!found) return { kind: "unknown" };
  let s = unwrap(found);
  let def = defOf(s);
  if (def.type === "union" && def.options) {
    let value = input;
    for (const key of path) value = valueAt(value, key);
    const option = chooseOption(def.options, def, value);
    if (!option) {
      const keys = new Set(def.options.flatMap((o) => Object.keys(defOf(unwrap(o)).shape ?? {})));
      return { kind: "object", keys: [...keys] };
    }
    s = unwrap(option);
    def = defOf(s);
  }
  if (def.type === "object" && def.shape) return { kind: "object", keys: Object.keys(def.shape) };
  if (def.type === "record" && def.keyType) {
    const keys = enumValues(def.keyType);
    return keys ? { kind: "record", keys } : { kind: "unknown" };
  }
  return { kind: "unknown" };
}
