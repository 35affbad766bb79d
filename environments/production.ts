import type { EnvironmentInput } from "./schema";

type Sizes = readonly [min: number, desired: number, max: number];

/**
 * The region's cluster. Seed 001 sizes production with m5.xlarge main (3-10) and
 * c5.large modules (2-20); the current generation (m6i, c6i: same vCPU and memory,
 * ~15% better price-performance) comes first, the seed's types stay as capacity fallback.
 * Every region's maxSize equals the primary's so the DR region can absorb all traffic.
 * The API endpoint is private only: kubectl and the platform stack reach it from runners
 * and bastions inside the region's own VPC, never from the internet.
 */
function cluster(vpcCidr: string, main: Sizes, modules: Sizes) {
  return {
    kubernetesVersion: "1.36",
    // Control-plane logs (API audit, authenticator) are audit logs: a year, like WAF and flow logs.
    logRetentionDays: 365,
    endpoint: { privateAccessCidrs: [vpcCidr] },
    admins: { platform: "arn:aws:iam::333333333333:role/plataforma-platform-admin" },
    viewers: { oncall: "arn:aws:iam::333333333333:role/plataforma-oncall" },
    maxNodesPerRegion: 40,
    nodeGroups: {
      main: {
        instanceTypes: ["m6i.xlarge", "m5.xlarge"],
        minSize: main[0],
        desiredSize: main[1],
        maxSize: main[2],
        diskSizeGiB: 50,
        labels: { role: "main" },
      },
      // On-demand: modules serve customers; Spot reclaims would show up as their errors.
      modules: {
        instanceTypes: ["c6i.large", "c5.large"],
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
        flowLogs: { retentionDays: 365 },
        // Full mesh: database replication and CockroachDB nodes talk across all three regions.
        peerRegions: ["us-east-1", "eu-west-1"],
      },
      cluster: cluster("10.30.0.0/16", [3, 3, 10], [2, 2, 20]),
    },
    "us-east-1": {
      role: "dr",
      availabilityZones: ["us-east-1a", "us-east-1b", "us-east-1c"],
      network: {
        vpcCidr: "10.31.0.0/16",
        natGateways: "per-az",
        flowLogs: { retentionDays: 365 },
        peerRegions: ["eu-west-1"],
      },
      // Warm standby: running at reduced size, scales to the primary's size on failover.
      // Warm standby keeps two module nodes so zone spread and disruption budgets hold.
      cluster: cluster("10.31.0.0/16", [2, 2, 10], [2, 2, 20]),
    },
    "eu-west-1": {
      role: "serving",
      availabilityZones: ["eu-west-1a", "eu-west-1b", "eu-west-1c"],
      network: {
        vpcCidr: "10.32.0.0/16",
        natGateways: "per-az",
        flowLogs: { retentionDays: 365 },
      },
      // Serves European traffic: smaller baseline than the primary, same ceiling.
      cluster: cluster("10.32.0.0/16", [2, 2, 10], [2, 2, 20]),
    },
  },
  tags: { team: "platform", costCenter: "CC-PLAT-PRD" },
  budget: {
    monthlyLimitUsd: 2000,
    alertThresholdsPercent: [80, 100],
    notifyEmails: ["platform@plataforma.app", "finance@plataforma.app"],
  },
  monitoring: {
    subscribers: { warning: { emails: ["platform@plataforma.app"] }, critical: { emails: ["oncall@plataforma.app"] } },
    // The pager's HTTPS URL lives in this secret (primary region), never in config.
    pagerEndpointSecret: "plataforma/production/pager-endpoint",
    slack: { teamId: "T0PLATAFO", channelId: "C0ALARMSPRD" },
    prometheus: { retentionDays: 30, storageGiB: 200, replicas: 2 },
    // The checkout path (vendas) promises more than the seed default.
    slos: { vendas: { availabilityPercent: 99.95 } },
  },
  data: {
    // One schema per module (seed 000: multi-schema PostgreSQL) and the seeds' buckets.
    databaseSchemas: ["core_schema", "vendas_schema", "estoque_schema", "financeiro_schema", "admin_schema"],
    buckets: {
      reports: { kind: "reports" },
      uploads: {
        kind: "uploads",
        // Browsers upload straight to S3 with presigned URLs (seed 003's CORS rule).
        cors: {
          allowedOrigins: ["https://plataforma.app"],
          allowedMethods: ["GET", "PUT", "POST"],
          maxAgeSeconds: 3000,
        },
      },
      backups: { kind: "backups" },
      module_bundles: { kind: "module-bundles" },
      vendas_documents: { kind: "module-data" },
    },
    // Aurora Global Database: RPO 1 min needs storage-level replication (lag < 1 s);
    // writer + 2 readers (seed 003) over three zones, db.r6g.xlarge (seed 001's
    // production class; seed 003's r6g.large was for a smaller product). Backups 35
    // days: seed 003's figure, which also covers seed 001's 30 and seed 000's PITR 30.
    database: {
      engine: "postgres",
      deployment: "aurora",
      instanceClass: "db.r6g.xlarge",
      multiAz: true,
      readReplicas: 2,
      backupRetentionDays: 35,
      performanceInsightsRetentionDays: 93,
      drReplication: "global-database",
      drInstances: 1,
      // Readers scale on CPU from the 2 above up to 6, so read load reaches the HPA's maxima.
      readerAutoscaling: { maxReaders: 6 },
      // Connection and DDL logs are audit logs: kept a year like the other production audit trails.
      logRetentionDays: 365,
    },
    // Seed 003: cluster mode, 3 shards x 2 replicas, cache.r6g.large; Global Datastore so
    // the DR region starts with a warm cache instead of a stampede on the database.
    // Slow-log kept as long as the other production logs (365 days, SEC-LOG-RETENTION-AUDIT).
    cache: {
      nodeType: "cache.r6g.large",
      shards: 3,
      replicasPerShard: 2,
      globalDatastore: true,
      slowLogRetentionDays: 365,
    },
    // AWS Backup: the copy that survives deletes and corruption the Global Database replicates.
    // Compliance lock: not even the account root can delete recovery points before 35 days.
    backup: { retentionDays: 35, vaultLock: "compliance" },
  },
  workloads: {
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
  // Edge (seed 000): Cloudflare is the primary edge for plataforma.app (WAF, DDoS, load
  // balancing across regions); CloudFront distributes module bundles. Route 53 serves
  // aws.plataforma.app, delegated from Cloudflare, with seed 003's geolocation routing.
  edge: {
    primary: "cloudflare",
    regions: {
      "sa-east-1": {
        ingressHostname: "plataforma-production-sa-east-1-ingress.elb.sa-east-1.amazonaws.com",
        continents: ["SA"],
      },
      "us-east-1": {
        ingressHostname: "plataforma-production-us-east-1-ingress.elb.us-east-1.amazonaws.com",
        continents: ["NA"],
      },
      "eu-west-1": {
        ingressHostname: "plataforma-production-eu-west-1-ingress.elb.eu-west-1.amazonaws.com",
        continents: ["EU"],
      },
    },
    route53: {
      zoneName: "aws.plataforma.app",
      routing: "geolocation",
      recordTtlSeconds: 60,
      // Seed 003 asks 30 s; production pays for 10 s so a regional loss is seen in
      // ~30 s (3 failures), inside the 15 min RTO with room for promotion.
      healthCheck: { path: "/health", requestIntervalSeconds: 10, failureThreshold: 3 },
      // DNS query logs are audit logs: a year, like WAF, flow and control-plane logs.
      queryLogRetentionDays: 365,
    },
    cloudfront: { hostname: "modules.aws.plataforma.app", priceClass: "PriceClass_200", accessLogRetentionDays: 365 },
    waf: { rateLimitPer5Minutes: 2000, allowedCountries: ["BR", "US", "GB"], botControl: true, logRetentionDays: 365 },
    cloudflare: {
      accountId: "5f3c1a0e9b8d47c2a6e1f0b9d8c7a6e5",
      zoneId: "9a8b7c6d5e4f40312a1b0c9d8e7f6a5b",
      zoneName: "plataforma.app",
      // Writes belong in the primary; us-east-1 is the warm standby; eu-west-1 last.
      poolOrder: ["sa-east-1", "us-east-1", "eu-west-1"],
      fallbackPool: "us-east-1",
      steeringPolicy: "off",
      records: {
        // Vercel hosts the web app (seed 002); its documented apex address.
        "@": { type: "A", content: "76.76.21.21", proxied: true },
        www: { type: "CNAME", content: "plataforma.app", proxied: true },
      },
    },
  },
  // Reviewed exceptions to the policy-as-code guardrails (npm run policy lists them).
  policies: {
    suppressions: [
      {
        ruleId: "DP-S3-VERSIONING",
        stack: "production-sa-east-1-data",
        resource: "aws_s3_bucket.bucket-uploads_",
        reason:
          "uploads holds temporary files that expire after 30 days (seed 003: delete-temp-uploads); " +
          "modules copy what they keep into their own versioned buckets, " +
          "so versions would only retain deleted temporaries",
      },
      {
        ruleId: "RES-PERSONAL-DATA-REGION",
        stack: "production-eu-west-1-cluster",
        resource: "aws_eks_node_group.eks_node-group-",
        reason:
          "eu-west-1 serves only the stateless portal module: " +
          "the workloads config refuses modules with database or storage permissions " +
          "outside residency.personalDataRegions, " +
          "so node volumes hold images and ephemeral scratch, never personal data at rest",
        expires: "2027-11-30",
      },
      {
        ruleId: "RES-PERSONAL-DATA-REGION",
        stack: "production-eu-west-1-cluster",
        resource: "aws_launch_template.eks_node-group-",
        reason:
          "the launch templates of the eu-west-1 node groups above: " +
          "same stateless-portal-only placement, enforced by the workloads residency rule",
        expires: "2027-11-30",
      },
      {
        ruleId: "DP-S3-REPLICATION",
        stack: "bootstrap-plataforma-production",
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
