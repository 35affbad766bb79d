// biome-ignore format: the module path alone leaves no room for a one-line import in 120 columns
import {
  DbInstanceAutomatedBackupsReplication,
} from "@cdktf/provider-aws/lib/db-instance-automated-backups-replication";
import type { AwsProvider } from "@cdktf/provider-aws/lib/provider";
import { Construct } from "constructs";
import { throwIfInvalid } from "../core/validation";
import type { EncryptionKey } from "../kms/encryption-key";

/** Properties of {@link CrossRegionBackups}. */
export interface CrossRegionBackupsProps {
  /** ARN of the source RDS instance (another region). */
  readonly sourceInstanceArn: string;
  /** Key in this (the destination) region encrypting the replicated backups. */
  readonly key: EncryptionKey;
  /** Days the replicated backups are kept, 1-35. */
  readonly retentionDays: number;
  /** Provider of the destination region. @default - the scope's default provider */
  readonly provider?: AwsProvider;
}

/**
 * Replicates an RDS instance's automated backups and transaction logs to this region,
 * so the database can be restored here to any point within the retention (pilot light,
 * RPO of minutes). Created in the destination region, reading the source's ARN.
 *
 * @example
 * ```ts
 * import type { AwsProvider } from "@cdktf/provider-aws/lib/provider";
 * import { CrossRegionBackups } from "@plataforma/infra/constructs/database";
 * import type { EncryptionKey } from "@plataforma/infra/constructs/kms";
 *
 * declare const usEast1: AwsProvider; // the destination region
 * declare const drKey: EncryptionKey; // created with provider: usEast1
 *
 * new CrossRegionBackups(stack, "db-backups-us-east-1", {
 *   sourceInstanceArn: "arn:aws:rds:sa-east-1:123456789012:db:orders-production-sa-east-1",
 *   key: drKey,
 *   retentionDays: 7,
 *   provider: usEast1,
 * });
 * ```
 */
export class CrossRegionBackups extends Construct {
  /** The replication. */
  readonly replication: DbInstanceAutomatedBackupsReplication;

  constructor(scope: Construct, id: string, props: CrossRegionBackupsProps) {
    super(scope, id);
    const days = props.retentionDays;
    throwIfInvalid(
      this,
      Number.isInteger(days) && days >= 1 && days <= 35
        ? []
        : [
            {
              prop: "retentionDays",
              message: "must be 1-35",
              received: days,
              fix: "match the source's backup retention",
            },
          ],
    );
    this.replication = new DbInstanceAutomatedBackupsReplication(this, "replication", {
      sourceDbInstanceArn: props.sourceInstanceArn,
      kmsKeyId: props.key.key.arn,
      retentionPeriod: props.retentionDays,
      provider: props.provider,
      lifecycle: { preventDestroy: true },
    });
  }
}
