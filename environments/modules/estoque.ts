import type { ModuleManifestInput } from "../../constructs/workloads/manifest-schema";

/** Inventory (business group): owns estoque_schema, reads sales, reacts to sales events. */
export const estoque: ModuleManifestInput = {
  name: "@plataforma/estoque-module",
  version: "1.8.0",
  group: "business",
  description: "Inventory: stock levels, reservations, replenishment",
  image: { registry: "ghcr.io", repository: "plataforma-app/estoque-module", tag: "1.8.0" },
  ports: { http: 3000, metrics: 3001 },
  env: { NODE_ENV: "production" },
  secrets: { DATABASE_URL: "plataforma/modules/estoque/database" },
  resources: { requests: { cpu: "100m", memory: "128Mi" }, limits: { cpu: "250m", memory: "256Mi" } },
  probes: {
    liveness: { path: "/health", port: "http", initialDelaySeconds: 30, periodSeconds: 10 },
    readiness: { path: "/ready", port: "http", initialDelaySeconds: 5, periodSeconds: 5 },
  },
  autoscaling: { minReplicas: 2, maxReplicas: 15 },
  security: {
    permissions: [
      "database:read:estoque_schema",
      "database:write:estoque_schema",
      "database:read:vendas_schema",
      "events:subscribe",
      "events:emit",
    ],
    csp: { "default-src": "'self'" },
    limits: { memory: "256Mi", cpu: "250m", storage: "512Mi", network: "300req/min" },
  },
};
