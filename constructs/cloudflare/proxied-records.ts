import { DnsRecord } from "@cdktf/provider-cloudflare/lib/dns-record";
import { Construct } from "constructs";
import { type PropProblem, throwIfInvalid } from "../core/validation";

/** Cloudflare's "automatic" TTL, required for proxied records. */
export const AUTOMATIC_TTL = 1;

/** TTL of DNS-only records when none is given, in seconds. */
export const DEFAULT_DNS_ONLY_TTL_SECONDS = 300;

/** One record. */
export interface ProxiedRecord {
  readonly type: "A" | "AAAA" | "CNAME";
  readonly content: string;
  /** Through Cloudflare's proxy (WAF, cache, DDoS protection). @default true */
  readonly proxied?: boolean;
}

/** Properties of {@link ProxiedRecords}. */
export interface ProxiedRecordsProps {
  readonly zoneId: string;
  /** The zone's name; record names are written fully qualified. */
  readonly zoneName: string;
  /** Records keyed by name relative to the zone (`@` is the apex). */
  readonly records: Readonly<Record<string, ProxiedRecord>>;
}

/**
 * DNS records in a Cloudflare zone, proxied by default so traffic passes the WAF and
 * cache. Names are written fully qualified (the provider stores them so, and a relative
 * name would show a diff on every plan).
 *
 * @example
 * ```ts
 * import { ProxiedRecords } from "@plataforma/infra/constructs/cloudflare";
 *
 * new ProxiedRecords(stack, "records", {
 *   zoneId: "023e105f4ecef8ad9ca31a8372d0c353",
 *   zoneName: "example.com",
 *   records: {
 *     "@": { type: "CNAME", content: "d111111abcdef8.cloudfront.net" },
 *     www: { type: "CNAME", content: "example.com" },
 *     status: { type: "CNAME", content: "example.statuspage.io", proxied: false },
 *   },
 * });
 * ```
 */
export class ProxiedRecords extends Construct {
  /** Records keyed by relative name. */
  readonly records: Readonly<Record<string, DnsRecord>>;

  constructor(scope: Construct, id: string, props: ProxiedRecordsProps) {
    super(scope, id);
    const problems: PropProblem[] = [];
    const records: Record<string, DnsRecord> = {};
    for (const [name, record] of Object.entries(props.records)) {
      const prop = `records.${name}.content`;
      if (record.type === "A" && !/^(\d{1,3}\.){3}\d{1,3}$/.test(record.content)) {
        problems.push({
          prop,
          message: "is not an IPv4 address",
          received: record.content,
          fix: "use an address or a CNAME",
        });
      }
      if (record.type === "CNAME" && !/^[a-z0-9.-]+$/.test(record.content)) {
        problems.push({
          prop,
          message: "is not a host name",
          received: record.content,
          fix: "use a host name such as origin.example.com",
        });
      }
    }
    throwIfInvalid(this, problems);
    for (const [name, record] of Object.entries(props.records)) {
      const proxied = record.proxied ?? true;
      records[name] = new DnsRecord(this, name === "@" ? "apex" : name.replace(/\*/g, "wildcard"), {
        zoneId: props.zoneId,
        name: name === "@" ? props.zoneName : `${name}.${props.zoneName}`,
        type: record.type,
        content: record.content,
        proxied,
        ttl: proxied ? AUTOMATIC_TTL : DEFAULT_DNS_ONLY_TTL_SECONDS,
        comment: "Managed by cdktf",
      });
    }
    this.records = records;
  }
}
