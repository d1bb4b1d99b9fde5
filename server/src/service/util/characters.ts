// Character classes the parser and the checks test by code unit (no string or regex per character).

/** 0–9 only, as `\d` without the `u` flag. */
export function isAsciiDigit(c: number): boolean {
  return c >= 0x30 && c <= 0x39;
}
