import { MAX_JSON_DEPTH, parseStrictJson, StrictJsonError } from "../../cli/strict-json";
import { ENVIRONMENTS } from "../../environments";

/** The error a text raises, as "line:column reason". */
function errorOf(text: string): string {
  try {
    parseStrictJson(text);
  } catch (error) {
    if (!(error instanceof StrictJsonError)) throw error;
    return `${error.line}:${error.column} ${error.reason}`;
  }
  throw new Error(`parsed: ${text}`);
}

describe("strict JSON", () => {
  it("reads what JSON.parse reads, the shipped environments included", () => {
    for (const env of Object.values(ENVIRONMENTS)) {
      const text = JSON.stringify(env, null, 2);
      expect(parseStrictJson(text)).toEqual(JSON.parse(text));
    }
    const text = '\ufeff{"a": [1, -2.5e3, 0, true, false, null, "\\u00e9\\n\\"x\\""], "b": {}}';
    expect(parseStrictJson(text)).toEqual(JSON.parse(text.slice(1)));
  });

  it("refuses a duplicate key with the line and column of the second and the first's line", () => {
    const text = '{\n  "modules": {\n    "vendas": {},\n    "vendas": {"x": 1}\n  }\n}';
    expect(errorOf(text)).toBe(
      '4:5 duplicate key "vendas" (first at line 3); JSON readers keep only one of them. ' +
        "Fix: merge the two members into one",
    );
    try {
      parseStrictJson(text);
    } catch (error) {
      expect((error as StrictJsonError).path).toBe("modules.vendas");
    }
  });

  it.each([
    ["a line comment", '{\n  // note\n  "a": 1\n}', /^2:3 comments are not JSON/],
    ["a block comment", '{"a": 1 /* x */}', /^1:9 comments are not JSON/],
    ["a trailing comma in an object", '{"a": 1,\n}', /^1:8 trailing comma before }/],
    ["a trailing comma in an array", "[1, 2, ]", /^1:6 trailing comma before ]/],
    ["NaN", '{"a": NaN}', /^1:7 NaN is not a JSON value/],
    ["Infinity", '{"a": Infinity}', /^1:7 Infinity is not a JSON value/],
    ["-Infinity", '{"a": -Infinity}', /^1:7 -Infinity is not a JSON value/],
    ["a single-quoted string", "{\"a\": 'x'}", /^1:7 single-quoted strings are not JSON/],
    ["a single-quoted key", "{'a': 1}", /^1:2 single-quoted keys are not JSON/],
    ["an unquoted key", "{a: 1}", /^1:2 expected a double-quoted key/],
    ["a leading zero", '{"a": 01}', /^1:7 malformed number/],
    ["a hex number", '{"a": 0x1F}', /^1:7 malformed number/],
    ["a raw newline in a string", '{"a": "x\ny"}', /^1:9 control character/],
    ["a bad escape", '{"a": "\\x"}', /^1:8 invalid escape/],
    ["content after the value", '{"a": 1} {"b": 2}', /^1:10 unexpected content/],
    ["an unterminated document", '{"a": [1, 2', /^1:12 unexpected end of input inside an array/],
    ["an empty file", "", /^1:1 unexpected end of input/],
  ])("refuses %s with its position", (_what, text, expected) => {
    expect(errorOf(text)).toMatch(expected);
  });

  it("refuses nesting deeper than the limit instead of overflowing the stack", () => {
    const deep = `${"[".repeat(MAX_JSON_DEPTH + 5)}${"]".repeat(MAX_JSON_DEPTH + 5)}`;
    expect(errorOf(deep)).toMatch(/nesting deeper than 200 levels/);
    expect(() => parseStrictJson(`${"[".repeat(50)}${"]".repeat(50)}`)).not.toThrow();
  });

  it('keeps a "__proto__" key as data, never as the prototype', () => {
    const value = parseStrictJson('{"__proto__": {"polluted": true}}') as Record<string, unknown>;
    expect(Object.keys(value)).toEqual(["__proto__"]);
    expect(({} as Record<string, unknown>).polluted).toBeUndefined();
    expect(Object.getPrototypeOf(value)).toBe(Object.prototype);
  });
});
