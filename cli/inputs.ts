/**
 * Inputs a CLI reads from the disk and the environment, checked once here so every CLI
 * reports them the same way. Policies, stacks and constructs never read either: the CLIs
 * pass what they read in.
 */
import { existsSync, readFileSync } from "node:fs";
import { isIsoDate } from "../contracts/suppressions";

/** A missing or unreadable input (synth folder, plan file, date); printed without a stack trace. */
export class InputError extends Error {}

/** Reads and parses a JSON file, or throws {@link InputError} naming the file and the fix. */
export function readJsonFile(path: string, fix: string): unknown {
  if (!existsSync(path)) throw new InputError(`${path} not found. Fix: ${fix}`);
  try {
    return JSON.parse(readFileSync(path, "utf8")) as unknown;
  } catch (error) {
    throw new InputError(`${path} is not valid JSON (${(error as Error).message}). Fix: ${fix}`);
  }
}

/**
 * Today's date (UTC) as YYYY-MM-DD, the date suppression expiries are checked against;
 * `POLICY_TODAY` overrides it (tests, reproducing an old run) and must be a real date.
 */
export function todayFrom(env: Readonly<Record<string, string | undefined>>, now: Date): string {
  const forced = env.POLICY_TODAY;
  if (forced === undefined) return now.toISOString().slice(0, 10);
  if (!isIsoDate(forced)) throw new InputError(`POLICY_TODAY=${forced} is not a date. Fix: use YYYY-MM-DD`);
  return forced;
}
