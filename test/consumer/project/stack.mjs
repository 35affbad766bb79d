// A consumer's stack in plain JavaScript, ESM: import of the built package (CommonJS named exports).
import { AwsProvider } from "@cdktf/provider-aws/lib/provider/index.js";
import { cache, database, edge, network } from "@plataforma/infra/constructs";
import { EncryptionKey } from "@plataforma/infra/constructs/kms";
import { checkApp } from "@plataforma/infra/policies";
import { App, TerraformStack } from "cdktf";

const kms = { EncryptionKey };
const accountId = "123456789012";
const region = "sa-east-1";
const name = "acme-dev-sa-east-1";

class DataStack extends TerraformStack {
  constructor(scope, id) {
    super(scope, id);
    // The tags the tagging rules require, on every resource through the provider.
    const defaultTags = [{ tags: { Environment: "dev", Service: "orders", Team: "payments", CostCenter: "cc-42" } }];
    new AwsProvider(this, "aws", { region, allowedAccountIds: [accountId], defaultTags });
    const usEast1 = new AwsProvider(this, "us-east-1", { region: "us-east-1", alias: "us-east-1", defaultTags });
    // The acceptance example, verbatim.
    const net = new network.RegionalNetwork(this, "net", {
      name,
      accountId,
      region,
      vpcCidr: "10.50.0.0/16",
      availabilityZones: ["sa-east-1a", "sa-east-1b", "sa-east-1c"],
    });
    const databaseSubnets = Object.values(net.subnets.database).map((s) => s.id);
    const logsKey = new kms.EncryptionKey(this, "logs-key", {
      alias: `${name}-logs`,
      purpose: "Encrypts log groups",
      accountId,
      services: [
        {
          principal: `logs.${region}.amazonaws.com`,
          actions: ["kms:Encrypt*", "kms:Decrypt*", "kms:ReEncrypt*", "kms:GenerateDataKey*", "kms:Describe*"],
          condition: {
            ArnLike: { "kms:EncryptionContext:aws:logs:arn": `arn:aws:logs:${region}:${accountId}:log-group:*` },
          },
        },
      ],
    });
    const dataKey = new kms.EncryptionKey(this, "data-key", {
      alias: `${name}-data`,
      purpose: "Encrypts the database and the cache",
      accountId,
    });
    const dbSg = new network.ServiceSecurityGroup(this, "db-sg", {
      name: `${name}-database`,
      description: "PostgreSQL from the private subnets",
      vpcId: net.vpc.id,
      port: database.POSTGRES_PORT,
      clients: { private: "10.50.0.0/16" },
    });
    new database.RdsPostgres(this, "db", {
      name,
      accountId,
      subnetIds: databaseSubnets,
      securityGroup: dbSg.securityGroup,
      key: dataKey,
      logKey: logsKey,
      instanceClass: "db.t4g.medium",
      engineVersion: "16.6",
      backupRetentionDays: 7,
      multiAz: true,
    });
    const cacheSg = new network.ServiceSecurityGroup(this, "cache-sg", {
      name: `${name}-cache`,
      description: "Redis from the private subnets",
      vpcId: net.vpc.id,
      port: 6379,
      clients: { private: "10.50.0.0/16" },
    });
    new cache.RedisCache(this, "cache", {
      name,
      subnetIds: databaseSubnets,
      securityGroup: cacheSg.securityGroup,
      key: dataKey,
      logKey: logsKey,
      engineVersion: "7.1",
      nodeType: "cache.t4g.small",
      shards: 1,
      replicasPerShard: 1,
    });
    new edge.EdgeWebAcl(this, "waf", { name: "acme-dev-edge", accountId, provider: usEast1 });
  }
}

const app = new App({ outdir: process.argv[2] ?? "cdktf.out" });
new DataStack(app, "consumer-esm");
app.synth();
const gate = checkApp(app, {
  context: { environment: "dev", tier: "development", personalDataRegions: ["sa-east-1"] },
  suppressions: [
    { ruleId: "COST-BUDGET", resource: "stack", reason: "the account budget lives in the finance team's stack" },
  ],
});
process.stdout.write(`${gate.text}${gate.text ? "\n" : ""}${gate.summary}\n`);
if (!gate.passed) process.exitCode = 1;
