import { RESIDENCY_PACK } from "../../../policies/packs/residency";
import { dynamodbReplicaRegion } from "../../../policies/rules/residency/dynamodb-replica-region";
import { personalDataRegion } from "../../../policies/rules/residency/personal-data-region";
import { s3ReplicationRegion } from "../../../policies/rules/residency/s3-replication-region";
import { DEV, describePack, type Part, run, tfStack } from "../helpers";

const useast = { aliases: [{ alias: "us-east-1", region: "us-east-1" }] };
const replication = (destination: string): Part => [
  "aws_s3_bucket_replication_configuration",
  "rep",
  {
    bucket: "${aws_s3_bucket.src.id}",
    role: "arn",
    rule: [{ id: "all", status: "Enabled", destination: { bucket: destination } }],
  },
];

describePack(RESIDENCY_PACK, {
  "RES-PERSONAL-DATA-REGION": {
    ok: [
      { name: "database in sa-east-1", json: tfStack([["aws_db_instance", "db", {}]]) },
      {
        name: "DR replica through the us-east-1 alias (allowed in production)",
        json: tfStack([["aws_rds_cluster", "dr", { provider: "aws.us-east-1" }]], useast),
      },
      { name: "no personal data in eu-west-1", json: tfStack([["aws_vpc", "v", {}]], { region: "eu-west-1" }) },
    ],
    bad: [
      {
        name: "bucket in eu-west-1",
        json: tfStack([["aws_s3_bucket", "b", {}]], { region: "eu-west-1" }),
        address: "aws_s3_bucket.b",
      },
      {
        name: "dev cache in us-east-1 via alias",
        json: tfStack([["aws_elasticache_replication_group", "r", { provider: "aws.us-east-1" }]], useast),
        address: "aws_elasticache_replication_group.r",
        context: DEV,
      },
      {
        name: "provider alias not configured",
        json: tfStack([["aws_db_instance", "db", { provider: "aws.eu" }]]),
        address: "aws_db_instance.db",
      },
      {
        name: "region from an expression",
        json: { provider: { aws: [{ region: "${var.region}" }] }, resource: { aws_ebs_volume: { v: {} } } },
        address: "aws_ebs_volume.v",
      },
      {
        name: "no environment known (fail closed)",
        json: tfStack([["aws_eks_node_group", "ng", {}]]),
        address: "aws_eks_node_group.ng",
        context: undefined,
      },
    ],
  },
  "RES-S3-REPLICATION-REGION": {
    ok: [
      {
        name: "to a us-east-1 bucket in production",
        json: tfStack(
          [
            ["aws_s3_bucket", "src", {}],
            ["aws_s3_bucket", "dst", { provider: "aws.us-east-1" }],
            replication("${aws_s3_bucket.dst.arn}"),
          ],
          useast,
        ),
      },
    ],
    bad: [
      {
        name: "to a us-east-1 bucket in dev",
        json: tfStack(
          [
            ["aws_s3_bucket", "src", {}],
            ["aws_s3_bucket", "dst", { provider: "aws.us-east-1" }],
            replication("${aws_s3_bucket.dst.arn}"),
          ],
          useast,
        ),
        address: "aws_s3_bucket_replication_configuration.rep",
        context: DEV,
      },
      {
        name: "to a literal ARN (region unknown)",
        json: tfStack([["aws_s3_bucket", "src", {}], replication("arn:aws:s3:::elsewhere")]),
        address: "aws_s3_bucket_replication_configuration.rep",
      },
    ],
  },
  "RES-DYNAMODB-REPLICA-REGION": {
    ok: [
      {
        name: "replica in us-east-1 (production)",
        json: tfStack([["aws_dynamodb_table", "t", { replica: [{ region_name: "us-east-1" }] }]]),
      },
    ],
    bad: [
      {
        name: "replica in eu-west-1",
        json: tfStack([["aws_dynamodb_table", "t", { replica: [{ region_name: "eu-west-1" }] }]]),
        address: "aws_dynamodb_table.t",
      },
    ],
  },
});

describe("residency rules without context.personalDataRegions", () => {
  const noRegions = { environment: "dev", tier: "development" } as const;
  const fix = "Fix: pass context.personalDataRegions in checkApp's options.context";

  it("RES-PERSONAL-DATA-REGION names the missing field and the checkApp fix", () => {
    const [found] = run(personalDataRegion, tfStack([["aws_db_instance", "db", {}]]), noRegions);
    expect(found.message).toMatch(/^the stack's context\.personalDataRegions is not set, so the regions allowed/);
    expect(found.message).toContain(fix);
    expect(found.message).not.toContain("--env)");
  });

  it("RES-S3-REPLICATION-REGION names the missing field", () => {
    const json = tfStack([["aws_s3_bucket", "dst", {}], replication("${aws_s3_bucket.dst.arn}")]);
    const [found] = run(s3ReplicationRegion, json, noRegions);
    expect(found.message).toContain(fix);
  });

  it("RES-DYNAMODB-REPLICA-REGION names the missing field once per table, not an empty allowed list", () => {
    const table: Part = ["aws_dynamodb_table", "t", { replica: [{ region_name: "sa-east-1" }, { region_name: "x" }] }];
    const found = run(dynamodbReplicaRegion, tfStack([table]), noRegions);
    expect(found).toEqual([{ address: "aws_dynamodb_table.t", message: expect.stringContaining(fix) }]);
    expect(run(dynamodbReplicaRegion, tfStack([["aws_dynamodb_table", "solo", {}]]), noRegions)).toEqual([]);
  });
});
