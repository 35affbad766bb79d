/**
 * `offline`: local backend, dummy credentials and skip flags, so synth, validate and
 * plan run with no AWS account and no network. `online`: S3 backend in the account's
 * state bucket with `use_lockfile`, real credentials.
 */
export type DeployMode = "offline" | "online";

/** Settings that apply to every stack of one synth run. */
export interface StackSettings {
  readonly mode: DeployMode;
}

/** Credentials the AWS provider gets offline; never valid, never used for a call. */
export const OFFLINE_CREDENTIALS = {
  accessKey: "offline-mock-access-key",
  secretKey: "offline-mock-secret-key",
} as const;

/** Environment variables that show AWS credentials are available. */
const CREDENTIAL_VARIABLES = [
  "AWS_ACCESS_KEY_ID",
  "AWS_PROFILE",
  "AWS_WEB_IDENTITY_TOKEN_FILE",
  "AWS_CONTAINER_CREDENTIALS_FULL_URI",
  "AWS_CONTAINER_CREDENTIALS_RELATIVE_URI",
] as const;

/**
 * The mode for a process environment: `PLATAFORMA_MODE` when set, else `online` only
 * when AWS credentials are visible, so a newcomer with no account runs offline.
 * Pure: callers (main.ts, scripts) pass their `process.env`.
 */
export function modeFromEnvironment(env: Readonly<Record<string, string | undefined>>): DeployMode {
  const forced = env.PLATAFORMA_MODE;
  if (forced === "offline" || forced === "online") return forced;
  if (forced) throw new Error(`PLATAFORMA_MODE must be "offline" or "online", got ${JSON.stringify(forced)}`);
  return CREDENTIAL_VARIABLES.some((name) => Boolean(env[name])) ? "online" : "offline";
}
