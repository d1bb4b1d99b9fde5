// `target.push(...items)` passes every item as an argument and overflows the call stack past about
// 100 000 items, which hostile documents reach; this appends them one by one.

export function appendAll<T>(target: T[], items: readonly T[]): void {
  for (const item of items) {
    target.push(item);
  }
}

/**
 * `items` at its exact size. An array grown by push keeps room for some 16 more items; the object
 * model keeps thousands of short lists (a step's conditions and variables, an expression's
 * properties) for as long as the document is open, and every young-generation collection copies
 * the spare room with them.
 */
export function exactSize<T>(items: T[]): T[] {
  return items.length === 0 ? items : items.slice();
}
