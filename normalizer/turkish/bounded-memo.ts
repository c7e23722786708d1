/**
 * A memo of a pure function of strings that never holds more than a fixed number of entries. The
 * normalizer runs for months and reads whatever people type, so an unbounded memo would grow with
 * every new spelling; past the bound, the oldest entry goes.
 */

/** Remembers `compute`'s answers for at most `capacity` arguments, the oldest forgotten first. */
export function boundedMemo<T>(compute: (key: string) => T, capacity: number): (key: string) => T {
  if (!Number.isInteger(capacity) || capacity < 1) throw new RangeError(`capacity must be a positive integer, got ${capacity}`);
  const entries = new Map<string, T>();
  return (key) => {
    const known = entries.get(key);
    if (known !== undefined || entries.has(key)) return known as T;
    const value = compute(key);
    // A Map iterates in insertion order, so its first key is the oldest.
    if (entries.size >= capacity) entries.delete(entries.keys().next().value as string);
    entries.set(key, value);
    return value;
  };
}
