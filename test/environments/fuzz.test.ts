/**
 * Property-based fuzzing of config validation (issue 15). Mutations of the shipped
 * configs (drop, duplicate, retype, swap values between fields, random strings and
 * numbers, unknown keys, deep nesting) must end in one of two ways: a config that
 * synthesizes and passes the policy gate, or a ConfigError whose problems all have a
 * path. No other exception, nothing printed, nothing written.
 *
 * The seed comes from the commit (see `seed`); replay a failure with the seed fast-check
 * prints: FUZZ_SEED=<seed> npx jest fuzz
 * (and FUZZ_PATH=<path> to jump to the shrunk case).
 */
import { spawnSync } from "node:child_process";
import { existsSync, mkdtempSync, readdirSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import fc from "fast-check";
import { readSynthOutput } from "../../cli/synth-output";
import { ConfigError, ENVIRONMENTS, type EnvironmentConfig, parseEnvironment } from "../../environments";
import { checkStacks } from "../../policies/gate";
import { buildApp } from "../../stacks/app";

/** Validation cases per run (CI: `npm test`), and how many of the valid ones are fully synthesized. */
const VALIDATION_RUNS = Number(process.env.FUZZ_RUNS ?? 10_000);
const FULL_SYNTHS = Number(process.env.FUZZ_SYNTHS ?? 4);
const TODAY = "2026-01-01";
/**
 * FUZZ_SEED when set; otherwise one drawn from the checked-out commit, so CI and anyone
 * re-running a commit get the same cases (a red run reproduces), while every new commit
 * explores new ones. Outside a git checkout: the clock.
 */
const seed = process.env.FUZZ_SEED === undefined ? commitSeed() : Number(process.env.FUZZ_SEED);

function commitSeed(): number {
  const head = spawnSync("git", ["rev-parse", "HEAD"], { cwd: __dirname, encoding: "utf8" });
  const hash = head.status === 0 ? head.stdout.trim() : "";
  return /^[0-9a-f]{8,}$/.test(hash) ? Number.parseInt(hash.slice(0, 7), 16) : Date.now() % 2 ** 31;
}
const root = join(__dirname, "../..");
const STACK_LINE = /\n\s+at /;

type Key = string | number;
type Path = readonly Key[];
type Json = unknown;

/** Every path of a value (containers and leaves), root excluded. */
function pathsOf(value: Json, prefix: Path = [], out: Path[] = []): Path[] {
  if (Array.isArray(value)) {
    value.forEach((child, i) => {
      out.push([...prefix, i]);
      pathsOf(child, [...prefix, i], out);
    });
  } else if (value !== null && typeof value === "object") {
    for (const [key, child] of Object.entries(value)) {
      out.push([...prefix, key]);
      pathsOf(child, [...prefix, key], out);
    }
  }
  return out;
}

const ENV_NAMES = Object.keys(ENVIRONMENTS) as (keyof typeof ENVIRONMENTS)[];
const PATHS = Object.fromEntries(ENV_NAMES.map((name) => [name, pathsOf(ENVIRONMENTS[name])]));

function parentOf(root: Json, path: Path): Record<Key, Json> | undefined {
  let current = root;
  for (const key of path.slice(0, -1)) {
    if (current === null || typeof current !== "object") return undefined;
    current = (current as Record<Key, Json>)[key];
  }
  return current !== null && typeof current === "object" ? (current as Record<Key, Json>) : undefined;
}

function get(root: Json, path: Path): Json {
  return parentOf(root, path)?.[path[path.length - 1]];
}

function set(root: Json, path: Path, value: Json): void {
  const parent = parentOf(root, path);
  if (parent) parent[path[path.length - 1]] = value;
}

/** One mutation; `at`/`from` index the environment's paths (modulo their count). */
type Mutation =
  | { readonly kind: "drop"; readonly at: number }
  | { readonly kind: "duplicate"; readonly at: number; readonly key: string }
  | { readonly kind: "retype"; readonly at: number; readonly value: Json }
  | { readonly kind: "swap"; readonly at: number; readonly from: number }
  | { readonly kind: "random"; readonly at: number; readonly value: Json }
  | { readonly kind: "typo"; readonly at: number; readonly position: number; readonly char: string }
  | { readonly kind: "unknown-key"; readonly at: number; readonly key: string; readonly value: Json }
  | { readonly kind: "nest"; readonly at: number; readonly depth: number };

const anyScalar = fc.oneof(
  fc.string({ maxLength: 40 }),
  fc.integer({ min: -1_000_000, max: 1_000_000 }),
  fc.double({ noNaN: false }),
  fc.boolean(),
  fc.constant(null),
  fc.constantFrom("", "0", "-1", "1e309", "sa-east-1", "production", "db.t4g.medium", "10.0.0.0/8", "__proto__"),
);
const anyValue = fc.oneof(
  anyScalar,
  fc.array(anyScalar, { maxLength: 4 }),
  fc.dictionary(fc.string({ maxLength: 12 }), anyScalar, { maxKeys: 3 }),
);
const at = fc.nat();
const mutation: fc.Arbitrary<Mutation> = fc.oneof(
  fc.record({ kind: fc.constant("drop" as const), at }),
  fc.record({ kind: fc.constant("duplicate" as const), at, key: fc.string({ maxLength: 12 }) }),
  fc.record({ kind: fc.constant("retype" as const), at, value: fc.constantFrom<Json>(42, "42", true, null, [], {}) }),
  fc.record({ kind: fc.constant("swap" as const), at, from: fc.nat() }),
  fc.record({ kind: fc.constant("random" as const), at, value: anyValue }),
  fc.record({
    kind: fc.constant("typo" as const),
    at,
    position: fc.nat(),
    char: fc.constantFrom("a", "-", "1", ".", " ", "Z"),
  }),
  fc.record({ kind: fc.constant("unknown-key" as const), at, key: fc.string({ maxLength: 12 }), value: anyValue }),
  fc.record({ kind: fc.constant("nest" as const), at, depth: fc.integer({ min: 1, max: 300 }) }),
);

function apply(input: Json, paths: readonly Path[], m: Mutation): void {
  const path = paths[m.at % paths.length];
  const parent = parentOf(input, path);
  if (!parent) return;
  const key = path[path.length - 1];
  switch (m.kind) {
    case "drop":
      if (Array.isArray(parent)) parent.splice(Number(key), 1);
      else delete parent[key];
      return;
    case "duplicate":
      if (Array.isArray(parent)) parent.push(structuredClone(parent[key as number]));
      else parent[m.key] = structuredClone(parent[key]);
      return;
    case "retype":
    case "random":
      parent[key] = structuredClone(m.value);
      return;
    case "swap": {
      const other = paths[m.from % paths.length];
      const [a, b] = [get(input, path), get(input, other)];
      set(input, path, structuredClone(b));
      set(input, other, structuredClone(a));
      return;
    }
    case "typo": {
      const value = parent[key];
      if (typeof value !== "string") return;
      const i = m.position % (value.length + 1);
      parent[key] = `${value.slice(0, i)}${m.char}${value.slice(i + 1)}`;
      return;
    }
    case "unknown-key": {
      const value = parent[key];
      if (value !== null && typeof value === "object" && !Array.isArray(value)) {
        (value as Record<string, Json>)[m.key] = structuredClone(m.value);
      }
      return;
    }
    case "nest": {
      let nested: Json = parent[key];
      for (let d = 0; d < m.depth; d++) nested = d % 2 === 0 ? [nested] : { value: nested };
      parent[key] = nested;
      return;
    }
  }
}

const caseArb = fc.record({
  env: fc.constantFrom(...ENV_NAMES),
  mutations: fc.array(mutation, { minLength: 1, maxLength: 3 }),
});

function mutated(c: { env: (typeof ENV_NAMES)[number]; mutations: Mutation[] }): Json {
  const input = structuredClone(ENVIRONMENTS[c.env]) as Json;
  for (const m of c.mutations) apply(input, PATHS[c.env], m);
  return input;
}

/** True when a mutation touched the reviewed policy suppressions (dropped, retyped, misspelled one). */
function touchesSuppressions(c: { env: (typeof ENV_NAMES)[number]; mutations: Mutation[] }): boolean {
  const paths = PATHS[c.env];
  return c.mutations.some(
    (m) =>
      paths[m.at % paths.length][0] === "policies" ||
      (m.kind === "swap" && paths[m.from % paths.length][0] === "policies"),
  );
}

type Outcome = { kind: "valid"; config: EnvironmentConfig } | { kind: "config-error"; error: ConfigError };

/** Validates; anything but a ConfigError escapes (and fails the property). */
function validate(input: Json): Outcome {
  try {
    return { kind: "valid", config: parseEnvironment(input, "fuzz", { today: TODAY }) };
  } catch (error) {
    if (error instanceof ConfigError) return { kind: "config-error", error };
    throw error;
  }
}

const histogram = new Map<string, number>();
const count = (key: string) => histogram.set(key, (histogram.get(key) ?? 0) + 1);
const validInputs: { readonly input: Json; readonly suppressionsTouched: boolean }[] = [];
const timings: Record<string, number> = {};

afterAll(() => {
  const rows = [...histogram].sort((a, b) => b[1] - a[1]).map(([k, v]) => `  ${k}: ${v}`);
  process.stdout.write(
    `fuzz (seed ${seed}): ${VALIDATION_RUNS} validation cases in ${timings.validation?.toFixed(1)} s ` +
      `(CPU ${timings.validationCpu?.toFixed(1)} s), ${timings.synths ?? 0} full synths in ` +
      `${timings.synth?.toFixed(1) ?? "-"} s (CPU ${timings.synthCpu?.toFixed(1) ?? "-"} s)\n${rows.join("\n")}\n`,
  );
});

describe(`config fuzzing (seed ${seed}; replay with FUZZ_SEED=${seed})`, () => {
  it(`ends every mutated config in a clean config or a ConfigError with paths (${VALIDATION_RUNS} cases)`, () => {
    const writes = jest.spyOn(process.stderr, "write");
    const errors = jest.spyOn(console, "error");
    const started = performance.now();
    const cpu = process.cpuUsage();
    fc.assert(
      fc.property(caseArb, (c) => {
        const input = mutated(c);
        const outcome = validate(input);
        const kinds = [...new Set(c.mutations.map((m) => m.kind))].sort().join("+");
        if (outcome.kind === "valid") {
          count(`valid (${kinds})`);
          if (validInputs.length < 200) validInputs.push({ input, suppressionsTouched: touchesSuppressions(c) });
          return;
        }
        const problems = outcome.error.problems;
        count(
          `ConfigError, ${problems.length === 1 ? "1 problem" : problems.length <= 5 ? "2-5 problems" : "6+ problems"}`,
        );
        // Plain checks: jest's expect costs more than the validation itself at this volume.
        const bad = problems.find(
          (p) => typeof p.path !== "string" || p.path === "" || typeof p.message !== "string" || p.message === "",
        );
        if (problems.length === 0 || bad) throw new Error(`problem without a path or message: ${JSON.stringify(bad)}`);
        if (STACK_LINE.test(outcome.error.report))
          throw new Error(`stack trace in the report:\n${outcome.error.report}`);
      }),
      { numRuns: VALIDATION_RUNS, seed, path: process.env.FUZZ_PATH, endOnFailure: true },
    );
    timings.validation = (performance.now() - started) / 1000;
    const used = process.cpuUsage(cpu);
    timings.validationCpu = (used.user + used.system) / 1e6;
    expect(writes).not.toHaveBeenCalled();
    expect(errors).not.toHaveBeenCalled();
    writes.mockRestore();
    errors.mockRestore();
  }, 600_000);

  it("synthesizes a sample of valid mutants through the gate (clean unless a suppression was mutated)", () => {
    const started = performance.now();
    const cpu = process.cpuUsage();
    const distinct = [...new Map(validInputs.map((v) => [JSON.stringify(v.input), v])).values()];
    const sample = fc.sample(fc.shuffledSubarray(distinct), { seed, numRuns: 1 })[0].slice(0, FULL_SYNTHS);
    expect(sample.length).toBeGreaterThan(0);
    for (const { input, suppressionsTouched } of sample) {
      const config = parseEnvironment(input, "fuzz", { today: TODAY });
      const outdir = mkdtempSync(join(tmpdir(), "fuzz-synth-"));
      try {
        const { app } = buildApp([config], { mode: "offline", outdir });
        app.synth();
        const report = checkStacks(readSynthOutput(outdir), [config], TODAY);
        const errors = report.findings.filter((f) => f.severity === "error");
        // A dropped or misspelled suppression un-hides the finding it excused: the gate is the
        // designated check for that (rule id and resource in its report; main.ts writes nothing).
        // Any other valid mutant must synthesize clean.
        count(`synth: ${errors.length === 0 ? "gate passed" : "gate refused (suppression mutated)"}`);
        if (!suppressionsTouched) expect({ env: config.name, errors }).toEqual({ env: config.name, errors: [] });
      } finally {
        rmSync(outdir, { recursive: true, force: true });
      }
    }
    timings.synths = sample.length;
    timings.synth = (performance.now() - started) / 1000;
    const used = process.cpuUsage(cpu);
    timings.synthCpu = (used.user + used.system) / 1e6;
  }, 300_000);

  it("runs main.ts on a refused mutant: exit 1, a report without a stack trace, no cdktf.out", () => {
    const refused = fc
      .sample(caseArb, { seed, numRuns: 50 })
      .map(mutated)
      .find((input) => validate(input).kind === "config-error");
    const work = mkdtempSync(join(tmpdir(), "fuzz-main-"));
    try {
      const file = join(work, "mutant.json");
      writeFileSync(file, JSON.stringify(refused));
      const outdir = join(work, "cdktf.out");
      const result = spawnSync(process.execPath, ["--import", "tsx", "main.ts", "--config", file], {
        cwd: root,
        encoding: "utf8",
        env: { ...process.env, CDKTF_OUTDIR: outdir, PLATAFORMA_MODE: "offline", POLICY_TODAY: TODAY },
      });
      expect(result.status).toBe(1);
      // Either the schema's report or the strict JSON reader's (e.g. nesting deeper than 200).
      expect(result.stderr).toMatch(
        /^Invalid configuration (in .*mutant\.json: \d+ problems?\n {2}- |file .*mutant\.json: line)/,
      );
      expect(result.stderr).not.toMatch(/\n\s+at /);
      expect(existsSync(outdir)).toBe(false);
      expect(readdirSync(work)).toEqual(["mutant.json"]);
    } finally {
      rmSync(work, { recursive: true, force: true });
    }
  }, 120_000);
});
