import { referenced, resourcesOf } from "../../lib/stack";
import { blocks, isExpression, literalNumber, resourceReference, strings } from "../../lib/values";
import type { Resource, StackCheck, StackView, Violation } from "../../types";

const WORLD = ["0.0.0.0/0", "::/0"];

/** One ingress permission, whichever resource type declared it. */
interface Ingress {
  readonly where: string;
  readonly group: Resource | undefined;
  readonly cidrs: readonly unknown[];
  readonly fromPort: unknown;
  readonly toPort: unknown;
  readonly protocol: unknown;
}

function ingressRules(stack: StackView): Ingress[] {
  const inline = resourcesOf(stack, "aws_security_group").flatMap((sg) =>
    blocks(sg.values.ingress).map((i) => ({
      where: sg.address,
      group: sg,
      cidrs: [...asList(i.cidr_blocks), ...asList(i.ipv6_cidr_blocks)],
      fromPort: i.from_port,
      toPort: i.to_port,
      protocol: i.protocol,
    })),
  );
  const legacy = resourcesOf(stack, "aws_security_group_rule")
    .filter((r) => r.values.type === "ingress")
    .map((r) => ({
      where: r.address,
      group: referenced(stack, r.values.security_group_id),
      cidrs: [...asList(r.values.cidr_blocks), ...asList(r.values.ipv6_cidr_blocks)],
      fromPort: r.values.from_port,
      toPort: r.values.to_port,
      protocol: r.values.protocol,
    }));
  const modern = resourcesOf(stack, "aws_vpc_security_group_ingress_rule").map((r) => ({
    where: r.address,
    group: referenced(stack, r.values.security_group_id),
    cidrs: [r.values.cidr_ipv4, r.values.cidr_ipv6].filter((c) => c !== undefined),
    fromPort: r.values.from_port,
    toPort: r.values.to_port,
    protocol: r.values.ip_protocol,
  }));
  return [...inline, ...legacy, ...modern];
}

/** A list argument's items; an expression standing for the whole list is one unknown item. */
function asList(value: unknown): unknown[] {
  if (value === undefined) return [];
  return Array.isArray(value) ? value : [value];
}

/** A CIDR that is the world, or an expression we cannot prove is not (references to VPC/subnet blocks are fine). */
function worldOrUnknown(cidr: unknown): string | undefined {
  if (typeof cidr === "string" && WORLD.includes(cidr)) return cidr;
  if (!isExpression(cidr)) return undefined;
  const ref = resourceReference(cidr);
  const internal = ref && ["aws_vpc", "aws_subnet"].includes(ref.type) && ref.attribute.endsWith("cidr_block");
  return internal ? undefined : `${String(cidr)} (unknown at synth time: fails closed)`;
}

/** The group is a load balancer's: an `aws_lb` of this stack lists it in `security_groups`. */
function isLoadBalancerGroup(stack: StackView, group: Resource | undefined): boolean {
  if (!group) return false;
  return resourcesOf(stack, "aws_lb").some((lb) =>
    strings(lb.values.security_groups).some(
      (sg) => resourceReference(sg)?.name === group.name && resourceReference(sg)?.type === group.type,
    ),
  );
}

function isHttpsOnly(rule: Ingress): boolean {
  return (
    literalNumber(rule.fromPort) === 443 &&
    literalNumber(rule.toPort) === 443 &&
    ["tcp", "6"].includes(String(rule.protocol))
  );
}

/** No security group admits the internet, except a load balancer's group on TCP 443. */
export const securityGroupOpenIngress: StackCheck = (stack) =>
  ingressRules(stack).flatMap((rule): Violation[] => {
    const open = rule.cidrs.map(worldOrUnknown).filter((c): c is string => c !== undefined);
    if (open.length === 0) return [];
    if (isHttpsOnly(rule) && isLoadBalancerGroup(stack, rule.group) && open.every((c) => WORLD.includes(c))) return [];
    const ports = `${String(rule.protocol)} ${String(rule.fromPort)}-${String(rule.toPort)}`;
    return [
      {
        address: rule.where,
        message: `ingress ${ports} from ${open.join(", ")}${rule.group ? ` into ${rule.group.address}` : ""}`,
      },
    ];
  });
