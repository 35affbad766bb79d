/**
 * Stable addresses of stateful resources: the list a rename must not silently change.
 * A resource whose Terraform address changes is destroyed and recreated, which for a
 * database, bucket, cache or key means data loss; `prevent_destroy` stops the apply,
 * and this check stops the pull request earlier, unless the rename comes with a `moved`
 * block (cdktf `moveTo` / `moveFromId`).
 */
import { existsSync, readFileSync } from "node:fs";
import { join } from "node:path";

/** Resource types whose destruction loses data or makes data unreadable. */
export const STATEFUL_TYPES = [
  "aws_db_instance",
  "aws_db_instance_automated_backups_replication",
  "aws_rds_cluster",
  "aws_rds_cluster_instance",
  "aws_rds_global_cluster",
  "aws_elasticache_replication_group",
  "aws_elasticache_global_replication_group",
  "aws_s3_bucket",
  "aws_kms_key",
] as const;

/** The parts of a synthesized stack the check reads. */
export interface AddressableJson {
  readonly resource?: Readonly<Record<string, Readonly<Record<string, Readonly<Record<string, unknown>>>>>>;
  readonly moved?: readonly { readonly from: string; readonly to: string }[];
}

/** Pinned addresses per stack name, as checked in. */
export type PinnedAddresses = Readonly<Record<string, readonly string[]>>;

/** Where the pinned addresses are checked in, relative to the repository root. */
export const PINNED_ADDRESSES_FILE = "test/stacks/stateful-addresses.json";

/** The checked-in pinned addresses under `root`, or none when the file is absent. */
export function readPinnedAddresses(root = "."): Record<string, string[]> {
  const file = join(root, PINNED_ADDRESSES_FILE);
  return existsSync(file) ? (JSON.parse(readFileSync(file, "utf8")) as Record<string, string[]>) : {};
}

/** `<type>.<name>` of every stateful resource of a stack, sorted. */
export function statefulAddresses(json: AddressableJson): string[] {
  return STATEFUL_TYPES.flatMap((type) =>
    Object.keys(json.resource?.[type] ?? {}).map((name) => `${type}.${name}`),
  ).sort();
}

/** What {@link checkPinned} found. */
export interface PinCheck {
  /** Pinned addresses that are gone with no `moved` block: the rename would destroy them. */
  readonly missing: string[];
  /** Stateful addresses not pinned yet (new resources, or moved targets): pin them. */
  readonly unpinned: string[];
  /** Stateful resources without `lifecycle.prevent_destroy`. */
  readonly unprotected: string[];
}

/** Compares a stack's stateful resources with its pinned list. */
export function checkPinned(pinned: readonly string[], json: AddressableJson): PinCheck {
  const present = new Set(statefulAddresses(json));
  const moves = new Map((json.moved ?? []).map((m) => [m.from, m.to]));
  const missing = pinned.filter((address) => !present.has(address) && !present.has(moves.get(address) ?? ""));
  const pinnedSet = new Set(pinned);
  const unpinned = [...present].filter((address) => !pinnedSet.has(address));
  const unprotected = [...present].filter((address) => {
    const [type, name] = [address.slice(0, address.indexOf(".")), address.slice(address.indexOf(".") + 1)];
    const lifecycle = json.resource?.[type]?.[name]?.lifecycle as { prevent_destroy?: boolean } | undefined;
    return lifecycle?.prevent_destroy !== true;
  });
  return { missing, unpinned, unprotected };
}
