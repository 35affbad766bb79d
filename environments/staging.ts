import type { EnvironmentInput } from "./schema";

type Sizes = readonly [min: number, desired: number, max: number];

/**
 * A staging region's cluster: production's shape at small scale (m6i.large main, Spot
 * c6i.large modules tainted for module workloads), private endpoint only.
 */
function cluster(vpcCidr: string, main: Sizes, modules: Sizes, viewers?: Record<string, string>) {
  return {
    kubernetesVersion: "1.36",
    endpoint: { privateAccessCidrs: [vpcCidr] },
    admins: { platform: "arn:aws:iam::222222222222:role/plataforma-platform-admin" },
    ...(viewers ? { viewers } : {}),
    maxNodesPerRegion: 12,
    nodeGroups: {
      main: {
        instanceTypes: ["m6i.large", "m5.large"],
        minSize: main[0],
        desiredSize: main[1],
        maxSize: main[2],
        labels: { role: "main" },
      },
      modules: {
        instanceTypes: ["c6i.large", "c5.large", "c6a.large"],
        capacityType: "SPOT" as const,
        minSize: modules[0],
        desiredSize: modules[1],
        maxSize: modules[2],
        diskSizeGiB: 30,
        labels: { role: "modules" },
        taints: { workload: { value: "modules", effect: "NoSchedule" as const } },
      },
    },
  };
}

/**
 * Staging: the production topology at pilot-light scale. Primary sa-east-1, DR
 * us-east-1 with RPO 15 min / RTO 30 min (seed 003's pilot light). Single NAT per
 * region to keep it near seed 000's $205/month.
 */
export const staging: EnvironmentInput = {
  name: "staging",
  tier: "staging",
  project: "plataforma",
  account: { id: "222222222222", name: "plataforma-staging" },
  domain: "staging.plataforma.app",
  primaryRegion: "sa-east-1",
  dr: {
    strategy: "pilot-light",
    region: "us-east-1",
    rpoMinutes: 15,
    rtoMinutes: 30,
    // Game days (AWS FIS, started by hand): sa-east-1a loses power; sa-east-1 loses us-east-1.
    gameDays: { availabilityZone: "sa-east-1a" },
  },
  regions: {
    "sa-east-1": {
      role: "primary",
      availabilityZones: ["sa-east-1a", "sa-east-1b", "sa-east-1c"],
      network: {
        vpcCidr: "10.20.0.0/16",
        natGateways: "single",
        flowLogs: { retentionDays: 90 },
        // Staging rehearses replication and failover over the same private link as production.
        peerRegions: ["us-east-1"],
      },
      cluster: cluster("10.20.0.0/16", [2, 2, 4], [1, 2, 6], {
        developers: "arn:aws:iam::222222222222:role/plataforma-developers",
      }),
    },
    "us-east-1": {
      role: "dr",
      availabilityZones: ["us-east-1a", "us-east-1b", "us-east-1c"],
      network: {
        vpcCidr: "10.21.0.0/16",
        natGateways: "single",
        flowLogs: { retentionDays: 90 },
        // Pilot light stays cheap: its few nodes reach AWS APIs through NAT; the primary
        // keeps all five endpoints to rehearse production's private paths.
        interfaceEndpoints: [],
      },
      // Pilot light: one system node and one module node (for the portal) until a
      // failover scales them up.
      cluster: cluster("10.21.0.0/16", [1, 1, 4], [1, 1, 6]),
    },
  },
  tags: { team: "platform", costCenter: "CC-PLAT-STG" },
  budget: {
    monthlyLimitUsd: 205,
    alertThresholdsPercent: [80, 100],
    notifyEmails: ["platform@plataforma.app"],
  },
  monitoring: {
    subscribers: {
      warning: { emails: ["platform@plataforma.app"] },
      critical: { emails: ["platform@plataforma.app"] },
    },
    prometheus: { retentionDays: 15, storageGiB: 50 },
  },
  data: {
    // One schema per module (seed 000: multi-schema PostgreSQL) and the seeds' buckets.
    databaseSchemas: ["core_schema", "vendas_schema", "estoque_schema", "financeiro_schema", "admin_schema"],
    buckets: {
      reports: { kind: "reports" },
      uploads: {
        kind: "uploads",
        cors: { allowedOrigins: ["https://staging.plataforma.app"], allowedMethods: ["GET", "PUT", "POST"] },
      },
      backups: { kind: "backups" },
      module_bundles: { kind: "module-bundles" },
      vendas_documents: { kind: "module-data" },
    },
    // Pilot light (seed 003: RPO 15 min): automated backups and logs replicated to
    // us-east-1 meet 15 min without paying for a standby database there.
    database: {
      engine: "postgres",
      deployment: "rds",
      instanceClass: "db.t4g.medium",
      multiAz: true,
      backupRetentionDays: 14,
      drReplication: "automated-backups",
    },
    cache: { nodeType: "cache.t4g.small", shards: 1, replicasPerShard: 1 },
    // Staging rehearses recovery: every Saturday AWS Backup restores the newest snapshot and
    // deletes the copy after validation, so a backup that does not restore is found here first.
    backup: { restoreTesting: true },
  },
  workloads: {
    regions: {
      // Production's layout at smaller scale: two replicas keep PDBs and zone spread real.
      "sa-east-1": {
        modules: {
          auth: { autoscaling: { minReplicas: 2, maxReplicas: 6 } },
          portal: { autoscaling: { minReplicas: 2, maxReplicas: 4 } },
          vendas: { autoscaling: { minReplicas: 2, maxReplicas: 6 } },
          estoque: { autoscaling: { minReplicas: 2, maxReplicas: 4 } },
          financeiro: { autoscaling: { minReplicas: 2, maxReplicas: 4 } },
          "admin-usuarios": { autoscaling: { minReplicas: 1, maxReplicas: 2 } },
        },
      },
      // Pilot light: the stateless shell only. auth emits events and staging keeps no
      // cache in us-east-1, so the drill places auth (and the rest) there on failover.
      "us-east-1": {
        modules: {
          portal: { autoscaling: { minReplicas: 1, maxReplicas: 4 } },
        },
      },
    },
  },
  // Edge: Route 53 failover sa-east-1 -> us-east-1 rehearses production's DR path.
  // No Cloudflare: staging.plataforma.app lives inside production's Cloudflare zone, and
  // zone settings are zone-wide, so only production's stack may own them.
  edge: {
    primary: "route53",
    regions: {
      "sa-east-1": { ingressHostname: "plataforma-staging-sa-east-1-ingress.elb.sa-east-1.amazonaws.com" },
      "us-east-1": { ingressHostname: "plataforma-staging-us-east-1-ingress.elb.us-east-1.amazonaws.com" },
    },
    route53: {
      routing: "failover",
      recordTtlSeconds: 60,
      healthCheck: { path: "/health", requestIntervalSeconds: 30, failureThreshold: 3 },
    },
    cloudfront: {
      hostname: "modules.staging.plataforma.app",
      priceClass: "PriceClass_200",
      accessLogRetentionDays: 90,
    },
    waf: { rateLimitPer5Minutes: 2000, allowedCountries: ["BR", "US", "GB"], botControl: false, logRetentionDays: 90 },
  },
  // Reviewed exceptions to the policy-as-code guardrails (npm run policy lists them).
  policies: {
    suppressions: [
      {
        ruleId: "DP-S3-VERSIONING",
        stack: "staging-sa-east-1-data",
        resource: "aws_s3_bucket.bucket-uploads_",
        reason:
          "uploads holds temporary files that expire after 30 days (seed 003: delete-temp-uploads); " +
          "modules copy what they keep into their own versioned buckets, " +
          "so versions would only retain deleted temporaries",
      },
      {
        ruleId: "DP-S3-REPLICATION",
        stack: "bootstrap-plataforma-staging",
        resource: "aws_s3_bucket.audit-trail_bucket_",
        reason:
          "the trail is multi-region and every event also reaches its encrypted CloudWatch Logs group; " +
          "a DR-region copy of the archive comes with the log-archive account (README Known gaps)",
        expires: "2027-12-31",
      },
    ],
  },
  residency: { personalDataRegions: ["sa-east-1", "us-east-1"] },
};
