import { readdirSync, readFileSync } from "node:fs";
import { join } from "node:path";

const root = join(__dirname, "../../constructs");

/**
 * The only ways the library's source may name this organisation: the package's own import
 * path (`@plataforma/infra/...`) and the construct-metadata keys (`plataforma:...`), which
 * are internal and renaming them would break trees synthesized by earlier versions.
 */
const ALLOWED = /@plataforma\/infra|\bplataforma:[a-z-]+/gi;

const namesOrganisation = (file: string) =>
  /plataforma/i.test(readFileSync(join(root, file), "utf8").replace(ALLOWED, ""));

describe("the construct library names no organisation", () => {
  const files = readdirSync(root, { recursive: true, encoding: "utf8" })
    .filter((f) => f.endsWith(".ts"))
    .map((f) => f.replace(/\\/g, "/"))
    .sort();

  it("in TSDoc, @example blocks, fix hints or defaults (neutral examples: orders-production, example.com)", () => {
    expect(files.filter(namesOrganisation)).toEqual([]);
  });
});
