import { z } from "zod";
import { parseCidr } from "../../constructs/network/cidr";
import { closest, didYouMean } from "../../contracts/suggest";
import { AUDIT_RETENTION_DAYS } from "../../policies/rules/security/log-retention-audit";

/**
 * AWS commercial regions this project may deploy to. A typo such as `sa-east1` is a
 * config error rather than a provider error at apply time.
 */
export const AWS_REGIONS = [
  "af-south-1",
  "ap-east-1",
  "ap-northeast-1",
  "ap-northeast-2",
  "ap-northeast-3",
  "ap-south-1",
  "ap-south-2",
  "ap-southeast-1",
  "ap-southeast-2",
  "ap-southeast-3",
  "ap-southeast-4",
  "ca-central-1",
  "ca-west-1",
  "eu-central-1",
  "eu-central-2",
  "eu-north-1",
  "eu-south-1",
  "eu-south-2",
  "eu-west-1",
  "eu-west-2",
  "eu-west-3",
  "il-central-1",
  "me-central-1",
  "me-south-1",
  "mx-central-1",
  "sa-east-1",
  "us-east-1",
  "us-east-2",
  "us-west-1",
  "us-west-2",
] as const;

/** One of {@link AWS_REGIONS}. */
export type AwsRegion = (typeof AWS_REGIONS)[number];

/** An AWS region name from {@link AWS_REGIONS}. */
export const AwsRegionSchema = z.enum(AWS_REGIONS, {
  error: (issue) => unknownRegionMessage(issue.input),
});

/** `unknown region X, did you mean Y? Fix: ...` for a value or key that is not an AWS region. */
export function unknownRegionMessage(input: unknown): string {
  if (input === undefined) return 'missing AWS region. Fix: add a region name such as "sa-east-1"';
  return (
    `unknown region ${JSON.stringify(input)}${didYouMean(input, AWS_REGIONS) || "."}` +
    ` Fix: use a region name such as "sa-east-1" or "us-east-1"`
  );
}

/** A short lowercase identifier used in resource names (`plataforma`, `production`). */
export const SlugSchema = z.string().regex(/^[a-z][a-z0-9-]{1,30}[a-z0-9]$/, {
  error: "must be 3-32 characters of lowercase letters, digits and dashes, starting with a letter",
});

/** A canonical IPv4 CIDR block (`10.30.0.0/16`; host bits must be zero). */
export const CidrSchema = z.string().refine((value) => parseCidr(value) !== undefined, {
  error: (issue) =>
    `${JSON.stringify(issue.input)} is not a canonical IPv4 CIDR block. ` +
    `Fix: write it as a.b.c.d/n with the host bits zero, e.g. "10.30.0.0/16"`,
});

/** A DNS host name (`plataforma.app`, `crm.example.com`). */
export const HostnameSchema = z.string().regex(/^(?=.{1,253}$)([a-z0-9]([a-z0-9-]{0,61}[a-z0-9])?\.)+[a-z]{2,63}$/, {
  error: (issue) =>
    `${JSON.stringify(issue.input)} is not a valid lowercase DNS name. Fix: use a name such as "plataforma.app"`,
});

/** Retention periods CloudWatch Logs accepts, in days. */
export const LOG_RETENTION_DAYS = [
  1, 3, 5, 7, 14, 30, 60, 90, 120, 150, 180, 365, 400, 545, 731, 1096, 1827, 2192, 2557, 2922, 3288, 3653,
] as const;

/**
 * Days every production log group keeps its events: the gate's SEC-LOG-RETENTION-AUDIT
 * (CKV_AWS_338's one year). Seed 002 asks at least 90 days of audit logs; the gate, and
 * production's own settings, keep a year (incidents surface late, LGPD investigations
 * ask for a year), so the config refuses what the gate would refuse after synth.
 */
export const PRODUCTION_MIN_LOG_RETENTION_DAYS = AUDIT_RETENTION_DAYS;

/**
 * The problem with a production log-retention field below {@link PRODUCTION_MIN_LOG_RETENTION_DAYS}
 * (`what` names the logs, `field` the key to raise), or undefined when the tier or value is fine.
 */
export function shortProductionRetention(tier: string, what: string, field: string, days: number): string | undefined {
  if (tier !== "production" || days >= PRODUCTION_MIN_LOG_RETENTION_DAYS) return undefined;
  return (
    `production keeps ${what} at least ${PRODUCTION_MIN_LOG_RETENTION_DAYS} days (audit retention, ` +
    `policy SEC-LOG-RETENTION-AUDIT), got ${days}. Fix: set ${field} to ${PRODUCTION_MIN_LOG_RETENTION_DAYS} or more`
  );
}

/** A CloudWatch Logs retention period from {@link LOG_RETENTION_DAYS}. */
export const LogRetentionSchema = z
  .number()
  .int()
  .refine((days) => (LOG_RETENTION_DAYS as readonly number[]).includes(days), {
    error: (issue) =>
      `CloudWatch Logs does not accept a retention of ${JSON.stringify(issue.input)} days. ` +
      `Fix: use one of ${LOG_RETENTION_DAYS.join(", ")}`,
  });

/** An e-mail address for notifications. */
export const EmailSchema = z.email({
  error: (issue) =>
    `${JSON.stringify(issue.input)} is not an e-mail address. ` +
    'Fix: write it as name@domain, e.g. "platform@plataforma.app"',
});

/**
 * A string from a fixed catalog (instance classes, node types, versions), refused with
 * the closest entry as a suggestion and where the catalog lives.
 */
export function catalogString(values: readonly string[], what: string, where: string) {
  const known = new Set(values);
  return z.string().refine((value) => known.has(value), {
    error: (issue) => unknownCatalogValue(issue.input, values, what, where),
  });
}

/** The message for a value missing from a catalog: what it is, the closest entry, the fix. */
export function unknownCatalogValue(input: unknown, values: readonly string[], what: string, where: string): string {
  const suggestion = closest(String(input), values);
  const hint = suggestion === undefined ? "." : `, did you mean ${JSON.stringify(suggestion)}?`;
  const fix = suggestion === undefined ? `use one of ${shortList(values)}` : `use ${JSON.stringify(suggestion)}`;
  return `${JSON.stringify(input)} is not a known ${what}${hint} Fix: ${fix} (catalog: ${where})`;
}

/** A list for a message: all of it when short, else its first entries and a count. */
export function shortList(values: readonly string[], max = 12): string {
  if (values.length <= max) return values.join(", ");
  return `${values.slice(0, max).join(", ")}, ... (${values.length} in all)`;
}
