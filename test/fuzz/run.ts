// The library fuzz loop, shared by `npm run fuzz` (in worker threads, under a watchdog) and the quick
// mode in the unit tests (in process).

import { exerciseLibrary, timeBoundMs } from './library';
import { inputFor, type Seeds, type SpecialInput } from './inputs';

export interface Finding {
  readonly id: string;
  readonly kind: string;
  /** crash: an exception or a malformed result; slow: over the time bound; hang: killed by the watchdog. */
  readonly problem: 'crash' | 'slow' | 'hang';
  readonly detail: string;
  readonly size: number;
  readonly text?: string;
}

export interface LoopReport {
  readonly inputs: number;
  readonly findings: Finding[];
  readonly totalMs: number;
  readonly slowestMs: number;
  readonly slowestId: string;
}

export interface LoopOptions {
  readonly seed: number;
  readonly seeds: readonly Seeds[];
  /** Indices to run. */
  readonly indices: Iterable<number>;
  /** Compare the tree builder's fast path with its sax path on every n-th input (0: never). */
  readonly differentialEvery?: number;
  /** Called before each input (the worker reports progress with it). */
  readonly onInput?: (index: number) => void;
  /** Keep the text of failing inputs in the findings (for writing them out). */
  readonly keepText?: boolean;
  /** Called with each finding as soon as it is found. */
  readonly onFinding?: (finding: Finding) => void;
}

export function runInputs(options: LoopOptions): LoopReport {
  const findings: Finding[] = [];
  let inputs = 0;
  let totalMs = 0;
  let slowestMs = 0;
  let slowestId = '';
  for (const index of options.indices) {
    options.onInput?.(index);
    const input = inputFor(options.seed, index, options.seeds);
    const differential = options.differentialEvery ? index % options.differentialEvery === 0 : false;
    const outcome = exerciseLibrary(input.text, { differential, seed: index });
    inputs++;
    totalMs += outcome.ms;
    if (outcome.ms > slowestMs) {
      slowestMs = outcome.ms;
      slowestId = input.id;
    }
    const bound = timeBoundMs(input.text, differential);
    if (outcome.failure || outcome.ms > bound) {
      const finding: Finding = {
        id: input.id,
        kind: input.kind,
        problem: outcome.failure ? 'crash' : 'slow',
        detail: outcome.failure ?? `${outcome.ms.toFixed(0)} ms, over the ${bound.toFixed(0)} ms bound`,
        size: input.text.length,
        text: options.keepText ? input.text : undefined,
      };
      findings.push(finding);
      options.onFinding?.(finding);
    }
  }
  return { inputs, findings, totalMs, slowestMs, slowestId };
}

export interface SpecialReport {
  readonly name: string;
  readonly size: number;
  readonly ms: number;
  readonly finding?: Finding;
}

export function runSpecial(special: SpecialInput): SpecialReport {
  const text = special.make();
  const outcome = exerciseLibrary(text, { differential: text.length <= 3_000_000 });
  const bound = special.boundMs;
  const failed = outcome.failure !== undefined || outcome.ms > bound;
  return {
    name: special.name,
    size: text.length,
    ms: outcome.ms,
    finding: failed
      ? {
          id: `special: ${special.name}`,
          kind: special.name,
          problem: outcome.failure ? 'crash' : 'slow',
          detail: outcome.failure ?? `${outcome.ms.toFixed(0)} ms, over the ${bound} ms bound`,
          size: text.length,
        }
      : undefined,
  };
}
