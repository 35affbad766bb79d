import {
  cidrContains,
  cidrsOverlap,
  defaultSubnetPlan,
  MIN_SUBNET_PREFIX,
  mustParseCidr,
  parseCidr,
  SUBNET_TIERS,
  type SubnetPlan,
} from "./cidr";

/** Largest and smallest VPC blocks accepted (AWS allows /16 to /28; EKS needs room). */
export const VPC_PREFIX_RANGE = { min: 16, max: 20 } as const;

/** A layout problem, with a path relative to the network settings. */
export interface LayoutProblem {
  readonly path: (string | number)[];
  /** What is wrong. */
  readonly message: string;
  /** How to fix it. */
  readonly fix: string;
  /** The value at `path`. */
  readonly input: unknown;
}

/**
 * Checks a VPC layout: VPC size, subnets inside the VPC, one subnet per zone and tier,
 * no two subnets overlapping. With no explicit plan, checks the default layout fits.
 * Used by both the config schema and {@link RegionalNetwork}, so library users get the
 * same messages as config users.
 */
export function checkNetworkLayout(vpcCidr: string, zones: readonly string[], subnets?: SubnetPlan): LayoutProblem[] {
  const vpc = parseCidr(vpcCidr);
  if (!vpc) {
    return [
      {
        path: ["vpcCidr"],
        input: vpcCidr,
        message: `${JSON.stringify(vpcCidr)} is not a canonical IPv4 CIDR block`,
        fix: "write it as a.b.c.d/n with the host bits zero",
      },
    ];
  }
  if (vpc.prefix < VPC_PREFIX_RANGE.min || vpc.prefix > VPC_PREFIX_RANGE.max) {
    return [
      {
        path: ["vpcCidr"],
        input: vpcCidr,
        message: `VPC block ${vpcCidr} is a /${vpc.prefix}`,
        fix:
          `use a block from /${VPC_PREFIX_RANGE.min} to /${VPC_PREFIX_RANGE.max} ` +
          "(EKS pods take one VPC address each)",
      },
    ];
  }
  if (!subnets) {
    return defaultSubnetPlan(vpcCidr, zones)
      ? []
      : [
          {
            path: ["vpcCidr"],
            input: vpcCidr,
            message: `VPC block ${vpcCidr} is too small for the default subnet layout over ${zones.length} zones`,
            fix: "use a larger block or list the subnets explicitly",
          },
        ];
  }
  const problems: LayoutProblem[] = [];
  const seen: { path: (string | number)[]; cidr: string }[] = [];
  const expected = [...zones].sort();
  for (const tier of SUBNET_TIERS) {
    const byZone = subnets[tier];
    const keys = Object.keys(byZone).sort();
    if (keys.join(",") !== expected.join(",")) {
      problems.push({
        path: ["subnets", tier],
        input: keys,
        message: `the ${tier} subnets are keyed by [${keys.join(", ")}] but the zones are [${expected.join(", ")}]`,
        fix: `give exactly one ${tier} subnet per availability zone`,
      });
    }
    for (const [zone, cidr] of Object.entries(byZone)) {
      const path = ["subnets", tier, zone];
      const block = parseCidr(cidr);
      if (!block) {
        problems.push({
          path,
          input: cidr,
          message: `${JSON.stringify(cidr)} is not a canonical IPv4 CIDR block`,
          fix: "write it as a.b.c.d/n with the host bits zero",
        });
        continue;
      }
      if (block.prefix > MIN_SUBNET_PREFIX) {
        problems.push({
          path,
          input: cidr,
          message: `subnet ${cidr} is smaller than a /${MIN_SUBNET_PREFIX}, the smallest AWS allows`,
          fix: `use a /${MIN_SUBNET_PREFIX} or larger block`,
        });
        continue;
      }
      if (!cidrContains(vpcCidr, cidr)) {
        problems.push({
          path,
          input: cidr,
          message: `subnet ${cidr} is not inside the VPC block ${vpcCidr}`,
          fix: `pick a block within ${vpcCidr}`,
        });
        continue;
      }
      const clash = seen.find((other) => cidrsOverlap(other.cidr, cidr));
      if (clash) {
        problems.push({
          path,
          input: cidr,
          message: `subnet ${cidr} overlaps ${clash.cidr} at ${clash.path.join(".")}`,
          fix: "give every subnet its own block",
        });
      }
      seen.push({ path, cidr });
    }
  }
  return problems;
}

/** The plan a VPC gets: the explicit one, or the default layout (throws if it cannot fit). */
export function resolveSubnetPlan(vpcCidr: string, zones: readonly string[], subnets?: SubnetPlan): SubnetPlan {
  if (subnets) return subnets;
  mustParseCidr(vpcCidr);
  const plan = defaultSubnetPlan(vpcCidr, zones);
  if (!plan) {
    const fix = "use a larger block or list the subnets";
    throw new Error(`VPC block ${vpcCidr} is too small for the default subnet layout. Fix: ${fix}`);
  }
  return plan;
}
