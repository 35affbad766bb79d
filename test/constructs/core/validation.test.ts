import { readdirSync, readFileSync } from "node:fs";
import { join, relative } from "node:path";
import { DataAwsCallerIdentity } from "@cdktf/provider-aws/lib/data-aws-caller-identity";
import { AwsProvider } from "@cdktf/provider-aws/lib/provider";
import { SecurityGroup } from "@cdktf/provider-aws/lib/security-group";
import { TerraformStack, TerraformVariable, Testing } from "cdktf";
import { Construct } from "constructs";
import { BackupPlan } from "../../../constructs/backup/backup-plan";
import { BackupVault } from "../../../constructs/backup/backup-vault";
import { RedisCache } from "../../../constructs/cache/redis-cache";
import { ModuleCacheRules } from "../../../constructs/cloudflare/module-cache-rules";
import { ProxiedRecords } from "../../../constructs/cloudflare/proxied-records";
import { RegionalLoadBalancer } from "../../../constructs/cloudflare/regional-load-balancer";
import { SecurityRules } from "../../../constructs/cloudflare/security-rules";
import { ZoneBaseline } from "../../../constructs/cloudflare/zone-baseline";
import { ZoneDelegation } from "../../../constructs/cloudflare/zone-delegation";
import { EksCluster } from "../../../constructs/cluster/eks-cluster";
import { IrsaRole } from "../../../constructs/cluster/irsa-role";
import { ManagedNodeGroup } from "../../../constructs/cluster/managed-node-group";
import {
  ConstructValidationError,
  checkAccountId,
  checkNonEmpty,
  checkRegionName,
  checkRequired,
  type PropProblem,
  throwIfInvalid,
} from "../../../constructs/core/validation";
import { AuroraPostgres } from "../../../constructs/database/aurora-postgres";
import { CockroachDbCluster } from "../../../constructs/database/cockroachdb-cluster";
import { CrossRegionBackups } from "../../../constructs/database/cross-region-backups";
import { RdsPostgres } from "../../../constructs/database/rds-postgres";
import { DnsValidatedCertificate } from "../../../constructs/dns/dns-validated-certificate";
import { PublicZone } from "../../../constructs/dns/public-zone";
import { RegionalApiRecords } from "../../../constructs/dns/regional-api-records";
import { ZoneDnssec } from "../../../constructs/dns/zone-dnssec";
import { AzPowerInterruptionExperiment } from "../../../constructs/dr/az-power-interruption-experiment";
import { CrossRegionConnectivityExperiment } from "../../../constructs/dr/cross-region-connectivity-experiment";
import { FisExperiment } from "../../../constructs/dr/fis-experiment";
import { CloudFrontLogBucket } from "../../../constructs/edge/cloudfront-log-bucket";
import { EdgeWebAcl } from "../../../constructs/edge/edge-web-acl";
import { ModuleDistribution } from "../../../constructs/edge/module-distribution";
import { EncryptionKey } from "../../../constructs/kms/encryption-key";
import { AlarmTopics } from "../../../constructs/monitoring/alarm-topics";
import { AuditTrail } from "../../../constructs/monitoring/audit-trail";
import { KubePrometheusStack } from "../../../constructs/monitoring/kube-prometheus-stack";
import { MonthlyBudget } from "../../../constructs/monitoring/monthly-budget";
import { InterfaceEndpoints } from "../../../constructs/network/interface-endpoints";
import { RegionPeering } from "../../../constructs/network/region-peering";
import { RegionalNetwork } from "../../../constructs/network/regional-network";
import { ServiceSecurityGroup } from "../../../constructs/network/service-security-group";
import { StateBucket } from "../../../constructs/state/state-bucket";
import { DataBucket } from "../../../constructs/storage/data-bucket";
import { S3AccessLogBucket } from "../../../constructs/storage/s3-access-log-bucket";
import { HelmAddon } from "../../../constructs/workloads/helm-addon";
import { Karpenter } from "../../../constructs/workloads/karpenter";
import { ModuleWorkload } from "../../../constructs/workloads/module-workload";
import { validationError } from "../fixtures";
import { vendasManifest } from "../workloads/fixtures";

const ACCOUNT = "123456789012";

/** Valid companions some constructs need, created next to the construct under test. */
function companions(scope: Construct) {
  const key = new EncryptionKey(scope, "key", { alias: "test", purpose: "test", accountId: ACCOUNT });
  const securityGroup = new SecurityGroup(scope, "sg", { name: "test", vpcId: "vpc-1" });
  const zone = new PublicZone(scope, "zone", { zoneName: "aws.plataforma.app" });
  return { key, securityGroup, zone };
}

type Build = (scope: Construct, c: ReturnType<typeof companions>) => void;

const postgres = (c: ReturnType<typeof companions>) => ({
  name: "Bad_Name",
  accountId: ACCOUNT,
  subnetIds: ["subnet-a", "subnet-b"],
  securityGroup: c.securityGroup,
  key: c.key,
  logKey: c.key,
  instanceClass: "db.t4g.micro",
  engineVersion: "16",
  backupRetentionDays: 0,
  monitoringIntervalSeconds: 7,
  performanceInsightsRetentionDays: 8,
});

/**
 * One build per construct that validates its props, each breaking as many rules as one
 * call can. The construct under test always gets the id `subject`.
 */
const BAD_PROPS: Readonly<Record<string, Build>> = {
  AuroraPostgres: (s, c) => new AuroraPostgres(s, "subject", { ...postgres(c), readers: 16 }),
  AzPowerInterruptionExperiment: (s, c) =>
    new AzPowerInterruptionExperiment(s, "subject", {
      name: "az-power",
      accountId: ACCOUNT,
      region: "sa-east-1",
      availabilityZone: "us-east-1a",
      stopConditionAlarmArns: [],
      durationMinutes: 0,
      logKey: c.key,
    }),
  CloudFrontLogBucket: (s) => new CloudFrontLogBucket(s, "subject", { bucketName: "logs", retentionDays: 0 }),
  CockroachDbCluster: (s) =>
    new CockroachDbCluster(s, "subject", {
      region: "eu-west-1",
      regions: ["sa-east-1", "us-east-1"],
      allowedRegions: ["sa-east-1"],
      survivalGoal: "region",
      clusterName: "crdb",
      volumeKmsKeyArn: "arn:aws:kms:sa-east-1:123456789012:key/abc",
      backupBucketName: "backups",
      backupRoleArn: "arn:aws:iam::123456789012:role/backup",
      nodesPerRegion: 1,
    }),
  CrossRegionBackups: (s, c) =>
    new CrossRegionBackups(s, "subject", { sourceInstanceArn: "arn", key: c.key, retentionDays: 36 }),
  CrossRegionConnectivityExperiment: (s, c) =>
    new CrossRegionConnectivityExperiment(s, "subject", {
      name: "cross-region",
      accountId: ACCOUNT,
      region: "sa-east-1",
      isolatedRegion: "sa-east-1",
      stopConditionAlarmArns: [],
      subnetTags: {},
      logKey: c.key,
    }),
  DataBucket: (s, c) => {
    const logs = new S3AccessLogBucket(s, "logs", { bucketName: "logs", accountId: ACCOUNT });
    const props = {
      kind: "reports" as const,
      accountId: ACCOUNT,
      region: "sa-east-1",
      key: c.key,
      logBucket: logs.bucket,
    };
    const replica = new DataBucket(s, "replica", { ...props, bucketName: "replica", versioned: false });
    new DataBucket(s, "subject", {
      ...props,
      bucketName: "Bad_Bucket",
      versioned: false,
      expirationDays: 100,
      replication: { destination: replica, roleName: "replicate" },
    });
  },
  DnsValidatedCertificate: (s, c) =>
    new DnsValidatedCertificate(s, "subject", {
      domainName: "example.com",
      subjectAlternativeNames: ["cdn.example.com"],
      zone: c.zone,
    }),
  EdgeWebAcl: (s) =>
    new EdgeWebAcl(s, "subject", {
      name: "bad name!",
      accountId: ACCOUNT,
      rateLimitPer5Minutes: 5,
      allowedCountries: ["UK"],
    }),
  EksCluster: (s) =>
    new EksCluster(s, "subject", {
      name: "eks",
      accountId: ACCOUNT,
      region: "sa-east-1",
      kubernetesVersion: "1.28",
      vpcId: "vpc-1",
      subnetIds: ["subnet-a"],
      logTypes: ["api"],
      serviceIpv4Cidr: "172.20.0.1/16",
      privateAccessCidrs: ["0.0.0.0/0", "10.0.0.0/33"],
      admins: {},
      nodeGroups: { main: { instanceTypes: ["zz9.large"], minSize: 3, desiredSize: 1, maxSize: 2, diskSizeGiB: 10 } },
      addonVersions: { coredns: "latest" },
    }),
  EncryptionKey: (s) =>
    new EncryptionKey(s, "subject", { alias: "k", purpose: "test", accountId: ACCOUNT, deletionWindowDays: 3 }),
  FisExperiment: (s, c) =>
    new FisExperiment(s, "subject", {
      name: "Game Day",
      description: "d",
      accountId: ACCOUNT,
      region: "sa-east-1",
      stopConditionAlarmArns: ["arn:aws:sns:sa-east-1:123456789012:topic"],
      actions: {},
      targets: { nodes: { resourceType: "aws:ec2:instance" } },
      statements: [],
      logKey: c.key,
    }),
  HelmAddon: (s) =>
    new HelmAddon(s, "subject", {
      chart: { repository: "https://charts.jetstack.io", chart: "cert-manager", version: "^1.18" },
      namespace: "cert-manager",
      identity: {
        roleName: "x".repeat(65),
        serviceAccount: "sa",
        statements: [],
        cluster: { oidcProviderArn: "a", oidcIssuer: "i" },
      },
    }),
  InterfaceEndpoints: (s) =>
    new InterfaceEndpoints(s, "subject", {
      name: "n",
      region: "sa-east-1",
      accountId: "123456789012",
      vpcId: "vpc-1",
      vpcCidr: "10.0.0.0/16",
      subnetIds: [],
      services: ["sts", "sts", "ec2" as never],
    }),
  IrsaRole: (s) =>
    new IrsaRole(s, "subject", {
      roleName: "r",
      oidcProviderArn: "a",
      oidcIssuer: "i",
      namespace: "Kube_System",
      serviceAccount: "*",
    }),
  ManagedNodeGroup: (s) =>
    new ManagedNodeGroup(s, "subject", {
      clusterName: "eks",
      name: "Main_Group",
      nodeRoleArn: "arn",
      subnetIds: [],
      securityGroupIds: [],
      volumeKmsKeyArn: "arn",
      instanceTypes: ["m6i.large", "m7g.large"],
      minSize: 1.5,
      desiredSize: 0,
      maxSize: 0,
    }),
  ModuleCacheRules: (s) =>
    new ModuleCacheRules(s, "subject", {
      zoneId: "z",
      pathPrefix: "modules",
      edgeTtlSeconds: 10,
      manifestEdgeTtlSeconds: 7200,
    }),
  ModuleDistribution: (s, c) =>
    new ModuleDistribution(s, "subject", {
      name: "n",
      hostname: "modules.example.com",
      certificate: new DnsValidatedCertificate(s, "certificate", {
        domainName: "modules.aws.plataforma.app",
        zone: c.zone,
      }),
      bundleBucket: { name: "bundles", region: "sa-east-1" },
      apiOrigins: { "sa-east-1": "api.example.com" },
      primaryApiRegion: "eu-west-1",
      failoverApiRegion: "ap-south-1",
      manifestTtl: { min: 10, default: 5, max: 1 },
      corsAllowedOrigins: ["http://plataforma.app"],
      zone: c.zone,
    }),
  ModuleWorkload: (s) =>
    new ModuleWorkload(s, "subject", {
      manifest: { ...vendasManifest(), version: "two" } as never,
      cluster: { oidcProviderArn: "a", oidcIssuer: "i" },
      region: "sa-east-1",
      accountId: ACCOUNT,
      roleName: "bad role",
      network: { databaseCidrs: [], awsEndpointCidrs: [] },
    }),
  AlarmTopics: (s) =>
    new AlarmTopics(s, "subject", { topicNames: {}, keyAlias: "a", accountId: ACCOUNT, region: "sa-east-1" }),
  AuditTrail: (s) =>
    new AuditTrail(s, "subject", {
      name: "audit",
      bucketName: "audit-bucket",
      accountId: ACCOUNT,
      region: "sa-east-1",
      alarmTopicArn: "arn:aws:sns:sa-east-1:123456789012:t",
      retentionDays: 30,
      metricNamespace: "AWS/Audit",
      accessLoggingExemption: { reason: "short" },
    }),
  KubePrometheusStack: (s) =>
    new KubePrometheusStack(s, "subject", {
      modules: [],
      coreNamespaces: [],
      retentionDays: 0,
      region: "sa-east-1",
      topicArns: { warning: "arn:aws:sns:sa-east-1:123456789012:w", critical: "arn:aws:sns:sa-east-1:123456789012:c" },
      identity: { roleName: "r", oidcProviderArn: "arn:aws:iam::123456789012:oidc-provider/x", oidcIssuer: "x" },
      moduleNamespacePattern: "",
    }),
  MonthlyBudget: (s) =>
    new MonthlyBudget(s, "subject", { name: "b", limitUsd: 0, thresholdsPercent: [80], emails: [] }),
  ProxiedRecords: (s) =>
    new ProxiedRecords(s, "subject", {
      zoneId: "z",
      zoneName: "plataforma.app",
      records: { "@": { type: "A", content: "plataforma.app" }, www: { type: "CNAME", content: "https://x" } },
    }),
  RdsPostgres: (s, c) =>
    new RdsPostgres(s, "subject", {
      ...postgres(c),
      multiAz: false,
      allocatedStorageGb: 500,
      maxAllocatedStorageGb: 200,
    }),
  RedisCache: (s, c) =>
    new RedisCache(s, "subject", {
      name: "Bad_Id",
      subnetIds: ["subnet-a"],
      securityGroup: c.securityGroup,
      key: c.key,
      logKey: c.key,
      engine: "valkey",
      engineVersion: "7.1",
      nodeType: "cache.t4g.micro",
      shards: 0,
      replicasPerShard: 6,
      atRestEncryption: false,
      transitEncryption: false,
      snapshotRetentionDays: 36,
      users: { default: "on" },
      globalRole: { kind: "primary" },
    }),
  RegionPeering: (s) => {
    const provider = new AwsProvider(s, "aws", { region: "sa-east-1" });
    const side = { region: "sa-east-1", provider, vpcId: "vpc-1", vpcCidr: "10.0.0.1/16", routeTableIds: {} };
    new RegionPeering(s, "subject", { name: "n", accountId: ACCOUNT, requester: side, accepter: side });
  },
  RegionalApiRecords: (s, c) =>
    new RegionalApiRecords(s, "subject", {
      zone: c.zone,
      endpoints: { "sa-east-1": { hostname: "x.example.com", healthCheck: false, continents: ["SAM"] } },
      routing: "failover",
      primaryRegion: "sa-east-1",
      ttlSeconds: 5,
      healthCheck: { requestIntervalSeconds: 20, failureThreshold: 11, path: "health" },
    }),
  RegionalLoadBalancer: (s) =>
    new RegionalLoadBalancer(s, "subject", {
      accountId: "a",
      zoneId: "z",
      hostname: "api.plataforma.app",
      name: "n",
      origins: { "sa-east-1": "sa.example.com" },
      poolOrder: ["sa-east-1", "sa-east-1", "ap-south-1"],
      fallbackPool: "eu-west-1",
      monitor: { intervalSeconds: 30, timeoutSeconds: 40, path: "health" },
    }),
  RegionalNetwork: (s) =>
    new RegionalNetwork(s, "subject", {
      name: "n",
      accountId: ACCOUNT,
      region: "sa-east-1",
      vpcCidr: "10.0.0.0/24",
      availabilityZones: ["sa-east-1a"],
    }),
  S3AccessLogBucket: (s) =>
    new S3AccessLogBucket(s, "subject", { bucketName: "logs", accountId: ACCOUNT, retentionDays: 4000 }),
  SecurityRules: (s) =>
    new SecurityRules(s, "subject", {
      zoneId: "z",
      periodSeconds: 30,
      requestsPerPeriod: 0,
      mitigationTimeoutSeconds: -1,
      allowedCountries: [],
    }),
  StateBucket: (s) =>
    new StateBucket(s, "subject", {
      bucketName: "state",
      accountId: ACCOUNT,
      accessLogs: { bucket: "state" },
      accessLoggingExemption: { reason: "later", expires: "someday" },
    }),
  ServiceSecurityGroup: (s) =>
    new ServiceSecurityGroup(s, "subject", { name: "n", description: "d", vpcId: "vpc-1", port: 0, clients: {} }),
  PublicZone: (s) => new PublicZone(s, "subject", { zoneName: "Plataforma_App" }),
  Karpenter: (s) =>
    new Karpenter(s, "subject", {
      clusterName: "c",
      controllerRoleArn: "arn",
      nodeRoleName: "n",
      interruptionQueueName: "q",
      nodeSecurityGroupIds: [],
      nodePools: { main: { instanceTypes: ["m6i.xlarg"], maxNodes: -1 } },
    }),
  BackupVault: (s) =>
    new BackupVault(s, "subject", { name: "a b", accountId: ACCOUNT, lockMode: "governance", minRetentionDays: 0 }),
  BackupPlan: (s) =>
    new BackupPlan(s, "subject", {
      name: "Bad Name",
      accountId: ACCOUNT,
      vault: new BackupVault(s, "vault", {
        name: "v1",
        accountId: ACCOUNT,
        lockMode: "governance",
        minRetentionDays: 7,
      }),
      resources: {},
      retentionDays: 0,
    }),
  ZoneDnssec: (s, c) =>
    new ZoneDnssec(s, "subject", {
      zone: c.zone,
      accountId: ACCOUNT,
      keySigningKeyName: "no-dashes",
      provider: new AwsProvider(s, "us-east-1", { region: "us-east-1", alias: "us-east-1" }),
    }),
  ZoneBaseline: (s) =>
    new ZoneBaseline(s, "subject", {
      zoneId: "z",
      settings: { ssl: "flexible", min_tls_version: "1.0", always_use_https: "off" },
    }),
  ZoneDelegation: (s) =>
    new ZoneDelegation(s, "subject", { zoneId: "z", subdomain: "aws.plataforma.app", nameServers: [], count: 1 }),
};

/**
 * More bad props for constructs already in {@link BAD_PROPS}: rules one call cannot break
 * together with the others (a missing prop stops the checks that read it), each with the
 * props it must report, checked for the same error format.
 */
const MORE_BAD_PROPS: readonly (readonly [type: string, what: string, props: readonly string[], build: Build])[] = [
  [
    "RegionalNetwork",
    "every required prop missing",
    ["name", "accountId", "region", "vpcCidr", "availabilityZones"],
    (s) => new RegionalNetwork(s, "subject", {} as never),
  ],
  [
    "RegionalNetwork",
    "empty name, short account id, zone name as region",
    ["name", "accountId", "region"],
    (s) =>
      new RegionalNetwork(s, "subject", {
        name: "",
        accountId: "123",
        region: "sa-east-1a",
        vpcCidr: "10.0.0.0/16",
        availabilityZones: ["sa-east-1a", "sa-east-1b"],
      }),
  ],
  [
    "RegionalNetwork",
    "zones of another region, repeated",
    ["availabilityZones.0", "availabilityZones.1", "availabilityZones.1"],
    (s) =>
      new RegionalNetwork(s, "subject", {
        name: "n",
        accountId: ACCOUNT,
        region: "sa-east-1",
        vpcCidr: "10.0.0.0/16",
        availabilityZones: ["us-east-1a", "us-east-1a", "sa-east-1b"],
      }),
  ],
  [
    "EncryptionKey",
    "alias/ prefix, empty purpose, short account id",
    ["alias", "purpose", "accountId"],
    (s) => new EncryptionKey(s, "subject", { alias: "alias/k", purpose: "", accountId: "1" }),
  ],
  [
    "EncryptionKey",
    "alias with spaces",
    ["alias"],
    (s) => new EncryptionKey(s, "subject", { alias: "my key", purpose: "p", accountId: ACCOUNT }),
  ],
  [
    "EncryptionKey",
    "aws/ alias",
    ["alias"],
    (s) => new EncryptionKey(s, "subject", { alias: "aws/s3", purpose: "p", accountId: ACCOUNT }),
  ],
  [
    "DataBucket",
    "unknown kind, two adjacent dots, zone as region",
    ["bucketName", "region", "kind"],
    (s, c) => {
      const logs = new S3AccessLogBucket(s, "logs", { bucketName: "logs", accountId: ACCOUNT });
      new DataBucket(s, "subject", {
        bucketName: "reports..archive",
        kind: "nope" as never,
        accountId: ACCOUNT,
        region: "sa-east-1a",
        key: c.key,
        logBucket: logs.bucket,
      });
    },
  ],
  [
    "S3AccessLogBucket",
    "uppercase name, short account id",
    ["bucketName", "accountId"],
    (s) => new S3AccessLogBucket(s, "subject", { bucketName: "Logs", accountId: "1" }),
  ],
  [
    "CloudFrontLogBucket",
    "IP address name",
    ["bucketName"],
    (s) => new CloudFrontLogBucket(s, "subject", { bucketName: "10.0.0.1" }),
  ],
  [
    "RdsPostgres",
    "no subnets, EC2 instance class, 5 GiB",
    ["subnetIds", "instanceClass", "allocatedStorageGb"],
    (s, c) =>
      new RdsPostgres(s, "subject", {
        ...postgres(c),
        name: "db",
        backupRetentionDays: 7,
        monitoringIntervalSeconds: 60,
        performanceInsightsRetentionDays: 7,
        engineVersion: "16.6",
        subnetIds: [],
        instanceClass: "m7g.large",
        multiAz: false,
        allocatedStorageGb: 5,
      }),
  ],
  [
    "AuroraPostgres",
    "one subnet, class without db.",
    ["subnetIds", "instanceClass"],
    (s, c) =>
      new AuroraPostgres(s, "subject", {
        ...postgres(c),
        name: "db",
        backupRetentionDays: 7,
        monitoringIntervalSeconds: 60,
        performanceInsightsRetentionDays: 7,
        engineVersion: "16.6",
        subnetIds: ["subnet-a"],
        instanceClass: "r7g.large",
      }),
  ],
];

function failure(build: Build): ConstructValidationError {
  const stack = new TerraformStack(Testing.app(), "stack");
  return validationError(() => build(stack, companions(stack)));
}

/** Every construct class under constructs/ whose props are validated, directly or by its base. */
function validatingConstructs(): string[] {
  const root = join(__dirname, "../../../constructs");
  const files = readdirSync(root, { recursive: true, encoding: "utf8" }).filter((f) => f.endsWith(".ts"));
  const classes = files.flatMap((file) => {
    const source = readFileSync(join(root, file), "utf8");
    return [...source.matchAll(/export (abstract )?class (\w+) extends (\w+)/g)].map((m) => ({
      name: m[2],
      abstract: Boolean(m[1]),
      base: m[3],
      validates: /throwIfInvalid\(\s*this\b/.test(source),
      file: relative(root, join(root, file)),
    }));
  });
  const validating = new Set(classes.filter((c) => c.validates).map((c) => c.name));
  for (const c of classes) if (validating.has(c.base)) validating.add(c.name);
  return classes
    .filter((c) => validating.has(c.name) && !c.abstract)
    .map((c) => c.name)
    .sort();
}

describe("construct props validation", () => {
  it("covers every construct that validates its props", () => {
    expect(Object.keys(BAD_PROPS).sort()).toEqual(validatingConstructs());
  });

  /** The house format: path, type, and one line per problem with its prop, value and fix. */
  function expectHouseFormat(error: ConstructValidationError, type: string): void {
    expect(error.constructPath).toBe("stack/subject");
    expect(error.constructType).toBe(type);
    expect(error.problems.length).toBeGreaterThan(0);
    for (const problem of error.problems) {
      expect(problem.prop).toMatch(/^[\w@.-]+$/);
      expect(problem.message.trim()).not.toBe("");
      expect(problem.fix.trim()).not.toBe("");
      expect(problem.message).not.toMatch(/Fix:/);
    }
    const [head, ...lines] = error.message.split("\n");
    const count = error.problems.length;
    expect(head).toBe(`stack/subject: invalid ${type} props, ${count} problem${count === 1 ? "" : "s"}:`);
    expect(lines).toHaveLength(error.problems.length);
    for (const line of lines) expect(line).toMatch(/^ {2}- [\w@.-]+: .+ \(received: .+\)\. Fix: .+$/);
  }

  const title = "%s: one error naming the construct path, each problem with its value and a fix";
  it.each(Object.entries(BAD_PROPS))(title, (type, build) => {
    expectHouseFormat(failure(build), type);
  });

  it.each(MORE_BAD_PROPS)("%s (%s): reports %j in the same format", (type, _what, props, build) => {
    const error = failure(build);
    expectHouseFormat(error, type);
    expect(error.problems.map((p) => p.prop)).toEqual(props);
  });
});

describe("throwIfInvalid", () => {
  class Thing extends Construct {}
  const thing = () => new Thing(new TerraformStack(Testing.app(), "stack"), "thing");
  const problem: PropProblem = { prop: "size", message: "must be positive", received: -1, fix: "use 1" };

  it("returns when there is no problem", () => {
    expect(() => throwIfInvalid(thing(), [])).not.toThrow();
  });

  it("throws one ConstructValidationError listing every problem", () => {
    const other: PropProblem = { prop: "name", message: "is empty", received: "", fix: "name it" };
    expect(() => throwIfInvalid(thing(), [problem, other])).toThrow(
      new ConstructValidationError("stack/thing", "Thing", [problem, other]),
    );
    expect(() => throwIfInvalid(thing(), [problem, other])).toThrow(
      [
        "stack/thing: invalid Thing props, 2 problems:",
        "  - size: must be positive (received: -1). Fix: use 1",
        '  - name: is empty (received: ""). Fix: name it',
      ].join("\n"),
    );
  });

  it("shows any received value without failing: missing, circular, long", () => {
    const circular: Record<string, unknown> = {};
    circular.self = circular;
    const message = (received: unknown) => {
      try {
        throwIfInvalid(thing(), [{ ...problem, received }]);
      } catch (error) {
        return (error as Error).message;
      }
      return "";
    };
    expect(message(undefined)).toContain("(received: undefined)");
    expect(message(circular)).toContain("(received: [object Object])");
    expect(message("x".repeat(500))).toContain(`(received: "${"x".repeat(116)}...)`);
    expect(message(Number.NaN)).toContain("(received: NaN)");
  });

  it("is an Error other layers can tell apart from their own", () => {
    const error = new ConstructValidationError("a/b", "Thing", [problem]);
    expect(error).toBeInstanceOf(Error);
    expect(error.name).toBe("ConstructValidationError");
    expect(error.problems).toEqual([problem]);
  });
});

describe("shared prop checks", () => {
  it("checkRequired: undefined and null are missing; falsy values are present", () => {
    expect(checkRequired("size", undefined, "pass one")).toEqual([
      { prop: "size", message: "is required", received: undefined, fix: "pass one" },
    ]);
    expect(checkRequired("size", null, "pass one")).toHaveLength(1);
    for (const present of [0, "", false, []]) expect(checkRequired("size", present, "pass one")).toEqual([]);
  });

  it("checkNonEmpty: missing, blank and non-strings are refused", () => {
    expect(checkNonEmpty("name", undefined, "name it").map((p) => p.message)).toEqual(["is required"]);
    for (const bad of ["", "  ", 3]) {
      expect(checkNonEmpty("name", bad, "name it")).toEqual([
        { prop: "name", message: "must be a non-empty string", received: bad, fix: "name it" },
      ]);
    }
    expect(checkNonEmpty("name", "orders", "name it")).toEqual([]);
  });

  it("checkAccountId: exactly 12 digits as a string, or a token", () => {
    expect(checkAccountId("accountId", "012345678901")).toEqual([]);
    for (const bad of ["123", "1234567890123", "12345678901a", 123456789012]) {
      expect(checkAccountId("accountId", bad).map((p) => [p.prop, p.message, p.received])).toEqual([
        ["accountId", "must be a 12-digit AWS account id", bad],
      ]);
    }
    expect(checkAccountId("accountId", undefined).map((p) => p.message)).toEqual(["is required"]);
    const stack = new TerraformStack(Testing.app(), "stack");
    expect(checkAccountId("accountId", new DataAwsCallerIdentity(stack, "caller").accountId)).toEqual([]);
  });

  it("checkRegionName: region names (GovCloud included), not zones or partial names; tokens pass", () => {
    for (const good of ["sa-east-1", "ap-southeast-2", "us-gov-west-1", "eu-central-2"]) {
      expect(checkRegionName("region", good)).toEqual([]);
    }
    for (const bad of ["sa-east", "sa-east-1a", "SA-EAST-1", "saeast1", ""]) {
      expect(checkRegionName("region", bad).map((p) => [p.prop, p.message, p.received])).toEqual([
        ["region", "must be an AWS region name", bad],
      ]);
    }
    const stack = new TerraformStack(Testing.app(), "stack");
    expect(checkRegionName("region", new TerraformVariable(stack, "region", {}).stringValue)).toEqual([]);
  });
});
