// "Did you mean": the candidates closest to a misspelt name. Task sequence names are compared
// without regard to case (variables are case-insensitive, and a wrongly cased class name is the
// commonest typo), so case never counts towards the distance.

/**
 * Candidates that `input` most likely meant, best first: a case-insensitive exact match first,
 * then those within Damerau–Levenshtein distance max(2, ⌊input length / 4⌋).
 * @param max how many suggestions to return at most (default 3)
 */
export function suggestNearest(candidates: readonly string[], input: string, max = 3): string[] {
  if (max <= 0 || input === '') {
    return [];
  }
  const wanted = input.toLowerCase();
  const limit = Math.max(2, Math.floor(input.length / 4));
  const scored: { candidate: string; distance: number; index: number }[] = [];
  const seen = new Set<string>();
  candidates.forEach((candidate, index) => {
    if (seen.has(candidate)) {
      return;
    }
    seen.add(candidate);
    const lower = candidate.toLowerCase();
    const distance = lower === wanted ? 0 : boundedDistance(wanted, lower, limit);
    if (distance <= limit) {
      scored.push({ candidate, distance, index });
    }
  });
  scored.sort((a, b) => a.distance - b.distance || a.index - b.index);
  return scored.slice(0, max).map((s) => s.candidate);
}

/** The three rows boundedDistance works in, reused by every call (it runs for every candidate of every unknown name). */
let rows = new Int32Array(3 * 64);

/**
 * Optimal-string-alignment distance (Damerau–Levenshtein with adjacent transpositions), or
 * `limit + 1` as soon as it is certain to exceed `limit`, which keeps long candidate lists cheap.
 */
export function boundedDistance(a: string, b: string, limit: number): number {
  if (Math.abs(a.length - b.length) > limit) {
    return limit + 1;
  }
  const width = b.length + 1;
  if (rows.length < 3 * width) {
    rows = new Int32Array(6 * width);
  }
  // Offsets of the row before the previous one, the previous one and the current one in `rows`.
  let beforePrevious = 0;
  let previous = width;
  let current = 2 * width;
  for (let j = 0; j < width; j++) {
    rows[previous + j] = j;
  }
  for (let i = 1; i <= a.length; i++) {
    const ai = a.charCodeAt(i - 1);
    rows[current] = i;
    let rowMinimum = i;
    for (let j = 1; j < width; j++) {
      const bj = b.charCodeAt(j - 1);
      let value = Math.min(rows[previous + j] + 1, rows[current + j - 1] + 1, rows[previous + j - 1] + (ai === bj ? 0 : 1));
      if (i > 1 && j > 1 && ai === b.charCodeAt(j - 2) && a.charCodeAt(i - 2) === bj) {
        value = Math.min(value, rows[beforePrevious + j - 2] + 1);
      }
      rows[current + j] = value;
      if (value < rowMinimum) {
        rowMinimum = value;
      }
    }
    if (rowMinimum > limit) {
      return limit + 1;
    }
    const free = beforePrevious;
    beforePrevious = previous;
    previous = current;
    current = free;
  }
  return Math.min(rows[previous + b.length], limit + 1);
}
