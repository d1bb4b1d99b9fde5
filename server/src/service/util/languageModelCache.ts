// Parsed documents, keyed by URI and version, so that diagnostics, symbols, completion and the
// other features of one version share one parse. Small and self-evicting: at most `maxEntries`
// documents, and any entry unused for `idleSeconds` is dropped.

export interface VersionedDocument {
  readonly uri: string;
  readonly version: number;
}

/** The cached model of an earlier version of a document. */
export interface PreviousModel<T> {
  readonly version: number;
  readonly model: T;
}

export interface LanguageModelCache<T> {
  /**
   * The model of this version, parsed with `parse` when it is not cached; `parse` gets the model
   * of the version cached before, which it may update instead (the cache drops it either way).
   */
  get(document: VersionedDocument, parse: (document: VersionedDocument, previous: PreviousModel<T> | undefined) => T): T;
  onDocumentRemoved(uri: string): void;
  /** Forgets every entry (after a settings change that affects parsing). */
  clear(): void;
  dispose(): void;
}

interface Entry<T> {
  version: number;
  model: T;
  lastUsed: number;
}

export function getLanguageModelCache<T>(
  maxEntries: number,
  idleSeconds: number,
  now: () => number = Date.now,
): LanguageModelCache<T> {
  // A Map iterates in insertion order; re-inserting on use keeps the least recently used first.
  const entries = new Map<string, Entry<T>>();
  let timer: ReturnType<typeof setInterval> | undefined;
  if (idleSeconds > 0) {
    timer = setInterval(() => evictIdle(entries, now() - idleSeconds * 1000), idleSeconds * 1000);
    timer.unref?.();
  }
  return {
    get(document, parse) {
      const entry = entries.get(document.uri);
      entries.delete(document.uri);
      if (entry && entry.version === document.version) {
        entry.lastUsed = now();
        entries.set(document.uri, entry);
        return entry.model;
      }
      const model = parse(document, entry && { version: entry.version, model: entry.model });
      entries.set(document.uri, { version: document.version, model, lastUsed: now() });
      while (entries.size > maxEntries) {
        const oldest = entries.keys().next().value;
        if (oldest === undefined) {
          break;
        }
        entries.delete(oldest);
      }
      return model;
    },
    onDocumentRemoved(uri) {
      entries.delete(uri);
    },
    clear() {
      entries.clear();
    },
    dispose() {
      if (timer) {
        clearInterval(timer);
        timer = undefined;
      }
      entries.clear();
    },
  };
}

function evictIdle<T>(entries: Map<string, Entry<T>>, cutoff: number): void {
  for (const [uri, entry] of entries) {
    if (entry.lastUsed < cutoff) {
      entries.delete(uri);
    }
  }
}
