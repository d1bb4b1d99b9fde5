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

/**
 * Optimal-string-alignment distance (Damerau–Levenshtein with adjacent transpositions), or
 * `limit + 1` as soon as it is certain to exceed `limit`, which keeps long candidate lists cheap.
 */
export function boundedDistance(a: string, b: string, limit: number): number {
  if (Math.abs(a.length - b.length) > limit) {
    return limit + 1;
  }
  let beforePrevious: number[] = [];
  let previous: number[] = Array.from({ length: b.length + 1 }, (_, j) => j);
  for (let i = 1; i <= a.length; i++) {
    const current: number[] = [i];
    let rowMinimum = i;
    for (let j = 1; j <= b.length; j++) {
      const cost = a[i - 1] === b[j - 1] ? 0 : 1;
      let value = Math.min(previous[j] + 1, current[j - 1] + 1, previous[j - 1] + cost);
      if (i > 1 && j > 1 && a[i - 1] === b[j - 2] && a[i - 2] === b[j - 1]) {
        value = Math.min(value, beforePrevious[j - 2] + 1);
      }
      current.push(value);
      rowMinimum = Math.min(rowMinimum, value);
    }
    if (rowMinimum > limit) {
      return limit + 1;
    }
    beforePrevious = previous;
    previous = current;
  }
  return Math.min(previous[b.length], limit + 1);
}
