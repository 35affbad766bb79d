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
        // Interface endpoints cost ~$22/month each over three zones: five would be a third
        // of dev's $350 budget. Dev reaches AWS APIs through its NAT gateway instead.
        interfaceEndpoints: [],
      },
      cluster: {
        kubernetesVersion: "1.36",
        // Private endpoint only, reachable from runners and bastions in the VPC.
        endpoint: { privateAccessCidrs: ["10.10.0.0/16"] },
        logRetentionDays: 30,
        admins: { platform: "arn:aws:iam::111111111111:role/plataforma-platform-admin" },
        viewers: { developers: "arn:aws:iam::111111111111:role/plataforma-developers" },
        maxNodesPerRegion: 16,
        nodeGroups: {
          // Seed 003's system group: t3.medium, 2-4 nodes.
          main: {
            instanceTypes: ["t3.medium"],
            minSize: 2,
            desiredSize: 2,
            maxSize: 4,
            diskSizeGiB: 30,
            labels: { role: "main" },
          },
          // Seed 003's application group (t3.large, 2-10, desired 3, Spot), tainted as
          // seed 001's modules group; t3a.large widens the Spot pools.
          modules: {
            instanceTypes: ["t3.large", "t3a.large"],
            capacityType: "SPOT",
            minSize: 2,
            desiredSize: 3,
            maxSize: 10,
            diskSizeGiB: 30,
            labels: { role: "modules" },
            taints: { workload: { value: "modules", effect: "NoSchedule" } },
          },
        },
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
      uploads: {
        kind: "uploads",
        cors: { allowedOrigins: ["https://dev.plataforma.app"], allowedMethods: ["GET", "PUT", "POST"] },
      },
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
  workloads: {
    regions: {
      // Every module, one replica each (two at most): dev is for integration, not load.
      "sa-east-1": {
        modules: {
          auth: { autoscaling: { minReplicas: 1, maxReplicas: 2 } },
          portal: { autoscaling: { minReplicas: 1, maxReplicas: 2 } },
          vendas: {
            autoscaling: { minReplicas: 1, maxReplicas: 2 },
            resources: { requests: { cpu: "50m", memory: "128Mi" }, limits: { cpu: "250m", memory: "256Mi" } },
          },
          estoque: { autoscaling: { minReplicas: 1, maxReplicas: 2 } },
          financeiro: { autoscaling: { minReplicas: 1, maxReplicas: 2 } },
          "admin-usuarios": { autoscaling: { minReplicas: 1, maxReplicas: 2 } },
        },
      },
    },
  },
  // Edge: no Cloudflare (one region, cost), so Route 53 answers directly with simple
  // routing; CloudFront still distributes module bundles behind the WAF.
  edge: {
    primary: "route53",
    regions: {
      // The ingress NLB's DNS name (named by the platform stack's load-balancer-name
      // annotation); update it from the ingress status after the first platform apply.
      "sa-east-1": { ingressHostname: "plataforma-dev-sa-east-1-ingress.elb.sa-east-1.amazonaws.com" },
    },
    route53: { routing: "simple", recordTtlSeconds: 60 },
    cloudfront: { hostname: "modules.dev.plataforma.app", priceClass: "PriceClass_100", accessLogRetentionDays: 30 },
    waf: { rateLimitPer5Minutes: 2000, allowedCountries: ["BR", "US", "GB"], botControl: false, logRetentionDays: 30 },
  },
  // Reviewed exceptions to the policy-as-code guardrails (npm run policy lists them).
  policies: {
    suppressions: [
      {
        ruleId: "DP-S3-VERSIONING",
        stack: "dev-sa-east-1-data",
        resource: "aws_s3_bucket.bucket-uploads_",
        reason:
          "uploads holds temporary files that expire after 30 days (seed 003: delete-temp-uploads); " +
          "modules copy what they keep into their own versioned buckets, " +
          "so versions would only retain deleted temporaries",
      },
    ],
  },
  residency: { personalDataRegions: ["sa-east-1"] },
};
