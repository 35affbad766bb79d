/**
 * Dependencies point one way (README "Layout"): scans every import of the source tree and
 * fails on an edge the layering forbids, naming the file, the import and the rule.
 */
import { readdirSync, readFileSync, statSync } from "node:fs";
import { dirname, join, relative, resolve, sep } from "node:path";
import { parseSync } from "@swc/core";

const root = resolve(__dirname, "..");
const LAYERS = [
  "main.ts",
  "contracts",
  "naming",
  "cli",
  "constructs",
  "stacks",
  "environments",
  "policies",
  "scripts",
] as const;
type Layer = (typeof LAYERS)[number];

/**
 * What each layer may not import, and why; `typesFrom` are layers it may import types from
 * (`import type`) but no values. Layers not listed here are unconstrained.
 */
const FORBIDDEN: Readonly<
  Partial<Record<Layer, { readonly layers: readonly Layer[]; readonly why: string; readonly typesFrom?: Layer[] }>>
> = {
  contracts: {
    layers: ["main.ts", "cli", "constructs", "stacks", "environments", "policies", "scripts"],
    why: "contracts/ is read by every layer, so it may depend on none",
  },
  naming: {
    layers: ["main.ts", "cli", "constructs", "stacks", "environments", "policies", "scripts"],
    typesFrom: ["environments"],
    why: "naming/ is the pure module of derived names every layer reads: config comes in as types only",
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
  stacks: {
    layers: ["main.ts", "cli", "policies", "scripts"],
    why: "stacks/ only composes constructs from config; the gate and the CLIs run on what it builds",
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
  naming: () => false,
};

/** One import of a source: its module specifier, and whether it imports types only. */
interface Import {
  readonly specifier: string;
  readonly typeOnly: boolean;
}

/** Every module specifier a source imports: static, re-export, side-effect, dynamic `import()` and `require()`. */
function importsOf(source: string): string[] {
  return importsWithKinds(source).map((i) => i.specifier);
}

/** {@link importsOf}, with whether each import (or re-export) is `import type` / `export type`. */
function importsWithKinds(source: string): Import[] {
  const found: Import[] = [];
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
      typeOnly?: boolean;
      callee?: { type: string; value?: string };
      arguments?: { expression?: { type: string; value: string } }[];
    };
    if (["ImportDeclaration", "ExportAllDeclaration", "ExportNamedDeclaration"].includes(n.type ?? "") && n.source) {
      found.push({ specifier: n.source.value, typeOnly: n.typeOnly === true });
    }
    const isLoader = n.callee?.type === "Import" || (n.callee?.type === "Identifier" && n.callee.value === "require");
    const first = n.arguments?.[0]?.expression;
    if (n.type === "CallExpression" && isLoader && first?.type === "StringLiteral") {
      found.push({ specifier: first.value, typeOnly: false });
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
    return importsWithKinds(readFileSync(file, "utf8")).flatMap(({ specifier, typeOnly }) => {
      const where = `${relative(root, file)} imports "${specifier}"`;
      if (!specifier.startsWith(".")) {
        return packageAllowed && !packageAllowed(specifier) ? [`${where}: ${from}/ imports no package`] : [];
      }
      const to = layerOf(relative(root, resolve(dirname(file), specifier)));
      if (!rule || !to || !rule.layers.includes(to)) return [];
      return typeOnly && rule.typesFrom?.includes(to) ? [] : [`${where}: ${rule.why}`];
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

  it("tells type-only imports from value imports", () => {
    const source = ['import type { A } from "./a";', 'import { B } from "./b";', 'export type { C } from "./c";'].join(
      "\n",
    );
    expect(importsWithKinds(source).map((i) => i.typeOnly)).toEqual([true, false, true]);
  });

  it("maps paths to layers", () => {
    expect(layerOf("main.ts")).toBe("main.ts");
    expect(layerOf(join("constructs", "policy", "suppress-policy.ts"))).toBe("constructs");
    expect(layerOf(join("test", "layers.test.ts"))).toBeUndefined();
  });
});
