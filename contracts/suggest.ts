/**
 * "Did you mean" for config values and keys and for policy suppressions' stack names: the
 * closest candidate by edit distance, offered only when it is close enough to be the likely
 * intent (a typo, not a guess). Dependency-free, so the config and the policy engine share it.
 */

/** Levenshtein distance (insert, delete, substitute; each costs 1), case-insensitive. */
export function editDistance(a: string, b: string): number {
  const s = a.toLowerCase();
  const t = b.toLowerCase();
  if (s === t) return 0;
  let previous = Array.from({ length: t.length + 1 }, (_, j) => j);
  for (let i = 1; i <= s.length; i++) {
    const current = [i];
    for (let j = 1; j <= t.length; j++) {
      const substitution = previous[j - 1] + (s[i - 1] === t[j - 1] ? 0 : 1);
      current.push(Math.min(previous[j] + 1, current[j - 1] + 1, substitution));
    }
    previous = current;
  }
  return previous[t.length];
}

/**
 * Largest distance still read as a typo of a candidate of this length: two edits, or a
 * third of the word for long ones (`interfaceEndpoint` -> `interfaceEndpoints`).
 */
function maxTypoDistance(candidate: string): number {
  return Math.max(2, Math.floor(candidate.length / 3));
}

/**
 * The candidate closest to `input`, or `undefined` when none is within typo distance.
 * Ties go to the first candidate, so callers list the most likely ones first.
 */
export function closest(input: string, candidates: readonly string[]): string | undefined {
  if (input.length > 200) return undefined; // a pasted blob is no typo; keep this linear
  let best: string | undefined;
  let bestDistance = Number.POSITIVE_INFINITY;
  for (const candidate of candidates) {
    if (candidate === input) continue;
    // An abbreviation (`prod` for `production`) is as good as a one-letter typo.
    const abbreviation = input.length >= 3 && candidate.toLowerCase().startsWith(input.toLowerCase());
    const distance = abbreviation ? 1 : editDistance(input, candidate);
    if (distance < bestDistance && distance <= maxTypoDistance(candidate)) {
      best = candidate;
      bestDistance = distance;
    }
  }
  return best;
}

/** `, did you mean "x"?` for the closest candidate, or "" when none is close. */
export function didYouMean(input: unknown, candidates: readonly string[]): string {
  if (typeof input !== "string") return "";
  const match = closest(input, candidates);
  return match === undefined ? "" : `, did you mean ${JSON.stringify(match)}?`;
}
