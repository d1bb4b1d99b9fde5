// The fuzzer's inputs: input number i of seed S is always the same text. Most are real corpus files
// (or generated task sequences) with random mutations; the rest are random markup, random text and
// random bytes decoded the way the CLI decodes files. Besides them, a fixed list of hostile inputs:
// huge attributes, deep nesting, a million siblings, a 50 MB file, DOCTYPEs with entities.

import * as fs from 'node:fs';
import * as path from 'node:path';
import { generateTaskSequence } from '../bench/generator';
import { corpusDir, corpusFiles } from '../support/corpus';
import { mutate, mutateSome, randomBytes, randomText, randomXmlish } from './mutate';
import { Prng, seedFor } from './prng';

export interface FuzzInput {
  readonly id: string;
  readonly kind: string;
  readonly text: string;
}

export interface Seeds {
  readonly name: string;
  readonly text: string;
}

/** Seed documents: the corpus when there is one, and always a few generated task sequences. */
export function seedDocuments(repoRoot: string): Seeds[] {
  const seeds: Seeds[] = corpusFiles(corpusDir(repoRoot)) ?? [];
  for (const size of [3_000, 20_000, 60_000]) {
    seeds.push({ name: `generated-${size}`, text: generateTaskSequence(size, { seed: size }) });
  }
  const fixture = path.join(repoRoot, 'test', 'fixtures', 'example.xml');
  if (fs.existsSync(fixture)) {
    seeds.push({ name: 'example.xml', text: fs.readFileSync(fixture, 'utf8') });
  }
  return seeds;
}

/** Bytes to text as tasksequence-lint reads a file: UTF-16 by its BOM, else UTF-8; NULs make it binary (undefined). */
export function decodeLikeCli(bytes: Uint8Array): string | undefined {
  if (bytes.length >= 2 && ((bytes[0] === 0xff && bytes[1] === 0xfe) || (bytes[0] === 0xfe && bytes[1] === 0xff))) {
    return new TextDecoder(bytes[0] === 0xff ? 'utf-16le' : 'utf-16be').decode(bytes);
  }
  if (bytes.subarray(0, 8192).includes(0)) {
    return undefined;
  }
  return new TextDecoder('utf-8').decode(bytes);
}

function encodeUtf16(text: string, littleEndian: boolean): Uint8Array {
  const bytes = new Uint8Array(2 + text.length * 2);
  bytes[0] = littleEndian ? 0xff : 0xfe;
  bytes[1] = littleEndian ? 0xfe : 0xff;
  for (let i = 0; i < text.length; i++) {
    const c = text.charCodeAt(i);
    bytes[2 + i * 2] = littleEndian ? c & 0xff : c >> 8;
    bytes[3 + i * 2] = littleEndian ? c >> 8 : c & 0xff;
  }
  return bytes;
}

/** Input number `index` of `seed`. */
export function inputFor(seed: number, index: number, seeds: readonly Seeds[]): FuzzInput {
  const rng = new Prng(seedFor(seed, index));
  const id = `${seed}:${index}`;
  const r = rng.next();
  const source = rng.pick(seeds);
  if (r < 0.7) {
    const { text, mutations } = mutateSome(rng, source.text);
    return { id, kind: `mutation of ${source.name} (${mutations.join(', ')})`, text };
  }
  if (r < 0.8) {
    return { id, kind: `truncation of ${source.name}`, text: mutate(rng, source.text, 'truncate') };
  }
  if (r < 0.87) {
    return { id, kind: 'random markup', text: randomXmlish(rng, rng.range(0, 3000)) };
  }
  if (r < 0.91) {
    return { id, kind: 'random text', text: randomText(rng, rng.range(0, 3000)) };
  }
  if (r < 0.97) {
    // Bytes: a corpus file's UTF-8 or UTF-16 bytes with random byte damage, or random bytes, decoded as the CLI would.
    let bytes: Uint8Array;
    let what: string;
    const which = rng.int(3);
    if (which === 0) {
      bytes = randomBytes(rng, rng.range(0, 3000));
      what = 'random bytes';
    } else {
      const le = rng.chance(0.5);
      bytes = which === 1 ? new TextEncoder().encode(source.text) : encodeUtf16(source.text, le);
      what = which === 1 ? `UTF-8 bytes of ${source.name}` : `UTF-16${le ? 'LE' : 'BE'} bytes of ${source.name}`;
      bytes = bytes.slice();
      for (let k = rng.range(1, 20); k > 0; k--) {
        bytes[rng.int(bytes.length)] = rng.int(256);
      }
      if (rng.chance(0.3)) {
        bytes = bytes.subarray(0, rng.int(bytes.length + 1));
      }
    }
    const text = decodeLikeCli(bytes);
    // A binary file is refused by the CLI; the server can still be sent such text, NULs and all.
    return { id, kind: `${what}${text === undefined ? ' (binary for the CLI: sent raw)' : ''}`, text: text ?? new TextDecoder('latin1').decode(bytes) };
  }
  const generated = generateTaskSequence(rng.range(500, 30_000), { seed: rng.int(1 << 30) });
  const { text, mutations } = mutateSome(rng, generated);
  return { id, kind: `mutation of a generated sequence (${mutations.join(', ')})`, text };
}

export interface SpecialInput {
  readonly name: string;
  /** Inputs too large for the quick mode. */
  readonly large: boolean;
  /** Time bound in ms for the library to handle it. */
  readonly boundMs: number;
  make(): string;
}

const SEQUENCE_OPEN = '<sequence version="3.10">';

/** Hostile inputs, each run once. `secretFile` is a file whose content must never show up anywhere. */
export function specialInputs(secretFile: string): SpecialInput[] {
  const fileUrl = 'file://' + secretFile.split(path.sep).join('/');
  return [
    {
      name: '1 MB attribute value',
      large: false,
      boundMs: 5000,
      make: () => `${SEQUENCE_OPEN}<group name="${'x'.repeat(1 << 20)}"><step type="SMS_TaskSequence_RunCommandLineAction" name="s"/></group></sequence>`,
    },
    {
      name: '1 MB attribute value, never closed',
      large: false,
      boundMs: 5000,
      make: () => `${SEQUENCE_OPEN}<group name="${'x'.repeat(1 << 20)}</sequence>`,
    },
    {
      name: '100 000 attributes in one tag (duplicates)',
      large: false,
      boundMs: 10000,
      make: () => `${SEQUENCE_OPEN}<group ${Array.from({ length: 100_000 }, (_, i) => `a${i % 50_000}="${i}"`).join(' ')}/></sequence>`,
    },
    {
      name: '100 000 nested groups',
      large: false,
      boundMs: 10000,
      make: () => SEQUENCE_OPEN + '<group name="g">'.repeat(100_000) + '</group>'.repeat(100_000) + '</sequence>',
    },
    {
      name: '100 000 nested groups, never closed, with stray end tags',
      large: false,
      boundMs: 15000,
      make: () => SEQUENCE_OPEN + '<group name="g">'.repeat(100_000) + '</step>'.repeat(20_000) + '</sequence>',
    },
    {
      name: '1 000 000 sibling steps',
      large: true,
      boundMs: 120000,
      make: () => `${SEQUENCE_OPEN}<group name="g">${'<step type="SMS_TaskSequence_RunCommandLineAction" name="s"/>'.repeat(1_000_000)}</group></sequence>`,
    },
    {
      name: '1 000 000 sibling unknown elements',
      large: true,
      boundMs: 60000,
      make: () => SEQUENCE_OPEN + '<a/>'.repeat(1_000_000) + '</sequence>',
    },
    {
      name: '50 MB generated task sequence',
      large: true,
      boundMs: 180000,
      make: () => generateTaskSequence(50_000_000, { seed: 50 }),
    },
    {
      name: '50 000 unfinished start tags with distinct names',
      large: false,
      boundMs: 20000,
      make: () => SEQUENCE_OPEN + Array.from({ length: 50_000 }, (_, i) => `<n${i} a="`).join('\n') + '</sequence>',
    },
    {
      name: '200 000 bare ampersands',
      large: false,
      boundMs: 15000,
      make: () => `${SEQUENCE_OPEN}<group name="g">${'a & b '.repeat(200_000)}</group></sequence>`,
    },
    {
      name: '200 000 bare less-than signs',
      large: false,
      boundMs: 15000,
      make: () => `${SEQUENCE_OPEN}<group name="g">${'a < b '.repeat(200_000)}</group></sequence>`,
    },
    {
      name: '1 MB of NUL characters',
      large: false,
      boundMs: 10000,
      make: () => '\u0000'.repeat(1 << 20),
    },
    {
      name: 'NULs inside a sequence',
      large: false,
      boundMs: 5000,
      make: () => `${SEQUENCE_OPEN}<group na\u0000me="g\u0000"><step\u0000 type="x"/>\u0000</group></sequence>`,
    },
    {
      name: 'invalid UTF-8 bytes, decoded',
      large: false,
      boundMs: 5000,
      make: () =>
        new TextDecoder('utf-8').decode(
          new Uint8Array([...new TextEncoder().encode(`${SEQUENCE_OPEN}<group name="`), 0xc3, 0x28, 0xa0, 0xa1, 0xe2, 0x28, 0xa1, 0xf0, 0x90, 0x28, 0xbc, 0xff, 0xfe, ...new TextEncoder().encode('"/></sequence>')]),
        ),
    },
    {
      name: 'invalid UTF-16 (lone surrogates, odd length), decoded',
      large: false,
      boundMs: 5000,
      make: () => {
        const bytes = new Uint8Array([0xff, 0xfe, ...Array.from(`${SEQUENCE_OPEN}<group name="`).flatMap((c) => [c.charCodeAt(0), 0]), 0x00, 0xd8, 0x41, 0x00, 0x00, 0xdc, 0x22, 0x00, 0x3e]);
        return decodeLikeCli(bytes) ?? '';
      },
    },
    {
      name: 'DOCTYPE with internal entities',
      large: false,
      boundMs: 2000,
      make: () => `<?xml version="1.0"?><!DOCTYPE sequence [<!ENTITY company "Contoso"><!ENTITY % p "x">]>${SEQUENCE_OPEN}<group name="&company;">&company;</group></sequence>`,
    },
    {
      name: 'billion laughs',
      large: false,
      boundMs: 2000,
      make: () => {
        let entities = '<!ENTITY lol0 "lol">';
        for (let i = 1; i <= 9; i++) {
          entities += `<!ENTITY lol${i} "${`&lol${i - 1};`.repeat(10)}">`;
        }
        return `<?xml version="1.0"?><!DOCTYPE lolz [${entities}]>${SEQUENCE_OPEN}<group name="&lol9;">&lol9;<step type="&lol9;" name="x"><action>&lol9;</action></step></group></sequence>`;
      },
    },
    {
      name: 'external entity: file',
      large: false,
      boundMs: 2000,
      make: () =>
        `<?xml version="1.0"?><!DOCTYPE sequence [<!ENTITY xxe SYSTEM "${fileUrl}"><!ENTITY % pe SYSTEM "${fileUrl}"> %pe;]>${SEQUENCE_OPEN}<group name="&xxe;">&xxe;<step type="SMS_TaskSequence_RunCommandLineAction" name="&xxe;"><action>&xxe;</action></step></group></sequence>`,
    },
    {
      name: 'external entity: http and DOCTYPE SYSTEM',
      large: false,
      boundMs: 2000,
      make: () =>
        `<?xml version="1.0"?><!DOCTYPE sequence SYSTEM "http://127.0.0.1:9/ts.dtd" [<!ENTITY xxe SYSTEM "http://127.0.0.1:9/secret">]>${SEQUENCE_OPEN}<group name="&xxe;">&xxe;</group></sequence>`,
    },
    {
      name: 'file references in values (paths, UNC, URLs, command lines)',
      large: false,
      boundMs: 2000,
      make: () =>
        `${SEQUENCE_OPEN}<referenceList><reference package="${fileUrl}" program="*"/></referenceList><group name="g"><step type="SMS_TaskSequence_RunCommandLineAction" name="s"><action>cmd /c type ${secretFile} &amp; curl http://127.0.0.1:9/</action><defaultVarList><variable name="CommandLine" property="CommandLine">cmd /c type ${secretFile}</variable><variable name="PackageID" property="PackageID">${fileUrl}</variable><variable name="WorkingDirectory" property="WorkingDirectory">\\\\127.0.0.1\\share</variable></defaultVarList></step><xi:include xmlns:xi="http://www.w3.org/2001/XInclude" href="${fileUrl}"/></group></sequence>`,
    },
  ];
}
