import { z } from "zod";
import {
  type ModuleManifest,
  type ModuleManifestInput,
  ModuleManifestSchema,
  ResourcesSchema,
} from "../../constructs/workloads/manifest-schema";
import { MODULE_CATALOG, MODULE_KEYS, type ModuleKey } from "../modules/catalog";
import { AwsRegionSchema } from "./primitives";

/** Per-environment sizing of one module in one region. */
export const ModuleOverrideSchema = z.strictObject({
  /** Replica bounds; the rest of the autoscaling settings come from the manifest. */
  autoscaling: z
    .strictObject({ minReplicas: z.number().int().min(1).optional(), maxReplicas: z.number().int().min(1).optional() })
    .optional(),
  /** Requests and limits; must stay within the manifest's security.limits. */
  resources: ResourcesSchema.optional(),
});

/** What an environment file writes for one module (`{}` runs it as the manifest says). */
export type ModuleOverride = z.input<typeof ModuleOverrideSchema>;

const ModuleKeySchema = z.enum(MODULE_KEYS, {
  error: (i) =>
    `unknown module ${JSON.stringify(i.input)}. ` +
    `Fix: use one of ${MODULE_KEYS.join(", ")} (environments/modules/catalog.ts)`,
});

/** Applies an override to a catalog manifest (input level, before validation). */
function applyOverride(
  base: ModuleManifestInput,
  override: z.output<typeof ModuleOverrideSchema>,
): ModuleManifestInput {
  const merged = structuredClone(base) as ModuleManifestInput & Record<string, unknown>;
  if (override.autoscaling) merged.autoscaling = { ...merged.autoscaling, ...override.autoscaling };
  if (override.resources) merged.resources = override.resources;
  return merged;
}

type ManifestResult = ReturnType<typeof ModuleManifestSchema.safeParse>;

/** Parsed manifests by module key and override: parsing is pure, and the same few repeat in every region. */
const manifestCache = new Map<string, ManifestResult>();
const MANIFEST_CACHE_LIMIT = 512;

/**
 * The catalog manifest of `key` with `override` applied, validated. Memoized: validating
 * a manifest is most of the cost of validating an environment (13 of them in production).
 * Parsed manifests are shared between configs, so they are frozen.
 */
function parseManifest(key: ModuleKey, override: z.output<typeof ModuleOverrideSchema>): ManifestResult {
  const id = `${key}\u0000${JSON.stringify(override)}`;
  const cached = manifestCache.get(id);
  if (cached) return cached;
  const result = ModuleManifestSchema.safeParse(applyOverride(MODULE_CATALOG[key], override), { reportInput: true });
  if (manifestCache.size >= MANIFEST_CACHE_LIMIT) manifestCache.clear();
  if (result.success) deepFreeze(result.data);
  manifestCache.set(id, result);
  return result;
}

function deepFreeze<T>(value: T): T {
  if (value && typeof value === "object" && !Object.isFrozen(value)) {
    Object.freeze(value);
    for (const child of Object.values(value)) deepFreeze(child);
  }
  return value;
}

/** The modules of one region, keyed by catalog name, each with its overrides. */
const RegionWorkloadsSchema = z
  .strictObject({ modules: z.partialRecord(ModuleKeySchema, ModuleOverrideSchema) })
  .transform((region, ctx) => {
    const modules: Partial<Record<ModuleKey, ModuleManifest>> = {};
    for (const [key, override] of Object.entries(region.modules) as [
      ModuleKey,
      z.output<typeof ModuleOverrideSchema>,
    ][]) {
      const result = parseManifest(key, override);
      if (result.success) {
        modules[key] = result.data;
        continue;
      }
      for (const found of result.error.issues) {
        ctx.addIssue({
          code: "custom",
          path: ["modules", key, ...found.path],
          message: `module ${key}: ${found.message}`,
          input: found.input,
        });
      }
    }
    return { modules: modules as Readonly<Partial<Record<ModuleKey, ModuleManifest>>> };
  });

/**
 * Which modules run in which region, with per-environment sizing. Checked with the
 * whole environment: regions must be configured with a cluster that has a `modules` node
 * group (whose smallest node bounds module limits), permissions must name the data
 * catalog, and modules touching personal data stores run only where residency allows.
 */
export const WorkloadsSchema = z
  .strictObject({
    regions: z.partialRecord(AwsRegionSchema, RegionWorkloadsSchema).default({}),
  })
  .transform((w) => ({
    regions: w.regions as Readonly<
      Record<string, { readonly modules: Readonly<Partial<Record<ModuleKey, ModuleManifest>>> }>
    >,
  }));

/** Parsed workloads: validated manifests per region. */
export type WorkloadsConfig = z.output<typeof WorkloadsSchema>;
