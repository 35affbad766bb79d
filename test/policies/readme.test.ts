import { readFileSync } from "node:fs";
import { join } from "node:path";
import { ALL_PACKS } from "../../policies/packs/all";
import { formatCatalog } from "../../policies/report";

describe("policies/README.md", () => {
  it("ends with the current rule catalogue (regenerate with npm run policy -- --catalog)", () => {
    const readme = readFileSync(join(__dirname, "../../policies/README.md"), "utf8");
    expect(readme.endsWith(formatCatalog(ALL_PACKS))).toBe(true);
  });
});
