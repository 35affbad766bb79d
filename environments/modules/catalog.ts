import type { ModuleManifestInput } from "../../constructs/workloads/manifest-schema";
import { adminUsuarios } from "./admin-usuarios";
import { auth } from "./auth";
import { estoque } from "./estoque";
import { financeiro } from "./financeiro";
import { portal } from "./portal";
import { vendas } from "./vendas";

/**
 * Every module an environment may run, keyed by short name (the `<x>` of
 * `@plataforma/<x>-module`). Seed 000 plans 20 (5 core, 10 business, 5 admin); these are
 * the ones migrated so far. Adding one: a file here, an entry below.
 */
export const MODULE_CATALOG = {
  auth,
  portal,
  vendas,
  estoque,
  financeiro,
  "admin-usuarios": adminUsuarios,
} as const satisfies Record<string, ModuleManifestInput>;

/** Short name of a catalog module. */
export type ModuleKey = keyof typeof MODULE_CATALOG;

/** Catalog keys, for schema enums. */
export const MODULE_KEYS = Object.keys(MODULE_CATALOG) as [ModuleKey, ...ModuleKey[]];
