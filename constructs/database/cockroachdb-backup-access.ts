import { Construct } from "constructs";
import { IrsaRole } from "../cluster/irsa-role";
import type { PolicyStatement } from "../iam/policy-document";

/** Properties of {@link CockroachBackupAccess}. */
export interface CockroachBackupAccessProps {
  readonly roleName: string;
  /** The cluster's OIDC provider ARN and issuer (cluster stack outputs). */
  readonly oidcProviderArn: string;
  readonly oidcIssuer: string;
  /** ARN of the backup bucket. */
  readonly bucketArn: string;
  /**
   * The bucket's KMS key: its ARN, or its alias when the key lives in a stack this one
   * cannot reference (another region's data stack); IAM matches aliases by condition.
   */
  readonly key: { readonly arn: string } | { readonly alias: string };
  /** @default "cockroachdb" */
  readonly namespace?: string;
  /** @default "cockroachdb" */
  readonly serviceAccount?: string;
}

/**
 * The IRSA role CockroachDB's service account uses for `BACKUP ... INTO 's3://...?AUTH=implicit'`:
 * read and write objects of the backup bucket only (no delete: old backups expire by
 * lifecycle, so a compromised node cannot erase them), with its KMS key.
 *
 * @example
 * ```ts
 * import { type EksCluster } from "@plataforma/infra/constructs/cluster";
 * import { CockroachBackupAccess } from "@plataforma/infra/constructs/database";
 * import type { DataBucket } from "@plataforma/infra/constructs/storage";
 *
 * declare const eks: EksCluster;
 * declare const backups: DataBucket; // kind "backups"
 *
 * const access = new CockroachBackupAccess(stack, "cockroach-backups", {
 *   roleName: "orders-production-sa-east-1-cockroach-backup",
 *   oidcProviderArn: eks.oidcProvider.arn,
 *   oidcIssuer: eks.oidcIssuer,
 *   bucketArn: backups.arn,
 *   key: { arn: backups.key.key.arn },
 * });
 * const backupRoleArn = access.role.role.arn;
 * ```
 */
export class CockroachBackupAccess extends Construct {
  readonly role: IrsaRole;

  constructor(scope: Construct, id: string, props: CockroachBackupAccessProps) {
    super(scope, id);
    const useKey = ["kms:Decrypt", "kms:GenerateDataKey"];
    // A key in another region's stack cannot be referenced; IAM matches it by alias instead.
    const keyStatement: PolicyStatement =
      "arn" in props.key
        ? { Sid: "UseBackupKey", Effect: "Allow", Action: useKey, Resource: props.key.arn }
        : {
            Sid: "UseBackupKey",
            Effect: "Allow",
            Action: useKey,
            Resource: "*",
            Condition: { "ForAnyValue:StringEquals": { "kms:ResourceAliases": `alias/${props.key.alias}` } },
          };
    this.role = new IrsaRole(this, "irsa", {
      roleName: props.roleName,
      oidcProviderArn: props.oidcProviderArn,
      oidcIssuer: props.oidcIssuer,
      namespace: props.namespace ?? "cockroachdb",
      serviceAccount: props.serviceAccount ?? "cockroachdb",
      statements: [
        {
          Sid: "ListBackups",
          Effect: "Allow",
          Action: ["s3:ListBucket", "s3:GetBucketLocation"],
          Resource: props.bucketArn,
        },
        {
          Sid: "ReadWriteBackups",
          Effect: "Allow",
          Action: ["s3:GetObject", "s3:PutObject"],
          Resource: `${props.bucketArn}/*`,
        },
        keyStatement,
      ],
    });
  }
}
