// The result cap shared by the outline and folding: a document with thousands of steps must not
// flood the editor, and the user is told once that results were cut.

export interface ResultLimit {
  /** Most items to compute; negative means no limit. */
  readonly maxItems: number;
  /** Called once when results are cut, with the number of items kept. */
  readonly onLimitExceeded?: (kept: number) => void;
}

export const NO_LIMIT: ResultLimit = { maxItems: -1 };

/** Counts items against a limit and reports the first overflow. */
export class ItemBudget {
  private used = 0;
  private exceeded = false;

  constructor(private readonly limit: ResultLimit) {}

  /** Takes one item; false (and one report) once the limit is reached. */
  take(): boolean {
    if (this.limit.maxItems < 0 || this.used < this.limit.maxItems) {
      this.used++;
      return true;
    }
    if (!this.exceeded) {
      this.exceeded = true;
      this.limit.onLimitExceeded?.(this.used);
    }
    return false;
  }

  get isExhausted(): boolean {
    return this.exceeded;
  }
}
