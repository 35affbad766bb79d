import { mkdtempSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { InputError, readJsonFile, todayFrom } from "../../cli/inputs";

const work = mkdtempSync(join(tmpdir(), "cli-inputs-"));
afterAll(() => rmSync(work, { recursive: true, force: true }));

describe("readJsonFile", () => {
  it("parses a JSON file", () => {
    writeFileSync(join(work, "ok.json"), '{"a":1}');
    expect(readJsonFile(join(work, "ok.json"), "unused")).toEqual({ a: 1 });
  });

  it("names a missing or broken file and the fix", () => {
    expect(() => readJsonFile(join(work, "none.json"), "run it first")).toThrow(
      new InputError(`${join(work, "none.json")} not found. Fix: run it first`),
    );
    writeFileSync(join(work, "bad.json"), "{ nope");
    const broken = /bad\.json is not valid JSON \(.*\)\. Fix: re-run it/;
    expect(() => readJsonFile(join(work, "bad.json"), "re-run it")).toThrow(broken);
  });
});

describe("todayFrom", () => {
  const now = new Date("2026-11-23T23:30:00-03:00");

  it("is today's UTC date unless POLICY_TODAY sets it", () => {
    expect(todayFrom({}, now)).toBe("2026-11-24");
    expect(todayFrom({ POLICY_TODAY: "2027-02-28" }, now)).toBe("2027-02-28");
  });

  it.each(["tomorrow", "2027-02-30", "2027-2-1"])("rejects POLICY_TODAY=%s", (value) => {
    const error = new InputError(`POLICY_TODAY=${value} is not a date. Fix: use YYYY-MM-DD`);
    expect(() => todayFrom({ POLICY_TODAY: value }, now)).toThrow(error);
  });
});
