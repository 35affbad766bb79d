/**
 * A strict JSON reader for config files: RFC 8259 and nothing more, and duplicate keys
 * are errors. `JSON.parse` keeps the last of two equal keys silently (a `"vendas"` written
 * twice ran production vendas with the second, smaller block); comments, trailing
 * commas, NaN, Infinity and single quotes come from editors and JSON5 habits. Every error
 * names its line and column (1-based).
 */

/** A strict JSON syntax error, with where it is. */
export class StrictJsonError extends Error {
  constructor(
    /** What is wrong and how to fix it. */
    readonly reason: string,
    /** 1-based line of the offending character. */
    readonly line: number,
    /** 1-based column of the offending character. */
    readonly column: number,
    /** Dotted path of the member involved, when there is one (duplicates). */
    readonly path?: string,
  ) {
    super(`line ${line}, column ${column}: ${reason}`);
    this.name = "StrictJsonError";
  }
}

/** Deepest nesting accepted; deeper input is an error rather than a stack overflow. */
export const MAX_JSON_DEPTH = 200;

/** Parses `text` as strict JSON. Throws {@link StrictJsonError} on anything else. */
export function parseStrictJson(text: string): unknown {
  return new Parser(text).document();
}

class Parser {
  private pos = 0;

  constructor(private readonly text: string) {
    if (text.charCodeAt(0) === 0xfeff) this.pos = 1; // a byte-order mark is not content
  }

  document(): unknown {
    this.space();
    const value = this.value([], 0);
    this.space();
    if (this.pos < this.text.length) this.fail("unexpected content after the JSON value. Fix: remove it");
    return value;
  }

  private where(at: number): { line: number; column: number } {
    let line = 1;
    let start = 0;
    for (let i = 0; i < at; i++) {
      if (this.text[i] === "\n") {
        line++;
        start = i + 1;
      }
    }
    return { line, column: at - start + 1 };
  }

  private fail(reason: string, at = this.pos, path?: readonly string[]): never {
    const { line, column } = this.where(at);
    throw new StrictJsonError(reason, line, column, path?.join("."));
  }

  private space(): void {
    for (;;) {
      const c = this.text[this.pos];
      if (c === " " || c === "\t" || c === "\n" || c === "\r") this.pos++;
      else if (c === "/" && (this.text[this.pos + 1] === "/" || this.text[this.pos + 1] === "*")) {
        this.fail('comments are not JSON. Fix: remove the comment (keep notes in a README or a "description")');
      } else if (c === "#") this.fail("comments are not JSON. Fix: remove the comment");
      else return;
    }
  }

  private value(path: readonly string[], depth: number): unknown {
    if (depth > MAX_JSON_DEPTH) this.fail(`nesting deeper than ${MAX_JSON_DEPTH} levels. Fix: flatten the document`);
    const c = this.text[this.pos];
    if (c === "{") return this.object(path, depth);
    if (c === "[") return this.array(path, depth);
    if (c === '"') return this.string();
    if (c === "-" || (c !== undefined && c >= "0" && c <= "9")) return this.number();
    if (this.text.startsWith("true", this.pos)) return this.literal("true", true);
    if (this.text.startsWith("false", this.pos)) return this.literal("false", false);
    if (this.text.startsWith("null", this.pos)) return this.literal("null", null);
    if (c === undefined) this.fail("unexpected end of input. Fix: complete the document");
    if (c === "'") this.fail("single-quoted strings are not JSON. Fix: use double quotes");
    for (const word of ["NaN", "Infinity", "+Infinity", "undefined"]) {
      if (this.text.startsWith(word, this.pos)) {
        this.fail(`${word} is not a JSON value. Fix: write a finite number, a string or null`);
      }
    }
    if (c === "}" || c === "]" || c === ",") this.fail(`expected a value, found "${c}". Fix: remove the extra "${c}"`);
    return this.fail(
      `unexpected character ${JSON.stringify(c)}. Fix: write a JSON value (object, array, string, number)`,
    );
  }

  private literal<T>(word: string, value: T): T {
    this.pos += word.length;
    return value;
  }

  private object(path: readonly string[], depth: number): Record<string, unknown> {
    const result: Record<string, unknown> = {};
    const seen = new Map<string, number>();
    this.members("}", "an object", () => {
      const c = this.text[this.pos];
      if (c === "'") this.fail("single-quoted keys are not JSON. Fix: use double quotes");
      if (c !== '"') {
        this.fail(
          c === undefined
            ? "unexpected end of input inside an object. Fix: close it with }"
            : `expected a double-quoted key, found ${JSON.stringify(c)}. Fix: quote the key`,
        );
      }
      const keyAt = this.pos;
      const key = this.string();
      const memberPath = [...path, key];
      const first = seen.get(key);
      if (first !== undefined) {
        const { line } = this.where(first);
        this.fail(
          `duplicate key "${key}" (first at line ${line}); JSON readers keep only one of them. ` +
            "Fix: merge the two members into one",
          keyAt,
          memberPath,
        );
      }
      seen.set(key, keyAt);
      this.space();
      if (this.text[this.pos] !== ":") this.fail(`expected ":" after key "${key}". Fix: add it`);
      this.pos++;
      this.space();
      const value = this.value(memberPath, depth + 1);
      // defineProperty: a "__proto__" key is data here, never the object's prototype.
      Object.defineProperty(result, key, { value, enumerable: true, writable: true, configurable: true });
      return `after the value of "${key}"`;
    });
    return result;
  }

  private array(path: readonly string[], depth: number): unknown[] {
    const result: unknown[] = [];
    this.members("]", "an array", () => {
      result.push(this.value([...path, String(result.length)], depth + 1));
      return "in an array";
    });
    return result;
  }

  /**
   * The loop objects and arrays share, from the opening bracket past the closing one:
   * `member` reads one member and says where it stands (for the missing-comma message);
   * members are separated by single commas, with none after the last.
   */
  private members(close: "}" | "]", kind: string, member: () => string): void {
    this.pos++;
    this.space();
    if (this.text[this.pos] === close) {
      this.pos++;
      return;
    }
    for (;;) {
      const where = member();
      this.space();
      const next = this.text[this.pos];
      if (next === ",") {
        const commaAt = this.pos;
        this.pos++;
        this.space();
        if (this.text[this.pos] === close) this.fail(`trailing comma before ${close}. Fix: remove the comma`, commaAt);
        continue;
      }
      if (next === close) {
        this.pos++;
        return;
      }
      this.fail(
        next === undefined
          ? `unexpected end of input inside ${kind}. Fix: close it with ${close}`
          : `expected "," or "${close}" ${where}, found ${JSON.stringify(next)}. Fix: add a comma`,
      );
    }
  }

  private string(): string {
    const start = this.pos;
    this.pos++;
    let out = "";
    for (;;) {
      const c = this.text[this.pos];
      if (c === undefined) this.fail("unterminated string. Fix: close it with a double quote", start);
      if (c === '"') {
        this.pos++;
        return out;
      }
      if (c < " ") this.fail("control character in a string. Fix: escape it (\\n, \\t, \\u00XX)");
      if (c === "\\") {
        const e = this.text[this.pos + 1];
        const simple: Record<string, string> = {
          '"': '"',
          "\\": "\\",
          "/": "/",
          b: "\b",
          f: "\f",
          n: "\n",
          r: "\r",
          t: "\t",
        };
        if (e !== undefined && Object.hasOwn(simple, e)) {
          out += simple[e];
          this.pos += 2;
          continue;
        }
        if (e === "u" && /^[0-9a-fA-F]{4}$/.test(this.text.slice(this.pos + 2, this.pos + 6))) {
          out += String.fromCharCode(Number.parseInt(this.text.slice(this.pos + 2, this.pos + 6), 16));
          this.pos += 6;
          continue;
        }
        this.fail(`invalid escape "\\${e ?? ""}" in a string. Fix: use \\", \\\\, \\n, \\t or \\uXXXX`);
      }
      out += c;
      this.pos++;
    }
  }

  private number(): number {
    const match = /^-?(0|[1-9]\d*)(\.\d+)?([eE][+-]?\d+)?/.exec(this.text.slice(this.pos, this.pos + 400));
    if (!match) {
      if (this.text.startsWith("-Infinity", this.pos)) {
        this.fail("-Infinity is not a JSON value. Fix: write a finite number");
      }
      this.fail("malformed number. Fix: write digits such as 42, -1.5 or 1e3");
    }
    const next = this.text[this.pos + match[0].length];
    if (next !== undefined && /[0-9.eExX]/.test(next)) {
      this.fail("malformed number (leading zero, hex or a second point). Fix: write a plain decimal number");
    }
    const value = Number(match[0]);
    if (!Number.isFinite(value)) this.fail("number out of range. Fix: write a finite number");
    this.pos += match[0].length;
    return value;
  }
}
