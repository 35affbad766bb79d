/**
 * Types of the policy engine. Policies read synthesized Terraform JSON (cdktf's
 * `cdk.tf.json`, or a plan converted to the same shape) and nothing else: no construct,
 * no config module, no clock, no disk.
 */

/** How bad a finding is: `error` fails synth and the CLI; `warning` is reported only. */
export type Severity = "error" | "warning";

/** Environment tiers, as the environment schema names them. */
export type Tier = "development" | "staging" | "production";

/**
 * What the engine knows about the environment a stack belongs to. Every field is
 * optional: a stack the caller cannot place (a stray plan file) gets no context, and
 * rules that need one fail closed.
 */
export interface StackContext {
  /** Environment name (`production`); the value the `Environment` tag must carry. */
  readonly environment?: string;
  /** Project slug (`plataforma`), prefix of the budget name. */
  readonly project?: string;
  /** Tier; tier-dependent rules treat an unknown tier as production. */
  readonly tier?: Tier;
  /** Regions allowed to hold personal data (LGPD residency). */
  readonly personalDataRegions?: readonly string[];
  /** Name of the bootstrap stack holding this environment's budget (`bootstrap-<account>`). */
  readonly budgetStack?: string;
}

/** One managed resource of a stack. */
export interface Resource {
  /** Terraform type, e.g. `aws_s3_bucket`. */
  readonly type: string;
  /** Logical id (cdktf unique id), e.g. `state_bucket_803B4E61`. */
  readonly name: string;
  /** `<type>.<name>`: what findings and suppressions point at. */
  readonly address: string;
  /** The resource's arguments as synthesized (tokens such as `${aws_kms_key.k.arn}` left as strings). */
  readonly values: Readonly<Record<string, unknown>>;
}

/** One synthesized stack, parsed once and indexed for the rules. */
export interface StackView {
  /** Stack name, e.g. `production-sa-east-1-data`. */
  readonly name: string;
  /** Every managed resource, in document order. */
  readonly resources: readonly Resource[];
  /** Provider blocks by provider name (`aws`, `cloudflare`), each a list of configurations. */
  readonly providers: Readonly<Record<string, readonly Readonly<Record<string, unknown>>[]>>;
  /**
   * Planned actions by resource address (`["delete", "create"]` for a replacement), when
   * the stack came from a plan; undefined for synth output.
   */
  readonly planActions?: ReadonlyMap<string, readonly string[]>;
  readonly context?: StackContext;
}

/** What a rule reports: where and what; the pack adds why, how to fix and the ids. */
export interface Violation {
  /** Resource address (`aws_s3_bucket.state_bucket_803B4E61`), or `stack` for stack-wide problems. */
  readonly address: string;
  /** What is wrong, with the value found. */
  readonly message: string;
}

/** A violation found by an app-wide rule, which names its stack. */
export interface AppViolation extends Violation {
  readonly stack: string;
}

/** A rule over one stack: a pure function. */
export type StackCheck = (stack: StackView) => Violation[];

/** A rule over every stack at once (e.g. "each environment has a budget"): a pure function. */
export type AppCheck = (stacks: readonly StackView[]) => AppViolation[];

/** What a pack says about a rule: identity, level and explanation. */
export interface RuleInfo {
  /** Stable id used in reports and suppressions, e.g. `SEC-S3-ENCRYPTION`. */
  readonly id: string;
  readonly severity: Severity;
  /** One line: what the rule requires. */
  readonly title: string;
  /** Why it matters. */
  readonly why: string;
  /** How to fix a violation. */
  readonly fix: string;
  /** Matching Checkov ids (`CKV_AWS_145`), when one exists. */
  readonly checkov?: readonly string[];
  /** Matching cdk-nag rule ids (`AwsSolutions-S1`, or the rule name for non-AwsSolutions packs). */
  readonly cdkNag?: readonly string[];
  /** Matching Trivy check ids (`AVD-AWS-0017`, `KSV017`), when one checks the same thing. */
  readonly trivy?: readonly string[];
  /** Matching kube-linter check names (`privileged-container`), when one checks the same thing. */
  readonly kubeLinter?: readonly string[];
}

/** A rule as a pack lists it. */
export type PackRule = RuleInfo &
  ({ readonly scope: "stack"; readonly check: StackCheck } | { readonly scope: "app"; readonly check: AppCheck });

/** A named group of rules. */
export interface Pack {
  readonly name: string;
  readonly description: string;
  readonly rules: readonly PackRule[];
}
