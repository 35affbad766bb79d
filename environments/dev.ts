import type { EnvironmentInput } from "./schema";

/**
 * Development: one region, single NAT gateway, small and cheap (seed 000 budgets
 * dev at $350/month). Personal data stays in sa-east-1 (LGPD).
 */
export const dev: EnvironmentInput = {
  name: "dev",
  tier: "development",
  project: "plataforma",
  account: { id: "111111111111", name: "plataforma-dev" },
  domain: "dev.plataforma.app",
  primaryRegion: "sa-east-1",
  // Daily snapshots restored in place (seed 002): a day of data, hours to restore.
  dr: { strategy: "backup-restore", rpoMinutes: 1440, rtoMinutes: 480 },
  regions: {
    "sa-east-1": {
      role: "primary",
      availabilityZones: ["sa-east-1a", "sa-east-1b", "sa-east-1c"],
      network: {
        vpcCidr: "10.10.0.0/16",
        natGateways: "single",
        flowLogs: { retentionDays: 30 },
      },
    },
  },
  tags: { team: "platform", costCenter: "CC-PLAT-DEV" },
  budget: {
    monthlyLimitUsd: 350,
    alertThresholdsPercent: [80, 100],
    notifyEmails: ["platform@plataforma.app"],
  },
  data: {
    // One schema per module (seed 000: multi-schema PostgreSQL) and the seeds' buckets.
    databaseSchemas: ["core_schema", "vendas_schema", "estoque_schema", "financeiro_schema", "admin_schema"],
    buckets: {
      reports: { kind: "reports" },
      uploads: { kind: "uploads", cors: { allowedOrigins: ["https://dev.plataforma.app"], allowedMethods: ["GET", "PUT", "POST"] } },
      backups: { kind: "backups" },
      module_bundles: { kind: "module-bundles" },
      vendas_documents: { kind: "module-data" },
    },
    // Smallest class with Performance Insights; one zone, a week of PITR: dev data is
    // reproducible.
    database: {
      engine: "postgres",
      deployment: "rds",
      instanceClass: "db.t4g.medium",
      allocatedStorageGb: 20,
      maxAllocatedStorageGb: 100,
      multiAz: false,
      backupRetentionDays: 7,
      monitoringIntervalSeconds: 0,
    },
    // One shard, no replica: a cache loss in dev costs nothing but warm-up.
    cache: { nodeType: "cache.t4g.micro", shards: 1, replicasPerShard: 0, snapshotRetentionDays: 1 },
  },
  residency: { personalDataRegions: ["sa-east-1"] },
};
