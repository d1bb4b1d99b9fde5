// A small XML scanner for the text around the cursor. Completion must work on half-typed text,
// where the parse tree may not yet have the element being typed; this scanner reads the raw text
// of the one tag the cursor is in, and tells whether the cursor is in a tag name, an attribute
// name, an attribute value or element content.

/** An attribute as written in a scanned start tag. */
export interface ScannedAttribute {
  readonly name: string;
  readonly nameStart: number;
  readonly nameEnd: number;
  /** Offset after the opening quote; undefined when the attribute has no value yet. */
  readonly valueStart?: number;
  /** Offset of the closing quote, or where the unterminated value stops. */
  readonly valueEnd?: number;
  readonly quote?: string;
  /** False when the value's closing quote is missing. */
  readonly terminated?: boolean;
  /** The raw text of the value (entities not decoded). */
  readonly value?: string;
}

/** A start tag as written, from `<` to its `>` or to where it stops (the next `<` or the end). */
export interface ScannedTag {
  readonly name: string;
  readonly start: number;
  readonly nameEnd: number;
  readonly attributes: readonly ScannedAttribute[];
  /** Offset after `>` (or `/>`); undefined when the tag is unfinished. */
  readonly end: number | undefined;
  readonly selfClosing: boolean;
}

export type CursorContext =
  /** Typing an element name after `<` (`closing` after `</`). */
  | { readonly kind: 'tagName'; readonly tagStart: number; readonly nameStart: number; readonly nameEnd: number; readonly closing: boolean }
  /** Typing an attribute name (or between attributes). */
  | { readonly kind: 'attributeName'; readonly tag: ScannedTag; readonly nameStart: number; readonly nameEnd: number }
  /** Inside an attribute value. */
  | { readonly kind: 'attributeValue'; readonly tag: ScannedTag; readonly attribute: ScannedAttribute }
  /** In element text. */
  | { readonly kind: 'content' }
  /** In a comment, CDATA section, processing instruction, DOCTYPE or end tag. */
  | { readonly kind: 'other' };

const NAME_CHAR = /[^\s/>"'<=]/;
const WHITESPACE = /\s/;

/**
 * The context of `offset`. `regionStart` bounds the backward search: the start of an embedded
 * sequence, so that the CDATA section holding it does not count as CDATA.
 */
export function scanCursorContext(text: string, offset: number, regionStart = 0): CursorContext {
  const lt = text.lastIndexOf('<', offset - 1);
  if (lt < regionStart) {
    return { kind: 'content' };
  }
  const special = specialSectionAt(text, offset, regionStart);
  if (special === 'inside') {
    return { kind: 'other' };
  }
  if (special !== undefined && lt < special) {
    // The last `<` belongs to a comment or CDATA section that ended before the cursor.
    return { kind: 'content' };
  }
  const next = text.charAt(lt + 1);
  if (next === '/') {
    const nameEnd = scanName(text, lt + 2);
    return offset <= nameEnd && !text.slice(lt + 2, offset).includes('>')
      ? { kind: 'tagName', tagStart: lt, nameStart: lt + 2, nameEnd, closing: true }
      : endTagOrContent(text, lt, offset);
  }
  if (next === '!' || next === '?') {
    const close = text.indexOf('>', lt);
    return close >= 0 && close < offset ? { kind: 'content' } : { kind: 'other' };
  }
  return contextInStartTag(scanStartTag(text, lt), offset);
}

function endTagOrContent(text: string, lt: number, offset: number): CursorContext {
  const close = text.indexOf('>', lt);
  return close >= 0 && close < offset ? { kind: 'content' } : { kind: 'other' };
}

/**
 * Where the last comment or CDATA section before the cursor stands: 'inside' when the cursor is
 * in it, its end offset when it closed before the cursor, undefined when there is none.
 */
function specialSectionAt(text: string, offset: number, regionStart: number): 'inside' | number | undefined {
  let latestEnd: number | undefined;
  const sections: readonly (readonly [string, string])[] = regionStart > 0 ? [['<!--', '-->']] : [['<!--', '-->'], ['<![CDATA[', ']]>']];
  for (const [open, close] of sections) {
    const start = text.lastIndexOf(open, offset - 1);
    if (start < regionStart) {
      continue;
    }
    const end = text.indexOf(close, start + open.length);
    if (end < 0 || offset < end + close.length) {
      if (offset > start) {
        return 'inside';
      }
      continue;
    }
    latestEnd = Math.max(latestEnd ?? 0, end + close.length);
  }
  return latestEnd;
}

function contextInStartTag(tag: ScannedTag, offset: number): CursorContext {
  if (offset <= tag.nameEnd) {
    return { kind: 'tagName', tagStart: tag.start, nameStart: tag.start + 1, nameEnd: tag.nameEnd, closing: false };
  }
  if (tag.end !== undefined && offset >= tag.end) {
    return { kind: 'content' };
  }
  for (const attribute of tag.attributes) {
    if (offset >= attribute.nameStart && offset <= attribute.nameEnd) {
      return { kind: 'attributeName', tag, nameStart: attribute.nameStart, nameEnd: attribute.nameEnd };
    }
    if (attribute.valueStart !== undefined && offset >= attribute.valueStart && offset <= (attribute.valueEnd ?? attribute.valueStart)) {
      return { kind: 'attributeValue', tag, attribute };
    }
  }
  // Between attributes, or right before `>` / `/>`: a new attribute name starts here.
  return { kind: 'attributeName', tag, nameStart: offset, nameEnd: offset };
}

function scanName(text: string, from: number): number {
  let i = from;
  while (i < text.length && NAME_CHAR.test(text.charAt(i))) {
    i++;
  }
  return i;
}

function skipWhitespace(text: string, from: number): number {
  let i = from;
  while (i < text.length && WHITESPACE.test(text.charAt(i))) {
    i++;
  }
  return i;
}

/** Reads the start tag that begins at `lt` up to its `>`, or to where it stops. */
export function scanStartTag(text: string, lt: number): ScannedTag {
  const nameEnd = scanName(text, lt + 1);
  const name = text.slice(lt + 1, nameEnd);
  const attributes: ScannedAttribute[] = [];
  // The tag stops at the next `<` at the latest: searched for once here, not once per attribute
  // (a tag of n attributes would cost n searches through the rest of the tag).
  const nextLt = text.indexOf('<', nameEnd);
  const stop = nextLt < 0 ? text.length : nextLt;
  let i = nameEnd;
  for (;;) {
    i = skipWhitespace(text, i);
    const c = text.charAt(i);
    if (c === '' || c === '<') {
      return { name, start: lt, nameEnd, attributes, end: undefined, selfClosing: false };
    }
    if (c === '>') {
      return { name, start: lt, nameEnd, attributes, end: i + 1, selfClosing: false };
    }
    if (c === '/' && text.charAt(i + 1) === '>') {
      return { name, start: lt, nameEnd, attributes, end: i + 2, selfClosing: true };
    }
    if (!NAME_CHAR.test(c)) {
      // A stray quote, `=` or `/`: skip it and go on reading attributes.
      i++;
      continue;
    }
    const attribute = scanAttribute(text, i, stop);
    attributes.push(attribute);
    i = attribute.valueEnd !== undefined ? attribute.valueEnd + (attribute.terminated ? 1 : 0) : attribute.nameEnd;
  }
}

/** Reads the attribute whose name starts at `nameStart`; `stop` is the next `<` (or the end). */
function scanAttribute(text: string, nameStart: number, stop: number): ScannedAttribute {
  const nameEnd = scanName(text, nameStart);
  const name = text.slice(nameStart, nameEnd);
  let i = skipWhitespace(text, nameEnd);
  if (text.charAt(i) !== '=') {
    return { name, nameStart, nameEnd };
  }
  const afterEquals = i + 1;
  i = skipWhitespace(text, afterEquals);
  const quote = text.charAt(i);
  if (quote !== '"' && quote !== "'") {
    // `name=` with the value not started yet: the cursor right after `=` is "in the value".
    return { name, nameStart, nameEnd, valueStart: afterEquals, valueEnd: afterEquals, quote: '', terminated: false, value: '' };
  }
  const valueStart = i + 1;
  // `<` cannot appear in a value: a value still open when one comes was never closed. A search
  // for the closing quote runs past `stop` at most once per kind of quote in a tag: no later value
  // of the tag can open with the quote an unterminated value lacks.
  const close = text.indexOf(quote, valueStart);
  const terminated = close >= 0 && close < stop;
  const valueEnd = terminated ? close : unterminatedValueEnd(text, valueStart, stop);
  return { name, nameStart, nameEnd, valueStart, valueEnd, quote, terminated, value: text.slice(valueStart, valueEnd) };
}

/** An unterminated value is taken to run to the end of its line (or to `stop`, the next `<`). */
function unterminatedValueEnd(text: string, valueStart: number, stop: number): number {
  const newline = text.slice(valueStart, stop).search(/[\r\n]/);
  return newline >= 0 ? valueStart + newline : stop;
}

/** The attribute of a scanned tag with this name. */
export function scannedAttribute(tag: ScannedTag, name: string): ScannedAttribute | undefined {
  return tag.attributes.find((a) => a.name === name);
}

/** Start of the word (letters, digits, `_`, `-`, `.`) that ends at `offset`. */
export function wordStart(text: string, offset: number, from = 0): number {
  let i = offset;
  while (i > from && /[\w.-]/.test(text.charAt(i - 1))) {
    i--;
  }
  return i;
}

/** End of the word that starts at `offset`. */
export function wordEnd(text: string, offset: number): number {
  let i = offset;
  while (i < text.length && /[\w.-]/.test(text.charAt(i))) {
    i++;
  }
  return i;
}

/**
 * When the cursor is inside a `%VAR%` reference (after its opening `%`), the span of the name
 * typed so far and of the whole name; undefined otherwise. Only the cursor's own line is looked at.
 */
export function variableReferenceAt(text: string, offset: number): { start: number; end: number } | undefined {
  const lineStart = Math.max(text.lastIndexOf('\n', offset - 1) + 1, 0);
  const before = text.slice(lineStart, offset);
  // An odd number of `%` before the cursor on this line means a reference is open.
  const percents = before.split('%').length - 1;
  if (percents % 2 === 0) {
    return undefined;
  }
  const open = lineStart + before.lastIndexOf('%');
  if (!/^[\w-]*$/.test(text.slice(open + 1, offset))) {
    return undefined;
  }
  return { start: open + 1, end: wordEnd(text, offset) };
}

/** The `%NAME%` reference around `offset` (the cursor on the name or a `%`), if any. */
export function variableReferenceAround(text: string, offset: number): { name: string; start: number; end: number } | undefined {
  const lineStart = text.lastIndexOf('\n', offset - 1) + 1;
  const lineEndAt = text.indexOf('\n', offset);
  const lineEnd = lineEndAt < 0 ? text.length : lineEndAt;
  const line = text.slice(lineStart, lineEnd);
  // References pair up from the start of the line: %A% text %B%.
  const pattern = /%([A-Za-z_][\w-]*)%/g;
  for (let m = pattern.exec(line); m; m = pattern.exec(line)) {
    const start = lineStart + m.index;
    const end = start + m[0].length;
    if (offset >= start && offset <= end) {
      return { name: m[1], start: start + 1, end: end - 1 };
    }
  }
  return undefined;
}
