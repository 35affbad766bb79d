import type { ModuleManifestInput } from "../../constructs/workloads/manifest-schema";

/**
 * Finance (business group): owns financeiro_schema, reads sales, charges through Stripe
 * and writes monthly reports to the reports bucket.
 */
export const financeiro: ModuleManifestInput = {
  name: "@plataforma/financeiro-module",
  version: "1.2.3",
  group: "business",
  description: "Finance: invoices, payments, monthly reports",
  image: { registry: "ghcr.io", repository: "plataforma-app/financeiro-module", tag: "1.2.3" },
  ports: { http: 3000, metrics: 3001 },
  env: { NODE_ENV: "production" },
  secrets: {
    DATABASE_URL: "plataforma/modules/financeiro/database",
    STRIPE_API_KEY: "plataforma/modules/financeiro/stripe-api-key",
  },
  resources: { requests: { cpu: "250m", memory: "256Mi" }, limits: { cpu: "500m", memory: "512Mi" } },
  probes: {
    liveness: { path: "/health", port: "http", initialDelaySeconds: 30, periodSeconds: 10 },
    readiness: { path: "/ready", port: "http", initialDelaySeconds: 5, periodSeconds: 5 },
    startup: { path: "/health", port: "http", periodSeconds: 5, failureThreshold: 30 },
  },
  autoscaling: { minReplicas: 2, maxReplicas: 10 },
  security: {
    permissions: [
      "database:read:financeiro_schema",
      "database:write:financeiro_schema",
      "database:read:vendas_schema",
      "api:external:api.stripe.com",
      "storage:read:reports",
      "storage:write:reports",
      "events:subscribe",
    ],
    csp: {
      "default-src": "'self'",
      "connect-src": "'self' https://api.stripe.com",
      "frame-src": "https://js.stripe.com",
    },
    limits: { memory: "512Mi", cpu: "500m", storage: "1Gi", network: "200req/min" },
  },
};
