import { Route53Zone } from "@cdktf/provider-aws/lib/route53-zone";
import { Construct } from "constructs";
import { throwIfInvalid } from "../core/validation";

/** Properties of {@link PublicZone}. */
export interface PublicZoneProps {
  /** The zone's DNS name, e.g. `aws.example.com`. */
  readonly zoneName: string;
  /** @default - "Managed by cdktf: <zoneName>" */
  readonly comment?: string;
}

/**
 * A public Route 53 hosted zone that refuses destroy: a recreated zone gets new name
 * servers, which breaks the delegation at the parent (registrar or Cloudflare) until
 * someone updates it by hand.
 *
 * @example
 * ```ts
 * import { PublicZone } from "@plataforma/infra/constructs/dns";
 *
 * const zone = new PublicZone(stack, "zone", { zoneName: "aws.example.com" });
 * // Delegate from the parent zone to these.
 * const nameServers = zone.zone.nameServers;
 * ```
 */
export class PublicZone extends Construct {
  /** The hosted zone. */
  readonly zone: Route53Zone;
  /** The zone's name as configured (a plain string, usable to build record names). */
  readonly zoneName: string;

  constructor(scope: Construct, id: string, props: PublicZoneProps) {
    super(scope, id);
    const dnsName = /^(?=.{1,253}$)([a-z0-9]([a-z0-9-]{0,61}[a-z0-9])?\.)+[a-z]{2,63}$/;
    throwIfInvalid(
      this,
      dnsName.test(props.zoneName)
        ? []
        : [
            {
              prop: "zoneName",
              message: "is not a lowercase DNS name",
              received: props.zoneName,
              fix: 'use a name such as "aws.example.com"',
            },
          ],
    );
    this.zoneName = props.zoneName;
    this.zone = new Route53Zone(this, "zone", {
      name: props.zoneName,
      comment: props.comment ?? `Managed by cdktf: ${props.zoneName}`,
      forceDestroy: false,
      lifecycle: { preventDestroy: true },
    });
  }

  /** Fully qualified name of `label` in this zone (`api` gives `api.<zone>`). */
  fqdn(label: string): string {
    return `${label}.${this.zoneName}`;
  }
}
