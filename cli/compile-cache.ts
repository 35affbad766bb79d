/**
 * A V8 code cache for the dependencies a synth loads (cdktf, the providers, zod: about 600
 * files, 26 MB of JavaScript), so a synth does not parse and compile them from scratch each
 * time. What `module.enableCompileCache()` does from Node 22.1; on older Node the same by hand,
 * as the v8-compile-cache package does: each file is compiled with `vm.Script` and the cached
 * data of the previous run.
 *
 * The cache lives in `node_modules/.cache/plataforma-synth/` (rebuilt by the first synth after
 * `npm ci`, never committed), one blob per Node version and architecture. An entry is used only
 * for the same path, size and modification time, and V8 itself rejects data from another V8
 * or other flags; a rejected or missing entry just compiles as usual. Writing is atomic (a
 * temporary file renamed), so parallel synths never read a torn cache, and a cache that cannot
 * be read or written is ignored.
 */
import { mkdirSync, readFileSync, renameSync, statSync, writeFileSync } from "node:fs";
import Module from "node:module";
import { dirname, join, resolve } from "node:path";
import { Script } from "node:vm";

/** What Node's CommonJS loader passes an extension handler (untyped in @types/node). */
export interface LoadingModule {
  exports: unknown;
  require(id: string): unknown;
  _compile(source: string, filename: string): unknown;
}

/** `PLATAFORMA_COMPILE_CACHE_DIR` moves it (tests). */
const directory =
  process.env.PLATAFORMA_COMPILE_CACHE_DIR ?? resolve(__dirname, "..", "node_modules", ".cache", "plataforma-synth");
const blobPath = join(directory, `${process.version}-${process.arch}.bin`);
const indexPath = `${blobPath}.json`;

/** Cached data by key, from the previous run. */
const previous = new Map<string, Buffer>();
/** Scripts compiled in this run, by key. */
const compiled = new Map<string, Script>();
let misses = 0;

function keyOf(filename: string): string {
  const { size, mtimeMs } = statSync(filename);
  return `${filename}\0${size}\0${mtimeMs}`;
}

function load(): void {
  try {
    const blob = readFileSync(blobPath);
    const index = JSON.parse(readFileSync(indexPath, "utf8")) as [string, number, number][];
    for (const [key, offset, length] of index) previous.set(key, blob.subarray(offset, offset + length));
  } catch {
    previous.clear(); // no cache yet, or an unreadable one: compile as usual and write a new one
  }
}

/** Writes this run's cached data, plus previous entries whose file is unchanged. */
function save(): void {
  if (misses === 0) return;
  const entries = new Map<string, Buffer>();
  for (const [key, data] of previous) {
    const filename = key.slice(0, key.indexOf("\0"));
    try {
      if (!compiled.has(key) && keyOf(filename) === key) entries.set(key, data);
    } catch {
      // the file is gone: drop its entry
    }
  }
  for (const [key, script] of compiled) entries.set(key, script.createCachedData());
  const index: [string, number, number][] = [];
  let offset = 0;
  for (const [key, data] of entries) {
    index.push([key, offset, data.length]);
    offset += data.length;
  }
  try {
    mkdirSync(directory, { recursive: true });
    const suffix = `.${process.pid}.tmp`;
    writeFileSync(blobPath + suffix, Buffer.concat([...entries.values()]));
    writeFileSync(indexPath + suffix, JSON.stringify(index));
    // The index is renamed last and names offsets into the blob: a reader racing the two renames
    // may pair a new blob with an old index, which V8 rejects entry by entry (a miss, not a crash).
    renameSync(blobPath + suffix, blobPath);
    renameSync(indexPath + suffix, indexPath);
  } catch {
    // a read-only node_modules: run without a cache
  }
}

/**
 * Compiles and runs the CommonJS `source` of `filename` into `module` as Node's loader does,
 * with cached data when the cache has an entry for this file.
 */
function compileCached(module: LoadingModule, filename: string, source: string): unknown {
  const key = keyOf(filename);
  const cachedData = previous.get(key);
  const script = new Script(Module.wrap(source), { filename, cachedData });
  if (cachedData === undefined || script.cachedDataRejected) misses += 1;
  compiled.set(key, script);
  const run = script.runInThisContext({ displayErrors: true }) as (...args: unknown[]) => unknown;
  const moduleRequire = Object.assign((id: string) => module.require(id), {
    resolve: (request: string, options?: { paths?: string[] }) =>
      (Module as unknown as { _resolveFilename: (...args: unknown[]) => string })._resolveFilename(
        request,
        module,
        false,
        options,
      ),
    main: require.main,
    cache: (Module as unknown as { _cache: unknown })._cache,
    extensions: (Module as unknown as { _extensions: unknown })._extensions,
  });
  return run.call(module.exports, module.exports, moduleRequire, module, filename, dirname(filename));
}

/** Compiles and runs a module's CommonJS source (what `module._compile` does). */
export type Compile = (module: LoadingModule, filename: string, source: string) => unknown;

/**
 * Turns the cache on for this process and returns how to compile a dependency with it: Node's
 * own compile cache where Node has one (every module then benefits), else {@link compileCached}
 * (the cache is read now and written at exit when something was compiled without it).
 */
export function startCompileCache(): Compile {
  const native = (Module as { enableCompileCache?: (directory: string) => unknown }).enableCompileCache;
  if (typeof native === "function") {
    native(directory);
    return (module, filename, source) => module._compile(source, filename);
  }
  load();
  process.on("exit", save);
  return compileCached;
}
