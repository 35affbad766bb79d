import { engineOf, parameterOf, primaryInstances } from "../../lib/rds";
import { resourcesOf } from "../../lib/stack";
import type { Resource, StackCheck, StackView, Violation } from "../../types";

/** The parameter that refuses plain-text connections, and its required value, per engine family. */
function tlsParameter(engine: string | undefined): { readonly name: string; readonly on: string[] } | undefined {
  if (engine === undefined) return undefined;
  if (/postgres/.test(engine)) return { name: "rds.force_ssl", on: ["1"] };
  if (/mysql|mariadb/.test(engine)) return { name: "require_secure_transport", on: ["1", "ON", "on"] };
  return undefined;
}

function problem(stack: StackView, db: Resource): string | undefined {
  const tls = tlsParameter(engineOf(db));
  if (!tls) return `engine ${String(db.values.engine)} is not one whose TLS parameter this rule knows`;
  const found = parameterOf(stack, db, tls.name);
  if ("value" in found)
    return tls.on.includes(found.value) ? undefined : `${found.group} sets ${tls.name} = ${found.value}`;
  return "missing" in found ? found.missing : found.unknown;
}

/**
 * Databases refuse unencrypted connections: their parameter group (in this stack) sets
 * `rds.force_ssl = 1` (PostgreSQL) or `require_secure_transport = ON` (MySQL). Default
 * groups fail closed: their value differs by engine version and cannot be read here.
 */
export const rdsForceSsl: StackCheck = (stack) =>
  [...primaryInstances(stack), ...resourcesOf(stack, "aws_rds_cluster")].flatMap((db): Violation[] => {
    const message = problem(stack, db);
    return message ? [{ address: db.address, message: `TLS is not enforced: ${message}` }] : [];
  });
