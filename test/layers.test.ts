/**
 * Dependencies point one way (README "Layout"): scans every import of the source tree and
 * fails on an edge the layering forbids, naming the file, the import and the rule.
 */
import { readdirSync, readFileSync, statSync } from "node:fs";
import { dirname, join, relative, resolve, sep } from "node:path";
import { parseSync } from "@swc/core";

const root = resolve(__dirname, "..");
const LAYERS = ["main.ts", "contracts", "cli", "constructs", "stacks", "environments", "policies", "scripts"] as const;
type Layer = (typeof LAYERS)[number];

/** What each layer may not import, and why. Layers not listed here are unconstrained. */
const FORBIDDEN: Readonly<Partial<Record<Layer, { readonly layers: readonly Layer[]; readonly why: string }>>> = {
  contracts: {
    layers: ["main.ts", "cli", "constructs", "stacks", "environments", "policies", "scripts"],
    why: "contracts/ is read by every layer, so it may depend on none",
  },
  cli: {
    layers: ["main.ts", "constructs", "stacks", "environments", "policies", "scripts"],
    why: "cli/ is the shared bottom of main.ts and scripts/: it takes what it checks as arguments",
  },
  constructs: {
    layers: ["main.ts", "cli", "stacks", "environments", "policies", "scripts"],
    why: "constructs/ is the importable library: shared contracts come from contracts/",
  },
  policies: {
    layers: ["main.ts", "cli", "constructs", "stacks", "environments", "scripts"],
    why: "policies/ reads synthesized JSON; environments come in structurally, suppressions from contracts/",
  },
  "main.ts": {
    layers: ["scripts"],
    why: "main.ts is the synth entry point: code it shares with scripts/ lives in cli/ or policies/",
  },
};

/** Layers that import no npm package at all (node: builtins included for contracts/). */
const PACKAGE_FREE: Readonly<Partial<Record<Layer, (specifier: string) => boolean>>> = {
  contracts: () => false,
  cli: (specifier) => specifier.startsWith("node:"),
  policies: () => false,
};

/** Every module specifier a source imports: static, re-export, side-effect, dynamic `import()` and `require()`. */
function importsOf(source: string): string[] {
  const found: string[] = [];
  const visit = (node: unknown): void => {
    if (Array.isArray(node)) {
      for (const child of node) visit(child);
      return;
    }
    if (!node || typeof node !== "object") return;
    // The fields of SWC's AST that these checks read; every other field is only walked.
    const n = node as {
      type?: string;
      source?: { value: string } | null;
      callee?: { type: string; value?: string };
      arguments?: { expression?: { type: string; value: string } }[];
    };
    if (["ImportDeclaration", "ExportAllDeclaration", "ExportNamedDeclaration"].includes(n.type ?? "") && n.source) {
      found.push(n.source.value);
    }
    const isLoader = n.callee?.type === "Import" || (n.callee?.type === "Identifier" && n.callee.value === "require");
    const first = n.arguments?.[0]?.expression;
    if (n.type === "CallExpression" && isLoader && first?.type === "StringLiteral") {
      found.push(first.value);
    }
    for (const [key, value] of Object.entries(n)) if (key !== "span") visit(value);
  };
  visit(parseSync(source, { syntax: "typescript", dynamicImport: true }).body);
  return found;
}

/** The layer a path (relative to the root) belongs to, if any. */
function layerOf(path: string): Layer | undefined {
  const top = path.split(sep)[0];
  return LAYERS.find((layer) => layer === top || (layer === "main.ts" && /^main\.(ts|js)$/.test(path)));
}

function sourcesUnder(path: string): string[] {
  if (!statSync(path).isDirectory()) return /\.(ts|mts|cts|js|mjs|cjs)$/.test(path) ? [path] : [];
  return readdirSync(path).flatMap((entry) => (entry === "node_modules" ? [] : sourcesUnder(join(path, entry))));
}

/** One import that breaks a rule, as a readable line. */
function violations(): string[] {
  const files = LAYERS.flatMap((layer) => sourcesUnder(join(root, layer)));
  return files.flatMap((file) => {
    const from = layerOf(relative(root, file));
    const rule = from && FORBIDDEN[from];
    const packageAllowed = from && PACKAGE_FREE[from];
    return importsOf(readFileSync(file, "utf8")).flatMap((specifier) => {
      const where = `${relative(root, file)} imports "${specifier}"`;
      if (!specifier.startsWith(".")) {
        return packageAllowed && !packageAllowed(specifier) ? [`${where}: ${from}/ imports no package`] : [];
      }
      const to = layerOf(relative(root, resolve(dirname(file), specifier)));
      return rule && to && rule.layers.includes(to) ? [`${where}: ${rule.why}`] : [];
    });
  });
}

describe("layers", () => {
  it("no import runs against the layering", () => {
    expect(violations()).toEqual([]);
  });

  it("the scanner sees every kind of import, and not words in comments or strings", () => {
    const source = [
      'import { a } from "../policies/a";',
      'import type { B } from "./b";',
      'import "side-effect";',
      'export * from "../stacks/c";',
      'export { d } from "./d";',
      'const e = await import("../scripts/e.js");',
      'const f = require("node:fs");',
      '// import { g } from "../environments/g";',
      "const text = \"import { h } from '../constructs/h'\";",
    ].join("\n");
    const expected = ["../policies/a", "./b", "side-effect", "../stacks/c", "./d", "../scripts/e.js", "node:fs"];
    expect(importsOf(source)).toEqual(expected);
  });

  it("maps paths to layers", () => {
    expect(layerOf("main.ts")).toBe("main.ts");
    expect(layerOf(join("constructs", "policy", "suppress-policy.ts"))).toBe("constructs");
    expect(layerOf(join("test", "layers.test.ts"))).toBeUndefined();
  });
});
