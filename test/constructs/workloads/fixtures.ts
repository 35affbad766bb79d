import type { ModuleManifestInput } from "../../../constructs/workloads/manifest-schema";

/** A valid manifest exercising every field (seed 000's vendas manifest). */
export function vendasManifest(): ModuleManifestInput & Record<string, unknown> {
  return {
    name: "@plataforma/vendas-module",
    version: "2.1.0",
    group: "business",
    image: { registry: "ghcr.io", repository: "plataforma-app/vendas-module", tag: "2.1.0" },
    ports: { http: 3000, metrics: 3001 },
    env: { NODE_ENV: "production" },
    secrets: { DATABASE_URL: "plataforma/modules/vendas/database" },
    resources: { requests: { cpu: "100m", memory: "128Mi" }, limits: { cpu: "250m", memory: "256Mi" } },
    probes: { liveness: { path: "/health", port: "http" }, readiness: { path: "/ready", port: "http" } },
    autoscaling: { minReplicas: 3, maxReplicas: 20 },
    security: {
      permissions: [
        "database:read:vendas_schema",
        "database:write:vendas_schema",
        "api:external:crm.example.com",
        "storage:read:vendas_documents",
      ],
      csp: { "script-src": "'self' 'unsafe-inline'" },
      limits: { memory: "256Mi", cpu: "250m", storage: "1Gi", network: "100req/min" },
    },
  };
}

/** A valid manifest with no permissions and no secrets. */
export function quietManifest(): ModuleManifestInput & Record<string, unknown> {
  return {
    name: "@plataforma/quiet-module",
    version: "1.0.0",
    group: "core",
    image: { registry: "ghcr.io", repository: "plataforma-app/quiet", digest: `sha256:${"a".repeat(64)}` },
    ports: { http: 8080 },
    resources: { requests: { cpu: "50m", memory: "64Mi" }, limits: { cpu: "100m", memory: "128Mi" } },
    probes: { liveness: { path: "/healthz", port: "http" }, readiness: { path: "/healthz", port: "http" } },
    autoscaling: { minReplicas: 1, maxReplicas: 2 },
    security: { limits: { memory: "128Mi", cpu: "100m", storage: "64Mi", network: "60req/min" } },
  };
}
