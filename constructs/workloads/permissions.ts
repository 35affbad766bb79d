/**
 * The manifest's permission strings (seed 000: `database:read:vendas_schema`,
 * `api:external:crm.example.com`, `storage:read:vendas_documents`) as typed values.
 * Parsing is strict: an unknown kind or a malformed target is an error, never ignored.
 */

/** Read or write access. */
export type Access = "read" | "write";

/** One parsed permission. */
export type Permission =
  | { readonly kind: "database"; readonly access: Access; readonly schema: string }
  | { readonly kind: "storage"; readonly access: Access; readonly bucket: string }
  | { readonly kind: "api-external"; readonly host: string }
  | { readonly kind: "events"; readonly action: "emit" | "subscribe"; readonly topic?: string };

/** Permission grammar, for error messages. */
export const PERMISSION_FORMS = [
  "database:read:<schema>",
  "database:write:<schema>",
  "storage:read:<bucket>",
  "storage:write:<bucket>",
  "api:external:<host>",
  "events:emit[:<topic>]",
  "events:subscribe[:<topic>]",
] as const;

const SCHEMA = /^[a-z][a-z0-9_]{1,62}$/;
const BUCKET = /^[a-z][a-z0-9_]{1,29}$/;
const TOPIC = /^[a-z][a-z0-9_.-]{0,62}$/;
/** A lowercase DNS name with at least two labels; no scheme, port, path or wildcard. */
const HOSTNAME = /^(?=.{1,253}$)([a-z0-9]([a-z0-9-]{0,61}[a-z0-9])?\.)+[a-z]{2,63}$/;

/** Result of {@link parsePermission}: the permission, or what is wrong with the text. */
export type ParsedPermission =
  | { readonly ok: true; readonly permission: Permission }
  | { readonly ok: false; readonly error: string };

function fail(error: string): ParsedPermission {
  return { ok: false, error };
}

/** Parses one permission string. */
export function parsePermission(text: string): ParsedPermission {
  const [kind, verb, ...rest] = text.split(":");
  const target = rest.join(":");
  const shown = JSON.stringify(text);
  switch (kind) {
    case "database":
    case "storage": {
      if (verb !== "read" && verb !== "write") {
        return fail(
          `${shown} has access ${JSON.stringify(verb ?? "")}. Fix: use ${kind}:read:<name> or ${kind}:write:<name>`,
        );
      }
      const pattern = kind === "database" ? SCHEMA : BUCKET;
      if (!pattern.test(target)) {
        return fail(
          `${shown} names ${JSON.stringify(target)}, ` +
            `not a ${kind === "database" ? "schema" : "logical bucket"} name. ` +
            "Fix: use lowercase letters, digits and underscores, " +
            `e.g. ${kind === "database" ? "vendas_schema" : "vendas_documents"}`,
        );
      }
      return {
        ok: true,
        permission:
          kind === "database" ? { kind, access: verb, schema: target } : { kind, access: verb, bucket: target },
      };
    }
    case "api": {
      if (verb !== "external") return fail(`${shown} is not an api permission. Fix: write api:external:<host>`);
      if (!HOSTNAME.test(target)) {
        return fail(
          `${shown} names ${JSON.stringify(target)}, not a host name. ` +
            "Fix: give a lowercase DNS name without scheme, port, path or wildcard, e.g. api:external:crm.example.com",
        );
      }
      return { ok: true, permission: { kind: "api-external", host: target } };
    }
    case "events": {
      if (verb !== "emit" && verb !== "subscribe")
        return fail(`${shown} has action ${JSON.stringify(verb ?? "")}. Fix: use events:emit or events:subscribe`);
      if (rest.length > 0 && !TOPIC.test(target))
        return fail(
          `${shown} names topic ${JSON.stringify(target)}. ` +
            "Fix: use lowercase letters, digits, dots, dashes and underscores",
        );
      return {
        ok: true,
        permission:
          rest.length > 0 ? { kind: "events", action: verb, topic: target } : { kind: "events", action: verb },
      };
    }
    default:
      return fail(`${shown} has unknown kind ${JSON.stringify(kind)}. Fix: use one of ${PERMISSION_FORMS.join(", ")}`);
  }
}

/** Parses permissions already validated by the manifest schema (throws on a bad one). */
export function mustParsePermissions(texts: readonly string[]): Permission[] {
  return texts.map((text) => {
    const parsed = parsePermission(text);
    if (!parsed.ok) throw new Error(parsed.error);
    return parsed.permission;
  });
}
