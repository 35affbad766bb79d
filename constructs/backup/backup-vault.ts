import { BackupVault as AwsBackupVault } from "@cdktf/provider-aws/lib/backup-vault";
import { BackupVaultLockConfiguration } from "@cdktf/provider-aws/lib/backup-vault-lock-configuration";
import { BackupVaultPolicy } from "@cdktf/provider-aws/lib/backup-vault-policy";
import type { AwsProvider } from "@cdktf/provider-aws/lib/provider";
import { Construct } from "constructs";
import { type PropProblem, throwIfInvalid } from "../core/validation";
import { renderPolicy } from "../iam/policy-document";
import { EncryptionKey } from "../kms/encryption-key";
import { COMPLIANCE_LOCK_GRACE_DAYS, MAX_VAULT_RETENTION_DAYS, type VaultLockMode } from "./backup-settings";

/** Properties of {@link BackupVault}. */
export interface BackupVaultProps {
  /** Vault name, also the key alias: 2-50 letters, digits, dashes and underscores. */
  readonly name: string;
  /** Account owning the vault and its key. */
  readonly accountId: string;
  /** `compliance`: nobody (root included) can shorten retention or delete the lock after 3 days. */
  readonly lockMode: VaultLockMode;
  /** Shortest retention the lock enforces on every recovery point, days. */
  readonly minRetentionDays: number;
  /** Longest retention the lock allows, days. @default 3650 */
  readonly maxRetentionDays?: number;
  /** Accounts allowed to copy recovery points into this vault (`backup:CopyIntoBackupVault`). @default - none */
  readonly copySourceAccountIds?: readonly string[];
  /** Provider of the vault's region. @default - the scope's default provider */
  readonly provider?: AwsProvider;
}

/**
 * An AWS Backup vault with its own customer-managed KMS key and a vault lock: recovery points
 * cannot be deleted or shortened below `minRetentionDays`, by anyone in governance mode without
 * `backup:BypassGovernanceRetention`, and by nobody at all in compliance mode. This is the copy
 * that survives what replication faithfully copies: deletes, corruption, a compromised admin.
 *
 * @example
 * ```ts
 * import { BackupVault } from "@plataforma/infra/constructs/backup";
 *
 * const vault = new BackupVault(stack, "vault", {
 *   name: "orders-production-sa-east-1",
 *   accountId: "123456789012",
 *   lockMode: "compliance",
 *   minRetentionDays: 35,
 * });
 * const vaultArn = vault.vault.arn;
 * ```
 */
export class BackupVault extends Construct {
  /** The vault. */
  readonly vault: AwsBackupVault;
  /** Encrypts recovery points the vault encrypts itself (S3; RDS/Aurora keep their source key). */
  readonly key: EncryptionKey;

  constructor(scope: Construct, id: string, props: BackupVaultProps) {
    super(scope, id);
    const max = props.maxRetentionDays ?? MAX_VAULT_RETENTION_DAYS;
    const problems: PropProblem[] = [];
    if (!/^[A-Za-z0-9_-]{2,50}$/.test(props.name)) {
      problems.push({
        prop: "name",
        message: "must be 2-50 letters, digits, dashes and underscores",
        received: props.name,
        fix: 'use e.g. "orders-production-sa-east-1"',
      });
    }
    if (!Number.isInteger(props.minRetentionDays) || props.minRetentionDays < 1 || props.minRetentionDays > max) {
      problems.push({
        prop: "minRetentionDays",
        message: `must be a whole number of days from 1 to maxRetentionDays (${max})`,
        received: props.minRetentionDays,
        fix: "use the backup plan's retention, e.g. 35",
      });
    }
    throwIfInvalid(this, problems);
    const provider = props.provider;
    this.key = new EncryptionKey(this, "key", {
      alias: `${props.name}-backup`,
      purpose: `Encrypts recovery points in backup vault ${props.name}`,
      accountId: props.accountId,
      provider,
    });
    this.vault = new AwsBackupVault(this, "vault", {
      name: props.name,
      kmsKeyArn: this.key.key.arn,
      forceDestroy: false,
      provider,
      lifecycle: { preventDestroy: true },
    });
    new BackupVaultLockConfiguration(this, "lock", {
      backupVaultName: this.vault.name,
      minRetentionDays: props.minRetentionDays,
      maxRetentionDays: max,
      // Setting changeable_for_days is what makes the lock a compliance lock.
      changeableForDays: props.lockMode === "compliance" ? COMPLIANCE_LOCK_GRACE_DAYS : undefined,
      provider,
    });
    const sources = props.copySourceAccountIds ?? [];
    if (sources.length > 0) {
      new BackupVaultPolicy(this, "policy", {
        backupVaultName: this.vault.name,
        policy: renderPolicy([
          {
            Sid: "CopyFromSourceAccounts",
            Effect: "Allow",
            Principal: { AWS: sources.map((a) => `arn:aws:iam::${a}:root`) },
            Action: "backup:CopyIntoBackupVault",
            Resource: "*",
          },
        ]),
        provider,
      });
    }
  }
}
