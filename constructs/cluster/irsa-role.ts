import { IamRole } from "@cdktf/provider-aws/lib/iam-role";
import { IamRolePolicy } from "@cdktf/provider-aws/lib/iam-role-policy";
import { IamRolePolicyAttachment } from "@cdktf/provider-aws/lib/iam-role-policy-attachment";
import { Construct } from "constructs";
import { type PropProblem, throwIfInvalid } from "../core/validation";
import { type PolicyStatement, renderPolicy } from "../iam/policy-document";

const DNS_LABEL = /^[a-z0-9]([-a-z0-9]{0,61}[a-z0-9])?$/;

/** Properties of {@link IrsaRole}. */
export interface IrsaRoleProps {
  /** IAM role name. */
  readonly roleName: string;
  /** ARN of the cluster's IAM OIDC provider. */
  readonly oidcProviderArn: string;
  /** The cluster's OIDC issuer without the scheme (`oidc.eks.<region>.amazonaws.com/id/<id>`). */
  readonly oidcIssuer: string;
  /** Namespace of the one service account allowed to assume the role. */
  readonly namespace: string;
  /** Name of that service account. */
  readonly serviceAccount: string;
  /** Inline permissions. @default - none: the role can do nothing until granted */
  readonly statements?: readonly PolicyStatement[];
  /** AWS managed policies to attach, keyed by a stable name. @default - none */
  readonly managedPolicyArns?: Readonly<Record<string, string>>;
}

/** Problems with the one service account the role trusts: both parts must be DNS-1123 labels. */
function serviceAccountProblems(props: IrsaRoleProps): PropProblem[] {
  return (["namespace", "serviceAccount"] as const)
    .filter((prop) => !DNS_LABEL.test(props[prop]))
    .map((prop) => ({
      prop,
      message: "is not a DNS-1123 label (wildcards are not allowed)",
      received: props[prop],
      fix: "use 1-63 lowercase letters, digits and dashes",
    }));
}

/**
 * IAM role for service accounts: assumable only through the cluster's OIDC provider, by
 * exactly one `system:serviceaccount:<namespace>:<name>` with audience `sts.amazonaws.com`.
 * The factory every construct uses for pod-level AWS access.
 *
 * @example
 * ```ts
 * import { type EksCluster, IrsaRole } from "@plataforma/infra/constructs/cluster";
 *
 * declare const eks: EksCluster;
 *
 * new IrsaRole(stack, "reports-role", {
 *   roleName: "orders-production-sa-east-1-reports",
 *   oidcProviderArn: eks.oidcProvider.arn,
 *   oidcIssuer: eks.oidcIssuer,
 *   namespace: "reports",
 *   serviceAccount: "reports",
 *   statements: [
 *     { Effect: "Allow", Action: ["s3:GetObject"], Resource: "arn:aws:s3:::orders-production-reports/*" },
 *   ],
 * });
 * ```
 */
export class IrsaRole extends Construct {
  /** The role. */
  readonly role: IamRole;
  /** Inline policy, when statements were given. */
  readonly policy?: IamRolePolicy;

  constructor(scope: Construct, id: string, props: IrsaRoleProps) {
    super(scope, id);
    throwIfInvalid(this, serviceAccountProblems(props));
    const issuer = props.oidcIssuer;
    this.role = new IamRole(this, "role", {
      name: props.roleName,
      assumeRolePolicy: renderPolicy([
        {
          Effect: "Allow",
          Principal: { Federated: props.oidcProviderArn },
          Action: "sts:AssumeRoleWithWebIdentity",
          Condition: {
            StringEquals: {
              [`${issuer}:sub`]: `system:serviceaccount:${props.namespace}:${props.serviceAccount}`,
              [`${issuer}:aud`]: "sts.amazonaws.com",
            },
          },
        },
      ]),
    });
    if (props.statements && props.statements.length > 0) {
      this.policy = new IamRolePolicy(this, "policy", {
        role: this.role.id,
        name: `${props.serviceAccount}-permissions`,
        policy: renderPolicy([...props.statements]),
      });
    }
    for (const [name, arn] of Object.entries(props.managedPolicyArns ?? {})) {
      new IamRolePolicyAttachment(this, `managed-${name}`, { role: this.role.name, policyArn: arn });
    }
  }
}
