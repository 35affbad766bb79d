import { z } from "zod";
import type { NodeCapacity } from "./node-capacity";
import { parsePermission } from "./permissions";
import { cpuMillicores, mebibytes, requestsPerMinute } from "./quantities";

/**
 * The module manifest (seed 000's vendas module manifest, grown into a
 * deployable spec): what a module team writes, validated before anything is synthesized.
 * It lives with the construct that compiles it (design.md: a schema a construct needs
 * lives with the construct); `environments/` selects manifests and overrides them.
 */

type Ctx = z.core.$RefinementCtx<unknown>;

function issue(ctx: Ctx, path: (string | number)[], message: string, input: unknown): void {
  ctx.addIssue({ code: "custom", path, message, input });
}

/** Groups of seed 000's migration plan: 5 core, 10 business, 5 admin modules. */
export const MODULE_GROUPS = ["core", "business", "admin"] as const;

/**
 * `@<scope>/<name>-module` in any npm scope (a platform restricts the scope with
 * `ModuleWorkload`'s `moduleScope`); `<name>` becomes the namespace suffix and role name part.
 */
export const MODULE_NAME_PATTERN = /^@[a-z0-9][a-z0-9._-]*\/([a-z][a-z0-9]*(?:-[a-z0-9]+)*)-module$/;

/** The short name of a module (`vendas` for `@acme/vendas-module`). */
export function moduleShortName(name: string): string {
  const match = MODULE_NAME_PATTERN.exec(name);
  if (!match) throw new Error(`${JSON.stringify(name)} is not a module name. Fix: use @<scope>/<name>-module`);
  return match[1];
}

const ModuleNameSchema = z.string().regex(MODULE_NAME_PATTERN, {
  error: (i) =>
    `${JSON.stringify(i.input)} is not a module name. ` +
    "Fix: use @<scope>/<name>-module with <name> in lowercase letters, digits and dashes, " +
    "e.g. @acme/vendas-module",
});

const SemverSchema = z
  .string()
  .regex(/^(0|[1-9]\d*)\.(0|[1-9]\d*)\.(0|[1-9]\d*)(-[0-9A-Za-z.-]+)?(\+[0-9A-Za-z.-]+)?$/, {
    error: (i) => `${JSON.stringify(i.input)} is not a semantic version. Fix: use MAJOR.MINOR.PATCH, e.g. 2.1.0`,
  });

/** Container image: registry, repository and exactly one of an immutable digest or a tag. */
export const ImageSchema = z
  .strictObject({
    /** Registry host, e.g. `333333333333.dkr.ecr.sa-east-1.amazonaws.com` or `ghcr.io`. */
    registry: z.string().regex(/^([a-z0-9]([a-z0-9-]{0,61}[a-z0-9])?\.)+[a-z]{2,63}(:\d{1,5})?$/, {
      error: (i) =>
        `${JSON.stringify(i.input)} is not a registry host. Fix: give a host name without scheme, e.g. ghcr.io`,
    }),
    /** Repository path, e.g. `orders/vendas`. */
    repository: z.string().regex(/^[a-z0-9]+([._-][a-z0-9]+)*(\/[a-z0-9]+([._-][a-z0-9]+)*)*$/, {
      error: (i) =>
        `${JSON.stringify(i.input)} is not a repository path. ` +
        "Fix: use lowercase path components, e.g. orders/vendas",
    }),
    /** Immutable content digest; preferred. */
    digest: z
      .string()
      .regex(/^sha256:[a-f0-9]{64}$/, {
        error: (i) =>
          `${JSON.stringify(i.input)} is not an image digest. Fix: use sha256: followed by 64 lowercase hex digits`,
      })
      .optional(),
    /** A release tag; never `latest` (mutable: rollbacks and replicas would disagree). */
    tag: z
      .string()
      .regex(/^[A-Za-z0-9_][A-Za-z0-9_.-]{0,127}$/, {
        error: (i) =>
          `${JSON.stringify(i.input)} is not an image tag. Fix: use letters, digits, dots, dashes and underscores`,
      })
      .optional(),
  })
  .superRefine((image, ctx) => {
    if ((image.digest === undefined) === (image.tag === undefined)) {
      issue(
        ctx,
        ["digest"],
        "give exactly one of digest or tag. Fix: pin the image by digest (sha256:...) or by a release tag",
        image,
      );
    }
    if (image.tag !== undefined && image.tag.toLowerCase() === "latest") {
      issue(
        ctx,
        ["tag"],
        `tag "${image.tag}" is mutable: replicas and rollbacks could run different code. ` +
          "Fix: pin a release tag (e.g. the module version) or a digest",
        image.tag,
      );
    }
  });

/** IANA service name, as Kubernetes requires for port names. */
const PortNameSchema = z.string().regex(/^(?=.{1,15}$)[a-z0-9]+(-[a-z0-9]+)*$/, {
  error: (i) =>
    `${JSON.stringify(i.input)} is not a port name. Fix: use 1-15 lowercase letters, digits and dashes, e.g. http`,
});

/** Container ports >= 1024: the container runs as non-root and cannot bind lower ones. */
const PortSchema = z
  .number()
  .int()
  .min(1024, {
    error: (i) =>
      `port ${JSON.stringify(i.input)} is privileged; the container runs as non-root. ` +
      "Fix: listen on 1024-65535, e.g. 3000",
  })
  .max(65535);

const EnvNameSchema = z.string().regex(/^[A-Z_][A-Z0-9_]*$/, {
  error: (i) =>
    `${JSON.stringify(i.input)} is not an environment variable name. ` +
    "Fix: use uppercase letters, digits and underscores",
});

/** A Secrets Manager secret: its name (resolved in the pod's region) or its full ARN. */
export const SecretRefSchema = z
  .string()
  .regex(/^(arn:aws:secretsmanager:[a-z0-9-]+:\d{12}:secret:[A-Za-z0-9/_+=.@-]{1,512}|[A-Za-z0-9/_+=.@-]{1,512})$/, {
    error: (i) =>
      `${JSON.stringify(i.input)} is not a Secrets Manager secret name or ARN. ` +
      "Fix: use a name such as orders/production/vendas/database or a full secret ARN",
  });

const CpuSchema = z.string().refine((v) => cpuMillicores(v) !== undefined, {
  error: (i) => `${JSON.stringify(i.input)} is not a CPU quantity. Fix: use millicores such as 250m or cores such as 1`,
});
const BytesSchema = z.string().refine((v) => mebibytes(v) !== undefined, {
  error: (i) =>
    `${JSON.stringify(i.input)} is not a byte quantity in binary units. ` +
    "Fix: write Mi or Gi, e.g. 256Mi or 1Gi (not MB/GB)",
});
const RateSchema = z.string().refine((v) => requestsPerMinute(v) !== undefined, {
  error: (i) => `${JSON.stringify(i.input)} is not a request rate. Fix: write <n>req/min, e.g. 100req/min`,
});

/** CPU and memory of a container. */
export const ComputeSchema = z.strictObject({ cpu: CpuSchema, memory: BytesSchema });

/** Requests (what scheduling reserves) and limits (the ceiling) of the module container. */
export const ResourcesSchema = z.strictObject({ requests: ComputeSchema, limits: ComputeSchema });

/** An HTTP probe against a named port. */
export const ProbeSchema = z.strictObject({
  path: z.string().regex(/^\/[\x21-\x7e]*$/, {
    error: (i) => `${JSON.stringify(i.input)} is not an absolute HTTP path. Fix: start with /, e.g. /health`,
  }),
  /** Name of a port in `ports`. */
  port: PortNameSchema,
  initialDelaySeconds: z.number().int().min(0).default(0),
  periodSeconds: z.number().int().min(1).default(10),
  timeoutSeconds: z.number().int().min(1).default(3),
  failureThreshold: z.number().int().min(1).default(3),
});

/** Liveness and readiness (seed 001: /health and /ready), optional startup. */
export const ProbesSchema = z.strictObject({
  liveness: ProbeSchema,
  readiness: ProbeSchema,
  startup: ProbeSchema.optional(),
});

const ScalingPolicySchema = z.strictObject({
  type: z.enum(["Percent", "Pods"]),
  value: z.number().int().min(1),
  periodSeconds: z.number().int().min(1).max(1800),
});

const ScalingRulesSchema = z.strictObject({
  stabilizationWindowSeconds: z.number().int().min(0).max(3600),
  policies: z.array(ScalingPolicySchema).min(1),
  selectPolicy: z.enum(["Max", "Min"]),
});

/** Seed 001's HPA scale-up: 60 s window, +100% or +4 pods per 15 s, whichever is more. */
export const DEFAULT_SCALE_UP = {
  stabilizationWindowSeconds: 60,
  policies: [
    { type: "Percent", value: 100, periodSeconds: 15 },
    { type: "Pods", value: 4, periodSeconds: 15 },
  ],
  selectPolicy: "Max",
} as const satisfies z.input<typeof ScalingRulesSchema>;

/** Seed 001's HPA scale-down: 300 s window, at most -50% per 60 s. */
export const DEFAULT_SCALE_DOWN = {
  stabilizationWindowSeconds: 300,
  policies: [{ type: "Percent", value: 50, periodSeconds: 60 }],
  selectPolicy: "Min",
} as const satisfies z.input<typeof ScalingRulesSchema>;

/** Seeds 000/001: scale at 70% CPU and 80% memory utilization. */
export const DEFAULT_TARGET_CPU_PERCENT = 70;
/** @see DEFAULT_TARGET_CPU_PERCENT */
export const DEFAULT_TARGET_MEMORY_PERCENT = 80;
/** Upper bound on replicas per region: beyond it a module should be split, not scaled. */
export const MAX_REPLICAS_LIMIT = 100;

/** HorizontalPodAutoscaler settings. */
export const AutoscalingSchema = z.strictObject({
  minReplicas: z.number().int().min(1),
  maxReplicas: z.number().int().min(1).max(MAX_REPLICAS_LIMIT),
  targetCpuUtilizationPercent: z.number().int().min(1).max(100).default(DEFAULT_TARGET_CPU_PERCENT),
  targetMemoryUtilizationPercent: z.number().int().min(1).max(100).default(DEFAULT_TARGET_MEMORY_PERCENT),
  behavior: z
    .strictObject({
      scaleUp: ScalingRulesSchema.default(structuredClone(DEFAULT_SCALE_UP) as z.output<typeof ScalingRulesSchema>),
      scaleDown: ScalingRulesSchema.default(structuredClone(DEFAULT_SCALE_DOWN) as z.output<typeof ScalingRulesSchema>),
    })
    .default({
      scaleUp: structuredClone(DEFAULT_SCALE_UP) as z.output<typeof ScalingRulesSchema>,
      scaleDown: structuredClone(DEFAULT_SCALE_DOWN) as z.output<typeof ScalingRulesSchema>,
    }),
});

const SurgeSchema = z.union([
  z.number().int().min(0),
  z.string().regex(/^(100|[1-9]?\d)%$/, { error: "must be a whole percentage such as 25%" }),
]);

/** Seed 001's rolling update: at most 1 pod down, up to 2 extra during a rollout. */
export const DEFAULT_ROLLOUT = { maxUnavailable: 1, maxSurge: 2 } as const;

/** Rolling update strategy. */
export const RolloutSchema = z.strictObject({
  maxUnavailable: SurgeSchema.default(DEFAULT_ROLLOUT.maxUnavailable),
  maxSurge: SurgeSchema.default(DEFAULT_ROLLOUT.maxSurge),
});

/** CSP directives a module may set for its UI (seed 000's manifest `csp`). */
export const CSP_DIRECTIVES = [
  "default-src",
  "script-src",
  "style-src",
  "img-src",
  "connect-src",
  "font-src",
  "frame-src",
  "frame-ancestors",
  "object-src",
  "base-uri",
  "form-action",
  "worker-src",
  "media-src",
  "manifest-src",
] as const;

/** The manifest's security block (seed 000): permissions, limits, CSP. */
export const SecuritySchema = z.strictObject({
  /** Permission strings; see `PERMISSION_FORMS`. Nothing declared, nothing granted. */
  permissions: z.array(z.string()).default([]),
  /** Ceilings the module was reviewed for; resources and overrides may not exceed them. */
  limits: z.strictObject({
    memory: BytesSchema,
    cpu: CpuSchema,
    /** Ephemeral storage (the writable /tmp; the root filesystem is read-only). */
    storage: BytesSchema,
    /** Requests per minute the edge lets through to the module. */
    network: RateSchema,
  }),
  /** Content-Security-Policy directives for the module's UI, enforced at the edge. */
  csp: z.partialRecord(z.enum(CSP_DIRECTIVES), z.string().min(1)).default({}),
});

const ModuleManifestObjectSchema = z.strictObject({
  name: ModuleNameSchema,
  version: SemverSchema,
  group: z.enum(MODULE_GROUPS),
  description: z.string().min(1).optional(),
  image: ImageSchema,
  /** Container ports keyed by name (`http`, `metrics`); all are exposed by the Service. */
  ports: z
    .record(PortNameSchema, PortSchema)
    .refine((p) => Object.keys(p).length > 0, { error: "declare at least one port. Fix: add e.g. { http: 3000 }" }),
  /** Plain environment variables (no secrets: they would land in Terraform state). */
  env: z.record(EnvNameSchema, z.string()).default({}),
  /**
   * Secrets by environment variable: the pod gets `<NAME>_SECRET_ID` holding the secret's
   * name or ARN and reads the value itself through its IAM role (GetSecretValue on exactly
   * these secrets). Values never pass through Terraform state or etcd.
   */
  secrets: z.record(EnvNameSchema, SecretRefSchema).default({}),
  resources: ResourcesSchema,
  probes: ProbesSchema,
  autoscaling: AutoscalingSchema,
  rollout: RolloutSchema.default({ ...DEFAULT_ROLLOUT }),
  security: SecuritySchema,
});

/** Cross-field rules of one manifest (no environment needed). */
function refineManifest(m: z.output<typeof ModuleManifestObjectSchema>, ctx: Ctx): void {
  for (const [kind, probe] of Object.entries(m.probes)) {
    if (probe && !(probe.port in m.ports)) {
      issue(
        ctx,
        ["probes", kind, "port"],
        `probe port "${probe.port}" is not a declared port [${Object.keys(m.ports).join(", ")}]. ` +
          "Fix: use one of the names under ports",
        probe.port,
      );
    }
  }
  const { requests, limits } = m.resources;
  const quantities = [
    { key: "cpu", label: "CPU", amount: (v: string) => cpuMillicores(v) ?? 0 },
    { key: "memory", label: "memory", amount: (v: string) => mebibytes(v) ?? 0 },
  ] as const;
  for (const { key, label, amount } of quantities) {
    if (amount(requests[key]) > amount(limits[key])) {
      issue(
        ctx,
        ["resources", "requests", key],
        `${label} request ${requests[key]} exceeds the limit ${limits[key]}. Fix: request at most ${limits[key]}`,
        requests[key],
      );
    }
  }
  for (const { key, label, amount } of quantities) {
    const ceiling = m.security.limits[key];
    if (amount(limits[key]) > amount(ceiling)) {
      issue(
        ctx,
        ["resources", "limits", key],
        `${label} limit ${limits[key]} exceeds the reviewed ceiling security.limits.${key} ${ceiling}. ` +
          "Fix: lower it or raise the ceiling through a security review",
        limits[key],
      );
    }
  }
  if (m.autoscaling.minReplicas > m.autoscaling.maxReplicas) {
    issue(
      ctx,
      ["autoscaling", "maxReplicas"],
      `maxReplicas ${m.autoscaling.maxReplicas} is below minReplicas ${m.autoscaling.minReplicas}. ` +
        `Fix: set maxReplicas to at least ${m.autoscaling.minReplicas}`,
      m.autoscaling.maxReplicas,
    );
  }
  const zero = (v: number | string) => v === 0 || v === "0%";
  if (zero(m.rollout.maxUnavailable) && zero(m.rollout.maxSurge)) {
    issue(
      ctx,
      ["rollout"],
      "maxUnavailable and maxSurge are both 0, so a rollout can never progress. Fix: allow a surge (e.g. maxSurge 2)",
      m.rollout,
    );
  }
  const seen = new Map<string, number>();
  m.security.permissions.forEach((text, i) => {
    const parsed = parsePermission(text);
    if (!parsed.ok) issue(ctx, ["security", "permissions", i], parsed.error, text);
    const first = seen.get(text);
    if (first !== undefined)
      issue(
        ctx,
        ["security", "permissions", i],
        `${JSON.stringify(text)} repeats security.permissions.${first}. Fix: list each permission once`,
        text,
      );
    else seen.set(text, i);
  });
  for (const [directive, value] of Object.entries(m.security.csp)) {
    if (value?.includes("'unsafe-eval'")) {
      issue(
        ctx,
        ["security", "csp", directive],
        `${directive} allows 'unsafe-eval', which lets injected strings run as code ` +
          "(the SDK sandbox forbids eval). Fix: remove 'unsafe-eval'",
        value,
      );
    }
  }
  for (const name of Object.keys(m.secrets)) {
    if (name in m.env)
      issue(
        ctx,
        ["env", name],
        `${name} is both a plain variable and a secret. Fix: keep it only under secrets`,
        m.env[name],
      );
    if (`${name}_SECRET_ID` in m.env)
      issue(
        ctx,
        ["env", `${name}_SECRET_ID`],
        `${name}_SECRET_ID is set by the secret reference secrets.${name}. Fix: remove it from env`,
        m.env[`${name}_SECRET_ID`],
      );
  }
}

/** A module manifest, validated with its cross-field rules. */
export const ModuleManifestSchema = ModuleManifestObjectSchema.superRefine(refineManifest);

/** A validated module manifest (defaults applied). */
export type ModuleManifest = z.output<typeof ModuleManifestSchema>;

/** What a module file writes (defaults optional). */
export type ModuleManifestInput = z.input<typeof ModuleManifestSchema>;

/** What the environment provides to a module; checked by {@link checkManifestInContext}. */
export interface ManifestContext {
  /** Database schemas of the data catalog. */
  readonly databaseSchemas: readonly string[];
  /** Logical bucket names of the data catalog. */
  readonly buckets: readonly string[];
  /** Allocatable capacity of one node of the modules node group. */
  readonly nodeCapacity: NodeCapacity;
  /** The account the module runs in; secret ARNs must belong to it. */
  readonly accountId: string;
}

/** A problem found in context, with a path relative to the manifest. */
export interface ManifestProblem {
  /** Path inside the manifest, e.g. `["security", "permissions", 2]`. */
  readonly path: (string | number)[];
  /** What is wrong and the fix. */
  readonly message: string;
  /** The value found at `path`. */
  readonly input: unknown;
}

/**
 * Rules that need the environment: permissions must name schemas and buckets the data
 * catalog defines, limits must fit one node of the modules node group, secret ARNs must
 * be in the module's account. Shared by the environment schema and library users.
 */
export function checkManifestInContext(m: ModuleManifest, context: ManifestContext): ManifestProblem[] {
  const problems: ManifestProblem[] = [];
  m.security.permissions.forEach((text, i) => {
    const parsed = parsePermission(text);
    if (!parsed.ok) return;
    const p = parsed.permission;
    if (p.kind === "database" && !context.databaseSchemas.includes(p.schema)) {
      problems.push({
        path: ["security", "permissions", i],
        input: text,
        message:
          `schema ${p.schema} is not in the environment's data.databaseSchemas ` +
          `[${context.databaseSchemas.join(", ")}]. Fix: add it to data.databaseSchemas or name an existing schema`,
      });
    }
    if (p.kind === "storage" && !context.buckets.includes(p.bucket)) {
      problems.push({
        path: ["security", "permissions", i],
        input: text,
        message:
          `bucket ${p.bucket} is not in the environment's data.buckets [${context.buckets.join(", ")}]. ` +
          "Fix: add it to data.buckets or name an existing bucket",
      });
    }
  });
  const cap = context.nodeCapacity;
  const limits = [
    { key: "cpu", label: "CPU", used: cpuMillicores(m.security.limits.cpu) ?? 0, max: cap.cpuMillicores, unit: "m" },
    { key: "memory", label: "memory", used: mebibytes(m.security.limits.memory) ?? 0, max: cap.memoryMiB, unit: "Mi" },
  ] as const;
  for (const limit of limits) {
    if (limit.used <= limit.max) continue;
    const written = m.security.limits[limit.key];
    problems.push({
      path: ["security", "limits", limit.key],
      input: written,
      message:
        `${limit.label} limit ${written} exceeds what one modules node can allocate (${limit.max}${limit.unit}), ` +
        "so the pod could never schedule. " +
        `Fix: lower it to at most ${limit.max}${limit.unit} or use a larger modules instance type`,
    });
  }
  for (const [name, ref] of Object.entries(m.secrets)) {
    const account = /^arn:aws:secretsmanager:[a-z0-9-]+:(\d{12}):/.exec(ref)?.[1];
    if (account && account !== context.accountId) {
      problems.push({
        path: ["secrets", name],
        input: ref,
        message:
          `secret ARN is in account ${account}, not the module's account ${context.accountId}. ` +
          `Fix: reference a secret of account ${context.accountId} (or its name)`,
      });
    }
  }
  return problems;
}

/** A module manifest is invalid; the message lists every problem as `path: message`. */
export class ManifestError extends Error {
  constructor(
    /** Which manifest (its name, when readable). */
    readonly source: string,
    /** Every problem, with its dotted path inside the manifest. */
    readonly problems: readonly { readonly path: string; readonly message: string; readonly received?: unknown }[],
  ) {
    const lines = problems.map(
      (p) =>
        `  - ${p.path || "<root>"}: ${p.message}` +
        (p.received === undefined ? "" : ` (received: ${JSON.stringify(p.received)})`),
    );
    super(
      `Invalid module manifest ${source}: ${problems.length} problem${problems.length === 1 ? "" : "s"}\n` +
        lines.join("\n"),
    );
    this.name = "ManifestError";
  }
}

/**
 * Validates a manifest for library users (module teams checking their file in CI).
 * Throws {@link ManifestError} listing every problem with its path.
 */
export function parseModuleManifest(input: unknown): ModuleManifest {
  const result = ModuleManifestSchema.safeParse(input, { reportInput: true });
  if (result.success) return result.data;
  const name = typeof (input as { name?: unknown })?.name === "string" ? (input as { name: string }).name : "<unnamed>";
  throw new ManifestError(
    name,
    result.error.issues.map((i) => ({ path: i.path.map(String).join("."), message: i.message, received: i.input })),
  );
}
