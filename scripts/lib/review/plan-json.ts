/**
 * The parts of `terraform show -json` plan output and of `terraform providers schema -json`
 * that the plan review reads. Only what is used is typed.
 */

/** A Terraform plan as printed by `terraform show -json <planfile>`. */
export interface PlanJson {
  readonly planned_values?: { readonly root_module?: PlannedModule; readonly outputs?: Record<string, PlannedOutput> };
  readonly resource_changes?: readonly ResourceChange[];
  readonly output_changes?: Readonly<Record<string, OutputChange>>;
  readonly configuration?: {
    readonly provider_config?: Readonly<Record<string, { readonly expressions?: Record<string, Expression> }>>;
    readonly root_module?: {
      readonly resources?: readonly ConfigResource[];
      readonly outputs?: Readonly<Record<string, { readonly expression?: Expression; readonly sensitive?: boolean }>>;
    };
  };
}

/** A module of `planned_values` (cdktf stacks have no child modules, but they are walked anyway). */
export interface PlannedModule {
  readonly resources?: readonly PlannedResource[];
  readonly child_modules?: readonly PlannedModule[];
}

/** A resource of `planned_values`. */
export interface PlannedResource {
  readonly address: string;
  readonly mode: string;
  readonly type: string;
  readonly name: string;
  readonly index?: string | number;
  readonly provider_name: string;
  readonly schema_version?: number;
  readonly values?: Record<string, unknown>;
}

/** A planned output value. */
export interface PlannedOutput {
  readonly value?: unknown;
  readonly sensitive?: boolean;
}

/** One entry of `resource_changes`. */
export interface ResourceChange {
  readonly address: string;
  readonly previous_address?: string;
  readonly mode: string;
  readonly type: string;
  readonly name: string;
  readonly index?: string | number;
  readonly provider_name?: string;
  readonly action_reason?: string;
  readonly change: {
    readonly actions: readonly string[];
    readonly before?: unknown;
    readonly after?: unknown;
    readonly after_unknown?: unknown;
    readonly before_sensitive?: unknown;
    readonly after_sensitive?: unknown;
    readonly replace_paths?: readonly (readonly (string | number)[])[];
  };
}

/** One entry of `output_changes`. */
export interface OutputChange {
  readonly actions: readonly string[];
  readonly before?: unknown;
  readonly after?: unknown;
  readonly after_unknown?: unknown;
  readonly after_sensitive?: unknown;
}

/** An expression of the plan's `configuration`: a constant, references, or nested blocks. */
export interface Expression {
  readonly constant_value?: unknown;
  readonly references?: readonly string[];
}

/** A resource of the plan's `configuration`. */
export interface ConfigResource {
  readonly address: string;
  readonly mode: string;
  readonly type: string;
  readonly name: string;
  readonly provider_config_key?: string;
  readonly expressions?: Readonly<Record<string, unknown>>;
  readonly schema_version?: number;
}

/** A cty type as the schema and state JSON write it: `"string"`, `["list","string"]`, `["object",{...}]`. */
export type CtyType = string | readonly [string, unknown];

/** A block of a provider schema. */
export interface SchemaBlock {
  readonly attributes?: Readonly<Record<string, { readonly type?: CtyType; readonly sensitive?: boolean }>>;
  readonly block_types?: Readonly<Record<string, { readonly nesting_mode: string; readonly block: SchemaBlock }>>;
}

/** A resource type's schema: its version (for state) and its block. */
export interface ResourceSchema {
  readonly version: number;
  readonly block: SchemaBlock;
}

/** Resource schemas by provider source address and type. */
export type ProviderSchemas = Readonly<Record<string, Readonly<Record<string, ResourceSchema>>>>;

/** Reads the resource schemas out of `terraform providers schema -json`. */
export function resourceSchemas(schemaJson: {
  provider_schemas?: Record<string, { resource_schemas?: Record<string, ResourceSchema> }>;
}): ProviderSchemas {
  return Object.fromEntries(
    Object.entries(schemaJson.provider_schemas ?? {}).map(([provider, s]) => [provider, s.resource_schemas ?? {}]),
  );
}

/** The review's reading of an action list: create, update, replace, delete, no-op or read. */
export type Action = "create" | "update" | "replace" | "delete" | "no-op" | "read";

/** Collapses Terraform's action list (`["delete","create"]` is a replacement). */
export function actionOf(actions: readonly string[]): Action {
  if (actions.includes("create") && actions.includes("delete")) return "replace";
  if (actions.includes("create")) return "create";
  if (actions.includes("delete")) return "delete";
  if (actions.includes("update")) return "update";
  if (actions.includes("read")) return "read";
  return "no-op";
}
