// The parts of sax 1.6 the parser uses. @types/sax lags behind the library (no strictEntities,
// no parser state), so the project declares the API it relies on itself.
declare module 'sax' {
  export interface SAXOptions {
    trim?: boolean;
    normalize?: boolean;
    lowercase?: boolean;
    xmlns?: boolean;
    position?: boolean;
    strictEntities?: boolean;
  }

  export interface Tag {
    name: string;
    attributes: Record<string, string>;
    isSelfClosing: boolean;
  }

  export interface ProcessingInstruction {
    name: string;
    body: string;
  }

  export interface SAXParser {
    /** Offset of the next character, in UTF-16 code units. */
    readonly position: number;
    readonly line: number;
    readonly column: number;
    /** Offset of the `<` of the markup being read, plus one. */
    readonly startTagPosition: number;
    /** One of STATE's values. */
    readonly state: number;
    /** The open elements, outermost first. */
    readonly tags: readonly { readonly name: string }[];
    /** The name of the tag being read. */
    readonly tagName: string;
    error: Error | null;
    // sax calls each handler as a method of the parser.
    onerror: (this: SAXParser, error: Error) => void;
    ontext: (this: SAXParser, text: string) => void;
    ondoctype: (this: SAXParser, doctype: string) => void;
    onprocessinginstruction: (this: SAXParser, pi: ProcessingInstruction) => void;
    onopentag: (this: SAXParser, tag: Tag) => void;
    onclosetag: (this: SAXParser, name: string) => void;
    onopencdata: (this: SAXParser) => void;
    oncdata: (this: SAXParser, cdata: string) => void;
    onclosecdata: (this: SAXParser) => void;
    oncomment: (this: SAXParser, comment: string) => void;
    write(chunk: string): SAXParser;
    close(): SAXParser;
    resume(): SAXParser;
  }

  export function parser(strict: boolean, options?: SAXOptions): SAXParser;

  /** The constructor; called on an existing parser, it resets it (as close() does). */
  export const SAXParser: { call(parser: SAXParser, strict: boolean, options?: SAXOptions): void };

  export const STATE: Readonly<Record<string, number>>;
}
