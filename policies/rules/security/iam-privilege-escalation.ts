import { sensitiveActionCheck } from "../../lib/identity-policies";
import type { StackCheck } from "../../types";

/**
 * Actions that let a principal grant itself more than it has (Checkov's CKV_AWS_286 set,
 * after Rhino Security Labs' escalation methods): rewrite policies, pass roles to new
 * compute, mint credentials for others, change trust.
 */
export const PRIVILEGE_ESCALATION_ACTIONS: readonly string[] = [
  "iam:AddUserToGroup",
  "iam:AttachGroupPolicy",
  "iam:AttachRolePolicy",
  "iam:AttachUserPolicy",
  "iam:CreateAccessKey",
  "iam:CreateLoginProfile",
  "iam:CreatePolicyVersion",
  "iam:PassRole",
  "iam:PutGroupPolicy",
  "iam:PutRolePolicy",
  "iam:PutUserPolicy",
  "iam:SetDefaultPolicyVersion",
  "iam:UpdateAssumeRolePolicy",
  "iam:UpdateLoginProfile",
  "sts:AssumeRole",
  "ec2:RunInstances",
  "lambda:CreateEventSourceMapping",
  "lambda:CreateFunction",
  "lambda:InvokeFunction",
  "lambda:UpdateFunctionCode",
  "glue:CreateDevEndpoint",
  "glue:UpdateDevEndpoint",
  "cloudformation:CreateStack",
  "datapipeline:CreatePipeline",
  "datapipeline:PutPipelineDefinition",
];

/** No identity policy allows a privilege-escalation action on every resource. */
export const iamPrivilegeEscalation: StackCheck = sensitiveActionCheck(
  PRIVILEGE_ESCALATION_ACTIONS,
  "privilege-escalation",
);
