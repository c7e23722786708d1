/**
 * Whether the writers say they have a subscription: their own bill, meter, installation or
 * subscription ("faturam", "sayacımız", "aboneliğim", "sözleşme hesap numaram"). DOMAIN.md rule 1
 * then asks for the contract account number besides the national ID, as a form's "abone" box does.
 * Only the first person counts: "annemin faturası" is the mother's, and someone asking for a new
 * connection ("abone olmak istiyorum") has none yet.
 */
// Only tested: the boundary is matched as a character (or the start) rather than looked behind for,
// which says the same for a test and lets the engine skip ahead (twice as fast).
const OWN_SUBSCRIPTION = /(?:^|[^a-z])(faturam|faturami|faturama|faturamda|faturamin|faturamiz\w*|faturalarim\w*|sayacim\w*|sayacimiz\w*|aboneligim\w*|aboneligimiz\w*|abonemiz\w*|aboneyim|abonesiyim|sozlesme hesab(im|imiz)\w*|(sozlesme )?hesap numaram\w*|abone numaram\w*|tesisatim\w*|tesisatimiz\w*)(?![a-z])/;

/**
 * "Henüz aboneliğimiz yok", "abone değilim", "abonelik sözleşmem olmadığı için", "sözleşme hesap
 * numaram yoktur": the writer says they have none.
 */
const NONE = new RegExp([
  String.raw`(abonelig(im|imiz)|abone(lik)?)\s+(henuz\s+)?(yok|yoktur|bulunmuyor|bulunmamaktadir|degil(im|iz)?|olmadig\w*)`,
  String.raw`(abonelik\s+)?sozlesme(m|miz)\s+(henuz\s+)?(yok\w*|olmadig\w*|bulunmadig\w*|bulunmuyor)`,
  String.raw`(sozlesme\s+)?(hesap|abone)\s+numara(m|miz)\s+(henuz\s+)?yok\w*`,
].map((source) => `(?<![a-z])(${source})(?![a-z])`).join('|'));

/** @param folded the writer's own words, folded (turkish/fold.ts) */
export function saysSubscriber(folded: string): boolean {
  return OWN_SUBSCRIPTION.test(folded) && !NONE.test(folded);
}
