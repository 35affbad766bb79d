/**
 * The organisation-specific names on module objects: the DNS prefix of the labels and
 * annotations the library adds, and the `app.kubernetes.io/part-of` value. Neutral by
 * default; a platform passes its own (its own DNS domain, for instance).
 */

/**
 * Prefix of the library's label and annotation keys (`<domain>/module-group`,
 * `egress.<domain>/allowed-hosts`). `.example` is reserved (RFC 2606): it can never collide
 * with a real owner's keys, and reads as "replace me".
 */
export const DEFAULT_LABEL_DOMAIN = "platform.example";
/** `app.kubernetes.io/part-of` of every module object. */
export const DEFAULT_PART_OF = "platform";

/** Label and annotation naming of the platform running the modules. */
export interface ModuleLabelling {
  /** DNS prefix of label and annotation keys, e.g. `example.com`. @default DEFAULT_LABEL_DOMAIN */
  readonly domain?: string;
  /** The application the modules are part of, e.g. `orders`. @default DEFAULT_PART_OF */
  readonly partOf?: string;
}

/** Annotation carrying a module's CSP for the edge to send as a header. */
export function cspAnnotation(domain: string = DEFAULT_LABEL_DOMAIN): string {
  return `${domain}/content-security-policy`;
}

/** Annotation carrying a module's request budget for the edge rate limiter. */
export function rateLimitAnnotation(domain: string = DEFAULT_LABEL_DOMAIN): string {
  return `${domain}/rate-limit-rpm`;
}

/** Label naming a module's group (core, business, admin). */
export function moduleGroupLabel(domain: string = DEFAULT_LABEL_DOMAIN): string {
  return `${domain}/module-group`;
}

/** Annotation listing the host names a module may reach, for an FQDN-aware enforcer. */
export function allowedHostsAnnotation(domain: string = DEFAULT_LABEL_DOMAIN): string {
  return `egress.${domain}/allowed-hosts`;
}
