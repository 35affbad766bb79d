/**
 * The rules for the classes issue 16 adds to the estate, tested on fixtures before they
 * join their packs (they would fail the shipped environments until issue 16 lands). The
 * commit that registers them moves these cases into the pack tests and removes this file.
 */
import { backupCoverage } from "../../../policies/rules/data-protection/backup-coverage";
import { rdsStatementLogging } from "../../../policies/rules/data-protection/rds-statement-logging";
import { s3Replication } from "../../../policies/rules/data-protection/s3-replication";
import { backupVaultEncryption } from "../../../policies/rules/security/backup-vault-encryption";
import { logRetentionAudit } from "../../../policies/rules/security/log-retention-audit";
import { route53Dnssec } from "../../../policies/rules/security/route53-dnssec";
import { route53QueryLogging } from "../../../policies/rules/security/route53-query-logging";
import { vpcEndpointPolicy } from "../../../policies/rules/security/vpc-endpoint-policy";
import type { Pack, StackCheck } from "../../../policies/types";
import { describePack } from "../helpers";
import { DATA_PROTECTION_HARDENING_CASES, SECURITY_HARDENING_CASES } from "./estate-hardening-cases";

const pending = (id: string, check: StackCheck) => ({
  scope: "stack" as const,
  check,
  id,
  severity: "error" as const,
  title: id,
  why: "pending registration",
  fix: "pending registration",
});

const PENDING_PACK: Pack = {
  name: "pending (issue 16 classes)",
  description: "rules registered in their packs once the estate has the resources they require",
  rules: [
    pending("DP-S3-REPLICATION", s3Replication),
    pending("DP-RDS-STATEMENT-LOGGING", rdsStatementLogging),
    pending("DP-BACKUP-COVERAGE", backupCoverage),
    pending("SEC-BACKUP-VAULT-KMS", backupVaultEncryption),
    pending("SEC-ROUTE53-DNSSEC", route53Dnssec),
    pending("SEC-ROUTE53-QUERY-LOGS", route53QueryLogging),
    pending("SEC-VPC-ENDPOINT-POLICY", vpcEndpointPolicy),
    pending("SEC-LOG-RETENTION-AUDIT", logRetentionAudit),
  ],
};

describePack(PENDING_PACK, { ...DATA_PROTECTION_HARDENING_CASES, ...SECURITY_HARDENING_CASES });
