/**
 * RBAC access strings of per-module cache users, in a provider-free file (the config
 * schema and stacks use it without loading provider bindings).
 */

/** What a module does with the cache's pub/sub channels. */
export interface ModuleCacheAccess {
  /** The module's short name (`vendas`): its key and channel prefix. */
  readonly module: string;
  /** Whether it subscribes to other modules' events (reads channels it does not own). */
  readonly subscribes: boolean;
}

/**
 * Access string of one module's user: every command but the dangerous ones, on keys
 * `<module>:*` only, so one module can neither read nor overwrite another's keys.
 * Channels are `<module>:*` for a publisher; a subscriber reads every channel
 * (`&*`: events cross modules by design, and channels hold no data at rest).
 */
export function moduleCacheAccessString(access: ModuleCacheAccess): string {
  const channels = access.subscribes ? "&*" : `&${access.module}:*`;
  return `on ~${access.module}:* ${channels} +@all -@dangerous`;
}
