/**
 * Process settings for a synth, applied as `main.ts`'s FIRST import so they hold while the
 * ~900 modules of cdktf and the providers load, not only after. Importing it is the whole
 * API; the synthesized output is the same byte for byte with or without it.
 *
 * Unless `PLATAFORMA_SOURCE_MAPS=1` (debugging a crash):
 * - Source maps off. tsx turns them on, and Node then decodes the inline map of every module
 *   it compiles (cdktf ships one per file) only to make stack traces prettier.
 * - No stack traces captured: cdktf captures one (with the maximum depth) for every token it
 *   creates, only to show it if that token later fails to resolve; about a fifth of synth's
 *   CPU. `Error.stackTraceLimit` reads 0 and ignores writes, so V8 captures nothing. User
 *   errors print no stack trace anyway.
 *
 * Always: dependencies load through Node's own loader, with a V8 code cache (cli/compile-cache.ts;
 * not while debugging, so their source maps still apply). tsx's CommonJS hook reads every `.js`
 * file, and for any file containing the word "import" or "export" (all of cdktf and the
 * providers: `exports.`) runs a module lexer over it to detect ES module syntax, about a
 * tenth of synth's CPU for 26 MB of dependency code. Our dependencies are plain CommonJS, so a
 * `.js` file under `node_modules` with no line starting with `import`/`export` (a cheap scan)
 * is compiled as Node would; the rest (our own `.ts`, an ES module dependency) still goes
 * through tsx.
 */
import { readFileSync } from "node:fs";
import Module from "node:module";
import { sep } from "node:path";
import { type Compile, type LoadingModule, startCompileCache } from "./compile-cache";

const debugging = Boolean(process.env.PLATAFORMA_SOURCE_MAPS);
if (!debugging) {
  process.setSourceMapsEnabled(false);
  Object.defineProperty(Error, "stackTraceLimit", { configurable: true, get: () => 0, set: () => {} });
}

/** Node's CommonJS internals this file relies on (stable since Node 0.x, untyped in @types/node). */
type Loader = (module: LoadingModule, filename: string) => unknown;
const extensions = (Module as unknown as { _extensions: Record<string, Loader> })._extensions;
const viaTsx = extensions[".js"];
const dependencies = `${sep}node_modules${sep}`;
const esmSyntax = /^(?:import|export)[\s{*]/m;
// Debugging keeps Node's own compile, which registers the dependencies' source maps.
const compile: Compile = debugging
  ? (module, filename, source) => module._compile(source, filename)
  : startCompileCache();
if (viaTsx !== undefined) {
  extensions[".js"] = function loadJs(this: unknown, module, filename) {
    if (!filename.includes(dependencies)) return viaTsx.call(this, module, filename);
    const source = readFileSync(filename, "utf8");
    if (esmSyntax.test(source)) return viaTsx.call(this, module, filename);
    return compile(module, filename, source);
  };
}
