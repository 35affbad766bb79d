/**
 * The API reference (`npm run docs`) is generated from the TSDoc; every public construct
 * class, abstract bases included, carries an `@example` (issue 14), so the reference shows
 * how each is built, and each example must compile against the sources.
 */
import { spawnSync } from "node:child_process";
import { mkdtempSync, readdirSync, readFileSync, rmSync, writeFileSync } from "node:fs";
import { join } from "node:path";
import { apiEntries, renderPage } from "../../scripts/docs";

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

  it("renders a page per entry point with a contents list and each export's documentation", () => {
    const page = renderPage("@plataforma/infra/constructs/x", [
      { name: "B", kind: "class", doc: 'The B.\n\n@example\nnew B(stack, "b");', file: "constructs/x/b.d.ts" },
      { name: "A", kind: "const", doc: "", file: "constructs/x/a.d.ts" },
    ]);
    expect(page).toBe(
      "# @plataforma/infra/constructs/x\n\n- [`A`](#a) (const)\n- [`B`](#b) (class)\n\n" +
        "### A\n\n*const*, `constructs/x/a.d.ts`\n\n(undocumented)\n\n" +
        '### B\n\n*class*, `constructs/x/b.d.ts`\n\nThe B.\n\n@example\nnew B(stack, "b");\n',
    );
  });
});
