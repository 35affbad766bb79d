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
 * rules that need one fail closed: they report a finding naming the missing
 * `context.<field>` rather than pass unchecked. This repository's gate derives the context
 * from the environment config (`placeStacks`); a project calling `checkApp` passes it.
 *
 * Which rules read which field (details on each field):
 * - `environment`: TAG-ENVIRONMENT-MATCH, MON-ALARM-ACTION-TOPIC, COST-BUDGET.
 * - `project`: MON-ALARM-ACTION-TOPIC, COST-BUDGET.
 * - `tier`: production-only and beyond-development rules; without it, production.
 * - `personalDataRegions`: RES-PERSONAL-DATA-REGION, RES-S3-REPLICATION-REGION,
 *   RES-DYNAMODB-REPLICA-REGION.
 * - `budgetStack`: COST-BUDGET.
 */
export interface StackContext {
  /**
   * Environment name (`production`): the value the `Environment` tag must carry
   * (TAG-ENVIRONMENT-MATCH), the middle of alarm topic names (MON-ALARM-ACTION-TOPIC) and of
   * the budget name (COST-BUDGET checks one budget per environment named, so it skips a stack
   * without one).
   */
  readonly environment?: string;
  /**
   * Project slug (`plataforma`): prefix of the environment's alarm topic names
   * (`<project>-<env>-...`, MON-ALARM-ACTION-TOPIC) and budget name (`<project>-<env>-monthly`,
   * COST-BUDGET).
   */
  readonly project?: string;
  /**
   * Tier: relaxes production-only rules for development and staging (multi-AZ, deletion
   * protection, backup retention, alarms...). An unknown tier is held to production.
   */
  readonly tier?: Tier;
  /**
   * Regions allowed to hold personal data (LGPD residency): RES-PERSONAL-DATA-REGION,
   * RES-S3-REPLICATION-REGION and RES-DYNAMODB-REPLICA-REGION compare resource regions with it.
   */
  readonly personalDataRegions?: readonly string[];
  /**
   * Name of the stack holding this environment's budget (COST-BUDGET); this repository uses
   * its bootstrap stack, `bootstrap-<account>`. It must be one of the checked stacks.
   */
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
