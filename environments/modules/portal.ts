import type { ModuleManifestInput } from "../../constructs/workloads/manifest-schema";

/**
 * The portal shell (core group): serves the desktop UI that loads other modules'
 * bundles from the CDN. It holds no data and calls nothing server-side, so it declares
 * no permissions: no IAM statements, no database, no egress beyond DNS.
 */
export const portal: ModuleManifestInput = {
  name: "@plataforma/portal-module",
  version: "3.0.1",
  group: "core",
  description: "Portal shell: desktop UI and module loader",
  image: { registry: "ghcr.io", repository: "plataforma-app/portal-module", tag: "3.0.1" },
  ports: { http: 8080 },
  resources: { requests: { cpu: "100m", memory: "128Mi" }, limits: { cpu: "250m", memory: "256Mi" } },
  probes: {
    liveness: { path: "/healthz", port: "http", periodSeconds: 10 },
    readiness: { path: "/healthz", port: "http", periodSeconds: 5 },
  },
  autoscaling: { minReplicas: 2, maxReplicas: 10 },
  security: {
    permissions: [],
    csp: { "default-src": "'self'", "img-src": "'self' data: https:", "frame-ancestors": "'none'" },
    limits: { memory: "256Mi", cpu: "250m", storage: "128Mi", network: "1200req/min" },
  },
};
