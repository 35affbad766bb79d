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
        flowLogs: { retentionDays: 90 },
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
        flowLogs: { retentionDays: 90 },
        peerRegions: ["eu-west-1"],
      },
      // Warm standby: running at reduced size, scales to the primary's size on failover.
      cluster: cluster("10.31.0.0/16", [2, 2, 10], [1, 1, 20]),
    },
    "eu-west-1": {
      role: "serving",
      availabilityZones: ["eu-west-1a", "eu-west-1b", "eu-west-1c"],
      network: {
        vpcCidr: "10.32.0.0/16",
        natGateways: "per-az",
        flowLogs: { retentionDays: 90 },
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
  residency: { personalDataRegions: ["sa-east-1", "us-east-1"] },
};
