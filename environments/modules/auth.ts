import type { ModuleManifestInput } from "../../constructs/workloads/manifest-schema";

/** Authentication (core group): sessions and JWTs (seed 000: JWT auth) over core_schema. */
export const auth: ModuleManifestInput = {
  name: "@plataforma/auth-module",
  version: "1.4.2",
  group: "core",
  description: "Authentication: login, sessions, JWT issuing",
  image: { registry: "ghcr.io", repository: "plataforma-app/auth-module", tag: "1.4.2" },
  ports: { http: 3000, metrics: 3001 },
  env: { NODE_ENV: "production" },
  secrets: {
    DATABASE_URL: "plataforma/modules/auth/database",
    JWT_SIGNING_KEY: "plataforma/modules/auth/jwt-signing-key",
  },
  resources: { requests: { cpu: "250m", memory: "256Mi" }, limits: { cpu: "500m", memory: "512Mi" } },
  probes: {
    liveness: { path: "/health", port: "http", initialDelaySeconds: 30, periodSeconds: 10, timeoutSeconds: 5 },
    readiness: { path: "/ready", port: "http", initialDelaySeconds: 5, periodSeconds: 5 },
  },
  autoscaling: { minReplicas: 3, maxReplicas: 30 },
  security: {
    permissions: ["database:read:core_schema", "database:write:core_schema", "events:emit"],
    csp: { "default-src": "'self'", "frame-ancestors": "'none'" },
    limits: { memory: "512Mi", cpu: "500m", storage: "256Mi", network: "600req/min" },
  },
};
