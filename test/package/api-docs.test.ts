/**
 * The API reference (`npm run docs`) is generated from the TSDoc; every public construct
 * class, abstract bases included, carries an `@example` (issue 14), so the reference shows
 * how each is built, and each example must compile against the sources.
 */
import { spawnSync } from "node:child_process";
import { mkdtempSync, readdirSync, readFileSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { apiEntries, apiReference, linkTargets, parseDoc, renderLinks, renderPage } from "../../scripts/docs";

const root = join(__dirname, "../..");

function sources(dir: string): string[] {
  return readdirSync(dir, { withFileTypes: true }).flatMap((d) =>
    d.isDirectory() ? sources(join(dir, d.name)) : d.name.endsWith(".ts") ? [join(dir, d.name)] : [],
  );
}

const constructClasses = sources(join(root, "constructs"))
  .flatMap((f) => apiEntries(readFileSync(f, "utf8"), f))
  .filter((e) => e.kind.endsWith("class") && !e.name.endsWith("Error"));

describe("API reference", () => {
  it("finds the construct classes with their TSDoc", () => {
    expect(constructClasses.map((c) => c.name)).toEqual(
      expect.arrayContaining(["RegionalNetwork", "RedisCache", "LogBucket"]),
    );
    expect(constructClasses.every((c) => c.doc.length > 0)).toBe(true);
  });

  it("every public construct has an @example in a TypeScript fence", () => {
    const missing = constructClasses.filter((c) => !/@example\n```ts\n[\s\S]*?\n```/.test(c.doc)).map((c) => c.name);
    expect(missing).toEqual([]);
  });

  it("every example typechecks against the constructs' sources", () => {
    // Examples import the package's subpaths; here those resolve to the sources, and
    // `stack` is the one name an example may use without declaring it.
    const dir = mkdtempSync(join(root, ".examples-"));
    try {
      for (const c of constructClasses) {
        const code = /@example\n```ts\n([\s\S]*?)\n```/.exec(c.doc)?.[1] ?? "";
        const local = code.replace(/"@plataforma\/infra\/constructs\/(\w+)"/g, '"../constructs/$1/index.js"');
        const header = 'import type { TerraformStack } from "cdktf";\ndeclare const stack: TerraformStack;\n';
        writeFileSync(join(dir, `${c.name}.ts`), `${header}${local}\n`);
      }
      const options = { noUnusedLocals: false, noUnusedParameters: false };
      const config = { extends: "../tsconfig.json", compilerOptions: options, include: ["*.ts"] };
      writeFileSync(join(dir, "tsconfig.json"), JSON.stringify(config));
      const tsc = join(root, "node_modules/typescript/bin/tsc");
      const result = spawnSync(process.execPath, [tsc, "--noEmit", "-p", dir], { encoding: "utf8" });
      expect(`${result.stdout}${result.stderr}`).toBe("");
      expect(result.status).toBe(0);
    } finally {
      rmSync(dir, { recursive: true, force: true });
    }
  }, 60_000);
});

/** A declaration file in tsc's shape, with the forms the scanner must get right. */
const WIDGET_DTS = `import { Construct } from "constructs";
/** Properties of {@link Widget}. */
export interface WidgetProps {
    /** Name; may hold ";" and "{". */
    readonly name: string;
    /**
     * Retention in days.
     * @default 90
     */
    readonly days?: number;
    /** Mode. @default - {@link DEFAULT_MODE} */
    readonly mode?: "a" | "b";
    /** Cron. @default "@hourly" */
    readonly schedule?: string;
    readonly shape?: {
        readonly x: number;
    } | undefined;
    readonly tag?: \`w-\${string}\`;
}
/** The widget. See {@link WidgetProps.days} and {@link Elsewhere}. */
export declare class Widget extends Construct {
    /** Its name. */
    readonly name: string;
    private readonly secret;
    /** For subclasses. */
    protected readonly level: number;
    /** Optional part. */
    readonly part?: Construct;
    constructor(scope: Construct, id: string, props: WidgetProps);
    /** Ids in order. */
    ids(tier: string): string[];
    get size(): number;
}
/** Fallback mode. */
export declare const DEFAULT_MODE = "a";
export declare const UNDOCUMENTED = 1;
/** Parses. */
export declare function parse(text: string): number;
export declare function parse(text: number): number;
/** Returns an object. */
export declare function point(): {
    readonly x: number;
};
/** Two shapes. */
export type Shape = {
    readonly kind: "a";
} | {
    readonly kind: "b";
};
/** One point. */
export type Point = {
    /** Across. */
    readonly x: number;
};
/** Colours. */
export declare enum Colour {
    /** Red. */
    Red = "red",
    Blue = "blue"
}
declare const internal = 1;
export {};
`;

describe("API reference generator", () => {
  const entries = apiEntries(WIDGET_DTS, "x/widget.d.ts");
  const byName = new Map(entries.map((e) => [e.name, e]));
  const page = renderPage("@plataforma/infra/constructs/x", entries);

  it("finds each export once, with its kind and TSDoc, and merges overloads", () => {
    expect(entries.map((e) => `${e.kind} ${e.name}`)).toEqual([
      "interface WidgetProps",
      "class Widget",
      "const DEFAULT_MODE",
      "const UNDOCUMENTED",
      "function parse",
      "function point",
      "type Shape",
      "type Point",
      "enum Colour",
    ]);
    expect(byName.get("UNDOCUMENTED")!.doc).toBe("");
    expect(byName.get("point")!.signatures).toEqual(["function point(): {\n    readonly x: number;\n}"]);
    expect(byName.get("parse")!.signatures).toEqual([
      "function parse(text: string): number",
      "function parse(text: number): number",
    ]);
  });

  it("reads interface members: name, type, optional or not, TSDoc with @default", () => {
    const members = byName.get("WidgetProps")!.members!;
    expect(members.map((m) => [m.name, m.type, m.optional])).toEqual([
      ["name", "string", false],
      ["days", "number", true],
      ["mode", '"a" | "b"', true],
      ["schedule", "string", true],
      ["shape", "{\n        readonly x: number;\n    } | undefined", true],
      ["tag", "`w-${string}`", true],
    ]);
    expect(members[0]!.doc).toBe('Name; may hold ";" and "{".');
    expect(members[1]!.doc).toBe("Retention in days.\n@default 90");
  });

  it("reads public and protected class members, not private ones, and the constructor", () => {
    const widget = byName.get("Widget")!;
    expect(widget.members!.map((m) => [m.name, m.kind, m.modifiers.join(" "), m.optional])).toEqual([
      ["name", "property", "readonly", false],
      ["level", "property", "protected readonly", false],
      ["part", "property", "readonly", true],
      ["ids", "method", "", false],
      ["size", "property", "readonly", false],
    ]);
    expect(widget.signatures).toEqual([
      "class Widget extends Construct",
      "new Widget(scope: Construct, id: string, props: WidgetProps)",
    ]);
  });

  it("tables the members of an object type alias and of an enum, not those of a union", () => {
    expect(byName.get("Point")!.members!.map((m) => [m.name, m.doc])).toEqual([["x", "Across."]]);
    expect(byName.get("Shape")!.members).toBeUndefined();
    expect(byName.get("Colour")!.members!.map((m) => [m.name, m.type, m.doc])).toEqual([
      ["Red", '"red"', "Red."],
      ["Blue", '"blue"', ""],
    ]);
  });

  it("splits a summary from its block tags, leaving @ inside values and code alone", () => {
    expect(parseDoc('Cron. @default "@hourly"')).toEqual({
      summary: "Cron.",
      tags: [{ tag: "default", text: '"@hourly"' }],
    });
    expect(parseDoc('Pinned (`@sha256:...`), +@all.\n\n@example\n```ts\nimport "@x/y";\n```').tags).toEqual([
      { tag: "example", text: '```ts\nimport "@x/y";\n```' },
    ]);
  });

  it("renders interface members as a table with type, required, description and default", () => {
    expect(page).toContain(
      "| Property | Type | Required | Description | Default |\n| --- | --- | --- | --- | --- |\n" +
        '| <a id="widgetprops-name"></a>`name` | `string` | yes | Name; may hold ";" and "{". |  |\n' +
        '| <a id="widgetprops-days"></a>`days` | `number` | no | Retention in days. | `90` |\n' +
        '| <a id="widgetprops-mode"></a>`mode` | `"a" \\| "b"` | no | Mode. | [`DEFAULT_MODE`](#default_mode) |\n' +
        '| <a id="widgetprops-schedule"></a>`schedule` | `string` | no | Cron. | `"@hourly"` |\n',
    );
  });

  it("renders class members with their modifiers, and the constructor in the signature", () => {
    expect(page).toContain(
      "```ts\nclass Widget extends Construct\nnew Widget(scope: Construct, id: string, props: WidgetProps)\n```",
    );
    expect(page).toContain('| <a id="widget-level"></a>`level` | protected readonly | `number` | For subclasses. |');
    expect(page).toContain('| <a id="widget-part"></a>`part` | readonly optional | `Construct` | Optional part. |');
    expect(page).toContain('| <a id="widget-ids"></a>`ids(tier: string)` |  | `string[]` | Ids in order. |');
    expect(page).not.toContain("secret");
  });

  it("turns {@link} into links to sections and members, and unknown names into code", () => {
    expect(page).toContain("Properties of [`Widget`](#widget).");
    expect(page).toContain("See [`WidgetProps.days`](#widgetprops-days) and `Elsewhere`.");
    expect(page).not.toContain("{@link");
    const targets = linkTargets([
      { file: "constructs-y.md", entries: [{ name: "Elsewhere", kind: "class", doc: "", file: "y.d.ts" }] },
    ]);
    const linked = renderLinks("{@link Elsewhere} and {@link Elsewhere | the other}", {
      page: "constructs-x.md",
      targets,
    });
    expect(linked).toBe("[`Elsewhere`](constructs-y.md#elsewhere) and [the other](constructs-y.md#elsewhere)");
  });

  it("links documented type names inside a member's type", () => {
    const user = apiEntries(
      "export interface UsesWidget {\n    readonly w: Readonly<Record<string, Widget>>;\n}\n",
      "u.d.ts",
    );
    const targets = linkTargets([{ file: "p.md", entries: [...entries, ...user] }]);
    expect(renderPage("t", user, { page: "p.md", targets })).toContain(
      "| `Readonly<Record<string, `[`Widget`](#widget)`>>` | yes |",
    );
  });

  it("says (undocumented) for an export without TSDoc and shows a constant's value", () => {
    expect(page).toContain(
      "### UNDOCUMENTED\n\n*const*, `x/widget.d.ts`\n\n```ts\nconst UNDOCUMENTED = 1\n```\n\n(undocumented)\n",
    );
  });
});

describe("API reference of this package's declarations", () => {
  let reference: ReturnType<typeof apiReference>;
  let dist: string;

  beforeAll(() => {
    // The declarations `npm run build` writes, into a scratch folder (dist/ may be absent or stale).
    dist = mkdtempSync(join(tmpdir(), "api-docs-"));
    const tsc = join(root, "node_modules/typescript/bin/tsc");
    const args = [tsc, "-p", join(root, "tsconfig.build.json"), "--emitDeclarationOnly", "--outDir", dist];
    const result = spawnSync(process.execPath, args, { encoding: "utf8" });
    expect(`${result.stdout}${result.stderr}`).toBe("");
    reference = apiReference(dist);
  }, 60_000);

  afterAll(() => rmSync(dist, { recursive: true, force: true }));

  it("lists RegionalNetworkProps' members with their docs, required flags and defaults", () => {
    const network = reference.pages.get("constructs-network.md")!;
    expect(network).toContain(
      '| <a id="regionalnetworkprops-vpccidr"></a>`vpcCidr` | `string` | yes | The VPC block, /16 to /20. |  |',
    );
    expect(network).toContain(
      '| <a id="regionalnetworkprops-natgateways"></a>`natGateways` | [`NatGatewayMode`](#natgatewaymode) | no | ' +
        'NAT layout. | `"per-az"` |',
    );
    expect(network).toContain("Properties of [`RegionalNetwork`](#regionalnetwork).");
    expect(network).toContain('| <a id="regionalnetwork-vpc"></a>`vpc` | readonly | `Vpc` | The VPC. |');
  });

  it("gives every *Props interface and AppGateOptions a members table", () => {
    const sections = [...reference.pages.values()].flatMap((p) => p.split(/\n(?=### )/));
    const props = sections.filter((s) => /^### \w+(?:Props|Options)\n\n\*interface\*/.test(s));
    expect(props.length).toBeGreaterThan(50);
    expect(props.filter((s) => !s.includes("| Property | Type | Required |")).map((s) => s.split("\n")[0])).toEqual([]);
    expect(reference.pages.get("policies.md")).toContain(
      '| <a id="appgateoptions-today"></a>`today` | `string` | no |',
    );
  });

  it("leaves no {@link} raw and links across pages", () => {
    for (const [file, markdown] of reference.pages) expect([file, markdown.includes("{@link")]).toEqual([file, false]);
    expect(reference.pages.get("constructs-cluster.md")).toContain(
      "[`PolicyStatement`](constructs-iam.md#policystatement)",
    );
  });

  it("documents what each entry point exports, not the modules behind it", () => {
    const policies = reference.pages.get("policies.md")!;
    expect(policies).toContain("### checkApp\n");
    // Rules are reached through their packs; `policies/rules/*` is not an entry point.
    expect(policies).not.toContain("### s3Versioning\n");
    expect(reference.pages.get("README.md")).toContain(
      "[`@plataforma/infra/constructs/network`](constructs-network.md)",
    );
    expect(reference.pages.size).toBe(19);
  });
});
