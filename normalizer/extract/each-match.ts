/**
 * The matches of a global regular expression in a text, in order, as `String.prototype.matchAll`
 * gives them, but without the copy of the expression matchAll makes on every call. The readers ask
 * module-level expressions about dozens of stretches of each text (the words before every number,
 * every name's words), and those copies were about a twentieth of deciding an item (issue 7).
 */

/**
 * Each match of `re` in `text`, from the start. `re` must be global; it is used in place (its
 * `lastIndex`), so the loop over the matches must not use `re` itself. Stopping early is fine.
 * @throws TypeError when `re` is not global, as matchAll does
 */
export function* eachMatch(re: RegExp, text: string): Generator<RegExpExecArray, void, undefined> {
  if (!re.global) throw new TypeError(`eachMatch needs a global regular expression, got ${re}`);
  re.lastIndex = 0;
  try {
    for (let m = re.exec(text); m !== null; m = re.exec(text)) {
      // An empty match would be found again at the same place: step past it, by a whole character under /u.
      if (m[0] === '') re.lastIndex = m.index + (re.unicode && (text.codePointAt(m.index) ?? 0) > 0xffff ? 2 : 1);
      yield m;
    }
  } finally {
    // A loop that stopped early leaves the expression as it found it, for its next user.
    re.lastIndex = 0;
  }
}
