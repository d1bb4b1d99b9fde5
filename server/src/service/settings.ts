// Settings of the language service, under the `taskSequence.` prefix in VS Code. Per resource:
// the server resolves them for each document and passes them in; the library holds no globals.

import type { Flavor } from './catalog/types';
import type { Severity } from './model';

export type SeverityOverride = Severity | 'off';

export interface TaskSequenceSettings {
  /** `taskSequence.validate.enable`: report diagnostics at all. */
  readonly validate: boolean;
  /** `taskSequence.validate.severity`: per diagnostic code, a severity or `off`. */
  readonly severity: Readonly<Record<string, SeverityOverride>>;
  /** `taskSequence.flavor`: `auto` detects ConfigMgr or MDT from the document. */
  readonly flavor: Flavor | 'auto';
  /** `taskSequence.maxItemsComputed`: cap on outline symbols and folding ranges. */
  readonly maxItemsComputed: number;
  /** `taskSequence.limits.maxDocumentSize`: above this many characters only a notice is given. */
  readonly maxDocumentSize: number;
  /** `taskSequence.limits.maxNestingDepth`: deeper elements are not analysed. */
  readonly maxNestingDepth: number;
}

export const DEFAULT_SETTINGS: TaskSequenceSettings = {
  validate: true,
  severity: {},
  flavor: 'auto',
  maxItemsComputed: 5000,
  maxDocumentSize: 16 * 1024 * 1024,
  maxNestingDepth: 256,
};
