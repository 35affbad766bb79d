import type { ModuleManifestInput } from "../../constructs/workloads/manifest-schema";

/** User administration (admin group): reads identities from core, owns admin_schema. */
export const adminUsuarios: ModuleManifestInput = {
  name: "@plataforma/admin-usuarios-module",
  version: "0.9.4",
  group: "admin",
  description: "Admin: users, roles, permission grants",
  image: { registry: "ghcr.io", repository: "plataforma-app/admin-usuarios-module", tag: "0.9.4" },
  ports: { http: 3000 },
  env: { NODE_ENV: "production" },
  secrets: { DATABASE_URL: "plataforma/modules/admin-usuarios/database" },
  resources: { requests: { cpu: "100m", memory: "128Mi" }, limits: { cpu: "250m", memory: "256Mi" } },
  probes: {
    liveness: { path: "/health", port: "http", initialDelaySeconds: 15, periodSeconds: 10 },
    readiness: { path: "/ready", port: "http", initialDelaySeconds: 5, periodSeconds: 5 },
  },
  autoscaling: { minReplicas: 2, maxReplicas: 4 },
  security: {
    permissions: [
      "database:read:core_schema",
      "database:read:admin_schema",
      "database:write:admin_schema",
      "events:subscribe",
    ],
    csp: { "default-src": "'self'", "frame-ancestors": "'none'" },
    limits: { memory: "256Mi", cpu: "250m", storage: "256Mi", network: "60req/min" },
  },
};
