import type { EnvironmentInput } from "./schema";

/**
 * Production: three regions. sa-east-1 is primary (LGPD residency), us-east-1 the
 * warm-standby DR region, eu-west-1 serves European traffic (seed 003's geolocation
 * SA/NA/EU) without holding personal data.
 *
 * Targets: RPO 1 min (seed 000; cross-region replication lag is seconds), RTO 15 min.
 * Seed 000 asks RTO < 5 min, but a regional failover (promotion, DNS TTLs, scale-up)
 * cannot honestly promise that; seed 004's 15 min can be drilled and met.
 */
export const production: EnvironmentInput = {
  name: "production",
  tier: "production",
  project: "plataforma",
  account: { id: "333333333333", name: "plataforma-production" },
  domain: "plataforma.app",
  primaryRegion: "sa-east-1",
  dr: { strategy: "warm-standby", region: "us-east-1", rpoMinutes: 1, rtoMinutes: 15 },
  regions: {
    "sa-east-1": {
      role: "primary",
      availabilityZones: ["sa-east-1a", "sa-east-1b", "sa-east-1c"],
      network: {
        vpcCidr: "10.30.0.0/16",
        natGateways: "per-az",
        flowLogs: { retentionDays: 90 },
      },
    },
    "us-east-1": {
      role: "dr",
      availabilityZones: ["us-east-1a", "us-east-1b", "us-east-1c"],
      network: {
        vpcCidr: "10.31.0.0/16",
        natGateways: "per-az",
        flowLogs: { retentionDays: 90 },
      },
    },
    "eu-west-1": {
      role: "serving",
      availabilityZones: ["eu-west-1a", "eu-west-1b", "eu-west-1c"],
      network: {
        vpcCidr: "10.32.0.0/16",
        natGateways: "per-az",
        flowLogs: { retentionDays: 90 },
      },
    },
  },
  tags: { team: "platform", costCenter: "CC-PLAT-PRD" },
  budget: {
    monthlyLimitUsd: 2000,
    alertThresholdsPercent: [80, 100],
    notifyEmails: ["platform@plataforma.app", "finance@plataforma.app"],
  },
  data: {
    // One schema per module (seed 000: multi-schema PostgreSQL) and the seeds' buckets.
    databaseSchemas: ["core_schema", "vendas_schema", "estoque_schema", "financeiro_schema", "admin_schema"],
    buckets: {
      reports: { kind: "reports" },
      uploads: { kind: "uploads" },
      backups: { kind: "backups" },
      module_bundles: { kind: "module-bundles" },
      vendas_documents: { kind: "module-data" },
    },
  },
  workloads: {
    modulesNode: { instanceType: "c5.large" },
    regions: {
      // Seed 001: at least three replicas of the core, up to 50 under load.
      "sa-east-1": {
        modules: {
          auth: { autoscaling: { minReplicas: 3, maxReplicas: 50 } },
          portal: { autoscaling: { minReplicas: 3, maxReplicas: 30 } },
          vendas: { autoscaling: { minReplicas: 3, maxReplicas: 30 } },
          estoque: { autoscaling: { minReplicas: 3, maxReplicas: 20 } },
          financeiro: { autoscaling: { minReplicas: 2, maxReplicas: 10 } },
          "admin-usuarios": {},
        },
      },
      // Warm standby: every module running, scaled down; the HPA grows it on failover.
      "us-east-1": {
        modules: {
          auth: { autoscaling: { minReplicas: 2, maxReplicas: 50 } },
          portal: { autoscaling: { minReplicas: 2, maxReplicas: 30 } },
          vendas: { autoscaling: { minReplicas: 2, maxReplicas: 30 } },
          estoque: { autoscaling: { minReplicas: 2, maxReplicas: 20 } },
          financeiro: { autoscaling: { minReplicas: 2, maxReplicas: 10 } },
          "admin-usuarios": { autoscaling: { minReplicas: 1, maxReplicas: 4 } },
        },
      },
      // eu-west-1 holds no personal data (residency): only the stateless portal runs there.
      "eu-west-1": {
        modules: {
          portal: { autoscaling: { minReplicas: 2, maxReplicas: 20 } },
        },
      },
    },
  },
  residency: { personalDataRegions: ["sa-east-1", "us-east-1"] },
};
