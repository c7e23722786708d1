/**
 * The JSON text of a value nobody changes once it is made (a decision): the normalizer writes each
 * decision twice, as the record's `decision` column and inside its outcome message, and a
 * decision's text is most of the cost of either.
 */
const texts = new WeakMap<object, string>();

export function jsonOnce(value: object): string {
  let text = texts.get(value);
  if (text === undefined) {
    text = JSON.stringify(value);
    texts.set(value, text);
  }
  return text;
}

/** `JSON.stringify({ ...rest, [key]: value })`, with `value` as {@link jsonOnce} gives it. */
export function jsonWith(key: string, value: object, rest: object): string {
  const others = JSON.stringify(rest);
  return `{${JSON.stringify(key)}:${jsonOnce(value)}${others === '{}' ? '' : `,${others.slice(1, -1)}`}}`;
}
