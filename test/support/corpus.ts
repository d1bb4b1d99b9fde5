// Where the shared real-world corpus lives. Tests read it in place (its licences vary, so it is
// never copied into the project) and skip with a message when it is absent.

import * as fs from 'node:fs';
import * as path from 'node:path';

/** The repository root, from the compiled location out/test/support. */
export const REPO_ROOT = path.resolve(__dirname, '..', '..', '..');

/** The corpus beside a checkout of the project (bundled harnesses pass their own root). */
export function corpusDir(repoRoot: string): string {
  return path.resolve(repoRoot, '..', 'shared', 'corpus', 'real');
}

export const CORPUS_DIR = corpusDir(REPO_ROOT);

export const NO_CORPUS = `no corpus at ${CORPUS_DIR}`;

export interface CorpusFile {
  readonly name: string;
  readonly path: string;
  readonly text: string;
}

/** The corpus files, or undefined when the corpus is not beside the project. */
export function corpusFiles(dir: string = CORPUS_DIR): CorpusFile[] | undefined {
  if (!fs.existsSync(dir)) {
    return undefined;
  }
  return fs
    .readdirSync(dir)
    .filter((name) => name.endsWith('.xml'))
    .sort()
    .map((name) => {
      const file = path.join(dir, name);
      return { name, path: file, text: fs.readFileSync(file, 'utf8') };
    });
}

export interface CorpusCounts {
  readonly steps: number;
  readonly groups: number;
  readonly version: string;
}

/** The Steps/Groups and version columns of the corpus's SOURCES.md, by file name. */
export function corpusCounts(): Map<string, CorpusCounts> {
  const counts = new Map<string, CorpusCounts>();
  const sources = fs.readFileSync(path.join(CORPUS_DIR, 'SOURCES.md'), 'utf8');
  for (const line of sources.split('\n')) {
    const cells = line.split('|').map((c) => c.trim());
    const name = /^`([^`]+\.xml)`$/.exec(cells[1] ?? '')?.[1];
    const stepsGroups = /^(\d+)\/(\d+)$/.exec(cells[7] ?? '');
    if (name && stepsGroups) {
      counts.set(name, { steps: Number(stepsGroups[1]), groups: Number(stepsGroups[2]), version: cells[8] ?? '' });
    }
  }
  return counts;
}
