// Gives memory back after large documents. V8 collects its old generation only when the heap nears
// a limit it raises as the heap grows, so while an admin types in a 2 MB task sequence what each
// version leaves behind (its text, model and diagnostics, some 5 MB; a full parse, 10 MB more)
// stays in memory, and the server's resident size climbs far above what the open documents need.
// Once enough text has been parsed and the server has then been idle for a moment, one full
// collection (some 10–30 ms, never while a request waits) brings the heap back to the live
// documents; while typing goes on, a lower growth factor for that limit keeps the climb short,
// and with pretenuring off (disablePretenuring) a superseded parse of a small document dies young.

import * as v8 from 'node:v8';
import * as vm from 'node:vm';

export interface IdleCollector {
  /** Records that `characters` of text were parsed (the old parse becomes garbage). */
  noteParsed(characters: number): void;
  /** Any activity postpones the collection. */
  noteActivity(): void;
}

export interface IdleCollectorOptions {
  /** How much text must have been parsed since the last collection. */
  readonly minCharacters: number;
  /** How long the server must be quiet. */
  readonly idleMs: number;
}

/** `collect` is exposeGc() in the server; without one (a runtime that refuses it) nothing happens. */
export function createIdleCollector(options: IdleCollectorOptions, collect: (() => void) | undefined): IdleCollector {
  let parsed = 0;
  let timer: ReturnType<typeof setTimeout> | undefined;
  const schedule = (): void => {
    if (!collect || parsed < options.minCharacters) {
      return;
    }
    clearTimeout(timer);
    timer = setTimeout(() => {
      timer = undefined;
      parsed = 0;
      collect();
    }, options.idleMs);
    // A pending collection never keeps the process alive.
    timer.unref();
  };
  return {
    noteParsed(characters) {
      parsed += characters;
      schedule();
    },
    noteActivity() {
      if (timer) {
        schedule();
      }
    },
  };
}

/**
 * Lets the old generation grow by `percent` over what survived the last full collection before
 * the next one (V8 otherwise allows up to four times as much on a fast machine). Best effort: a
 * runtime that refuses the flag keeps its own growth.
 */
export function limitHeapGrowth(percent: number): void {
  try {
    v8.setFlagsFromString(`--heap-growing-percent=${percent}`);
  } catch {
    // the default growth
  }
}

/**
 * Turns V8's allocation-site pretenuring off. Once V8 has seen the model objects of a large
 * document outlive a young-generation collection, it allocates those of every later parse straight
 * into the old generation; a superseded model there still points at its tree in the young
 * generation, so until the next full collection each young-generation collection copies every
 * dead tree since. Typing in a 50 KB document after a 2 MB one had been open, those collections
 * took 7 ms and promoted 3–5 MB each (1.5 ms and nothing without), and an edit that needs a full
 * parse took 10 ms at p95 instead of 5. Large documents gain nothing measurable from it. Best
 * effort, as limitHeapGrowth.
 */
export function disablePretenuring(): void {
  try {
    v8.setFlagsFromString('--no-allocation-site-pretenuring');
  } catch {
    // V8's own choice
  }
}

/**
 * The engine's full collection; undefined where the runtime does not allow exposing it. The first
 * keystroke after it is slower (2 MB: some 120 ms instead of 75), the price of giving the memory
 * back: the parser's and the checks' optimized code is bound to the hidden classes of objects of
 * the previous run, which the collection frees, so V8 optimizes that code again. (Node 20's V8
 * reads any argument to gc(), {type: 'major'} included, as a request for a young-generation
 * collection, which frees nothing old.)
 */
export function exposeGc(): (() => void) | undefined {
  try {
    v8.setFlagsFromString('--expose-gc');
    const gc: unknown = vm.runInNewContext('gc');
    return typeof gc === 'function' ? () => (gc as () => void)() : undefined;
  } catch {
    return undefined;
  }
}
