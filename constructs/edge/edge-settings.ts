/**
 * Defaults and limits of the edge constructs ({@link EdgeWebAcl}, {@link ModuleDistribution}),
 * in a file without provider imports so config validation can use them without loading
 * the provider bindings.
 */

/** Requests per IP per 5 minutes (seed 003 `rate_limiting.limit`, window 300 s). */
export const DEFAULT_RATE_LIMIT_PER_5_MINUTES = 2000;

/** Lowest rate limit AWS WAF accepts per evaluation window. */
export const MIN_WAF_RATE_LIMIT = 10;

/** Highest rate limit AWS WAF accepts per evaluation window. */
export const MAX_WAF_RATE_LIMIT = 2_000_000_000;

/** WAF log retention when none is given, in days (seed 002 audit logs). */
export const DEFAULT_WAF_LOG_RETENTION_DAYS = 90;

/** One year, CloudFront's usual upper TTL (seed 001 `max-ttl`) and the longest accepted here. */
export const MAX_CACHE_TTL_SECONDS = 31_536_000;

/** TTL bounds of a cache policy, in seconds. */
export interface CacheTtl {
  readonly min: number;
  readonly default: number;
  readonly max: number;
}

/** Module code: seed 001 (24 h default so new versions appear within a day, 1 year max). */
export const DEFAULT_MODULE_CODE_TTL: CacheTtl = { min: 0, default: 86_400, max: MAX_CACHE_TTL_SECONDS };
/** Manifests: seed 001 (1 h, metadata changes), capped at a day. */
export const DEFAULT_MANIFEST_TTL: CacheTtl = { min: 0, default: 3_600, max: 86_400 };
/**
 * Static assets. The seeds disagree: seed 001 caches them 1 year, seed 003's `/static/*`
 * behaviour has min 1 day, default 7 days, max 1 year. We keep 1 year as the max
 * (hashed assets sending `max-age=31536000` get it) but default to 7 days and min 0: an
 * un-hashed asset without Cache-Control must not be pinned for a year, and an origin
 * that says `no-cache` (a hotfix) is obeyed rather than overridden for a day.
 */
export const DEFAULT_STATIC_ASSET_TTL: CacheTtl = { min: 0, default: 604_800, max: MAX_CACHE_TTL_SECONDS };
