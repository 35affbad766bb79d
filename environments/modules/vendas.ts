import type { ModuleManifestInput } from "../../constructs/workloads/manifest-schema";

/**
 * Sales (business group): seed 000's reference manifest, with its permissions, CSP and
 * limits, made deployable. Sizing: the seeds' backend figures scaled to the limits the
 * manifest was reviewed for (256Mi, 250m).
 */
export const vendas: ModuleManifestInput = {
  name: "@plataforma/vendas-module",
  version: "2.1.0",
  group: "business",
  description: "Sales: orders, quotes, customer documents",
  image: { registry: "ghcr.io", repository: "plataforma-app/vendas-module", tag: "2.1.0" },
  ports: { http: 3000, metrics: 3001 },
  env: { NODE_ENV: "production", CRM_BASE_URL: "https://crm.example.com" },
  secrets: { DATABASE_URL: "plataforma/modules/vendas/database", CRM_API_KEY: "plataforma/modules/vendas/crm-api-key" },
  resources: { requests: { cpu: "100m", memory: "128Mi" }, limits: { cpu: "250m", memory: "256Mi" } },
  probes: {
    liveness: { path: "/health", port: "http", initialDelaySeconds: 30, periodSeconds: 10, timeoutSeconds: 5 },
    readiness: { path: "/ready", port: "http", initialDelaySeconds: 5, periodSeconds: 5 },
  },
  autoscaling: { minReplicas: 3, maxReplicas: 20 },
  security: {
    permissions: [
      "database:read:vendas_schema",
      "database:write:vendas_schema",
      "api:external:crm.example.com",
      "storage:read:vendas_documents",
      "events:emit",
    ],
    csp: {
      "script-src": "'self' 'unsafe-inline'",
      "connect-src": "'self' https://api.stripe.com",
      "img-src": "'self' data: https:",
    },
    limits: { memory: "256Mi", cpu: "250m", storage: "1Gi", network: "100req/min" },
  },
};
