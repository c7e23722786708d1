/**
 * NFC without asking ICU when it could not change anything. Below U+0300 no character composes
 * with another or changes under NFC, so a text without characters from U+0300 on is NFC as it is.
 * Testing for them is much cheaper than `normalize()`, which copies the text to check it: that
 * was 6% of deciding a form, on texts it gave back unchanged (issue 11).
 */

const MAY_NEED_NFC = /[^\u0000-\u02FF]/;

/** `text.normalize('NFC')`, without the call when the text is NFC already. */
export function toNfc(text: string): string {
  return MAY_NEED_NFC.test(text) ? text.normalize('NFC') : text;
}
