import type { EnvironmentConfig } from "../environments/schema";

/** Stack layers, in dependency order. */
export const LAYERS = ["network", "cluster", "data", "platform", "edge", "cloudflare"] as const;

/** One of {@link LAYERS}. */
export type Layer = (typeof LAYERS)[number];

/** `<env>-<region>-<layer>` or `<env>-global-<layer>`. */
export function stackName(env: Pick<EnvironmentConfig, "name">, region: string | "global", layer: Layer): string {
  return `${env.name}-${region}-${layer}`;
}

/** One bootstrap stack per AWS account: `bootstrap-<account name>`. */
export function bootstrapStackName(env: Pick<EnvironmentConfig, "account">): string {
  return `bootstrap-${env.account.name}`;
}

/** Name prefix of an environment's regional resources: `<project>-<env>-<region>`. */
export function resourcePrefix(env: Pick<EnvironmentConfig, "project" | "name">, region: string): string {
  return `${env.project}-${env.name}-${region}`;
}

/** The account's state bucket: config, or `<project>-tfstate-<account id>`. */
export function stateBucketName(env: Pick<EnvironmentConfig, "project" | "account" | "state">): string {
  return env.state.bucket ?? `${env.project}-tfstate-${env.account.id}`;
}

/** Region of the state bucket: config, or the primary region. */
export function stateRegion(env: Pick<EnvironmentConfig, "primaryRegion" | "state">): string {
  return env.state.region ?? env.primaryRegion;
}

/**
 * Offline state file of a stack, relative to the stack's folder
 * (`<outdir>/stacks/<stack>/`): `<outdir>/../terraform-state/<stack>.tfstate`, beside the
 * synth output rather than inside it, so re-synthesizing (which replaces the output
 * folder) never deletes state.
 */
export function localStatePath(stack: string): string {
  return `../../../terraform-state/${stack}.tfstate`;
}

/** Object key of a stack's state in the state bucket. */
export function stateKey(env: Pick<EnvironmentConfig, "name">, stack: string): string {
  return `${env.name}/${stack}.tfstate`;
}

/**
 * Globally unique S3 bucket name for a logical bucket of the data catalog:
 * `<project>-<env>-<logical, dashed>-<account id>`.
 */
export function bucketName(env: Pick<EnvironmentConfig, "project" | "name" | "account">, logical: string): string {
  return `${env.project}-${env.name}-${logical.replace(/_/g, "-")}-${env.account.id}`;
}
