/** Security group rules of a stack, whichever resource type declares them (inline, legacy or per-rule). */
import type { StackView } from "../types";
import { resourcesOf } from "./stack";
import { blocks } from "./values";

/** One ingress or egress permission and where it is declared. */
export interface GroupRule {
  readonly address: string;
  readonly direction: "ingress" | "egress";
  readonly cidrs: readonly unknown[];
  readonly protocol: unknown;
  readonly description: unknown;
}

function list(value: unknown): unknown[] {
  if (value === undefined) return [];
  return Array.isArray(value) ? value : [value];
}

/** Every rule: inline `ingress`/`egress` blocks, `aws_security_group_rule`, `aws_vpc_security_group_*_rule`. */
export function groupRules(stack: StackView): GroupRule[] {
  const inline = resourcesOf(stack, "aws_security_group").flatMap((sg) =>
    (["ingress", "egress"] as const).flatMap((direction) =>
      blocks(sg.values[direction]).map((b) => ({
        address: sg.address,
        direction,
        cidrs: [...list(b.cidr_blocks), ...list(b.ipv6_cidr_blocks)],
        protocol: b.protocol,
        description: b.description,
      })),
    ),
  );
  const legacy = resourcesOf(stack, "aws_security_group_rule").map((r) => ({
    address: r.address,
    direction: r.values.type === "egress" ? ("egress" as const) : ("ingress" as const),
    cidrs: [...list(r.values.cidr_blocks), ...list(r.values.ipv6_cidr_blocks)],
    protocol: r.values.protocol,
    description: r.values.description,
  }));
  const modern = resourcesOf(stack, "aws_vpc_security_group_ingress_rule", "aws_vpc_security_group_egress_rule").map(
    (r) => ({
      address: r.address,
      direction: r.type.includes("egress") ? ("egress" as const) : ("ingress" as const),
      cidrs: [r.values.cidr_ipv4, r.values.cidr_ipv6].filter((c) => c !== undefined),
      protocol: r.values.ip_protocol,
      description: r.values.description,
    }),
  );
  return [...inline, ...legacy, ...modern];
}
