/**
 * EC2 instance types node groups may use, with the capacity each node brings. Config
 * validation rejects types not listed here (a typo such as `m5.xlarg` fails at synth,
 * not after a 15-minute apply), and workload sizing reads node capacity from here.
 *
 * Figures are the EC2 published vCPU count and memory; what a pod can use is less (kubelet
 * and system reservations), so use {@link allocatableMemoryMiB} when packing pods.
 */

/** CPU architecture of an instance type; decides the EKS AMI type. */
export type CpuArchitecture = "x86_64" | "arm64";

/** What one instance type provides. */
export interface InstanceTypeInfo {
  /** Virtual CPUs. */
  readonly vcpu: number;
  /** Memory in MiB. */
  readonly memoryMiB: number;
  readonly architecture: CpuArchitecture;
  /** NVIDIA GPUs (0 for none). */
  readonly gpus: number;
  /** Burstable (T family): CPU credits, fine for dev, not for steady production load. */
  readonly burstable: boolean;
}

const GiB = 1024;

function family(
  name: string,
  architecture: CpuArchitecture,
  sizes: Readonly<Record<string, readonly [vcpu: number, memoryGiB: number, gpus?: number]>>,
  burstable = false,
): Record<string, InstanceTypeInfo> {
  return Object.fromEntries(
    Object.entries(sizes).map(([size, [vcpu, mem, gpus]]) => [
      `${name}.${size}`,
      { vcpu, memoryMiB: mem * GiB, architecture, gpus: gpus ?? 0, burstable },
    ]),
  );
}

const GENERAL_SIZES = {
  large: [2, 8],
  xlarge: [4, 16],
  "2xlarge": [8, 32],
  "4xlarge": [16, 64],
  "8xlarge": [32, 128],
} as const;
const COMPUTE_SIZES = {
  large: [2, 4],
  xlarge: [4, 8],
  "2xlarge": [8, 16],
  "4xlarge": [16, 32],
  "9xlarge": [36, 72],
} as const;
const COMPUTE_SIZES_CURRENT = {
  large: [2, 4],
  xlarge: [4, 8],
  "2xlarge": [8, 16],
  "4xlarge": [16, 32],
  "8xlarge": [32, 64],
} as const;
const MEMORY_SIZES = { large: [2, 16], xlarge: [4, 32], "2xlarge": [8, 64], "4xlarge": [16, 128] } as const;
const BURSTABLE_SIZES = { small: [2, 2], medium: [2, 4], large: [2, 8], xlarge: [4, 16], "2xlarge": [8, 32] } as const;

/**
 * Known instance types by name. Families: burstable t3/t3a (dev), general purpose
 * m5/m6i/m6a/m7i and Graviton m6g/m7g, compute c5/c6i/c6a/c7i and c6g/c7g, memory
 * r5/r6i/r7i, NVIDIA GPU g4dn (T4), g5 (A10G), g6 (L4).
 */
export const INSTANCE_TYPES: Readonly<Record<string, InstanceTypeInfo>> = {
  ...family("t3", "x86_64", BURSTABLE_SIZES, true),
  ...family("t3a", "x86_64", BURSTABLE_SIZES, true),
  ...family("m5", "x86_64", GENERAL_SIZES),
  ...family("m6i", "x86_64", GENERAL_SIZES),
  ...family("m6a", "x86_64", GENERAL_SIZES),
  ...family("m7i", "x86_64", GENERAL_SIZES),
  ...family("m6g", "arm64", GENERAL_SIZES),
  ...family("m7g", "arm64", GENERAL_SIZES),
  ...family("c5", "x86_64", COMPUTE_SIZES),
  ...family("c5a", "x86_64", COMPUTE_SIZES_CURRENT),
  ...family("c6i", "x86_64", COMPUTE_SIZES_CURRENT),
  ...family("c6a", "x86_64", COMPUTE_SIZES_CURRENT),
  ...family("c7i", "x86_64", COMPUTE_SIZES_CURRENT),
  ...family("c6g", "arm64", COMPUTE_SIZES_CURRENT),
  ...family("c7g", "arm64", COMPUTE_SIZES_CURRENT),
  ...family("r5", "x86_64", MEMORY_SIZES),
  ...family("r6i", "x86_64", MEMORY_SIZES),
  ...family("r7i", "x86_64", MEMORY_SIZES),
  ...family("g4dn", "x86_64", {
    xlarge: [4, 16, 1],
    "2xlarge": [8, 32, 1],
    "4xlarge": [16, 64, 1],
    "12xlarge": [48, 192, 4],
  }),
  ...family("g5", "x86_64", {
    xlarge: [4, 16, 1],
    "2xlarge": [8, 32, 1],
    "4xlarge": [16, 64, 1],
    "12xlarge": [48, 192, 4],
  }),
  ...family("g6", "x86_64", {
    xlarge: [4, 16, 1],
    "2xlarge": [8, 32, 1],
    "4xlarge": [16, 64, 1],
    "12xlarge": [48, 192, 4],
  }),
};

/** Families (the part before the dot) of {@link INSTANCE_TYPES}, sorted. */
export const INSTANCE_FAMILIES: readonly string[] = [
  ...new Set(Object.keys(INSTANCE_TYPES).map((t) => t.split(".")[0])),
].sort();

/** The entry for a type, or `undefined` when it is not in {@link INSTANCE_TYPES}. */
export function instanceType(name: string): InstanceTypeInfo | undefined {
  return Object.hasOwn(INSTANCE_TYPES, name) ? INSTANCE_TYPES[name] : undefined;
}

/**
 * Why a type name is not accepted (unknown family, or unknown size of a known family) and
 * how to fix it, or `undefined` when it is known. Node groups report the two parts apart.
 */
export function unknownInstanceType(name: string): { readonly message: string; readonly fix: string } | undefined {
  if (instanceType(name)) return undefined;
  const fam = name.split(".")[0];
  if (!INSTANCE_FAMILIES.includes(fam)) {
    return {
      message: `instance type ${JSON.stringify(name)} is of unknown family "${fam}"`,
      fix:
        `use one of the families ${INSTANCE_FAMILIES.join(", ")} ` +
        "(or add the type to constructs/cluster/instance-types.ts with its vCPU and memory)",
    };
  }
  const sizes = Object.keys(INSTANCE_TYPES).filter((t) => t.startsWith(`${fam}.`));
  return {
    message: `instance type ${JSON.stringify(name)} is not a known size of family ${fam}`,
    fix: `use one of ${sizes.join(", ")}`,
  };
}

/**
 * {@link unknownInstanceType} as one sentence with its fix (config validation), or
 * `undefined` when the type is known.
 */
export function unknownInstanceTypeReason(name: string): string | undefined {
  const problem = unknownInstanceType(name);
  return problem && `${problem.message}. Fix: ${problem.fix}`;
}

/**
 * Memory left to pods on an EKS node, approximately: EKS reserves memory for the kubelet
 * (255 MiB plus 11 MiB per pod slot) and a 100 MiB eviction threshold. A flat 10% plus
 * 366 MiB stays on the safe side for every size listed here.
 */
export function allocatableMemoryMiB(info: InstanceTypeInfo): number {
  return Math.floor(info.memoryMiB * 0.9 - 366);
}
