import { sensitiveActionCheck } from "../../lib/identity-policies";
import type { StackCheck } from "../../types";

/** Actions that read data out of the account wholesale (Checkov's CKV_AWS_288 set). */
export const DATA_EXFILTRATION_ACTIONS: readonly string[] = [
  "s3:GetObject",
  "ssm:GetParameter",
  "ssm:GetParameters",
  "ssm:GetParametersByPath",
  "secretsmanager:GetSecretValue",
  "rds:CopyDBSnapshot",
  "rds:CreateDBSnapshot",
];

/** No identity policy allows a data-exfiltration action on every resource. */
export const iamDataExfiltration: StackCheck = sensitiveActionCheck(DATA_EXFILTRATION_ACTIONS, "data-exfiltration");
