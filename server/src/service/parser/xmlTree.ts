// Well-formedness layer: sax (strict, strictEntities) turns text into a tree of XmlElements with
// exact spans, and every syntax problem is reported in an admin's words. sax alone gives up badly
// on half-typed documents (an unfinished start tag swallows the rest of the file), so when a start
// tag runs into another `<` the builder starts a fresh sax parser there, primed with the elements
// that are still open, and goes on: every element before and after the broken spot is kept.
// Well-formed markup, which is most of every document, is read by a fast path that builds exactly
// the same tree without sax (sax costs most of the time); it hands over to sax, primed the same
// way, at the first thing it does not handle itself, and takes over again at the end of the next
// tag sax reads. Every restart reuses one sax parser and one stack of open elements, and the
// per-error work is bounded, so that even a file full of errors is parsed in linear time.

import * as sax from 'sax';
import type { Problem, Span, XmlComment, XmlElement } from '../model';
import { TreeStore, XmlElementNode } from './xmlNodes';
import { decodeXmlText, type OffsetMap } from './offsetMap';

export interface TreeOptions {
  /** Elements nested deeper than this are not built (the document is marked truncated). */
  readonly maxDepth: number;
  /** At most this many elements are built. */
  readonly maxElements: number;
}

export interface XmlTree {
  readonly roots: XmlElement[];
  readonly comments: XmlComment[];
  readonly problems: Problem[];
  /** Non-whitespace text found outside any element (e.g. an entity-escaped document). */
  readonly strayText: Span | undefined;
  readonly truncated: boolean;
}

const NAME = /^[A-Za-z_:][\w.:-]*/;
const ATTRIBUTE = /\s*([^\s=/>"'<]+)(?:\s*=\s*(?:"([^"]*)"|'([^']*)'))?/y;

// sax states inside a start tag, where a `<` means the tag was never finished.
const IN_START_TAG = new Set<number>([
  sax.STATE.OPEN_TAG,
  sax.STATE.OPEN_TAG_SLASH,
  sax.STATE.ATTRIB,
  sax.STATE.ATTRIB_NAME,
  sax.STATE.ATTRIB_NAME_SAW_WHITE,
  sax.STATE.ATTRIB_VALUE,
  sax.STATE.ATTRIB_VALUE_QUOTED,
  sax.STATE.ATTRIB_VALUE_CLOSED,
  sax.STATE.ATTRIB_VALUE_UNQUOTED,
]);

const IN_END_TAG = new Set<number>([sax.STATE.CLOSE_TAG, sax.STATE.CLOSE_TAG_SAW_WHITE]);

/** Builds the element tree of `input`; spans are document offsets through `map`. */
export function buildXmlTree(input: string, map: OffsetMap | undefined, options: TreeOptions): XmlTree {
  return new TreeBuilder(input, map, options).run(true);
}

/** The same tree built by sax alone, without the fast path: the reference the fast path is tested against. */
export function buildXmlTreeWithSax(input: string, map: OffsetMap | undefined, options: TreeOptions): XmlTree {
  return new TreeBuilder(input, map, options).run(false);
}

class TreeBuilder {
  private readonly roots: XmlElementNode[] = [];
  private readonly comments: XmlComment[] = [];
  private readonly problems: Problem[] = [];
  private readonly stack: XmlElementNode[] = [];
  /** Names of the open elements beyond the depth or count limit, which are not built. */
  private readonly skipped: string[] = [];
  private elementCount = 0;
  private truncated = false;
  private strayText: Span | undefined;

  private parser!: sax.SAXParser;
  private saxParser: sax.SAXParser | undefined;
  /** Whether the fast path is used (not for the sax-only reference). */
  private fast = true;
  /** Set with restartAt when the sax path is past the trouble and the fast path goes on. */
  private resumeFast = false;
  /** Where the fast path last handed over, and how far sax must read before it hands back. */
  private handedOverAt = 0;
  private handBackDistance = 0;
  /**
   * sax's stack of open elements: the built ones then the skipped ones. Every parser shares this
   * array, so that a restart deep in a large document costs nothing; the builder mirrors in it the
   * changes it makes itself at restarts.
   */
  private saxTags: SaxTag[] = [];
  /** How many open elements have each name; kept from the first end tag that closes several. */
  private openCounts: Map<string, number> | undefined;
  /** Input offset = sax position - shift (each parser starts reading at a restart offset). */
  private shift = 0;
  /** End of the last markup seen: text between it and the next `<` is an element's text. */
  private lastMarkupEnd = 0;
  private cdataStart = 0;
  /** Set when the current sax parser must stop and parsing go on from this offset (see run()). */
  private restartAt = -1;
  private lastError: { message: string; end: number; problem: Problem | undefined } | undefined;
  /** The text run that starts at `textRunStart` ends at `textRunEnd` (sax may report it in pieces). */
  private textRunStart = -1;
  private textRunEnd = -1;
  /** sax was told the root is open again (see enterLaterRoot). */
  private inLaterRoot = false;
  /** Where each element name's start and end tags are, for endTagComesFirst (built when first needed). */
  private tagIndex: Map<string, number[]> | undefined;
  private syntaxProblems = 0;
  /** The offsets, attribute names and values of every element built. */
  private readonly store: TreeStore;
  /** The attribute names of the start tag being read, once it has many (see isRepeated). */
  private tagNames: Set<string> | undefined;

  constructor(
    private readonly input: string,
    private readonly map: OffsetMap | undefined,
    private readonly options: TreeOptions,
  ) {
    this.store = new TreeStore(input.length);
  }

  run(fast: boolean): XmlTree {
    this.fast = fast;
    let from = fast ? this.scanWellFormed(0) : 0;
    if (from === FAST_FAILED) {
      this.reset();
      from = 0;
    }
    // sax makes an Error for every syntax error; capturing their stacks would cost most of the time
    // on a badly broken file. One frame still shows where an unexpected exception came from.
    const stackTraceLimit = Error.stackTraceLimit;
    Error.stackTraceLimit = 1;
    try {
      while (from !== FAST_DONE) {
        this.restartAt = -1;
        this.resumeFast = false;
        this.parseFrom(from);
        if (this.restartAt < 0) {
          break;
        }
        from = this.resumeFast ? this.scanWellFormed(this.restartAt) : this.restartAt;
      }
    } finally {
      Error.stackTraceLimit = stackTraceLimit;
    }
    this.closeUnfinished();
    return {
      roots: this.roots,
      comments: this.comments,
      problems: this.problems,
      strayText: this.strayText,
      truncated: this.truncated,
    };
  }

  /** Forgets what the fast path built, for the sax path to start from the beginning. */
  private reset(): void {
    this.roots.length = 0;
    this.comments.length = 0;
    this.problems.length = 0;
    this.stack.length = 0;
    this.skipped.length = 0;
    this.elementCount = 0;
    this.truncated = false;
    this.lastMarkupEnd = 0;
    this.lastError = undefined;
    this.syntaxProblems = 0;
    this.saxTags = [];
    this.openCounts = undefined;
    this.store.clear();
  }

  private outer(offset: number): number {
    return this.map ? this.map.toOuter(offset) : offset;
  }

  private span(start: number, end: number): Span {
    return { start: this.outer(start), end: this.outer(end) };
  }

  private position(): number {
    return this.parser.position - this.shift;
  }

  /** Runs a sax parser over input[from..], primed with the open elements so end tags still match. */
  private parseFrom(from: number): void {
    this.lastMarkupEnd = from;
    // One parser, reset for each restart (sax resets itself so in close()): a file full of broken
    // tags restarts hundreds of thousands of times.
    let parser = this.saxParser;
    if (parser) {
      sax.SAXParser.call(parser, true, saxOptions());
      this.parser = parser;
    } else {
      parser = this.parser = this.saxParser = this.newSaxParser();
    }
    primeParser(parser, this.saxTags, this.roots.length > 0, this.rootEnded());
    if (selfChecks.openElements) {
      this.checkOpenElements(from);
    }
    this.shift = -from;
    try {
      // A restart request (RESTART thrown from a handler) stops this pass: run() goes on from restartAt.
      parser.write(from === 0 ? this.input : this.input.slice(from));
      if (this.restartAt < 0) {
        parser.close();
      }
    } catch (e) {
      if (e !== RESTART) {
        throw e;
      }
    }
  }

  /**
   * The handlers of every sax parser: the same functions for all of them, finding their builder on
   * the parser. Closures over the builder, stored on each new parser, kept every parse's builder and
   * tree alive through V8's young-generation collections until the next full one: on a document
   * with a broken tag (read by sax) each of those collections copied the trees of all the parses
   * since: a 50 KB document parsed 2,000 times spent 1.1–1.9 s collecting instead of 0.13–0.18 s.
   */
  private static readonly saxHandlers: SaxHandlers = {
    onerror(error) {
      builderOf(this).onError(error);
    },
    onopentag(tag) {
      builderOf(this).onOpenTag(tag);
    },
    onclosetag(name) {
      builderOf(this).onCloseTag(name);
    },
    ontext(text) {
      builderOf(this).onText(text);
    },
    onopencdata() {
      const builder = builderOf(this);
      builder.cdataStart = builder.position();
    },
    oncdata(text) {
      builderOf(this).onCdata(text);
    },
    onclosecdata() {
      const builder = builderOf(this);
      builder.lastMarkupEnd = builder.position();
    },
    oncomment(text) {
      builderOf(this).onComment(text);
    },
    onprocessinginstruction(pi) {
      builderOf(this).onProcessingInstruction(pi);
    },
    ondoctype() {
      builderOf(this).onDoctype();
    },
  };

  private newSaxParser(): BuilderParser {
    return Object.assign(sax.parser(true, saxOptions()), TreeBuilder.saxHandlers, { builder: this });
  }

  /** For the fuzzer: sax's open elements must be the builder's at every restart (the innermost 16 are compared). */
  private checkOpenElements(from: number): void {
    const names = [...this.stack.slice(-16).map((e) => e.name), ...this.skipped.slice(-16)].slice(-16).join('/');
    const sax = this.saxTags
      .slice(-16)
      .map((t) => t.name)
      .join('/');
    if (this.saxTags.length !== this.stack.length + this.skipped.length || sax !== names) {
      throw new Error(`open elements out of step at ${from}: sax has …${sax} (${this.saxTags.length}), the builder …${names} (${this.stack.length} + ${this.skipped.length})`);
    }
  }

  private report(code: string, message: string, start: number, end: number): void {
    this.addSyntaxProblem({ code, severity: 'error', message, span: this.span(start, Math.max(end, start)) });
  }

  /**
   * Syntax problems, at most MAX_SYNTAX_PROBLEMS of them: a file that is not XML at all (a binary,
   * a log) would otherwise yield one per character and flood the editor.
   */
  private addSyntaxProblem(problem: Problem): void {
    if (this.syntaxProblems > MAX_SYNTAX_PROBLEMS) {
      return;
    }
    this.syntaxProblems++;
    if (this.syntaxProblems > MAX_SYNTAX_PROBLEMS) {
      this.problems.push({
        code: 'too-many-syntax-errors',
        severity: 'error',
        message: `More than ${MAX_SYNTAX_PROBLEMS} XML syntax errors: the rest are not reported. Is this a task sequence file?`,
        span: problem.span,
      });
      return;
    }
    this.problems.push(problem);
  }

  // -------------------------------------------------------------------------------------------
  // Errors

  private onError(error: Error): void {
    const parser = this.parser;
    const message = error.message.split('\n', 1)[0];
    parser.error = null;
    const end = Math.min(this.position(), this.input.length);
    if (IN_START_TAG.has(parser.state) && this.checkUnfinishedStartTag(false)) {
      throw RESTART;
    }
    if (IN_END_TAG.has(parser.state) && this.checkUnfinishedEndTag()) {
      throw RESTART;
    }
    if (message === 'Unexpected close tag') {
      this.closeUpToMatchingElement(end);
      throw RESTART;
    }
    if ((message === 'Text data outside of root node.' || message === 'Non-whitespace before first tag.') && this.saxTags.length === 0) {
      this.skipStrayText(end);
      throw RESTART;
    }
    if (message === 'Text data outside of root node.') {
      this.enterLaterRoot(parser);
    }
    parser.resume();
    this.describeError(message, end);
  }

  /**
   * Text inside an element after the root element was closed (a second root, or the rest of a
   * document after an early </sequence>): sax reports every character of every such text until
   * that element closes, hundreds of thousands of errors for a large document. It is told the root
   * is open again instead, and onText notes each run as stray text; sax marks the root closed
   * itself when that element ends.
   */
  private enterLaterRoot(parser: sax.SAXParser): void {
    (parser as unknown as { closedRoot: boolean }).closedRoot = false;
    this.inLaterRoot = true;
  }

  /**
   * Text outside the root element: sax reports an error for every character of it (a binary file is
   * a million errors), so the builder notes the whole run at once and restarts at the next `<`.
   */
  private skipStrayText(end: number): void {
    const lt = this.input.indexOf('<', end);
    const stop = lt < 0 ? this.input.length : lt;
    this.noteStrayRun(end - 1, stop);
    this.lastMarkupEnd = stop;
    this.restartAt = stop;
  }

  /**
   * An end tag that does not close the innermost element. sax reports "Unexpected close tag" once
   * for every open element above the one the tag closes, which is quadratic in a deep document full
   * of them; instead the builder does what sax would do, once, and restarts after the tag.
   */
  private closeUpToMatchingElement(end: number): void {
    const name = this.parser.tagName;
    if (!this.openCounts) {
      this.openCounts = new Map();
      for (const tag of this.saxTags) {
        this.openCounts.set(tag.name, (this.openCounts.get(tag.name) ?? 0) + 1);
      }
    }
    if (!this.openCounts.get(name)) {
      this.describeError(`Unmatched closing tag: ${name}`, end);
    } else {
      // sax closes every element down to the one named, innermost first.
      for (;;) {
        const tag = this.saxTags.pop() as SaxTag;
        this.closeElement(tag.name);
        if (tag.name === name) {
          break;
        }
      }
    }
    this.lastMarkupEnd = end;
    this.restartAt = end;
  }

  private describeError(message: string, end: number): void {
    // sax repeats an error at each character of a bad run; one problem covers the run.
    const last = this.lastError;
    if (last && last.message === message && end - last.end <= 1) {
      const index = this.problems.length - 1;
      const previous = this.problems[index];
      if (previous === last.problem) {
        last.problem = this.problems[index] = { ...previous, span: { start: previous.span.start, end: this.outer(end) } };
      }
      last.end = end;
      return;
    }
    const friendly = this.friendlyMessage(message, end);
    if (friendly === undefined) {
      return;
    }
    this.report('xml-syntax', friendly.text, friendly.start, friendly.end);
    this.lastError = { message, end, problem: this.problems[this.problems.length - 1] };
  }

  /** sax's messages rewritten for an admin; undefined for those the builder reports itself. */
  private friendlyMessage(message: string, end: number): { text: string; start: number; end: number } | undefined {
    const at = Math.max(0, end - 1);
    switch (true) {
      case message === 'Unexpected close tag':
      case message === 'Unclosed root tag':
      case message === 'Unexpected end':
        // Reported per element, with its name, by onCloseTag and closeUnfinished.
        return undefined;
      case message.startsWith('Unmatched closing tag: '): {
        const name = message.slice('Unmatched closing tag: '.length);
        const start = this.input.lastIndexOf('</', end - 2);
        const expected = this.stack.length ? ` (the open element is <${this.stack[this.stack.length - 1].name}>)` : '';
        return { text: `</${name}> has no matching start tag${expected}.`, start: Math.max(0, start), end };
      }
      case message === 'Text data outside of root node.':
      case message === 'Non-whitespace before first tag.':
        this.noteStrayText(at, end);
        return undefined;
      case message === 'Invalid character entity': {
        const start = this.input.lastIndexOf('&', at);
        const entity = this.input.slice(start, end);
        return {
          text: `Unknown entity ${entity}: XML allows only &amp; &lt; &gt; &quot; &apos; and numeric character references.`,
          start,
          end,
        };
      }
      case message === 'Unquoted attribute value':
        return { text: 'Attribute values must be in double quotes.', start: at, end };
      case message === 'Attribute without value':
        return { text: 'Attribute has no value: write name="value".', start: at, end };
      case message === 'Invalid characters in closing tag':
        return { text: 'Invalid characters in an end tag.', start: at, end };
      default:
        return { text: `XML syntax error: ${message.replace(/\.$/, '')}.`, start: at, end };
    }
  }

  /** The non-blank part of the text run from `start`, while in an element after the root closed. */
  private noteLaterRootText(start: number): void {
    if (this.saxTags.length === 0) {
      this.inLaterRoot = false;
      return;
    }
    this.noteStrayRun(start, this.textRunEndFrom(start));
  }

  /** Notes the text from `start` to `end`, white space at either end left out, as stray. */
  private noteStrayRun(start: number, end: number): void {
    let first = start;
    while (first < end && /\s/.test(this.input.charAt(first))) {
      first++;
    }
    let last = end;
    while (last > first && /\s/.test(this.input.charAt(last - 1))) {
      last--;
    }
    if (first < last) {
      this.noteStrayText(first, last);
    }
  }

  private noteStrayText(start: number, end: number): void {
    if (/\s/.test(this.input.charAt(start))) {
      return;
    }
    this.strayText = this.strayText
      ? { start: this.strayText.start, end: this.outer(end) }
      : this.span(start, end);
  }

  /**
   * When the start tag being read contains a `<`, it was never finished (a missing quote or `>`):
   * keep what it had, and restart parsing at that `<`.
   */
  private checkUnfinishedStartTag(pushedBySax: boolean): boolean {
    const tagStart = this.parser.startTagPosition - 1 - this.shift;
    if (tagStart < 0) {
      return false;
    }
    const lt = this.input.indexOf('<', tagStart + 1);
    if (lt < 0 || lt >= this.position()) {
      return false;
    }
    if (pushedBySax) {
      this.saxTags.pop();
    }
    this.addUnfinishedElement(tagStart, lt);
    this.restartAt = lt;
    return true;
  }

  /**
   * An end tag that runs into another `<` (`</acti` then a new line and `</step>`) closes the open
   * element its name starts; parsing restarts at that `<`.
   */
  private checkUnfinishedEndTag(): boolean {
    const tagStart = this.parser.startTagPosition - 1 - this.shift;
    const lt = tagStart < 0 ? -1 : this.input.indexOf('<', tagStart + 1);
    if (lt < 0 || lt >= this.position()) {
      return false;
    }
    const written = this.input.slice(tagStart + 2, lt).trim();
    this.report('unfinished-tag', `The end tag </${written}> is not finished: ">" is missing.`, tagStart, tagStart + 2 + written.length);
    // sax's open elements, innermost last: the built ones, then the skipped ones.
    const open = this.saxTags;
    let index = open.length - 1;
    while (index >= 0 && !(written && open[index].name.startsWith(written))) {
      index--;
    }
    if (index >= 0) {
      while (open.length - 1 > index) {
        const element = this.popOpen();
        if (element) {
          this.markUnclosed(element);
        }
      }
      const element = this.popOpen();
      element?.setEndTag(this.outer(tagStart), this.outer(lt));
    }
    this.lastMarkupEnd = lt;
    this.restartAt = lt;
    return true;
  }

  private addUnfinishedElement(tagStart: number, tagEnd: number): void {
    const raw = this.input.slice(tagStart, tagEnd);
    const name = NAME.exec(raw.slice(1))?.[0];
    if (!name) {
      this.report('xml-syntax', 'Unfinished tag: a "<" must start an element name.', tagStart, tagStart + 1);
      return;
    }
    this.report('unfinished-tag', `The start tag <${name}> is not finished: a closing quote or ">" is missing.`, tagStart + 1, tagStart + 1 + name.length);
    // Someone editing an existing element still has its end tag below; someone typing a new one does not.
    const staysOpen = this.endTagComesFirst(name, tagEnd);
    if (this.skipped.length > 0 || !this.withinLimits(tagStart, tagEnd)) {
      if (staysOpen) {
        this.pushOpen(name, undefined);
      }
      return;
    }
    const firstAttribute = this.lexAttributes(raw, tagStart, name.length + 1);
    const element = this.createElement(name, tagStart, tagEnd, firstAttribute, false);
    if (!element) {
      return;
    }
    element.markUnclosed();
    if (staysOpen) {
      this.pushOpen(name, element);
    }
  }

  /** Opens an element the builder found itself (sax did not read its start tag). */
  private pushOpen(name: string, element: XmlElementNode | undefined): void {
    if (element) {
      this.stack.push(element);
    } else {
      this.skipped.push(name);
    }
    this.saxTags.push(saxTag(name));
    this.countOpen(name, 1);
  }

  /** Closes the innermost open element for the builder and for sax; the element when it was built. */
  private popOpen(): XmlElementNode | undefined {
    const tag = this.saxTags.pop();
    if (tag) {
      this.countOpen(tag.name, -1);
    }
    if (this.skipped.length > 0) {
      this.skipped.pop();
      return undefined;
    }
    return this.stack.pop();
  }

  private countOpen(name: string, delta: number): void {
    if (this.openCounts) {
      this.openCounts.set(name, (this.openCounts.get(name) ?? 0) + delta);
    }
  }

  /** Whether the next tag named `name` from `from` on is an end tag. */
  private endTagComesFirst(name: string, from: number): boolean {
    // One index of every tag, not a search per unfinished tag: that is quadratic on a file full of them.
    this.tagIndex ??= indexTags(this.input);
    const tags = this.tagIndex.get(name);
    if (!tags) {
      return false;
    }
    // tags holds offset * 2 + (1 for an end tag), ascending.
    let lo = 0;
    let hi = tags.length;
    while (lo < hi) {
      const mid = (lo + hi) >> 1;
      if (tags[mid] < from * 2) {
        lo = mid + 1;
      } else {
        hi = mid;
      }
    }
    return lo < tags.length && (tags[lo] & 1) === 1;
  }

  // -------------------------------------------------------------------------------------------
  // Elements

  private onOpenTag(tag: sax.Tag): void {
    const start = this.parser.startTagPosition - 1 - this.shift;
    const end = this.position();
    if (this.input.indexOf('<', start + 1) < end - 1 && this.checkUnfinishedStartTag(true)) {
      throw RESTART;
    }
    this.countOpen(tag.name, 1);
    this.lastMarkupEnd = end;
    if (this.skipped.length > 0 || !this.withinLimits(start, end)) {
      // sax reports the end of a self-closing tag too, which pops it.
      this.skipped.push(tag.name);
      return;
    }
    const raw = this.input.slice(start, end);
    const firstAttribute = this.lexAttributes(raw, start, tag.name.length + 1);
    const element = this.createElement(tag.name, start, end, firstAttribute, tag.isSelfClosing);
    if (element) {
      this.stack.push(element);
    }
    if (!tag.isSelfClosing) {
      this.handBackToFastPath(end);
    }
  }

  /**
   * At the end of a tag the sax path is past whatever the fast path could not read: the rest goes
   * back to the fast path (unless that keeps failing at once, as on a file of non-ASCII names: then
   * sax reads on for longer and longer stretches before it tries again).
   */
  private handBackToFastPath(end: number): void {
    if (this.fast && this.roots.length > 0 && !this.rootEnded() && end >= this.handedOverAt + this.handBackDistance) {
      this.resumeFast = true;
      this.restartAt = end;
      throw RESTART;
    }
  }

  private withinLimits(start: number, end: number): boolean {
    if (this.stack.length >= this.options.maxDepth) {
      this.limitReached(`Elements are nested more than ${this.options.maxDepth} levels deep here; deeper content is not analysed.`, start, end);
      return false;
    }
    if (this.elementCount >= this.options.maxElements) {
      this.limitReached(`The document has more than ${this.options.maxElements} elements; the rest is not analysed.`, start, end);
      return false;
    }
    return true;
  }

  private limitReached(message: string, start: number, end: number): void {
    if (!this.truncated) {
      this.truncated = true;
      this.problems.push({ code: 'document-too-complex', severity: 'warning', message, span: this.span(start, end) });
    }
  }

  private createElement(
    name: string,
    start: number,
    end: number,
    firstAttribute: number,
    selfClosing: boolean,
  ): XmlElementNode | undefined {
    const parent = this.stack.length ? this.stack[this.stack.length - 1] : undefined;
    const row = this.store.addElement(this.outer(start), this.outer(end), this.outer(start + 1), this.outer(start + 1 + name.length), firstAttribute);
    const element = new XmlElementNode(name, parent, this.store, row, selfClosing);
    this.elementCount++;
    if (parent) {
      parent.addChild(element);
    } else {
      if (this.roots.length > 0) {
        this.report('multiple-roots', `A document has one root element; <${name}> is a second one.`, start + 1, start + 1 + name.length);
      }
      this.roots.push(element);
    }
    return element;
  }

  /** Adds an attribute of the start tag being read to the store; a duplicate-attribute problem when it repeats one. */
  private addAttribute(
    first: number,
    name: string,
    value: string,
    nameStart: number,
    nameEnd: number,
    valueStart: number,
    valueEnd: number,
    end: number,
    deleteFrom: number,
  ): Problem | undefined {
    const repeated = this.isRepeated(first, name);
    this.store.addAttribute(name, value, this.outer(nameStart), this.outer(nameEnd), this.outer(valueStart), this.outer(valueEnd), this.outer(end));
    return repeated ? this.duplicateAttribute(name, nameStart, end, deleteFrom) : undefined;
  }

  /** Whether the start tag being read (its attributes from `first` on) has `name` already; a set for a tag with thousands. */
  private isRepeated(first: number, name: string): boolean {
    const store = this.store;
    if (store.attributeCount - first < 16) {
      this.tagNames = undefined;
      return store.hasAttributeFrom(first, name);
    }
    // Called once before each attribute is added: the set lacks only the one added last.
    if (this.tagNames) {
      this.tagNames.add(store.attributeNames[store.attributeCount - 1]);
    } else {
      this.tagNames = new Set(store.attributeNames.slice(first));
    }
    return this.tagNames.has(name);
  }

  /**
   * Attribute names, values and spans from the raw start tag (sax gives neither spans nor
   * duplicates), into the store; returns the index of the first one.
   */
  private lexAttributes(raw: string, offset: number, from: number): number {
    const first = this.store.attributeCount;
    ATTRIBUTE.lastIndex = from;
    for (let m = ATTRIBUTE.exec(raw); m; m = ATTRIBUTE.exec(raw)) {
      const nameStart = offset + m.index + m[0].length - m[0].trimStart().length;
      const name = m[1];
      const quoted = m[2] ?? m[3];
      const valueEnd = offset + ATTRIBUTE.lastIndex - (quoted === undefined ? 0 : 1);
      const valueStart = quoted === undefined ? valueEnd : valueEnd - quoted.length;
      const value = quoted === undefined ? '' : decodeXmlText(quoted);
      const end = offset + ATTRIBUTE.lastIndex;
      const duplicate = this.addAttribute(first, name, value, nameStart, nameStart + name.length, valueStart, valueEnd, end, offset + m.index);
      if (duplicate) {
        this.addSyntaxProblem(duplicate);
      }
      if (quoted !== undefined && quoted.indexOf('&') >= 0) {
        this.reportLenientReferences(valueStart, valueEnd);
      }
    }
    return first;
  }

  /** A repeated attribute `name="…"` from `start` to `end`; the quick fix deletes it with the white space before it (from `deleteFrom`). */
  private duplicateAttribute(name: string, start: number, end: number, deleteFrom: number): Problem {
    return {
      code: 'duplicate-attribute',
      severity: 'error',
      message: `Attribute "${name}" appears more than once on this element.`,
      span: this.span(start, end),
      data: { deleteSpan: { start: this.outer(deleteFrom), end: this.outer(end) } },
    };
  }

  private onCloseTag(name: string): void {
    this.closeElement(name);
    this.handBackToFastPath(this.position());
  }

  /** An end tag sax read (or a close sax would have made, for closeUpToMatchingElement). */
  private closeElement(name: string): void {
    const end = this.position();
    this.lastMarkupEnd = end;
    this.countOpen(name, -1);
    if (this.skipped.length > 0) {
      this.skipped.pop();
      return;
    }
    const element = this.stack.pop();
    if (!element) {
      return;
    }
    if (element.selfClosing) {
      return;
    }
    const endTagStart = this.input.lastIndexOf('</', end - 1);
    const written = endTagStart >= 0 ? this.input.slice(endTagStart + 2, end - 1).trim() : '';
    if (written === name && this.input.charAt(end - 1) === '>') {
      element.setEndTag(this.outer(endTagStart), this.outer(end));
      return;
    }
    // sax closed it because an ancestor's end tag came first.
    this.markUnclosed(element);
  }

  /** An element without its end tag ends with its last content. */
  private markUnclosed(element: XmlElementNode): void {
    element.markUnclosed();
    const lastChild = element.children[element.children.length - 1];
    element.setEnd(Math.max(element.startTag.end, lastChild?.span.end ?? 0, element.textSpan?.end ?? 0));
    this.addSyntaxProblem({
      code: 'unclosed-element',
      severity: 'error',
      message: `<${element.name}> is never closed: add </${element.name}>.`,
      span: element.nameSpan,
      data: { insertText: `</${element.name}>`, insertAt: element.span.end },
    });
  }

  private closeUnfinished(): void {
    // Innermost first, so that each parent's span covers its children's final spans.
    for (let element = this.stack.pop(); element; element = this.stack.pop()) {
      this.markUnclosed(element);
    }
  }

  // -------------------------------------------------------------------------------------------
  // Text, CDATA, comments, declarations

  private onText(text: string): void {
    let start = this.lastMarkupEnd;
    while (this.input.startsWith('<!---->', start)) {
      start += 7;
    }
    if (this.inLaterRoot) {
      this.noteLaterRootText(start);
    }
    const top = this.stack[this.stack.length - 1];
    if (!top || this.skipped.length > 0) {
      return;
    }
    const end = this.textRunEndFrom(start);
    if (top.children.length > 0 && isWhitespace(text)) {
      return;
    }
    this.appendText(top, text, start, end);
  }

  /**
   * Where the text run from `start` ends. sax reports a run in pieces when it meets errors in it,
   * so the answer is kept: searching again for each piece would be quadratic.
   */
  private textRunEndFrom(start: number): number {
    if (start !== this.textRunStart) {
      // sax reports no empty comment: it neither ends the markup before the text nor splits the text.
      let lt = this.input.indexOf('<', start);
      while (lt >= 0 && this.input.startsWith('<!---->', lt)) {
        lt = this.input.indexOf('<', lt + 7);
      }
      this.textRunStart = start;
      this.textRunEnd = lt < 0 ? this.input.length : lt;
      this.reportLenientReferences(start, this.textRunEnd);
    }
    return this.textRunEnd;
  }

  /**
   * References sax reads although XML does not have them: it looks entity names up ignoring case
   * (&AMP;) and takes &#X41; for &#x41;. ConfigMgr's XML parser rejects both.
   */
  private reportLenientReferences(start: number, end: number): void {
    const amp = this.input.indexOf('&', start);
    if (amp < 0 || amp >= end) {
      return;
    }
    // Searched in the run alone: a search in the whole input could run to its end for every run.
    const run = this.input.slice(amp, end);
    LENIENT_REFERENCE.lastIndex = 0;
    for (let m = LENIENT_REFERENCE.exec(run); m; m = LENIENT_REFERENCE.exec(run)) {
      const body = m[1];
      const named = !body.startsWith('#');
      if (named ? NAMED.has(body) || !NAMED.has(body.toLowerCase()) : body[1] !== 'X') {
        continue;
      }
      const text = named
        ? `Unknown entity ${m[0]}: XML entity names are case-sensitive; write &${body.toLowerCase()};.`
        : `Character reference ${m[0]}: XML writes hexadecimal references with a lower-case x (&#x${body.slice(2)};).`;
      this.report('xml-syntax', text, amp + m.index, amp + m.index + m[0].length);
    }
  }

  private onCdata(text: string): void {
    const top = this.stack[this.stack.length - 1];
    if (!top || this.skipped.length > 0) {
      return;
    }
    // sax may deliver one section in several chunks; they are consecutive.
    const start = this.cdataStart;
    this.appendText(top, text, start, start + text.length);
    this.cdataStart += text.length;
  }

  private appendText(element: XmlElementNode, text: string, start: number, end: number): void {
    element.text += text;
    if (isWhitespace(text)) {
      return;
    }
    element.extendText(this.outer(start), this.outer(end));
  }

  private onComment(text: string): void {
    // sax reports a comment at its `--`, before the `>`.
    const dashesEnd = this.position();
    const end = this.input.charCodeAt(dashesEnd) === GT ? dashesEnd + 1 : dashesEnd;
    this.lastMarkupEnd = end;
    this.comments.push({ text, span: this.span(dashesEnd - text.length - 6, end) });
  }

  private onProcessingInstruction(pi: { name: string; body: string }): void {
    const end = this.position();
    this.lastMarkupEnd = end;
    const start = this.parser.startTagPosition - 1 - this.shift;
    const bom = this.input.charCodeAt(0) === 0xfeff ? 1 : 0;
    if (pi.name.toLowerCase() === 'xml' && start > bom) {
      this.reportDeclarationNotFirst(start, end);
    }
  }

  private reportDeclarationNotFirst(start: number, end: number): void {
    this.report(
      'xml-declaration-not-first',
      'The XML declaration <?xml …?> must be the very first thing in the file; nothing, not even a comment, may come before it.',
      start,
      end,
    );
  }

  /** The `<!DOCTYPE` (sax accepts any case) that ends at `end`. */
  private doctypeStart(end: number): number {
    for (let at = this.input.lastIndexOf('<!', end - 1); at >= 0; at = this.input.lastIndexOf('<!', at - 1)) {
      if (this.input.slice(at + 2, at + 9).toUpperCase() === 'DOCTYPE') {
        return at;
      }
    }
    return 0;
  }

  private onDoctype(): void {
    const end = this.position();
    this.lastMarkupEnd = end;
    const start = this.doctypeStart(end);
    this.problems.push({
      code: 'doctype',
      severity: 'warning',
      message: 'Task sequences have no DOCTYPE: it is ignored, and entities it declares are never expanded.',
      span: this.span(Math.max(0, start), end),
    });
  }

  // -------------------------------------------------------------------------------------------
  // Fast path: well-formed markup without sax

  /**
   * Builds the tree of well-formed markup from `from` on without sax, with exactly what the sax path
   * would build: the same elements, spans, text, comments and problems (the fuzzer compares the two).
   * It stops at the first thing it does not handle itself (any syntax error, a DOCTYPE, an entity
   * other than the five and character references, a non-ASCII name, anything after the root element
   * ended) and returns where the sax path takes over: the end of the last markup built. FAST_DONE
   * when it built the rest of the document; FAST_FAILED when the trouble comes before the root
   * element and the sax path must start from the beginning.
   */
  private scanWellFormed(from: number): number {
    const s = this.input;
    const n = s.length;
    const stack = this.stack;
    const skipped = this.skipped;
    const bom = s.charCodeAt(0) === 0xfeff ? 1 : 0;
    let i = from === 0 ? bom : from;
    this.fastFrom = i;
    this.lowWater = stack.length + skipped.length;
    // Once the root element has ended, sax takes all text for text outside it: the sax path reads it.
    if (this.rootEnded()) {
      return this.handOver(i);
    }
    for (;;) {
      // Text from the end of the last markup to the next `<`.
      const lt = s.indexOf('<', i);
      const textEnd = lt < 0 ? n : lt;
      const inside = stack.length + skipped.length > 0;
      let text: string | undefined;
      if (!inside) {
        if (!isWhitespaceRange(s, i, textEnd)) {
          return this.handOver(i);
        }
        if (lt < 0) {
          return FAST_DONE;
        }
      } else {
        if (lt < 0) {
          // Elements left open: the sax path reports them.
          return this.handOver(i);
        }
        if (textEnd > i) {
          // White space between elements is most of the text and is dropped: do not copy it.
          const top = stack[stack.length - 1];
          if (skipped.length === 0 && top.children.length > 0 && isWhitespaceRange(s, i, textEnd)) {
            text = undefined;
          } else {
            text = isWhitespaceRange(s, i, textEnd) ? this.names.get(s, i, textEnd) : decodeRange(s, i, textEnd);
            if (text === undefined) {
              return this.handOver(i);
            }
          }
        }
      }
      // The markup at `lt` is read first and committed with the text before it only when it is sound.
      const c = s.charCodeAt(lt + 1);
      let end: number;
      if (c === SLASH) {
        end = this.scanEndTag(lt, skipped);
        if (end < 0) {
          return this.handOver(i);
        }
        this.commitText(text, i, lt, skipped);
        if (skipped.length > 0) {
          skipped.pop();
        } else {
          (stack.pop() as XmlElementNode).setEndTag(this.outer(lt), this.outer(end));
        }
        if (stack.length + skipped.length < this.lowWater) {
          this.lowWater = stack.length + skipped.length;
        }
      } else if (c === BANG) {
        if (s.startsWith('<!--', lt)) {
          const close = s.indexOf('--', lt + 4);
          if (close < 0 || s.charCodeAt(close + 2) !== GT) {
            return this.handOver(i);
          }
          if (close === lt + 4 && inside) {
            // sax reports no empty comment, and reads the text around it as one: the sax path does that.
            return this.handOver(i);
          }
          end = close + 3;
          this.commitText(text, i, lt, skipped);
          if (close > lt + 4) {
            this.comments.push({ text: s.slice(lt + 4, close), span: this.span(lt, end) });
          }
        } else if (inside && s.startsWith('<![CDATA[', lt)) {
          const close = s.indexOf(']]>', lt + 9);
          if (close < 0) {
            return this.handOver(i);
          }
          end = close + 3;
          this.commitText(text, i, lt, skipped);
          if (close > lt + 9 && skipped.length === 0) {
            this.appendText(stack[stack.length - 1], s.slice(lt + 9, close), lt + 9, close);
          }
        } else {
          // DOCTYPE, a misspelt comment or CDATA: the sax path reports it.
          return this.handOver(i);
        }
      } else if (c === QUESTION) {
        const close = s.indexOf('?>', lt + 2);
        // sax does not end a processing instruction at `??>`.
        if (close < 0 || (close > lt + 2 && s.charCodeAt(close - 1) === QUESTION)) {
          return this.handOver(i);
        }
        end = close + 2;
        this.commitText(text, i, lt, skipped);
        let nameEnd = lt + 2;
        while (nameEnd < close && !isXmlSpace(s.charCodeAt(nameEnd))) {
          nameEnd++;
        }
        if (lt > bom && s.slice(lt + 2, nameEnd).toLowerCase() === 'xml') {
          this.reportDeclarationNotFirst(lt, end);
        }
      } else {
        if (!inside && this.roots.length > 0) {
          // A second root element: the sax path reports it.
          return this.handOver(i);
        }
        end = this.scanStartTag(lt);
        if (end < 0) {
          return this.handOver(i);
        }
        this.commitText(text, i, lt, skipped);
        this.commitStartTag(lt, end, skipped);
      }
      this.lastMarkupEnd = end;
      i = end;
    }
  }

  /** Whether the (first) root element has ended: sax then reports any text as outside the root. */
  private rootEnded(): boolean {
    return this.roots.length > 0 && (this.stack.length === 0 || this.stack[0] !== this.roots[0]);
  }

  /**
   * Where the sax path takes over from the fast path, with sax's stack of open elements brought up
   * to date. Before the root element, sax starts afresh instead (FAST_FAILED), so that it sees the
   * document from its beginning.
   */
  private handOver(at: number): number {
    if (this.roots.length === 0 && this.stack.length + this.skipped.length === 0) {
      return FAST_FAILED;
    }
    this.syncSaxTags();
    // Failing again within a few characters of where it resumed: let sax read further next time.
    this.handBackDistance = at - this.fastFrom < 256 ? Math.min(Math.max(1024, this.handBackDistance * 2), 1 << 20) : 0;
    this.handedOverAt = at;
    return at;
  }

  /** sax's open elements made the builder's again: the entries below the low-water mark are unchanged. */
  private syncSaxTags(): void {
    const tags = this.saxTags;
    while (tags.length > this.lowWater) {
      this.countOpen((tags.pop() as SaxTag).name, -1);
    }
    const built = this.stack.length;
    for (let depth = tags.length; depth < built + this.skipped.length; depth++) {
      const name = depth < built ? this.stack[depth].name : this.skipped[depth - built];
      tags.push(saxTag(name));
      this.countOpen(name, 1);
    }
  }

  private commitText(text: string | undefined, start: number, end: number, skipped: readonly string[]): void {
    if (text === undefined || skipped.length > 0) {
      return;
    }
    const top = this.stack[this.stack.length - 1];
    if (top.children.length > 0 && isWhitespace(text)) {
      return;
    }
    this.appendText(top, text, start, end);
  }

  /** The end of the end tag at `lt` when it closes the innermost open element; -1 otherwise. */
  private scanEndTag(lt: number, skipped: readonly string[]): number {
    const s = this.input;
    const name = skipped.length > 0 ? skipped[skipped.length - 1] : this.stack[this.stack.length - 1]?.name;
    if (name === undefined || !s.startsWith(name, lt + 2)) {
      return -1;
    }
    let k = lt + 2 + name.length;
    while (isXmlSpace(s.charCodeAt(k))) {
      k++;
    }
    return s.charCodeAt(k) === GT ? k + 1 : -1;
  }

  /** Where the current fast scan started, and the fewest open elements it has seen since. */
  private fastFrom = 0;
  private lowWater = 0;
  // What scanStartTag read, for commitStartTag.
  private fastName = '';
  /** Element and attribute names, and indentation, repeat: one string for each. */
  private readonly names = new StringCache();
  private fastSelfClosing = false;
  private fastFirstAttribute = 0;
  private fastDuplicates: Problem[] = [];

  /** Reads the start tag at `lt`, its attributes into the store: its end, or -1 when it is not plainly well-formed. */
  private scanStartTag(lt: number): number {
    const first = this.store.attributeCount;
    const end = this.readStartTag(lt, first);
    if (end < 0) {
      this.store.dropAttributesFrom(first);
    }
    return end;
  }

  private readStartTag(lt: number, first: number): number {
    const s = this.input;
    let k = lt + 1;
    if (!isNameStart(s.charCodeAt(k))) {
      return -1;
    }
    k++;
    while (isNameChar(s.charCodeAt(k))) {
      k++;
    }
    const nameEnd = k;
    let duplicates: Problem[] | undefined;
    let lessThan = -1;
    for (;;) {
      const tokenEnd = k;
      while (isXmlSpace(s.charCodeAt(k))) {
        k++;
      }
      const c = s.charCodeAt(k);
      if (c === GT) {
        this.fastSelfClosing = false;
        k++;
        break;
      }
      if (c === SLASH) {
        if (s.charCodeAt(k + 1) !== GT) {
          return -1;
        }
        this.fastSelfClosing = true;
        k += 2;
        break;
      }
      // An attribute, after white space.
      if (k === tokenEnd || !isNameStart(c)) {
        return -1;
      }
      const nameStart = k;
      k++;
      while (isNameChar(s.charCodeAt(k))) {
        k++;
      }
      const attributeNameEnd = k;
      while (isXmlSpace(s.charCodeAt(k))) {
        k++;
      }
      if (s.charCodeAt(k) !== EQ) {
        return -1;
      }
      k++;
      while (isXmlSpace(s.charCodeAt(k))) {
        k++;
      }
      const quote = s.charCodeAt(k);
      if (quote !== QUOT && quote !== APOS) {
        return -1;
      }
      const valueStart = k + 1;
      const valueEnd = s.indexOf(quote === QUOT ? '"' : "'", valueStart);
      if (valueEnd < 0) {
        return -1;
      }
      // The next `<` is searched again only once passed: a tag of many attributes stays linear.
      if (lessThan < valueStart) {
        lessThan = s.indexOf('<', valueStart);
        if (lessThan < 0) {
          lessThan = s.length;
        }
      }
      if (lessThan < valueEnd) {
        return -1;
      }
      const raw = s.slice(valueStart, valueEnd);
      if (raw.indexOf('&') >= 0 && decodeRange(raw, 0, raw.length) === undefined) {
        return -1;
      }
      k = valueEnd + 1;
      const name = this.names.get(s, nameStart, attributeNameEnd);
      const duplicate = this.addAttribute(first, name, decodeXmlText(raw), nameStart, attributeNameEnd, valueStart, valueEnd, k, tokenEnd);
      if (duplicate) {
        (duplicates ??= []).push(duplicate);
      }
    }
    this.fastName = this.names.get(s, lt + 1, nameEnd);
    this.fastFirstAttribute = first;
    this.fastDuplicates = duplicates ?? NO_PROBLEMS;
    return k;
  }

  private commitStartTag(start: number, end: number, skipped: string[]): void {
    if (skipped.length > 0 || !this.withinLimits(start, end)) {
      this.store.dropAttributesFrom(this.fastFirstAttribute);
      if (!this.fastSelfClosing) {
        skipped.push(this.fastName);
      }
      return;
    }
    for (const duplicate of this.fastDuplicates) {
      this.addSyntaxProblem(duplicate);
    }
    const element = this.createElement(this.fastName, start, end, this.fastFirstAttribute, this.fastSelfClosing);
    if (element && !this.fastSelfClosing) {
      this.stack.push(element);
    }
  }
}

type SaxHandlers = Pick<
  sax.SAXParser,
  'onerror' | 'onopentag' | 'onclosetag' | 'ontext' | 'onopencdata' | 'oncdata' | 'onclosecdata' | 'oncomment' | 'onprocessinginstruction' | 'ondoctype'
>;

/** A sax parser and the builder its handlers report to. */
interface BuilderParser extends sax.SAXParser {
  readonly builder: TreeBuilder;
}

function builderOf(parser: sax.SAXParser): TreeBuilder {
  return (parser as BuilderParser).builder;
}

/** The parser's options (sax keeps and amends the object: one per parser). */
function saxOptions(): sax.SAXOptions {
  return { position: true, strictEntities: true, xmlns: false, trim: false, normalize: false };
}

/** An entry of sax's stack of open elements. */
interface SaxTag {
  readonly name: string;
  readonly attributes: Record<string, string>;
}

function saxTag(name: string): SaxTag {
  return { name, attributes: {} };
}

/**
 * Gives a fresh sax parser the open elements `tags` (shared, sax pushes and pops them), in the
 * state it would be in had it read the document so far (sax 1.6 keeps them in `tags`, and whether
 * it saw a root element and that root's end).
 */
function primeParser(parser: sax.SAXParser, tags: SaxTag[], sawRoot: boolean, closedRoot: boolean): void {
  const state = parser as unknown as { tags: SaxTag[]; sawRoot: boolean; closedRoot: boolean; state: number };
  state.tags = tags;
  if (tags.length > 0 || sawRoot) {
    state.sawRoot = true;
    state.closedRoot = closedRoot;
    state.state = sax.STATE.TEXT;
  }
}

/** Costly consistency checks the fuzzer turns on. */
export const selfChecks = { openElements: false };

/** Thrown out of sax's write() to abandon the current parser and restart at `restartAt`. */
const RESTART = new Error('restart');

/** scanWellFormed results besides a hand-over offset. */
const FAST_FAILED = -1;
/** At most this many syntax problems are reported (then one notice). */
export const MAX_SYNTAX_PROBLEMS = 1000;
const FAST_DONE = -2;

const NO_PROBLEMS: Problem[] = [];

const SLASH = 0x2f;
const BANG = 0x21;
const QUESTION = 0x3f;
const GT = 0x3e;
const EQ = 0x3d;
const QUOT = 0x22;
const APOS = 0x27;

function isXmlSpace(c: number): boolean {
  return c === 0x20 || c === 0x0a || c === 0x0d || c === 0x09;
}

/** ASCII name characters; the fast path leaves other names to sax. */
function isNameStart(c: number): boolean {
  return (c >= 0x61 && c <= 0x7a) || (c >= 0x41 && c <= 0x5a) || c === 0x5f || c === 0x3a;
}

function isNameChar(c: number): boolean {
  return isNameStart(c) || (c >= 0x30 && c <= 0x39) || c === 0x2d || c === 0x2e;
}

const TAG = /<(\/?)([A-Za-z_:][\w.:-]*)(?=[\s>/])/g;

/** A reference as sax reads one (its name characters, simplified to ASCII). */
const LENIENT_REFERENCE = /&(#[xX][0-9a-fA-F]+|#[0-9]+|[A-Za-z_:][\w.:-]*);/g;

/** Every start and end tag by name: offset * 2 + 1 for an end tag, + 0 for a start tag, ascending. */
function indexTags(input: string): Map<string, number[]> {
  const index = new Map<string, number[]>();
  TAG.lastIndex = 0;
  for (let m = TAG.exec(input); m; m = TAG.exec(input)) {
    let tags = index.get(m[2]);
    if (!tags) {
      tags = [];
      index.set(m[2], tags);
    }
    tags.push(m.index * 2 + (m[1] ? 1 : 0));
  }
  return index;
}

/**
 * Short strings taken from the input, one per distinct value: names and indentation repeat across a
 * document, and each copy would otherwise be a string of its own.
 */
class StringCache {
  private readonly slots: (string | undefined)[] = new Array(2048);

  get(s: string, start: number, end: number): string {
    const length = end - start;
    if (length > 32 || length === 0) {
      return s.slice(start, end);
    }
    // The length and four characters: no two of the hundred commonest names and indentation runs of
    // the real corpus share a slot with this multiplier (31 put "name" with "NAME"). A collision
    // costs only a copy: the whole string is compared before a cached one is reused.
    let h = Math.imul(length, 41) + s.charCodeAt(start);
    h = Math.imul(h, 41) + s.charCodeAt(start + 1);
    h = Math.imul(h, 41) + s.charCodeAt(end - 1);
    h = Math.imul(h, 41) + s.charCodeAt(start + (length >> 1));
    const slot = h & 2047;
    const cached = this.slots[slot];
    if (cached !== undefined && cached.length === length && s.startsWith(cached, start)) {
      return cached;
    }
    const value = s.slice(start, end);
    this.slots[slot] = value;
    return value;
  }
}

function isWhitespaceRange(s: string, from: number, to: number): boolean {
  for (let i = from; i < to; i++) {
    if (!isXmlSpace(s.charCodeAt(i))) {
      return false;
    }
  }
  return true;
}

const NAMED: ReadonlyMap<string, string> = new Map([
  ['amp', '&'],
  ['lt', '<'],
  ['gt', '>'],
  ['quot', '"'],
  ['apos', "'"],
]);

/**
 * input[from, to) with its references decoded, or undefined when a reference is not one that sax
 * and decodeXmlText both read the same way: the five named entities as written and character
 * references to XML characters.
 */
export function decodeRange(s: string, from: number, to: number): string | undefined {
  let amp = s.indexOf('&', from);
  if (amp < 0 || amp >= to) {
    return s.slice(from, to);
  }
  let out = '';
  let last = from;
  while (amp >= 0 && amp < to) {
    const semi = s.indexOf(';', amp + 1);
    if (semi < 0 || semi >= to || semi - amp > 10) {
      return undefined;
    }
    const decoded = decodeReference(s.slice(amp + 1, semi));
    if (decoded === undefined) {
      return undefined;
    }
    out += s.slice(last, amp) + decoded;
    last = semi + 1;
    amp = s.indexOf('&', last);
  }
  return out + s.slice(last, to);
}

const DECIMAL = /^#[0-9]+$/;
const HEX = /^#x[0-9a-fA-F]+$/;

function decodeReference(body: string): string | undefined {
  const named = NAMED.get(body);
  if (named !== undefined) {
    return named;
  }
  const code = DECIMAL.test(body) ? parseInt(body.slice(1), 10) : HEX.test(body) ? parseInt(body.slice(2), 16) : NaN;
  return isXmlChar(code) ? String.fromCodePoint(code) : undefined;
}

/** The XML Char production, which sax checks character references against. */
function isXmlChar(c: number): boolean {
  return c === 0x9 || c === 0xa || c === 0xd || (c >= 0x20 && c <= 0xd7ff) || (c >= 0xe000 && c <= 0xfffd) || (c >= 0x10000 && c <= 0x10ffff);
}

export function isWhitespace(text: string): boolean {
  for (let i = 0; i < text.length; i++) {
    const c = text.charCodeAt(i);
    if (c !== 0x20 && c !== 0x0a && c !== 0x0d && c !== 0x09) {
      return false;
    }
  }
  return true;
}
