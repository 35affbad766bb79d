/**
 * IAM policy documents as typed values, rendered with JSON.stringify at synth time.
 * No `aws_iam_policy_document` data source: documents stay visible in the synthesized
 * JSON (for review and policy checks) and plans need no provider round trip.
 */

/** One IAM policy statement. */
export interface PolicyStatement {
  readonly Sid?: string;
  readonly Effect: "Allow" | "Deny";
  readonly Principal?: "*" | Record<string, string | string[]>;
  readonly Action: string | string[];
  readonly Resource?: string | string[];
  readonly Condition?: Record<string, Record<string, string | string[] | boolean>>;
}

/** An IAM policy document. */
interface PolicyDocument {
  readonly Version: "2012-10-17";
  readonly Statement: PolicyStatement[];
}

/** Builds a policy document from statements. */
function policyDocument(statements: PolicyStatement[]): PolicyDocument {
  return { Version: "2012-10-17", Statement: statements };
}

/** JSON text of a document, for `policy` / `assume_role_policy` arguments. */
export function renderPolicy(statements: PolicyStatement[]): string {
  return JSON.stringify(policyDocument(statements));
}

/** A trust policy letting one AWS service assume a role, scoped to one account. */
export function serviceTrustPolicy(service: string, accountId: string): string {
  return renderPolicy([
    {
      Effect: "Allow",
      Principal: { Service: service },
      Action: "sts:AssumeRole",
      Condition: { StringEquals: { "aws:SourceAccount": accountId } },
    },
  ]);
}
