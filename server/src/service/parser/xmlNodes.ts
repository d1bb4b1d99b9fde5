// The tree builder's implementations of XmlElement and XmlAttribute. A 2 MB task sequence has some
// 20 000 elements and 35 000 attributes. Whatever a parse keeps, V8's young-generation collections
// copy twice (into the survivor space, then into the old generation), so the cost of a parse
// follows the number and size of the objects it keeps: with an object per attribute and every
// offset as a field, a 2 MB parse kept 12 MB and spent some 40% of its time in collections. So one
// TreeStore per tree holds every offset in typed arrays (whose contents the collector does not
// copy) and the attributes' names and values in two arrays; an element object keeps only its name,
// parent, children, text and where its row of the store begins. Attribute objects and Spans are
// made only when a feature asks for one: short-lived, so nearly free to collect.
//
// The offsets and values change after the build only through the edit methods, which
// reparseAfterEdit (incremental.ts) calls to carry a tree over to the next version of the text.

import type { Span, XmlAttribute, XmlElement } from '../model';

/** No end tag or no text yet. */
const NONE = -1;

// An element's row in TreeStore.elements: offsets first (shiftFrom moves them), then its attributes.
const START = 0;
const START_TAG_END = 1;
const NAME_START = 2;
const NAME_END = 3;
const END = 4;
const END_TAG_START = 5;
const TEXT_START = 6;
const TEXT_END = 7;
const OFFSET_SLOTS = 8;
const FIRST_ATTRIBUTE = 8;
const ATTRIBUTE_COUNT = 9;
const ELEMENT_SLOTS = 10;

// An attribute's row in TreeStore.attributeOffsets.
const ATTRIBUTE_NAME_START = 0;
const ATTRIBUTE_NAME_END = 1;
const VALUE_START = 2;
const VALUE_END = 3;
const ATTRIBUTE_END = 4;
const ATTRIBUTE_SLOTS = 5;

/** The offsets of a tree's elements and attributes, and its attributes' names and values (document offsets). */
export class TreeStore {
  elements: Int32Array;
  elementCount = 0;
  attributeOffsets: Int32Array;
  readonly attributeNames: string[] = [];
  readonly attributeValues: string[] = [];

  /**
   * `sizeHint`: the length of the text. Real files have an element in about 100 characters and an
   * attribute in 60: room for one in 64 and one in 32 is seldom grown, and the pages left unused are
   * never touched.
   */
  constructor(sizeHint: number) {
    this.elements = new Int32Array(ELEMENT_SLOTS * Math.max(16, sizeHint >> 6));
    this.attributeOffsets = new Int32Array(ATTRIBUTE_SLOTS * Math.max(16, sizeHint >> 5));
  }

  get attributeCount(): number {
    return this.attributeNames.length;
  }

  /** Forgets everything, for a build that starts again from the beginning. */
  clear(): void {
    this.elementCount = 0;
    this.attributeNames.length = 0;
    this.attributeValues.length = 0;
  }

  /** A new element row; its attributes are those added since `firstAttribute`. Returns the row's first index. */
  addElement(start: number, startTagEnd: number, nameStart: number, nameEnd: number, firstAttribute: number): number {
    const base = this.elementCount * ELEMENT_SLOTS;
    if (base + ELEMENT_SLOTS > this.elements.length) {
      this.elements = grown(this.elements);
    }
    const e = this.elements;
    e[base + START] = start;
    e[base + START_TAG_END] = startTagEnd;
    e[base + NAME_START] = nameStart;
    e[base + NAME_END] = nameEnd;
    e[base + END] = startTagEnd;
    e[base + END_TAG_START] = NONE;
    e[base + TEXT_START] = NONE;
    e[base + TEXT_END] = NONE;
    e[base + FIRST_ATTRIBUTE] = firstAttribute;
    e[base + ATTRIBUTE_COUNT] = this.attributeNames.length - firstAttribute;
    this.elementCount++;
    return base;
  }

  addAttribute(name: string, value: string, nameStart: number, nameEnd: number, valueStart: number, valueEnd: number, end: number): void {
    const index = this.attributeNames.length;
    const base = index * ATTRIBUTE_SLOTS;
    if (base + ATTRIBUTE_SLOTS > this.attributeOffsets.length) {
      this.attributeOffsets = grown(this.attributeOffsets);
    }
    const a = this.attributeOffsets;
    a[base + ATTRIBUTE_NAME_START] = nameStart;
    a[base + ATTRIBUTE_NAME_END] = nameEnd;
    a[base + VALUE_START] = valueStart;
    a[base + VALUE_END] = valueEnd;
    a[base + ATTRIBUTE_END] = end;
    this.attributeNames.push(name);
    this.attributeValues.push(value);
  }

  /**
   * Drops the attributes from `count` on: those of a start tag that is not built after all. An
   * element refers only to the attributes added for it, so this is not needed for correctness, but
   * a file of broken tags would otherwise fill the store with attributes that nothing reads.
   */
  dropAttributesFrom(count: number): void {
    this.attributeNames.length = count;
    this.attributeValues.length = count;
  }

  /** Whether an attribute from `first` on is named `name` (the start tag being read). */
  hasAttributeFrom(first: number, name: string): boolean {
    const names = this.attributeNames;
    for (let i = first; i < names.length; i++) {
      if (names[i] === name) {
        return true;
      }
    }
    return false;
  }

  /**
   * Moves every offset at or after `at` by `delta`, except those of the element row `exceptElement`
   * and of the attribute `exceptAttribute` (-1 for none): the edited ones, already moved.
   */
  shiftFrom(at: number, delta: number, exceptElement: number, exceptAttribute: number): void {
    const e = this.elements;
    const elementsEnd = this.elementCount * ELEMENT_SLOTS;
    for (let base = 0; base < elementsEnd; base += ELEMENT_SLOTS) {
      if (base !== exceptElement) {
        shiftRow(e, base, OFFSET_SLOTS, at, delta);
      }
    }
    const a = this.attributeOffsets;
    const attributes = this.attributeNames.length;
    for (let index = 0; index < attributes; index++) {
      if (index !== exceptAttribute) {
        shiftRow(a, index * ATTRIBUTE_SLOTS, ATTRIBUTE_SLOTS, at, delta);
      }
    }
  }
}

function shiftRow(row: Int32Array, base: number, slots: number, at: number, delta: number): void {
  for (let i = base; i < base + slots; i++) {
    if (row[i] >= at) {
      row[i] += delta;
    }
  }
}

function grown(array: Int32Array): Int32Array {
  const bigger = new Int32Array(array.length * 2);
  bigger.set(array);
  return bigger;
}

/** One attribute of a stored tree, made when asked for. */
class XmlAttributeView implements XmlAttribute {
  constructor(
    private readonly store: TreeStore,
    private readonly index: number,
  ) {}

  get name(): string {
    return this.store.attributeNames[this.index];
  }

  get value(): string {
    return this.store.attributeValues[this.index];
  }

  get nameSpan(): Span {
    return this.offsets(ATTRIBUTE_NAME_START, ATTRIBUTE_NAME_END);
  }

  get valueSpan(): Span {
    return this.offsets(VALUE_START, VALUE_END);
  }

  get span(): Span {
    return this.offsets(ATTRIBUTE_NAME_START, ATTRIBUTE_END);
  }

  private offsets(start: number, end: number): Span {
    const base = this.index * ATTRIBUTE_SLOTS;
    return { start: this.store.attributeOffsets[base + start], end: this.store.attributeOffsets[base + end] };
  }
}

/** Shared by every element without children (most of them). */
const NO_CHILDREN: readonly XmlElementNode[] = Object.freeze([]);

const SELF_CLOSING = 1;
const UNCLOSED = 2;

export class XmlElementNode implements XmlElement {
  private childList: XmlElementNode[] | undefined;
  text = '';
  private flags: number;

  /** `row`: where the element's row begins in `store.elements` (from TreeStore.addElement). */
  constructor(
    readonly name: string,
    readonly parent: XmlElementNode | undefined,
    private readonly store: TreeStore,
    private readonly row: number,
    selfClosing: boolean,
  ) {
    this.flags = selfClosing ? SELF_CLOSING : 0;
  }

  get selfClosing(): boolean {
    return (this.flags & SELF_CLOSING) !== 0;
  }

  get closed(): boolean {
    return (this.flags & UNCLOSED) === 0;
  }

  /** The element was never closed (its end tag is missing, or its start tag unfinished). */
  markUnclosed(): void {
    this.flags |= UNCLOSED;
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

  get attributeCount(): number {
    return this.store.elements[this.row + ATTRIBUTE_COUNT];
  }

  attributeName(index: number): string {
    return this.store.attributeNames[this.stored(index)];
  }

  attributeValue(index: number): string {
    return this.store.attributeValues[this.stored(index)];
  }

  attributeAt(index: number): XmlAttribute {
    return new XmlAttributeView(this.store, this.stored(index));
  }

  /** A new list each time: the attributes are kept in the store, not as objects. */
  get attributes(): readonly XmlAttribute[] {
    const count = this.attributeCount;
    const list: XmlAttribute[] = new Array(count);
    for (let i = 0; i < count; i++) {
      list[i] = this.attributeAt(i);
    }
    return list;
  }

  get span(): Span {
    return this.offsets(START, END);
  }

  get startTag(): Span {
    return this.offsets(START, START_TAG_END);
  }

  get nameSpan(): Span {
    return this.offsets(NAME_START, NAME_END);
  }

  get endTag(): Span | undefined {
    return this.offset(END_TAG_START) === NONE ? undefined : this.offsets(END_TAG_START, END);
  }

  get textSpan(): Span | undefined {
    return this.offset(TEXT_START) === NONE ? undefined : this.offsets(TEXT_START, TEXT_END);
  }

  /** The text between the start and the end tag; undefined without an end tag. */
  get contentSpan(): Span | undefined {
    return this.offset(END_TAG_START) === NONE ? undefined : this.offsets(START_TAG_END, END_TAG_START);
  }

  setEndTag(start: number, end: number): void {
    this.setOffset(END_TAG_START, start);
    this.setOffset(END, end);
    this.trimChildren();
  }

  /** An element closed without its end tag ends at `end`. */
  setEnd(end: number): void {
    this.setOffset(END_TAG_START, NONE);
    this.setOffset(END, end);
    this.trimChildren();
  }

  /** Grows the text span to cover a chunk of (non-white-space) text ending at `end`. */
  extendText(start: number, end: number): void {
    if (this.offset(TEXT_START) === NONE) {
      this.setOffset(TEXT_START, start);
    }
    this.setOffset(TEXT_END, end);
  }

  /** The value of attribute `index` after an edit inside it that changed its length by `delta`. */
  editAttributeValue(index: number, value: string, delta: number): void {
    const stored = this.stored(index);
    const base = stored * ATTRIBUTE_SLOTS;
    this.store.attributeValues[stored] = value;
    this.store.attributeOffsets[base + VALUE_END] += delta;
    this.store.attributeOffsets[base + ATTRIBUTE_END] += delta;
  }

  /**
   * After an edit of this element (of attribute `attributeIndex`, or without one of its leaf text),
   * moves every other offset of the tree at or after `at` by `delta`: the edited ones are already moved.
   */
  shiftRestOfTree(at: number, delta: number, attributeIndex: number | undefined): void {
    if (attributeIndex === undefined) {
      this.store.shiftFrom(at, delta, this.row, -1);
    } else {
      this.store.shiftFrom(at, delta, -1, this.stored(attributeIndex));
    }
  }

  /**
   * The content of a leaf element after an edit inside it that changed its length by `delta`:
   * `text` is the decoded content, spanned only when it is not all white space (as the build does).
   */
  editLeafText(text: string, blank: boolean, delta: number): void {
    this.text = text;
    const endTagStart = this.offset(END_TAG_START) + delta;
    this.setOffset(END_TAG_START, endTagStart);
    this.setOffset(END, this.offset(END) + delta);
    this.setOffset(TEXT_START, blank ? NONE : this.offset(START_TAG_END));
    this.setOffset(TEXT_END, blank ? NONE : endTagStart);
  }

  /** No more children come once the element is closed: the list is copied to its exact size. */
  private trimChildren(): void {
    if (this.childList && this.childList.length > 1) {
      this.childList = this.childList.slice();
    }
  }

  /** Where the element's attribute `index` is in the store. */
  private stored(index: number): number {
    return this.offset(FIRST_ATTRIBUTE) + index;
  }

  private offset(slot: number): number {
    return this.store.elements[this.row + slot];
  }

  private setOffset(slot: number, value: number): void {
    this.store.elements[this.row + slot] = value;
  }

  private offsets(start: number, end: number): Span {
    const e = this.store.elements;
    return { start: e[this.row + start], end: e[this.row + end] };
  }
}
