// What the benchmark loads: the library as the server bundles it, plus the generator. scripts/bench.mjs
// bundles this file with esbuild (the same options as the server bundle), so that the numbers are
// those of the shipped code, not of tsc's unbundled output.

export { parseTaskSequence } from '../../server/src/service/parser/parser';
export { runChecks } from '../../server/src/service/checks';
export { getLanguageService } from '../../server/src/service/languageService';
export { allStepTypes } from '../../server/src/service/catalog';
export { DEFAULT_SETTINGS } from '../../server/src/service/settings';
export { generateTaskSequence } from './generator';
export { corpusDir, corpusFiles } from '../support/corpus';
export { Prng } from '../fuzz/prng';
export { TextDocument } from 'vscode-languageserver-textdocument';
import * as sax from 'sax';

/** The baseline: a bare sax pass with the parser's options and no-op handlers. */
export function saxPass(text: string): void {
  const parser = sax.parser(true, { position: true, strictEntities: true, xmlns: false, trim: false, normalize: false });
  const noop = (): void => undefined;
  parser.onopentag = noop;
  parser.onclosetag = noop;
  parser.ontext = noop;
  parser.oncomment = noop;
  parser.oncdata = noop;
  parser.onprocessinginstruction = noop;
  parser.onerror = () => {
    parser.error = null;
    parser.resume();
  };
  parser.write(text).close();
}
