/**
 * RDS and Aurora resources as the rules see them: instances (standalone and cluster
 * members), clusters, and the parameter groups they name.
 */
import type { Resource, StackView } from "../types";
import { referenced, resourcesOf } from "./stack";
import { blocks, literalString } from "./values";

/** Standalone DB instances that are not read replicas (replicas inherit their source's settings). */
export function primaryInstances(stack: StackView): Resource[] {
  return resourcesOf(stack, "aws_db_instance").filter((db) => db.values.replicate_source_db === undefined);
}

/** Every DB instance, standalone or an Aurora cluster member. */
export function allInstances(stack: StackView): Resource[] {
  return resourcesOf(stack, "aws_db_instance", "aws_rds_cluster_instance");
}

/** The engine of an instance or cluster (`postgres`, `aurora-postgresql`, `mysql`...); undefined when unknown. */
export function engineOf(resource: Resource): string | undefined {
  return literalString(resource.values.engine);
}

/** True for PostgreSQL engines (RDS and Aurora). */
export function isPostgres(resource: Resource): boolean {
  return /postgres/.test(engineOf(resource) ?? "");
}

/** What a database's parameter group says about one parameter. */
export type ParameterLookup =
  | { readonly value: string; readonly group: string }
  | { readonly missing: string }
  | { readonly unknown: string };

/**
 * The value a DB instance (`parameter_group_name`) or cluster (`db_cluster_parameter_group_name`)
 * gives `name` through a parameter group of this stack. A default group, a group from
 * another stack or an expression is unknown (fail closed).
 */
export function parameterOf(stack: StackView, database: Resource, name: string): ParameterLookup {
  const key = database.type === "aws_rds_cluster" ? "db_cluster_parameter_group_name" : "parameter_group_name";
  const argument = database.values[key];
  if (argument === undefined) return { unknown: `${key} is unset (the engine's default group applies)` };
  // Synthesized JSON references the group; plan JSON holds its resolved name.
  const groupType = database.type === "aws_rds_cluster" ? "aws_rds_cluster_parameter_group" : "aws_db_parameter_group";
  const byName = (r: Resource) => r.type === groupType && literalString(r.values.name) === literalString(argument);
  const group = referenced(stack, argument) ?? (literalString(argument) ? stack.resources.find(byName) : undefined);
  if (!group) return { unknown: `${key} ${String(argument)} is not a parameter group of this stack` };
  const parameter = blocks(group.values.parameter).find((p) => p.name === name);
  const value = parameter === undefined ? undefined : literalString(String(parameter.value));
  return value === undefined ? { missing: `${group.address} does not set ${name}` } : { value, group: group.address };
}
