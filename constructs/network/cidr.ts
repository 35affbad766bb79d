/**
 * IPv4 CIDR arithmetic used by the network construct and by config validation.
 *
 * Pure functions only: subnet plans are computed at synth time from config, so the same
 * config always yields the same subnets (and the same Terraform addresses).
 */

/** A parsed IPv4 CIDR block. */
export interface Ipv4Block {
  /** First address of the block, as an unsigned 32-bit integer. */
  readonly network: number;
  /** Prefix length, 0 to 32. */
  readonly prefix: number;
}

// No leading zeros: Terraform (Go's net.ParseCIDR) rejects "010.0.0.0/16" and "/08".
const OCTET = "(0|[1-9]\\d{0,2})";
const CIDR_PATTERN = new RegExp(`^${OCTET}\\.${OCTET}\\.${OCTET}\\.${OCTET}\\/(0|[1-9]\\d?)$`);

/**
 * Parses `a.b.c.d/n`. Returns `undefined` when the text is not a canonical IPv4 CIDR
 * (bad octets, prefix over 32, or host bits set such as `10.0.0.1/16`).
 */
export function parseCidr(text: string): Ipv4Block | undefined {
  const match = CIDR_PATTERN.exec(text);
  if (!match) return undefined;
  const octets = match.slice(1, 5).map(Number);
  const prefix = Number(match[5]);
  if (octets.some((o) => o > 255) || prefix > 32) return undefined;
  const address = ((octets[0] << 24) | (octets[1] << 16) | (octets[2] << 8) | octets[3]) >>> 0;
  const network = (address & prefixMask(prefix)) >>> 0;
  if (network !== address) return undefined;
  return { network, prefix };
}

/** Like {@link parseCidr} but throws on invalid input; for values already validated. */
export function mustParseCidr(text: string): Ipv4Block {
  const block = parseCidr(text);
  if (!block) {
    throw new Error(`"${text}" is not a canonical IPv4 CIDR block. Fix: write it as a.b.c.d/n with the host bits zero`);
  }
  return block;
}

/** Formats a block back to `a.b.c.d/n`. */
function formatCidr(block: Ipv4Block): string {
  const n = block.network;
  return `${n >>> 24}.${(n >>> 16) & 255}.${(n >>> 8) & 255}.${n & 255}/${block.prefix}`;
}

function prefixMask(prefix: number): number {
  return prefix === 0 ? 0 : (0xffffffff << (32 - prefix)) >>> 0;
}

/** Number of addresses in a block. */
function blockSize(block: Ipv4Block): number {
  return 2 ** (32 - block.prefix);
}

/** True when the two blocks share at least one address. */
export function cidrsOverlap(a: string, b: string): boolean {
  const x = mustParseCidr(a);
  const y = mustParseCidr(b);
  const xEnd = x.network + blockSize(x);
  const yEnd = y.network + blockSize(y);
  return x.network < yEnd && y.network < xEnd;
}

/** True when `inner` lies entirely inside `outer`. */
export function cidrContains(outer: string, inner: string): boolean {
  const o = mustParseCidr(outer);
  const i = mustParseCidr(inner);
  return i.prefix >= o.prefix && i.network >= o.network && i.network + blockSize(i) <= o.network + blockSize(o);
}

/** Subnet tiers every regional VPC carries, in allocation order. */
export const SUBNET_TIERS = ["private", "public", "database"] as const;

/** One of {@link SUBNET_TIERS}. */
export type SubnetTier = (typeof SUBNET_TIERS)[number];

/**
 * How many bits each tier's per-AZ subnet adds to the VPC prefix. For a /16 VPC:
 * private /19 (8,192 addresses each: EKS with the VPC CNI gives every pod a VPC IP),
 * public /22 (load balancers and NAT gateways), database /24.
 */
export const DEFAULT_SUBNET_NEWBITS: Readonly<Record<SubnetTier, number>> = {
  private: 3,
  public: 6,
  database: 8,
};

/** Smallest subnet AWS allows. */
export const MIN_SUBNET_PREFIX = 28;

/** A subnet plan: for each tier, one CIDR per availability zone, keyed by zone name. */
export type SubnetPlan = Record<SubnetTier, Record<string, string>>;

/**
 * Carves the default subnet plan out of a VPC block: tiers in {@link SUBNET_TIERS} order,
 * one subnet per zone, each aligned to its own size, packed from the start of the VPC.
 * Returns `undefined` when the VPC is too small for the layout.
 */
export function defaultSubnetPlan(vpcCidr: string, zones: readonly string[]): SubnetPlan | undefined {
  const vpc = mustParseCidr(vpcCidr);
  const vpcEnd = vpc.network + blockSize(vpc);
  let cursor = vpc.network;
  const plan = { private: {}, public: {}, database: {} } as SubnetPlan;
  for (const tier of SUBNET_TIERS) {
    const prefix = vpc.prefix + DEFAULT_SUBNET_NEWBITS[tier];
    if (prefix > MIN_SUBNET_PREFIX) return undefined;
    const size = 2 ** (32 - prefix);
    for (const zone of zones) {
      cursor = Math.ceil(cursor / size) * size;
      if (cursor + size > vpcEnd) return undefined;
      plan[tier][zone] = formatCidr({ network: cursor >>> 0, prefix });
      cursor += size;
    }
  }
  return plan;
}
