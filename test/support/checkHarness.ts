// For check tests: parse inline XML, run every check family (with suppressions and severity
// overrides, as the language service does), and pick the problems of one code. Spans are
// compared as the text they cover, which keeps fixtures readable.

import type { Flavor } from '../../server/src/service/catalog/types';
import { runChecks } from '../../server/src/service/checks';
import type { Problem, Span, TaskSequenceDocument } from '../../server/src/service/model';
import { parseTaskSequence } from '../../server/src/service/parser/parser';
import { DEFAULT_SETTINGS, type SeverityOverride, type TaskSequenceSettings } from '../../server/src/service/settings';

export interface CheckOptions {
  /** Force ConfigMgr or MDT instead of detecting it. */
  readonly flavor?: Flavor;
  /** Severity overrides, as `taskSequence.validate.severity`. */
  readonly severity?: Readonly<Record<string, SeverityOverride>>;
}

export function parse(xml: string, options: CheckOptions = {}): TaskSequenceDocument {
  return parseTaskSequence(xml, options.flavor ? { flavor: options.flavor } : {});
}

/** Every problem of the document (parser and all check families). */
export function allProblems(xml: string, options: CheckOptions = {}): Problem[] {
  const settings: TaskSequenceSettings = { ...DEFAULT_SETTINGS, severity: options.severity ?? {} };
  return runChecks(parse(xml, options), settings);
}

/** The problems with `code`. */
export function problemsOf(xml: string, code: string, options: CheckOptions = {}): Problem[] {
  return allProblems(xml, options).filter((p) => p.code === code);
}

/** The text a span covers. */
export function textAt(xml: string, span: Span): string {
  return xml.slice(span.start, span.end);
}

/** The span of the `occurrence`-th (0-based) `needle` in `xml`; throws when there is none. */
export function spanOf(xml: string, needle: string, occurrence = 0): Span {
  let at = -1;
  for (let i = 0; i <= occurrence; i++) {
    at = xml.indexOf(needle, at + 1);
    if (at < 0) {
      throw new Error(`"${needle}" (occurrence ${occurrence}) not in fixture`);
    }
  }
  return { start: at, end: at + needle.length };
}

/** 1-based line of an offset, as an admin reads it. */
export function lineOf(xml: string, offset: number): number {
  return xml.slice(0, offset).split('\n').length;
}

/** A plain ConfigMgr sequence around `body` (groups and steps). */
export function configMgrSequence(body: string, version = '3.10'): string {
  return `<sequence version="${version}">\n${body}\n</sequence>\n`;
}

/** A Lite Touch (MDT) sequence around `body`. */
export function mdtSequence(body: string): string {
  return `<?xml version="1.0"?>\n<sequence version="3.00" name="Custom Task Sequence" description="A custom task sequence">\n  <globalVarList>\n    <variable name="OSGUID" property="OSGUID">{00000000-0000-0000-0000-000000000000}</variable>\n  </globalVarList>\n${body}\n</sequence>\n`;
}
