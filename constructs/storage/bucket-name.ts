import { checkRequired, type PropProblem } from "../core/validation";

/** Shape S3 allows: 3-63 lowercase letters, digits, dots and dashes, a letter or digit at each end. */
const BUCKET_NAME = /^[a-z0-9][a-z0-9.-]{1,61}[a-z0-9]$/;

/** Four dotted numbers: S3 refuses names formatted as IP addresses. */
const IP_ADDRESS = /^\d+\.\d+\.\d+\.\d+$/;

/** Prefixes and suffixes S3 reserves for its own names (access points, directory and table buckets). */
const RESERVED_PREFIXES = ["xn--", "sthree-", "amzn-s3-demo-"] as const;
const RESERVED_SUFFIXES = ["-s3alias", "--ol-s3", ".mrap", "--x-s3", "--table-s3"] as const;

/**
 * Problems of a prop holding a general purpose bucket name, against S3's naming rules
 * (which AWS otherwise enforces only at apply): 3-63 characters of lowercase letters,
 * digits, dots and dashes, starting and ending with a letter or digit, no two adjacent
 * dots, not an IP address, none of S3's reserved prefixes and suffixes.
 *
 * @example
 * ```ts
 * import { checkBucketName } from "@plataforma/infra/constructs/storage";
 *
 * checkBucketName("bucketName", "Orders_Reports"); // one problem: uppercase and underscore
 * checkBucketName("bucketName", "orders-production-reports"); // []
 * ```
 */
export function checkBucketName(prop: string, name: unknown): PropProblem[] {
  const fix = "use 3-63 lowercase letters, digits and dashes, starting and ending with a letter or digit";
  const missing = checkRequired(prop, name, fix);
  if (missing.length > 0) return missing;
  const problem = (message: string): PropProblem[] => [{ prop, message, received: name, fix }];
  if (typeof name !== "string" || !BUCKET_NAME.test(name)) {
    return problem(
      "must be 3-63 lowercase letters, digits, dots or dashes, starting and ending with a letter or digit",
    );
  }
  if (name.includes("..")) return problem("must not contain two adjacent dots");
  if (IP_ADDRESS.test(name)) return problem("must not be formatted as an IP address");
  const prefix = RESERVED_PREFIXES.find((p) => name.startsWith(p));
  if (prefix) return problem(`must not start with ${prefix} (reserved by S3)`);
  const suffix = RESERVED_SUFFIXES.find((s) => name.endsWith(s));
  if (suffix) return problem(`must not end with ${suffix} (reserved by S3)`);
  return [];
}
