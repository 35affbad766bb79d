import { DnsRecord } from "@cdktf/provider-cloudflare/lib/dns-record";
import { Fn } from "cdktf";
import { Construct } from "constructs";
import { throwIfInvalid } from "../core/validation";

/** Name servers in a Route 53 delegation set: always four. */
export const ROUTE53_NAME_SERVER_COUNT = 4;

/** TTL of the delegation NS records (parents usually use two days; a day is safe). */
export const DEFAULT_DELEGATION_TTL_SECONDS = 86_400;

/** Properties of {@link ZoneDelegation}. */
export interface ZoneDelegationProps {
  readonly zoneId: string;
  /** Fully qualified name of the delegated subdomain, e.g. `aws.example.com`. */
  readonly subdomain: string;
  /** The child zone's name servers (may be an unresolved list from another stack). */
  readonly nameServers: string[];
  /** How many name servers the list holds. @default 4 (a Route 53 delegation set) */
  readonly count?: number;
  /** @default 86400 */
  readonly ttlSeconds?: number;
}

/**
 * NS records delegating a subdomain (the Route 53 zone) from the Cloudflare zone. The
 * list usually comes from the edge stack's outputs, unknown at synth, so records are
 * created per position (`ns-0`..`ns-3`) rather than per value.
 *
 * @example
 * ```ts
 * import { ZoneDelegation } from "@plataforma/infra/constructs/cloudflare";
 * import type { PublicZone } from "@plataforma/infra/constructs/dns";
 *
 * declare const awsZone: PublicZone; // the Route 53 zone of aws.example.com
 *
 * new ZoneDelegation(stack, "aws-delegation", {
 *   zoneId: "023e105f4ecef8ad9ca31a8372d0c353",
 *   subdomain: "aws.example.com",
 *   nameServers: awsZone.zone.nameServers,
 * });
 * ```
 */
export class ZoneDelegation extends Construct {
  /** The NS records, by position. */
  readonly records: readonly DnsRecord[];

  constructor(scope: Construct, id: string, props: ZoneDelegationProps) {
    super(scope, id);
    const count = props.count ?? ROUTE53_NAME_SERVER_COUNT;
    throwIfInvalid(
      this,
      Number.isInteger(count) && count >= 2 && count <= 8
        ? []
        : [
            {
              prop: "count",
              message: "must be an integer from 2 to 8",
              received: count,
              fix: `use ${ROUTE53_NAME_SERVER_COUNT} for Route 53`,
            },
          ],
    );
    this.records = Array.from(
      { length: count },
      (_, i) =>
        new DnsRecord(this, `ns-${i}`, {
          zoneId: props.zoneId,
          name: props.subdomain,
          type: "NS",
          content: Fn.element(props.nameServers, i),
          ttl: props.ttlSeconds ?? DEFAULT_DELEGATION_TTL_SECONDS,
          proxied: false,
          comment: "Delegation to Route 53, managed by cdktf",
        }),
    );
  }
}
