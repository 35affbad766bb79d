/** AWS managed policies attached to IAM principals, whichever resource attaches them. */
import type { StackView } from "../types";
import { resourcesOf } from "./stack";
import { strings } from "./values";

/** One attachment of a policy ARN and the resource that makes it. */
export interface Attachment {
  readonly address: string;
  readonly policyArn: string;
}

/** Every policy ARN attached by attachment resources or by a role's `managed_policy_arns`. */
export function policyAttachments(stack: StackView): Attachment[] {
  const attachments = resourcesOf(
    stack,
    "aws_iam_role_policy_attachment",
    "aws_iam_user_policy_attachment",
    "aws_iam_group_policy_attachment",
    "aws_iam_policy_attachment",
    "aws_iam_role_policy_attachments_exclusive",
  ).flatMap((r) =>
    strings(r.values.policy_arn ?? r.values.policy_arns).map((arn) => ({ address: r.address, policyArn: arn })),
  );
  const inline = resourcesOf(stack, "aws_iam_role").flatMap((role) =>
    strings(role.values.managed_policy_arns).map((arn) => ({ address: role.address, policyArn: arn })),
  );
  return [...attachments, ...inline];
}

/** Builds a check that no principal gets the AWS managed policy `name` (`AdministratorAccess`). */
export function managedPolicyCheck(name: string) {
  const arn = new RegExp(`^arn:aws[a-z-]*:iam::aws:policy/${name}$`);
  return (stack: StackView) =>
    policyAttachments(stack)
      .filter((a) => arn.test(a.policyArn))
      .map((a) => ({ address: a.address, message: `attaches ${a.policyArn}` }));
}
