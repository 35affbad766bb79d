import { KmsAlias } from "@cdktf/provider-aws/lib/kms-alias";
import { KmsKey } from "@cdktf/provider-aws/lib/kms-key";
import type { AwsProvider } from "@cdktf/provider-aws/lib/provider";
import { Construct } from "constructs";
import { checkAccountId, checkNonEmpty, type PropProblem, throwIfInvalid } from "../core/validation";
import { type PolicyStatement, renderPolicy } from "../iam/policy-document";

/** Days KMS waits before deleting a scheduled key: the maximum, to leave time to undo. */
export const DEFAULT_KEY_DELETION_WINDOW_DAYS = 30;

/** An AWS service allowed to use the key through its own integration. */
export interface KeyServiceGrant {
  /** Service principal, e.g. `logs.sa-east-1.amazonaws.com`. */
  readonly principal: string;
  /** KMS actions the service may call. */
  readonly actions: readonly string[];
  /** Extra conditions, e.g. an encryption context naming the allowed resources. */
  readonly condition?: PolicyStatement["Condition"];
}

/**
 * Lets every principal of the key's account use the key, but only through one AWS
 * service in one region (`kms:ViaService` + `kms:CallerAccount`): the pattern of the
 * AWS-managed `aws/ebs` key. Needed where a service-linked role, whose IAM policy cannot
 * be extended, uses the key on the account's behalf (Auto Scaling launching nodes with
 * encrypted volumes).
 */
export interface KeyViaServiceGrant {
  /** Service endpoint the calls must come through, e.g. `ec2.sa-east-1.amazonaws.com`. */
  readonly viaService: string;
  /** KMS actions allowed through it. */
  readonly actions: readonly string[];
  /** Also allow `kms:CreateGrant`, only for grants on AWS resources (EBS attaching volumes). @default false */
  readonly allowGrantsForAwsResources?: boolean;
}

/** Properties of {@link EncryptionKey}. */
export interface EncryptionKeyProps {
  /**
   * Alias without the `alias/` prefix (the construct adds it), e.g. `orders-production-flow-logs`:
   * letters, digits, `/`, `_` and `-`, not starting with `aws/` (reserved for AWS managed keys).
   */
  readonly alias: string;
  /** What the key protects; becomes the key description. */
  readonly purpose: string;
  /** Account that owns the key; its administrators manage it through IAM. */
  readonly accountId: string;
  /** Services allowed to use the key. @default - none: only IAM principals of the account */
  readonly services?: readonly KeyServiceGrant[];
  /** Use by the account's principals through one service only. @default - none */
  readonly viaServices?: readonly KeyViaServiceGrant[];
  /** Waiting period before deletion, 7-30 days. @default 30 */
  readonly deletionWindowDays?: number;
  /** Replicate to other regions (multi-Region primary key). @default false */
  readonly multiRegion?: boolean;
  /** Provider of the key's region (an aliased one for another region). @default - the scope's default provider */
  readonly provider?: AwsProvider;
}

/** Characters KMS accepts in an alias name after `alias/`. */
const ALIAS_NAME = /^[a-zA-Z0-9/_-]+$/;

/** Longest alias name after `alias/`: KMS takes 256 characters including the prefix. */
const MAX_ALIAS_LENGTH = 250;

/** Problems of `alias`, which the construct prefixes with `alias/`. */
function checkAlias(alias: unknown): PropProblem[] {
  const fix = "use a name such as orders-production-logs";
  const empty = checkNonEmpty("alias", alias, fix);
  if (empty.length > 0) return empty;
  const text = String(alias);
  const problem = (message: string, fixText: string): PropProblem[] => [
    { prop: "alias", message, received: alias, fix: fixText },
  ];
  if (text.startsWith("alias/")) {
    return problem("must not start with alias/ (the construct adds it)", `drop the prefix: "${text.slice(6)}"`);
  }
  if (!ALIAS_NAME.test(text) || text.length > MAX_ALIAS_LENGTH) {
    return problem(`must be 1-${MAX_ALIAS_LENGTH} letters, digits, slashes, underscores or dashes`, fix);
  }
  if (text.startsWith("aws/")) {
    return problem("must not start with aws/ (reserved for AWS managed keys)", fix);
  }
  return [];
}

/** Every problem with the props. */
function checkEncryptionKeyProps(props: Partial<EncryptionKeyProps>): PropProblem[] {
  const problems = [
    ...checkAlias(props.alias),
    ...checkNonEmpty("purpose", props.purpose, "say what the key protects, e.g. CloudWatch log groups of orders"),
    ...checkAccountId("accountId", props.accountId),
  ];
  const window = props.deletionWindowDays ?? DEFAULT_KEY_DELETION_WINDOW_DAYS;
  if (!(Number.isInteger(window) && window >= 7 && window <= 30)) {
    problems.push({
      prop: "deletionWindowDays",
      message: "must be an integer from 7 to 30",
      received: window,
      fix: `use ${DEFAULT_KEY_DELETION_WINDOW_DAYS} unless you must delete faster`,
    });
  }
  return problems;
}

/**
 * A customer-managed KMS key for one purpose, with automatic rotation, the longest
 * deletion window, `prevent_destroy`, and a key policy that delegates to the account's
 * IAM and grants listed services only the actions they need.
 *
 * @example
 * ```ts
 * import { EncryptionKey } from "@plataforma/infra/constructs/kms";
 *
 * const logsKey = new EncryptionKey(stack, "logs-key", {
 *   alias: "orders-production-sa-east-1-logs",
 *   purpose: "CloudWatch log groups of orders-production in sa-east-1",
 *   accountId: "123456789012",
 *   services: [
 *     {
 *       principal: "logs.sa-east-1.amazonaws.com",
 *       actions: ["kms:Encrypt*", "kms:Decrypt*", "kms:ReEncrypt*", "kms:GenerateDataKey*", "kms:Describe*"],
 *       condition: {
 *         ArnLike: { "kms:EncryptionContext:aws:logs:arn": "arn:aws:logs:sa-east-1:123456789012:log-group:*" },
 *       },
 *     },
 *   ],
 * });
 * const keyArn = logsKey.key.arn;
 * ```
 */
export class EncryptionKey extends Construct {
  /** The key. */
  readonly key: KmsKey;
  /** The key's alias. */
  readonly alias: KmsAlias;

  constructor(scope: Construct, id: string, props: EncryptionKeyProps) {
    super(scope, id);
    throwIfInvalid(this, checkEncryptionKeyProps(props ?? {}));
    const window = props.deletionWindowDays ?? DEFAULT_KEY_DELETION_WINDOW_DAYS;
    const statements: PolicyStatement[] = [
      {
        Sid: "AccountAdministration",
        Effect: "Allow",
        Principal: { AWS: `arn:aws:iam::${props.accountId}:root` },
        Action: "kms:*",
        Resource: "*",
      },
      ...(props.services ?? []).map(
        (grant, i): PolicyStatement => ({
          Sid: `Service${i}`,
          Effect: "Allow",
          Principal: { Service: grant.principal },
          Action: [...grant.actions],
          Resource: "*",
          ...(grant.condition ? { Condition: grant.condition } : {}),
        }),
      ),
      ...(props.viaServices ?? []).flatMap((grant, i): PolicyStatement[] => {
        const scope = { "kms:CallerAccount": props.accountId, "kms:ViaService": grant.viaService };
        return [
          {
            Sid: `ViaService${i}`,
            Effect: "Allow",
            Principal: { AWS: "*" },
            Action: [...grant.actions],
            Resource: "*",
            Condition: { StringEquals: scope },
          },
          ...(grant.allowGrantsForAwsResources
            ? [
                {
                  Sid: `ViaService${i}Grants`,
                  Effect: "Allow" as const,
                  Principal: { AWS: "*" },
                  Action: "kms:CreateGrant",
                  Resource: "*",
                  Condition: { StringEquals: scope, Bool: { "kms:GrantIsForAWSResource": true } },
                },
              ]
            : []),
        ];
      }),
    ];
    this.key = new KmsKey(this, "key", {
      description: props.purpose,
      enableKeyRotation: true,
      deletionWindowInDays: window,
      multiRegion: props.multiRegion ?? false,
      policy: renderPolicy(statements),
      provider: props.provider,
      lifecycle: { preventDestroy: true },
    });
    this.alias = new KmsAlias(this, "alias", {
      name: `alias/${props.alias}`,
      targetKeyId: this.key.keyId,
      provider: props.provider,
    });
  }
}
