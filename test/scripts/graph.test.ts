/**
 * `npm run graph`: a valid SVG naming every stack, and a Mermaid block naming every stack
 * with one edge per dependency, stacks grouped by environment and region.
 */
import { spawnSync } from "node:child_process";
import { mkdtempSync, readFileSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import { join, resolve } from "node:path";
import { ENVIRONMENT_NAMES, loadEnvironment } from "../../environments";
import { toDot, toMermaid } from "../../scripts/lib/graph";
import { buildApp } from "../../stacks/app";

const root = resolve(__dirname, "../..");
const work = mkdtempSync(join(tmpdir(), "plataforma-graph-test-"));
afterAll(() => rmSync(work, { recursive: true, force: true }));

const STACKS = [
  { name: "bootstrap-plataforma-dev", providers: ["aws"], dependencies: [] },
  { name: "dev-sa-east-1-network", providers: ["aws"], dependencies: ["bootstrap-plataforma-dev"] },
  {
    name: "dev-sa-east-1-platform",
    providers: ["aws", "helm", "kubernetes"],
    dependencies: ["dev-sa-east-1-network", "not-drawn"],
  },
  { name: "dev-global-edge", providers: ["aws"], dependencies: [] },
];

describe("graph rendering", () => {
  const dev = [loadEnvironment("dev")];

  it("Mermaid: environment, region and account groups, provider kinds, one edge per drawn dependency", () => {
    const text = toMermaid(STACKS, dev);
    expect(text.startsWith("```mermaid\nflowchart LR\n")).toBe(true);
    expect(text).toContain('subgraph g_dev["dev"]');
    expect(text).toContain('subgraph g_dev_sa_east_1["sa-east-1"]');
    expect(text).toContain('subgraph g_dev_global["global"]');
    expect(text).toContain('subgraph g_account_plataforma_dev["account plataforma-dev"]');
    expect(text).toContain('dev_sa_east_1_platform["dev-sa-east-1-platform<br/>aws, helm, kubernetes"]:::helm');
    expect(text.match(/-->/g)).toHaveLength(2);
    expect(text).toContain("dev_sa_east_1_network --> dev_sa_east_1_platform");
    expect(text).not.toContain("not_drawn");
  });

  it("DOT: nested clusters and an edge from each upstream to its dependant", () => {
    const dot = toDot(STACKS, dev);
    expect(dot).toContain("subgraph cluster_dev {");
    expect(dot).toContain("subgraph cluster_dev_sa_east_1 {");
    expect(dot).toContain('"bootstrap-plataforma-dev" -> "dev-sa-east-1-network";');
    expect(dot).not.toContain("not-drawn");
  });
});

describe("npm run graph", () => {
  it("writes a valid SVG and a Mermaid block naming every stack of every environment", () => {
    const out = join(work, "reports");
    const result = spawnSync(process.execPath, ["--import", "tsx", "scripts/graph.ts", "--out", out], {
      cwd: root,
      encoding: "utf8",
      env: { ...process.env, PLATAFORMA_MODE: "offline" },
    });
    expect(result.stderr).toBe("");
    expect(result.status).toBe(0);
    expect(result.stdout).toContain("graph: 32 stacks");
    const svg = readFileSync(join(out, "stacks.svg"), "utf8");
    const markdown = readFileSync(join(out, "stacks.md"), "utf8");
    // Valid SVG: one <svg> root closed at the end, and well-nested elements throughout.
    const body = svg.slice(svg.indexOf("<svg"));
    expect(body).toMatch(/^<svg [^>]*xmlns="http:\/\/www.w3.org\/2000\/svg"/);
    expect(body.trimEnd().endsWith("</svg>")).toBe(true);
    const open: string[] = [];
    for (const [, closing, tag, selfClosing] of body.matchAll(/<(\/?)([a-zA-Z]+)[^>]*?(\/?)>/g)) {
      if (selfClosing) continue;
      if (closing) expect(open.pop()).toBe(tag);
      else open.push(tag);
    }
    expect(open).toEqual([]);
    const expected = buildApp(ENVIRONMENT_NAMES.map(loadEnvironment), { mode: "online", outdir: join(work, "out") })
      .stacks.map((s) => s.node.id)
      .sort();
    const stackNames = [...markdown.matchAll(/\["([a-z0-9-]+)<br\/>/g)].map((m) => m[1]);
    expect([...stackNames].sort()).toEqual(expected);
    // Graphviz escapes "-" in text; each stack is a node titled with its name.
    for (const name of expected) expect(svg).toContain(`<title>${name.replace(/-/g, "&#45;")}</title>`);
    expect(markdown).toContain("production_global_edge --> production_global_cloudflare");
    expect(svg).toContain("<title>production&#45;global&#45;edge&#45;&gt;production&#45;global&#45;cloudflare</title>");
  }, 120_000);
});
