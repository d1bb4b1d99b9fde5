// Mutations of real documents for the fuzzer: truncations, byte / tag / attribute / quote deletions,
// duplications and swaps, insertions of markup fragments, and random XML-ish or plain random text.
// Every function is driven by a seeded Prng, so an input is reproduced from (seed, index).

import { Prng } from './prng';

/** Pieces of markup that stress the tokenizer and the recovery. */
export const FRAGMENTS: readonly string[] = [
  '<', '>', '/>', '</', '"', "'", '=', '&', ';', '<!--', '-->', '--', '<![CDATA[', ']]>', '<?', '?>',
  '<?xml version="1.0"?>', '<!DOCTYPE sequence>', '<!doctype x [<!ENTITY e "v">]>', '&amp;', '&lt;', '&#x41;',
  '&#0;', '&#xD800;', '&nbsp;', '&AMP;', '&constructor;', '&__proto__;', '&e;', '&#X41;', '&#65', '</step>',
  '</group>', '</sequence>', '<group name="g">', '<step type="SMS_TaskSequence_RunCommandLineAction" name="s">',
  '<condition>', '<operator type="or">', '<expression type="SMS_TaskSequence_VariableConditionExpression">',
  '<variable name="Variable">', '<defaultVarList>', '<action>', ' name="x"', ' type="', 'name=x', ' a="1" a="2"',
  '\u0000', '\uFEFF', '\uFFFF', '\uD800', '\uDC00', '\u00E9', '\u{1F600}', '\r\n', '\t', ' ', '\n',
  '<!---->', '<a:b>', '<é>', '<1>', '<_x/>', '</ sequence>', '</sequence >', '<step/>', '<?pi ??>',
  '<?xml version="1.0" encoding="UTF-16"?>', '<!DOCTYPE x SYSTEM "file:///etc/passwd">', '&xxe;',
];

const XMLISH = '<<>>//""\'\'==&;!?-[]#abcdefxyzABC0123456789 \n\t\r:._\u00e9\u0000';

export type Mutation =
  | 'truncate'
  | 'deleteBytes'
  | 'deleteTag'
  | 'deleteAttribute'
  | 'deleteQuote'
  | 'duplicate'
  | 'swap'
  | 'insertFragment'
  | 'insertRandom'
  | 'replaceChar'
  | 'deleteLine';

export const MUTATIONS: readonly Mutation[] = [
  'truncate',
  'deleteBytes',
  'deleteTag',
  'deleteAttribute',
  'deleteQuote',
  'duplicate',
  'swap',
  'insertFragment',
  'insertRandom',
  'replaceChar',
  'deleteLine',
];

function randomSpan(rng: Prng, text: string, maxLength: number): [number, number] {
  const start = rng.int(text.length + 1);
  return [start, Math.min(text.length, start + rng.range(1, maxLength))];
}

/** The `nth` occurrence (wrapping) of a pattern, as [start, end), or undefined when there is none. */
function pickMatch(rng: Prng, text: string, pattern: RegExp): [number, number] | undefined {
  // Sample a start and take the first match after it: cheap on large texts.
  const re = new RegExp(pattern.source, 'g');
  re.lastIndex = rng.int(text.length + 1);
  let m = re.exec(text);
  if (!m) {
    re.lastIndex = 0;
    m = re.exec(text);
  }
  return m ? [m.index, m.index + m[0].length] : undefined;
}

export function mutate(rng: Prng, text: string, kind: Mutation): string {
  switch (kind) {
    case 'truncate':
      return text.slice(0, rng.int(text.length + 1));
    case 'deleteBytes': {
      const [a, b] = randomSpan(rng, text, rng.chance(0.7) ? 3 : 200);
      return text.slice(0, a) + text.slice(b);
    }
    case 'deleteTag': {
      const m = pickMatch(rng, text, /<[^<>]*>/);
      return m ? text.slice(0, m[0]) + text.slice(m[1]) : text;
    }
    case 'deleteAttribute': {
      const m = pickMatch(rng, text, /\s[\w:.-]+\s*=\s*"[^"]*"/);
      return m ? text.slice(0, m[0]) + text.slice(m[1]) : text;
    }
    case 'deleteQuote': {
      const m = pickMatch(rng, text, /["']/);
      return m ? text.slice(0, m[0]) + text.slice(m[1]) : text;
    }
    case 'duplicate': {
      const [a, b] = randomSpan(rng, text, rng.chance(0.5) ? 20 : 2000);
      const at = rng.int(text.length + 1);
      return text.slice(0, at) + text.slice(a, b) + text.slice(at);
    }
    case 'swap': {
      const [a, b] = randomSpan(rng, text, 300);
      const [c, d] = randomSpan(rng, text, 300);
      if (b > c && d > a) {
        return text;
      }
      const [first, second] = a < c ? [[a, b], [c, d]] : [[c, d], [a, b]];
      return (
        text.slice(0, first[0]) +
        text.slice(second[0], second[1]) +
        text.slice(first[1], second[0]) +
        text.slice(first[0], first[1]) +
        text.slice(second[1])
      );
    }
    case 'insertFragment': {
      const at = rng.int(text.length + 1);
      return text.slice(0, at) + rng.pick(FRAGMENTS) + text.slice(at);
    }
    case 'insertRandom': {
      const at = rng.int(text.length + 1);
      return text.slice(0, at) + randomXmlish(rng, rng.range(1, 30)) + text.slice(at);
    }
    case 'replaceChar': {
      const at = rng.int(Math.max(1, text.length));
      return text.slice(0, at) + XMLISH[rng.int(XMLISH.length)] + text.slice(at + 1);
    }
    case 'deleteLine': {
      const m = pickMatch(rng, text, /[^\n]*\n/);
      return m ? text.slice(0, m[0]) + text.slice(m[1]) : text;
    }
  }
}

/** One to four mutations of `text`. */
export function mutateSome(rng: Prng, text: string): { text: string; mutations: Mutation[] } {
  const mutations: Mutation[] = [];
  let out = text;
  const n = rng.chance(0.6) ? 1 : rng.range(2, 4);
  for (let i = 0; i < n; i++) {
    const kind = rng.pick(MUTATIONS);
    mutations.push(kind);
    out = mutate(rng, out, kind);
  }
  return { text: out, mutations };
}

/** Random characters drawn mostly from markup punctuation. */
export function randomXmlish(rng: Prng, length: number): string {
  let out = '';
  for (let i = 0; i < length; i++) {
    out += rng.chance(0.1) ? rng.pick(FRAGMENTS) : XMLISH[rng.int(XMLISH.length)];
  }
  return out;
}

/** Random UTF-16 code units, including lone surrogates and NULs. */
export function randomText(rng: Prng, length: number): string {
  const codes: number[] = [];
  for (let i = 0; i < length; i++) {
    const r = rng.next();
    codes.push(r < 0.6 ? rng.range(0x20, 0x7e) : r < 0.8 ? rng.range(0, 0x1f) : r < 0.9 ? rng.range(0xd800, 0xdfff) : rng.range(0x80, 0xffff));
  }
  let out = '';
  for (let i = 0; i < codes.length; i += 4096) {
    out += String.fromCharCode(...codes.slice(i, i + 4096));
  }
  return out;
}

/** Random bytes (for decoding as UTF-8 / UTF-16 the way the server and CLI do). */
export function randomBytes(rng: Prng, length: number): Uint8Array {
  const bytes = new Uint8Array(length);
  for (let i = 0; i < length; i++) {
    bytes[i] = rng.int(256);
  }
  return bytes;
}
