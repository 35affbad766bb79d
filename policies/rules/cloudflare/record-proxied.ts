import { resourcesOf } from "../../lib/stack";
import { isTrue, literalString, show } from "../../lib/values";
import type { StackCheck, Violation } from "../../types";

/** Record types that can point a browser at an origin. */
const WEB_TYPES = ["A", "AAAA", "CNAME"];

/**
 * Names that are not web hosts: service and validation records (`_acme-challenge`,
 * `_domainkey`, ...) and mail hosts, which Cloudflare cannot proxy.
 */
function isNonWebName(name: string): boolean {
  return (
    name.split(".").some((label) => label.startsWith("_")) ||
    /^(mail|smtp|imap|pop|mx|autodiscover)\d*(\.|$)/.test(name)
  );
}

/** Web host records (A/AAAA/CNAME) are proxied, so traffic passes the WAF and the origin address stays hidden. */
export const cloudflareRecordProxied: StackCheck = (stack) =>
  resourcesOf(stack, "cloudflare_record", "cloudflare_dns_record").flatMap((record): Violation[] => {
    const type = literalString(record.values.type);
    const name = literalString(record.values.name);
    if (type === undefined || name === undefined)
      return [
        {
          address: record.address,
          message:
            `type ${show(record.values.type)} / name ${show(record.values.name)} unknown at synth time (fails ` +
            `closed)`,
        },
      ];
    if (!WEB_TYPES.includes(type) || isNonWebName(name)) return [];
    return isTrue(record.values.proxied)
      ? []
      : [
          {
            address: record.address,
            message:
              `${type} record ${name} has proxied ${show(record.values.proxied)}: visitors reach the origin ` +
              `directly, bypassing the WAF`,
          },
        ];
  });
