// Maps offsets in a text that was extracted from the document (a CDATA section, an entity-escaped
// string) back to offsets in the document, so that everything parsed from the inner text still
// points at the right characters of the file.

export interface OffsetMap {
  toOuter(inner: number): number;
}

/** The inner text is a verbatim slice of the document starting at `base` (plain text, CDATA). */
export function shiftedMap(base: number): OffsetMap {
  return { toOuter: (inner) => inner + base };
}

// A map, not an object literal: `&constructor;` must not find Object.prototype.constructor.
const XML_ENTITIES: ReadonlyMap<string, string> = new Map([
  ['amp', '&'],
  ['lt', '<'],
  ['gt', '>'],
  ['quot', '"'],
  ['apos', "'"],
]);

const ENTITY = /&(#x[0-9a-fA-F]+|#[0-9]+|[A-Za-z]+);/g;

function decodeEntity(body: string): string | undefined {
  if (body.startsWith('#x')) {
    return safeFromCodePoint(parseInt(body.slice(2), 16));
  }
  if (body.startsWith('#')) {
    return safeFromCodePoint(parseInt(body.slice(1), 10));
  }
  return XML_ENTITIES.get(body);
}

function safeFromCodePoint(code: number): string | undefined {
  return Number.isInteger(code) && code >= 0 && code <= 0x10ffff ? String.fromCodePoint(code) : undefined;
}

/** Decodes the five XML entities and character references; unknown entities stay as written. */
export function decodeXmlText(raw: string): string {
  if (raw.indexOf('&') < 0) {
    return raw;
  }
  return raw.replace(ENTITY, (whole, body: string) => decodeEntity(body) ?? whole);
}

/**
 * Decodes entity-escaped text that sits at `base` in the document, and returns the decoded text
 * with a map from its offsets to the document's.
 */
export function decodeWithMap(raw: string, base: number): { text: string; map: OffsetMap } {
  // Breakpoints: from inner offset innerAt[i] on, outer = outerAt[i] + (inner - innerAt[i]).
  const innerAt: number[] = [0];
  const outerAt: number[] = [base];
  let text = '';
  let last = 0;
  ENTITY.lastIndex = 0;
  for (let m = ENTITY.exec(raw); m; m = ENTITY.exec(raw)) {
    const decoded = decodeEntity(m[1]);
    if (decoded === undefined) {
      continue;
    }
    text += raw.slice(last, m.index) + decoded;
    last = m.index + m[0].length;
    innerAt.push(text.length);
    outerAt.push(base + last);
  }
  text += raw.slice(last);
  return { text, map: { toOuter: (inner) => mapThrough(innerAt, outerAt, inner) } };
}

function mapThrough(innerAt: readonly number[], outerAt: readonly number[], inner: number): number {
  let lo = 0;
  let hi = innerAt.length - 1;
  while (lo < hi) {
    const mid = (lo + hi + 1) >> 1;
    if (innerAt[mid] <= inner) {
      lo = mid;
    } else {
      hi = mid - 1;
    }
  }
  return outerAt[lo] + (inner - innerAt[lo]);
}
