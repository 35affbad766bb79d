import type { RegionLink } from "../naming/derived";

/** Key of a link in `GlobalNetworkStack.peerings` and its construct id: `<requester>--<accepter>`. */
export function peeringKey(link: RegionLink): string {
  return `${link.requester}--${link.accepter}`;
}

/**
 * Output contract of the `<env>-global-network` stack: one output per link holding the
 * peering connection id, `peering_<requester>__<accepter>` with dashes as underscores. No
 * stack reads them (DR drills and operators read them from state), so there are no
 * placeholders and no reader.
 */
export function peeringOutputName(link: RegionLink): string {
  return `peering_${peeringKey(link).replace(/-/g, "_")}`;
}
