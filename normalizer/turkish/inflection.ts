/**
 * Whether the rest of a folded word, after a short stem, is a chain of common Turkish suffixes.
 * Short stems ("gaz", "yol", "kart", "borç") would otherwise match unrelated words that merely
 * start with them ("gazete", "yolcu", "Kartal"), so for them the rest must read as inflection:
 * "gazımızdan" = gaz + ımız + dan, "kartlı" = kart + lı, "kazdınız" = kaz + dı + nız.
 * Suffixes are in folded form (ı → i, ü → u), so one entry covers all four harmony variants
 * where folding merges them.
 */

/** Noun suffixes in the order Turkish stacks them: derivation, plural, possessive, case, -ki, copula ("Kadıköylüyüm"). */
const NOMINAL: readonly (readonly string[])[] = [
  ['siz', 'suz', 'lik', 'luk', 'lig', 'lug', 'li', 'lu'],
  ['ler', 'lar'],
  ['imiz', 'umuz', 'iniz', 'unuz', 'miz', 'muz', 'niz', 'nuz', 'leri', 'lari', 'im', 'um', 'in', 'un', 'si', 'su', 'm', 'n', 'i', 'u'],
  ['ndan', 'nden', 'dan', 'den', 'tan', 'ten', 'nda', 'nde', 'da', 'de', 'ta', 'te', 'nin', 'nun', 'in', 'un', 'yla', 'yle', 'la', 'le', 'na', 'ne', 'ya', 'ye', 'yi', 'yu', 'ni', 'nu', 'a', 'e', 'i', 'u'],
  ['ki', 'ken'],
  ['dir', 'dur', 'tir', 'tur', 'yim', 'yum', 'yiz', 'yuz'],
];

/** Verb suffixes in order: voice, negation, tense or mood ("-yo" as typed in SMS), person, past copula. */
const VERBAL: readonly (readonly string[])[] = [
  ['il', 'ul', 'in', 'un', 'dir', 'dur', 'tir', 'tur'],
  ['ma', 'me', 'mi', 'mu'],
  ['iyor', 'uyor', 'yor', 'iyo', 'uyo', 'yo', 'acak', 'ecek', 'mis', 'mus', 'di', 'du', 'ti', 'tu', 'ir', 'ur', 'ar', 'er', 'sa', 'se', 'mali', 'meli', 'mak', 'mek'],
  ['siniz', 'sunuz', 'sin', 'sun', 'im', 'um', 'iz', 'uz', 'in', 'un', 'niz', 'nuz', 'ler', 'lar', 'm', 'n', 'k'],
  ['di', 'du', 'ti', 'tu'],
];

function parses(rest: string, at: number, slots: readonly (readonly string[])[], slot: number): boolean {
  if (at === rest.length) return true;
  for (let s = slot; s < slots.length; s++) {
    for (const suffix of slots[s] ?? []) {
      if (rest.startsWith(suffix, at) && parses(rest, at + suffix.length, slots, s + 1)) return true;
    }
  }
  return false;
}

/** True when `rest` (folded) is empty or reads as a chain of noun or verb suffixes. */
export function isInflection(rest: string): boolean {
  return parses(rest, 0, NOMINAL, 0) || parses(rest, 0, VERBAL, 0);
}
