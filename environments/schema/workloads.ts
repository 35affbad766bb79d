import { z } from "zod";
import { type ModuleManifest, type ModuleManifestInput, ModuleManifestSchema, ResourcesSchema } from "../../constructs/workloads/manifest-schema";
import { allocatableCapacity, DEFAULT_MODULES_INSTANCE_TYPE, INSTANCE_TYPES, type NodeCapacity } from "../../constructs/workloads/node-capacity";
import { MODULE_CATALOG, MODULE_KEYS, type ModuleKey } from "../modules/catalog";
import { AwsRegionSchema } from "./primitives";

/**
 * The `modules` node group's size, until the cluster config is merged in: an instance
 * type from the table, or the allocatable figures of one node.
 */
export const ModulesNodeSchema = z.union([
  z.strictObject({ instanceType: z.enum(INSTANCE_TYPES) }),
  z.strictObject({ cpuMillicores: z.number().int().positive(), memoryMiB: z.number().int().positive() }),
], {
  error: `is neither a known instance type nor allocatable figures. Fix: write { instanceType: one of ${INSTANCE_TYPES.join(", ")} } or { cpuMillicores, memoryMiB } of one node`,
});

/** Per-environment sizing of one module in one region. */
export const ModuleOverrideSchema = z.strictObject({
  /** Replica bounds; the rest of the autoscaling settings come from the manifest. */
  autoscaling: z.strictObject({ minReplicas: z.number().int().min(1).optional(), maxReplicas: z.number().int().min(1).optional() }).optional(),
  /** Requests and limits; must stay within the manifest's security.limits. */
  resources: ResourcesSchema.optional(),
});

/** What an environment file writes for one module (`{}` runs it as the manifest says). */
export type ModuleOverride = z.input<typeof ModuleOverrideSchema>;

const ModuleKeySchema = z.enum(MODULE_KEYS, {
  error: (i) => `unknown module ${JSON.stringify(i.input)}. Fix: use one of ${MODULE_KEYS.join(", ")} (environments/modules/catalog.ts)`,
});

/** Applies an override to a catalog manifest (input level, before validation). */
export function applyOverride(base: ModuleManifestInput, override: z.output<typeof ModuleOverrideSchema>): ModuleManifestInput {
  const merged = structuredClone(base) as ModuleManifestInput & Record<string, unknown>;
  if (override.autoscaling) merged.autoscaling = { ...merged.autoscaling, ...override.autoscaling };
  if (override.resources) merged.resources = override.resources;
  return merged;
}

/** The modules of one region, keyed by catalog name, each with its overrides. */
const RegionWorkloadsSchema = z
  .strictObject({ modules: z.partialRecord(ModuleKeySchema, ModuleOverrideSchema) })
  .transform((region, ctx) => {
    const modules: Partial<Record<ModuleKey, ModuleManifest>> = {};
    for (const [key, override] of Object.entries(region.modules) as [ModuleKey, z.output<typeof ModuleOverrideSchema>][]) {
      const result = ModuleManifestSchema.safeParse(applyOverride(MODULE_CATALOG[key], override), { reportInput: true });
      if (result.success) {
        modules[key] = result.data;
        continue;
      }
      for (const found of result.error.issues) {
        ctx.addIssue({ code: "custom", path: ["modules", key, ...found.path], message: `module ${key}: ${found.message}`, input: found.input });
      }
    }
    return { modules: modules as Readonly<Partial<Record<ModuleKey, ModuleManifest>>> };
  });

/**
 * Which modules run in which region, with per-environment sizing. Regions must be
 * configured under `regions`; permissions must name the data catalog (checked with the
 * whole environment).
 */
export const WorkloadsSchema = z
  .strictObject({
    /** @default { instanceType: "c5.large" } (seed 001's modules node group) */
    modulesNode: ModulesNodeSchema.default({ instanceType: DEFAULT_MODULES_INSTANCE_TYPE }),
    regions: z.partialRecord(AwsRegionSchema, RegionWorkloadsSchema).default({}),
  })
  .transform((w) => ({
    /** Allocatable capacity of one modules node. */
    modulesNodeCapacity: ("instanceType" in w.modulesNode ? allocatableCapacity(w.modulesNode.instanceType) : w.modulesNode) as NodeCapacity,
    regions: w.regions as Readonly<Record<string, { readonly modules: Readonly<Partial<Record<ModuleKey, ModuleManifest>>> }>>,
  }));

/** Parsed workloads: node capacity and validated manifests per region. */
export type WorkloadsConfig = z.output<typeof WorkloadsSchema>;
