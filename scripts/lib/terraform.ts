/**
 * Offline-capable Terraform toolchain over synthesized stacks: provider mirror
 * discovery, CLI config, init/validate/plan, and placeholder state for upstream stacks
 * that were never applied.
 */
import { execFile } from "node:child_process";
import { existsSync, mkdirSync, readdirSync, readFileSync, statSync, unlinkSync, writeFileSync } from "node:fs";
import { homedir } from "node:os";
import { join, resolve } from "node:path";
import { promisify } from "node:util";
import { readSynthOutput } from "../../cli/synth-output";

const execFileAsync = promisify(execFile);

/** Mirror layout path of the AWS provider under a mirror root. */
const AWS_PROVIDER_PATH = join("registry.terraform.io", "hashicorp", "aws");

/** Folders searched for a provider mirror, in order, when TF_PLUGIN_MIRROR is unset. */
function mirrorSearchRoots(): string[] {
  const home = homedir();
  return [
    join(home, ".terraform.d", "plugins"),
    join(home, ".local", "share", "terraform", "plugins"),
    "/usr/local/share/terraform/plugins",
    "/usr/share/terraform/plugins",
    "/opt",
    "/usr/local",
    "/usr/share",
    "/srv",
    "/var/lib",
    home,
  ];
}

const SKIP_DIRS = new Set(["node_modules", ".git", "proc", "sys", "dev", "cdktf.out", ".cache", ".npm"]);

function isMirrorRoot(dir: string): boolean {
  return existsSync(join(dir, AWS_PROVIDER_PATH));
}

/**
 * Finds a filesystem mirror holding hashicorp/aws: `TF_PLUGIN_MIRROR` when set (must
 * hold the provider), else a bounded breadth-first search of the usual roots.
 * Returns `undefined` when none exists.
 */
export function findProviderMirror(env: NodeJS.ProcessEnv = process.env): string | undefined {
  const override = env.TF_PLUGIN_MIRROR;
  if (override) {
    if (!isMirrorRoot(override)) {
      throw new Error(
        `TF_PLUGIN_MIRROR=${override} does not contain ${AWS_PROVIDER_PATH}. ` +
          "Fix: point it at the folder that holds registry.terraform.io/",
      );
    }
    return resolve(override);
  }
  for (const root of mirrorSearchRoots()) {
    const found = searchForMirror(root, 4);
    if (found) return found;
  }
  return undefined;
}

/** Breadth-first search under `root`, at most `maxDepth` levels down, for a mirror root. */
function searchForMirror(root: string, maxDepth: number): string | undefined {
  let frontier = [root];
  for (let depth = 0; depth <= maxDepth && frontier.length > 0; depth++) {
    const found = frontier.find(isMirrorRoot);
    if (found) return resolve(found);
    frontier = frontier.flatMap(subdirectories);
  }
  return undefined;
}

/** The folders inside `dir` worth searching; unreadable entries are not mirrors. */
function subdirectories(dir: string): string[] {
  let entries: string[];
  try {
    entries = readdirSync(dir);
  } catch {
    return [];
  }
  return entries
    .filter((entry) => !SKIP_DIRS.has(entry))
    .map((entry) => join(dir, entry))
    .filter((child) => {
      try {
        return statSync(child).isDirectory();
      } catch {
        return false;
      }
    });
}

/**
 * Writes a Terraform CLI config that installs hashicorp/aws from the mirror only (no
 * registry traffic) and returns its path.
 */
export function writeCliConfig(workDir: string, mirror: string): string {
  mkdirSync(workDir, { recursive: true });
  const path = join(workDir, "terraformrc");
  writeFileSync(
    path,
    "provider_installation {\n" +
      "  filesystem_mirror {\n" +
      `    path    = ${JSON.stringify(mirror)}\n` +
      '    include = ["registry.terraform.io/hashicorp/aws"]\n' +
      "  }\n" +
      "}\n",
  );
  return path;
}

/** A synthesized stack, as listed in `cdktf.out/manifest.json`. */
export interface SynthesizedStack {
  readonly name: string;
  /** Absolute working directory of the stack. */
  readonly dir: string;
  /** Providers the stack requires (keys of `terraform.required_providers`). */
  readonly providers: readonly string[];
  /** True when the only provider is aws: validate and plan can run offline. */
  readonly awsOnly: boolean;
  /** Stacks this one depends on (`manifest.json`): the scheduler runs it after them. */
  readonly dependencies: readonly string[];
  /** The stack's Terraform JSON (`cdk.tf.json`), parsed. */
  readonly json: unknown;
}

/** Lists the stacks of a synth output folder; throws `InputError` when it has no readable manifest. */
export function listStacks(outdir: string): SynthesizedStack[] {
  return readSynthOutput(outdir).map((stack) => {
    const providers = Object.keys((stack.json as StackJson).terraform?.required_providers ?? {}).sort();
    const awsOnly = providers.length === 1 && providers[0] === "aws";
    const { name, dir, dependencies, json } = stack;
    return { name, dir, providers, awsOnly, dependencies, json };
  });
}

interface StackJson {
  terraform?: { required_providers?: Record<string, unknown>; backend?: Record<string, unknown> };
  data?: { terraform_remote_state?: Record<string, RemoteStateBlock> };
}

/** The `terraform_remote_state` data sources of a synthesized stack, by logical name. */
export function remoteStateBlocks(stackDir: string): Record<string, RemoteStateBlock> {
  return readStackJson(join(stackDir, "cdk.tf.json")).data?.terraform_remote_state ?? {};
}

/** One `terraform_remote_state` block as synthesized. */
export interface RemoteStateBlock {
  backend: string;
  config: Record<string, unknown>;
  defaults?: Record<string, unknown>;
  /** cdktf comment; `placeholders` holds the upstream's placeholder outputs. */
  "//"?: { placeholders?: Record<string, unknown> };
}

function readStackJson(path: string): StackJson {
  return JSON.parse(readFileSync(path, "utf8")) as StackJson;
}

/** Result of one terraform command. */
export interface CommandResult {
  readonly ok: boolean;
  readonly stdout: string;
  readonly stderr: string;
  readonly seconds: number;
}

/** Runs terraform in a stack folder with the given CLI config; never throws on exit codes. */
export async function terraform(dir: string, args: string[], cliConfig: string | undefined): Promise<CommandResult> {
  const started = process.hrtime.bigint();
  const env: NodeJS.ProcessEnv = {
    ...process.env,
    TF_IN_AUTOMATION: "1",
    TF_INPUT: "0",
    CHECKPOINT_DISABLE: "1",
    ...(cliConfig ? { TF_CLI_CONFIG_FILE: cliConfig } : {}),
  };
  try {
    const { stdout, stderr } = await execFileAsync("terraform", [`-chdir=${dir}`, ...args], {
      env,
      maxBuffer: 256 * 1024 * 1024,
    });
    return { ok: true, stdout, stderr, seconds: elapsed(started) };
  } catch (error) {
    const e = error as { stdout?: string; stderr?: string; message: string };
    return { ok: false, stdout: e.stdout ?? "", stderr: e.stderr || e.message, seconds: elapsed(started) };
  }
}

function elapsed(started: bigint): number {
  return Number(process.hrtime.bigint() - started) / 1e9;
}

/** Folder inside a stack dir holding placeholder upstream states. */
const PLACEHOLDER_DIR = ".placeholder-state";

/**
 * For each `terraform_remote_state` of a stack whose upstream has no state yet, writes a
 * state file with the placeholder outputs (from the block's `//` comment) and an override
 * file pointing the data source at it. Returns the upstreams that were seeded.
 *
 * `upstreamHasState` decides per data source; offline it checks the local state file.
 */
export function seedPlaceholderUpstreams(
  stackDir: string,
  upstreamHasState: (block: RemoteStateBlock, stackDir: string, name: string) => boolean = localStateExists,
): string[] {
  const blocks = remoteStateBlocks(stackDir);
  const overrides: Record<string, unknown> = {};
  const seeded: string[] = [];
  for (const [name, block] of Object.entries(blocks)) {
    if (upstreamHasState(block, stackDir, name)) continue;
    const path = join(PLACEHOLDER_DIR, `${name}.tfstate`);
    mkdirSync(join(stackDir, PLACEHOLDER_DIR), { recursive: true });
    const placeholders = block["//"]?.placeholders ?? block.defaults ?? {};
    writeFileSync(join(stackDir, path), JSON.stringify(placeholderState(name, placeholders), null, 2));
    overrides[name] = { backend: "local", config: { path } };
    seeded.push(name);
  }
  const overridePath = join(stackDir, "placeholder_upstreams_override.tf.json");
  if (seeded.length > 0) {
    writeFileSync(overridePath, JSON.stringify({ data: { terraform_remote_state: overrides } }, null, 2));
  } else if (existsSync(overridePath)) {
    unlinkSync(overridePath);
  }
  return seeded;
}

/**
 * Offline: true when the upstream's local state file is a real state. Terraform's local
 * backend creates the file empty when a plan or apply of the upstream starts, and a
 * crashed run can leave it empty or cut short: reading that as state made the downstream
 * skip seeding and fail with "Unable to find remote state".
 */
function localStateExists(block: RemoteStateBlock, stackDir: string): boolean {
  if (block.backend !== "local") return true;
  return isRealState(resolve(stackDir, String(block.config.path ?? "terraform.tfstate")));
}

/** True when `path` holds a Terraform state: a non-empty JSON object with a numeric `version`. */
export function isRealState(path: string): boolean {
  try {
    if (statSync(path).size === 0) return false;
    const state = JSON.parse(readFileSync(path, "utf8")) as { version?: unknown } | null;
    return typeof state?.version === "number";
  } catch {
    return false;
  }
}

function placeholderState(name: string, outputs: Record<string, unknown>): object {
  return {
    version: 4,
    terraform_version: "1.11.0",
    serial: 1,
    lineage: `placeholder-${name}`,
    outputs: Object.fromEntries(
      Object.entries(outputs).map(([key, value]) => [
        key,
        { value, type: Array.isArray(value) ? ["list", "string"] : "string" },
      ]),
    ),
    resources: [],
    check_results: null,
  };
}
