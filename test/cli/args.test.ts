import { parseArgs, parseArgsStrict, UsageError } from "../../cli/args";

const SPEC = { "--env": "csv", "--config": "list", "--outdir": "string", "--plans": "boolean" } as const;

describe("parseArgs", () => {
  it("reads values after the flag or after an equals sign, splitting csv flags on commas", () => {
    const args = parseArgs(["--env", "dev,staging", "--env=production", "--config", "a,b.json", "--outdir=out"], SPEC);
    expect(args.list("--env")).toEqual(["dev", "staging", "production"]);
    expect(args.list("--config")).toEqual(["a,b.json"]);
    expect(args.string("--outdir")).toBe("out");
    expect(args.mistakes).toEqual([]);
  });

  it("keeps the last value of a string flag and knows which flags were given", () => {
    const args = parseArgs(["--outdir", "a", "--outdir", "b", "--plans"], SPEC);
    expect(args.string("--outdir")).toBe("b");
    expect(args.has("--plans")).toBe(true);
    expect(args.has("--env")).toBe(false);
    expect(args.list("--env")).toEqual([]);
    expect(args.string("--config")).toBeUndefined();
  });

  it("drops empty items of csv values", () => {
    expect(parseArgs(["--env", "dev,,staging,"], SPEC).list("--env")).toEqual(["dev", "staging"]);
  });

  it("reports unknown flags, stray arguments and missing values in argument order, without throwing", () => {
    const args = parseArgs(["--bogus=1", "stray", "--env", "--outdir", "--plans=yes"], SPEC);
    expect(args.unknown).toEqual(["--bogus=1"]);
    expect(args.positionals).toEqual(["stray"]);
    expect(args.mistakes).toEqual([
      'unknown option "--bogus=1"',
      'unknown option "stray"',
      "--env needs a value",
      "--outdir needs a value",
      "--plans takes no value",
    ]);
    expect(args.has("--env")).toBe(false);
    expect(args.has("--plans")).toBe(false);
  });

  it("never takes the next flag as a value", () => {
    const args = parseArgs(["--env", "--config", "x.json"], SPEC);
    expect(args.list("--env")).toEqual([]);
    expect(args.list("--config")).toEqual(["x.json"]);
  });

  it("reads numbers, falling back when missing, not numeric or refused", () => {
    const spec = { "--runs": "string", "--skip": "string" } as const;
    expect(parseArgs(["--runs", "3"], spec).number("--runs", 5)).toBe(3);
    expect(parseArgs([], spec).number("--runs", 5)).toBe(5);
    expect(parseArgs(["--runs", "many"], spec).number("--runs", 5)).toBe(5);
    expect(parseArgs(["--runs", "0"], spec).number("--runs", 5)).toBe(5);
    expect(parseArgs(["--skip", "0"], spec).number("--skip", 3, (n) => n >= 0)).toBe(0);
  });
});

describe("parseArgsStrict", () => {
  it("throws a UsageError with the first mistake and the usage line", () => {
    expect(() => parseArgsStrict(["--outdir", "--bogus"], SPEC, "usage: x")).toThrow(
      new UsageError("--outdir needs a value. usage: x"),
    );
    expect(() => parseArgsStrict(["--bogus"], SPEC, "usage: x")).toThrow(UsageError);
  });

  it("returns the parsed arguments when there is no mistake", () => {
    expect(parseArgsStrict(["--env", "dev"], SPEC, "usage: x").list("--env")).toEqual(["dev"]);
  });
});
