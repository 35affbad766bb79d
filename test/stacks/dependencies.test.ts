/**
 * Declared stack dependencies: every `terraform_remote_state` read of a synthesized stack
 * names a stack that `manifest.json` lists among its dependencies, and online every stack
 * depends on its account's bootstrap stack (whose bucket holds the state). The reads are
 * derived from the synthesized JSON, not from the code that declares them, so a read added
 * without a dependency fails here.
 */
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { basename, join } from "node:path";
import { App } from "cdktf";
import { ENVIRONMENT_NAMES, loadEnvironment } from "../../environments";
import { bootstrapStackName } from "../../naming/derived";
import { buildApp } from "../../stacks/app";
import { LayerStack } from "../../stacks/layer-stack";
import { networkPlaceholders } from "../../stacks/network-outputs";
import type { DeployMode } from "../../stacks/settings";

interface ManifestStack {
  readonly name: string;
  readonly dependencies: readonly string[];
  readonly synthesizedStackPath: string;
}

type RemoteState = { backend: string; config: { path?: string; key?: string } };

/** The upstream stack a remote-state block reads: its local state file or its S3 key, without `.tfstate`. */
function upstreamOf(block: RemoteState): string {
  return basename(String(block.backend === "s3" ? block.config.key : block.config.path), ".tfstate");
}

/** Every read of a synth folder without a matching dependency, as `<stack> reads <upstream>`. */
function undeclaredReads(outdir: string): string[] {
  const manifest = JSON.parse(readFileSync(join(outdir, "manifest.json"), "utf8")) as {
    stacks: Record<string, ManifestStack>;
  };
  return Object.values(manifest.stacks).flatMap((stack) => {
    const json = JSON.parse(readFileSync(join(outdir, stack.synthesizedStackPath), "utf8")) as {
      data?: { terraform_remote_state?: Record<string, RemoteState> };
    };
    const reads = Object.values(json.data?.terraform_remote_state ?? {}).map(upstreamOf);
    return reads.filter((up) => !stack.dependencies.includes(up)).map((up) => `${stack.name} reads ${up}`);
  });
}

const folders: string[] = [];
afterAll(() => {
  for (const folder of folders) rmSync(folder, { recursive: true, force: true });
});

function synthesize(mode: DeployMode, names: readonly string[] = ENVIRONMENT_NAMES): string {
  const outdir = mkdtempSync(join(tmpdir(), `plataforma-deps-${mode}-`));
  folders.push(outdir);
  buildApp(names.map(loadEnvironment), { mode, outdir }).app.synth();
  return outdir;
}

function manifestOf(outdir: string): Record<string, ManifestStack> {
  return (JSON.parse(readFileSync(join(outdir, "manifest.json"), "utf8")) as { stacks: Record<string, ManifestStack> })
    .stacks;
}

describe.each(["offline", "online"] as const)("stack dependencies (%s)", (mode) => {
  const outdir = synthesize(mode);

  it("every remote-state read is a declared dependency", () => {
    expect(undeclaredReads(outdir)).toEqual([]);
  });

  it("the reads are found: the data stack reads its network and cluster, global network reads each region", () => {
    const stacks = manifestOf(outdir);
    expect(stacks["dev-sa-east-1-data"].dependencies).toEqual(
      expect.arrayContaining(["dev-sa-east-1-network", "dev-sa-east-1-cluster"]),
    );
    expect(stacks["production-global-network"].dependencies).toEqual(
      expect.arrayContaining(["production-sa-east-1-network", "production-us-east-1-network"]),
    );
    expect(stacks["dev-sa-east-1-network"].dependencies.filter((d) => !d.startsWith("bootstrap-"))).toEqual([]);
  });

  it(
    mode === "online" ? "every stack depends on its account's bootstrap stack" : "no stack depends on bootstrap",
    () => {
      for (const name of ENVIRONMENT_NAMES) {
        const bootstrap = bootstrapStackName(loadEnvironment(name));
        const own = Object.values(manifestOf(outdir)).filter((s) => s.name.startsWith(`${name}-`));
        expect(own.length).toBeGreaterThan(3);
        for (const stack of own) expect(stack.dependencies.includes(bootstrap)).toBe(mode === "online");
      }
    },
  );
});

describe("undeclaredReads", () => {
  it("reports a read whose dependency is missing from the manifest", () => {
    const outdir = synthesize("offline", ["dev"]);
    const path = join(outdir, "manifest.json");
    const manifest = JSON.parse(readFileSync(path, "utf8")) as { stacks: Record<string, { dependencies: string[] }> };
    manifest.stacks["dev-sa-east-1-data"].dependencies = ["dev-sa-east-1-network"];
    writeFileSync(path, JSON.stringify(manifest));
    expect(undeclaredReads(outdir)).toEqual(["dev-sa-east-1-data reads dev-sa-east-1-cluster"]);
  });

  it("a stack built without its upstream in the app keeps the read and declares no dependency", () => {
    const dev = loadEnvironment("dev");
    const app = new App({ outdir: mkdtempSync(join(tmpdir(), "plataforma-deps-alone-")) });
    folders.push(app.outdir);
    const stack = new LayerStack(app, {
      env: dev,
      region: "sa-east-1",
      scopeName: "sa-east-1",
      layer: "data",
      settings: { mode: "online" },
    });
    stack.upstream("dev-sa-east-1-network", networkPlaceholders(dev.regions["sa-east-1"]));
    expect(stack.dependencies).toEqual([]);
  });
});
