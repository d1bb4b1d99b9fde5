// `target.push(...items)` passes every item as an argument and overflows the call stack past about
// 100 000 items, which hostile documents reach; this appends them one by one.

export function appendAll<T>(target: T[], items: readonly T[]): void {
  for (const item of items) {
    target.push(item);
  }
}
