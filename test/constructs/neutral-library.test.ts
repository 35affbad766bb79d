import { readdirSync, readFileSync } from "node:fs";
import { join } from "node:path";

const root = join(__dirname, "../../constructs");

/**
 * The only ways the library's source may name this organisation: the package's own import
 * path (`@plataforma/infra/...`) and the construct-metadata keys (`plataforma:...`), which
 * are internal and renaming them would break trees synthesized by earlier versions.
 */
const ALLOWED = /@plataforma\/infra|\bplataforma:[a-z-]+/gi;

/**
 * Files still naming the organisation in docs, examples or fix hints, being made neutral
 * on other branches (their owners change validation there). Remove an entry once its file
 * is neutral: the last test fails until then, so the list cannot go stale.
 */
const PENDING_ELSEWHERE = [
  "database/postgres-database.ts",
  "kms/encryption-key.ts",
  "network/interface-endpoints.ts",
  "network/region-peering.ts",
  "network/regional-network.ts",
  "network/service-security-group.ts",
  "network/vpc-flow-logs.ts",
  "storage/data-bucket.ts",
  "storage/s3-access-log-bucket.ts",
];

const namesOrganisation = (file: string) =>
  /plataforma/i.test(readFileSync(join(root, file), "utf8").replace(ALLOWED, ""));

describe("the construct library names no organisation", () => {
  const files = readdirSync(root, { recursive: true, encoding: "utf8" })
    .filter((f) => f.endsWith(".ts"))
    .map((f) => f.replace(/\\/g, "/"))
    .sort();

  it("in TSDoc, @example blocks, fix hints or defaults (neutral examples: orders-production, example.com)", () => {
    const offenders = files.filter((f) => !PENDING_ELSEWHERE.includes(f) && namesOrganisation(f));
    expect(offenders).toEqual([]);
  });

  it("keeps the pending list exact: every entry exists and still names it", () => {
    expect(PENDING_ELSEWHERE.filter((f) => !files.includes(f) || !namesOrganisation(f))).toEqual([]);
  });
});
