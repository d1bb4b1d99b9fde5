// The tree builder's implementations of XmlElement and XmlAttribute. A 2 MB task sequence has
// some 20 000 elements and 60 000 attributes; with a separate {start, end} object for every span
// the tree was a quarter of a million small objects, and copying them through the young
// generation was most of the parse time and of the server's memory. These classes keep the
// offsets as plain number fields and make a Span only when a feature asks for one (short-lived,
// so nearly free to collect).
//
// The offsets and values change after the build only through shiftFrom and the edit methods,
// which reparseAfterEdit (incremental.ts) calls to carry a tree over to the next version of the text.

import type { Span, XmlAttribute, XmlElement } from '../model';

/** Offsets are those of the document text (already mapped out of any embedded sequence). */
export class XmlAttributeNode implements XmlAttribute {
  constructor(
    readonly name: string,
    public value: string,
    private nameStart: number,
    private nameEnd: number,
    private valueStart: number,
    private valueEnd: number,
    private end: number,
  ) {}

  get nameSpan(): Span {
    return { start: this.nameStart, end: this.nameEnd };
  }

  get valueSpan(): Span {
    return { start: this.valueStart, end: this.valueEnd };
  }

  get span(): Span {
    return { start: this.nameStart, end: this.end };
  }

  /** Moves the offsets at or after `at` by `delta`. */
  shiftFrom(at: number, delta: number): void {
    this.nameStart = shifted(this.nameStart, at, delta);
    this.nameEnd = shifted(this.nameEnd, at, delta);
    this.valueStart = shifted(this.valueStart, at, delta);
    this.valueEnd = shifted(this.valueEnd, at, delta);
    this.end = shifted(this.end, at, delta);
  }

  /** The value after an edit inside it that changed its length by `delta`. */
  editValue(value: string, delta: number): void {
    this.value = value;
    this.valueEnd += delta;
    this.end += delta;
  }
}

function shifted(offset: number, at: number, delta: number): number {
  return offset >= at ? offset + delta : offset;
}

/** No end tag or no text yet. */
const NONE = -1;
/** Shared by every element without children or attributes (most of them have one or the other). */
const NO_CHILDREN: readonly XmlElementNode[] = Object.freeze([]);
const NO_ATTRIBUTES: readonly XmlAttributeNode[] = Object.freeze([]);

export class XmlElementNode implements XmlElement {
  private childList: XmlElementNode[] | undefined;
  readonly attributes: readonly XmlAttributeNode[];
  closed = true;
  text = '';
  private end: number;
  private endTagStart = NONE;
  private textStart = NONE;
  private textEnd = NONE;

  constructor(
    readonly name: string,
    readonly parent: XmlElementNode | undefined,
    attributes: readonly XmlAttributeNode[],
    readonly selfClosing: boolean,
    private start: number,
    private startTagEnd: number,
    private nameStart: number,
    private nameEnd: number,
  ) {
    this.end = startTagEnd;
    // An array grown by push keeps room for 16 more: an exact copy is half the size for the usual few.
    this.attributes = attributes.length === 0 ? NO_ATTRIBUTES : attributes.slice();
  }

  get children(): readonly XmlElementNode[] {
    return this.childList ?? NO_CHILDREN;
  }

  addChild(child: XmlElementNode): void {
    if (this.childList) {
      this.childList.push(child);
    } else {
      this.childList = [child];
    }
  }

  get span(): Span {
    return { start: this.start, end: this.end };
  }

  get startTag(): Span {
    return { start: this.start, end: this.startTagEnd };
  }

  get nameSpan(): Span {
    return { start: this.nameStart, end: this.nameEnd };
  }

  get endTag(): Span | undefined {
    return this.endTagStart === NONE ? undefined : { start: this.endTagStart, end: this.end };
  }

  get textSpan(): Span | undefined {
    return this.textStart === NONE ? undefined : { start: this.textStart, end: this.textEnd };
  }

  setEndTag(start: number, end: number): void {
    this.endTagStart = start;
    this.end = end;
    this.trimChildren();
  }

  /** An element closed without its end tag ends at `end`. */
  setEnd(end: number): void {
    this.endTagStart = NONE;
    this.end = end;
    this.trimChildren();
  }

  /** No more children come once the element is closed: the list is copied to its exact size. */
  private trimChildren(): void {
    if (this.childList && this.childList.length > 1) {
      this.childList = this.childList.slice();
    }
  }

  /** The text between the start and the end tag; undefined without an end tag. */
  get contentSpan(): Span | undefined {
    return this.endTagStart === NONE ? undefined : { start: this.startTagEnd, end: this.endTagStart };
  }

  /** Whether the element, end tag included, ends before `offset`. */
  endsBefore(offset: number): boolean {
    return this.end < offset;
  }

  /** Moves the offsets at or after `at` by `delta` (not those of the attributes or children). */
  shiftFrom(at: number, delta: number): void {
    this.start = shifted(this.start, at, delta);
    this.startTagEnd = shifted(this.startTagEnd, at, delta);
    this.nameStart = shifted(this.nameStart, at, delta);
    this.nameEnd = shifted(this.nameEnd, at, delta);
    this.end = shifted(this.end, at, delta);
    this.endTagStart = shifted(this.endTagStart, at, delta);
    this.textStart = shifted(this.textStart, at, delta);
    this.textEnd = shifted(this.textEnd, at, delta);
  }

  /**
   * The content of a leaf element after an edit inside it that changed its length by `delta`:
   * `text` is the decoded content, spanned only when it is not all white space (as the build does).
   */
  editLeafText(text: string, blank: boolean, delta: number): void {
    this.text = text;
    this.endTagStart += delta;
    this.end += delta;
    this.textStart = blank ? NONE : this.startTagEnd;
    this.textEnd = blank ? NONE : this.endTagStart;
  }

  /** Grows the text span to cover a chunk of (non-white-space) text ending at `end`. */
  extendText(start: number, end: number): void {
    if (this.textStart === NONE) {
      this.textStart = start;
    }
    this.textEnd = end;
  }
}
