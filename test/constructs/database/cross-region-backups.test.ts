import { CrossRegionBackups } from "../../../constructs/database/cross-region-backups";
import { valuesOf } from "../../helpers";
import { synthWith } from "../fixtures";

describe("CrossRegionBackups", () => {
  const arn = "arn:aws:rds:sa-east-1:123456789012:db:plataforma-staging-sa-east-1";

  it("replicates the source's automated backups with this region's key, protected from destroy", () => {
    const [replication] = valuesOf(
      synthWith(
        (f) => new CrossRegionBackups(f.scope, "backups", { sourceInstanceArn: arn, key: f.key, retentionDays: 14 }),
      ),
      "aws_db_instance_automated_backups_replication",
    );
    expect(replication).toMatchObject({
      source_db_instance_arn: arn,
      retention_period: 14,
      lifecycle: { prevent_destroy: true },
    });
    expect(String(replication.kms_key_id)).toMatch(/aws_kms_key\.key/);
  });

  it("fails for a retention outside 1-35", () => {
    const build = () =>
      synthWith(
        (f) => new CrossRegionBackups(f.scope, "backups", { sourceInstanceArn: arn, key: f.key, retentionDays: 0 }),
      );
    expect(build).toThrow(/retentionDays: must be 1-35 \(received: 0\)\. Fix: match the source's backup retention/);
  });
});
