/** Route 53 hosted zones and the companions that point at them by `${aws_route53_zone.x.zone_id|id}`. */
import type { Resource, StackView } from "../types";
import { resourcesOf } from "./stack";
import { blocks, resourceReference } from "./values";

/** Public hosted zones of the stack (private zones carry a `vpc` block). */
export function publicZones(stack: StackView): Resource[] {
  return resourcesOf(stack, "aws_route53_zone").filter((z) => blocks(z.values.vpc).length === 0);
}

/** Resources of `type` whose `key` argument references `zone`. */
export function zoneCompanions(stack: StackView, zone: Resource, type: string, key: string): Resource[] {
  return resourcesOf(stack, type).filter((r) => {
    const ref = resourceReference(r.values[key]);
    return ref?.type === zone.type && ref.name === zone.name;
  });
}
