/**
 * Who a text is about. Someone may write for a parent, a spouse or a neighbour ("annem adına
 * yazıyorum", "babamın aboneliği"): the application is then the other person's, and the writer
 * is the contact person. Numbers say whose they are by a possessive before them ("annemin TC
 * numarası", "benim numaram"); a number that does not say is not guessed at.
 */
import { eachMatch } from './each-match.js';

/** A relative or a neighbour, folded, with the possessive suffixes Turkish puts on it. */
const OTHER = String.raw`(anane(m)?|anne(m|miz)|baba(m|miz)|esim(iz)?|kocam|hanimim|oglum|kizim|komsu(m|muz|nun)?|kardesim|ablam|abim|dede(m)|nine(m)|anneanne(m)|babaanne(m)|teyze(m)|hala(m)|amca(m)|dayi(m)|kayin(validem|pederim|babam)|yenge(m)|enistem|akraba(m)|musterim|muvekkil(im)?|kiraci(m)|ev sahib(im|i))`;
// "annemin", and a name's possessive: "Necati Bey'in", "Ayşe Hanım'ın", "Ahmet'in".
const POSSESSIVE = new RegExp(String.raw`(?<![a-z])(${OTHER}(in|nin|un|nun)|[a-z]+['’](in|nin|un|nun)|(bey|hanim)(in|nin))(?![a-z])`, 'g');
/**
 * Ways of saying the writer writes for someone else, each starting where a word starts: "annem adına
 * yazıyorum", "babamın aboneliği", "şikayetini iletiyorum", "ben oğluyum"...
 */
const FOR_SOMEONE_WORDS = [
  String.raw`${OTHER}(?:[a-z]*)(?:\s+(?:\([^)\n]{0,40}\)|[^\s.!?]+)){0,5}?\s+(adina(?:\s+[^\s.!?]+){0,3}?\s+(yaz|ari|basvur|bildir|mesaj|ulas|rica|talep|dilekce|kayitli|yap|olan|takip|ilet|gonder)\w*|yerine|namina|icin\s+(yaz|ari|mesaj|basvur|bildir|actig|yaptig)\w*|vekaleten|vekili olarak)`,
  String.raw`${OTHER}(in|nin|un|nun)\s+(aboneli\w*|hesab(?![a-z]*dan)\w*|adina\w*|uzerine\w*)`,
  String.raw`(sikayetini|talebini|basvurusunu|durumunu) (size |sizlere )?(ilet|yaz|bildir|aktar)\w*`,
  String.raw`bana yazdir\w*`,
  String.raw`(onun|kendisinin|kendisi) adina(?![a-z])`,
  String.raw`muvekkil(im|imiz)(?![a-z])`,
  String.raw`(vekaleten|vekili olarak|vekilleri olarak)(?![a-z])`,
  String.raw`vasi(si|yim|si olarak|si bulundugum)(?![a-z])`,
  String.raw`ben (onun )?(oglu|kizi|esi|komsusu|torunu|yegeni|gelini|damadi|avukati|vekili|kiracisi|ev sahibi)(?![a-z])`,
];
/** The same after a name's apostrophe, anywhere: "Ayşe'nin evi", "Ayşe'ye ait daire". */
const FOR_SOMEONE_SUFFIXES = [
  String.raw`[a-z]['’](in|un|nin|nun|ın|ün) (konutu|evi|dairesi|aboneligi|isyeri)\w*`,
  String.raw`[a-z]['’](e|a|ye|ya) ait (daire|konut|ev|abonelik|isyeri)\w*`,
];
// Only tested, never matched for its text, so the order of the alternatives does not matter. The
// word boundary is written once for those that need it, not tested by each at every position, and
// as a character (or the start) rather than a lookbehind: for a test both say the same, and the
// engine skips ahead to a candidate instead of looking behind at every character (a fifth faster).
const FOR_SOMEONE = new RegExp(`(?:^|[^a-z])(?:${FOR_SOMEONE_WORDS.join('|')})|${FOR_SOMEONE_SUFFIXES.join('|')}`);
/**
 * "Ayşe Hanım adına yazıyorum": a name, then "adına" and a verb of writing. It may start at any
 * word, and was a third of testing all the ways: it is tried only where "adina" is written.
 */
const NAMED_ON_BEHALF = /(?<![a-z])[a-z]+ (?:[a-z]+ )?(?:hanim |bey )?adina\s+(?:\S+\s+){0,2}?(yaziyor|ariyor|basvuru|basvuruyor|iletiyor)\w*/;
/** The mailbox or the phone is someone else's: its display name is not the writer's. */
const OTHERS_MAILBOX = /(?<![a-z])[a-z]+(in|nin|un|nun) (?:(?:mail|e-?posta|e-?mail|gmail) )?(hesabindan|mailinden|e-?posta(sindan| adresinden)|mail adresinden|adresinden|telefonundan) (yaziyorum|gonderiyorum|yazmaktayim|mesaj)/;
const MINE = /(?<![a-z])(benim|kendi|sahsi|basvuranin|basvuran)(?![a-z])/g;
/** Weaker: "bana", "beni" say whom to call back, not whose an ID is. */
const ME = /(?<![a-z])(benimle|bana|beni|ben)(?![a-z])/g;

/** self: the writer's; other: the person written for or a relative's; third: a firm's, a technician's, a manager's. */
export type Owner = 'self' | 'other' | 'third' | null;

/** People and firms around a complaint whose numbers are never the customer's. */
const THIRD = /(?<![a-z])(firma\w*|usta\w*|teknisyen\w*|tesisatci\w*|yonetici\w*|yonetim\w*|muhendislik\w*|sirket\w*|ekip\w*|gorevli\w*|kapici\w*|muhtar\w*|bey\w*|hanim\w*|ev sahib\w*|komsu(muz|nun|muzun|muzu|ya|yu)?\w*|bakici\w*|servis\w*|bayi\w*|magaza\w*|ofis\w*|santral\w*)(?![a-z])/g;

/** Whether the writer acts for someone else. `folded` is the writer's own text, folded. */
/** The writer follows it up for someone who cannot ("kendisinin telefonu yok, ben takip ediyorum"). */
const FOLLOWS_UP = /(?<![a-z])(ben takip ediyorum|takibini ben|ben ilgileniyorum|kendisi(nin)? (telefonu|e-?postasi|interneti|maili) (yok|olmadig))/;
const MENTIONS_OTHER = new RegExp(String.raw`(?<![a-z])${OTHER}`);

/**
 * The writer takes the subscription over ("benim adıma devredilmesini", "adıma alınması") or
 * inherits it from someone deceased: the application is then the writer's own.
 */
const FOR_THEMSELF = /(?<![a-z])(basvuru benim adima|benim adima(?= *[.,]|$))|(?<![a-z])(benim adima|adima|uzerime) (devr|al|cevr|gecir|aktar|nakl|yapil|kayd)\w*|(?<![a-z])(vefat|rahmetli|merhum|mirasci)\w*/;

export function writesForSomeoneElse(folded: string): boolean {
  return (FOR_SOMEONE.test(folded) || (folded.includes('adina') && NAMED_ON_BEHALF.test(folded)) || (FOLLOWS_UP.test(folded) && MENTIONS_OTHER.test(folded)))
    && !/(?<![a-z])(annem|babam|esim) (de|ile) (birlikte|beraber)/.test(folded) && !FOR_THEMSELF.test(folded);
}

/**
 * Words one of which each way of naming the mailbox holds: a text without any is not tried, as
 * most are not (each pattern starts at every word and costs more than looking for these).
 */
const MAILBOX_WORDS = ['hesabindan', 'mailinden', 'postasindan', 'adresinden', 'telefonundan'];

/** Whether the text says the sending mailbox is someone else's. */
export function sentFromSomeoneElsesMailbox(folded: string): boolean {
  if (!MAILBOX_WORDS.some((w) => folded.includes(w))) return false;
  // "Babamın hesabından ödedim" is a bank account: without a verb of writing, only a mail account counts.
  return OTHERS_MAILBOX.test(folded) || /(?<![a-z])[a-z]+(in|nin|un|nun) ((?:mail|e-?posta|e-?mail) (hesabindan|adresinden)|mailinden|e-?postasindan)/.test(folded);
}

/** A full stop (or ! ?) after a word, not after "T.C." or "No.": a sentence ends there. */
const STOP_AFTER_WORD = /[a-z]{3,}[.!?] /g;

/** Where the last digit of `text` is, -1 when it has none. */
function lastDigit(text: string): number {
  for (let i = text.length - 1; i >= 0; i--) {
    const code = text.charCodeAt(i);
    if (code >= 0x30 && code <= 0x39) return i;
  }
  return -1;
}

/** Whose a number is, by a possessive or "ben/bana" at most 60 characters before it in the same sentence. */
export function ownerBefore(folded: string, at: number, contact = false): Owner {
  const from = Math.max(0, at - 60);
  const window = folded.slice(from, at);
  // A sentence ends at a full stop after a word, not after "T.C." or "No.".
  let boundary = window.lastIndexOf('\n');
  for (const m of eachMatch(STOP_AFTER_WORD, window)) boundary = Math.max(boundary, m.index + m[0].length - 1);
  // A number in between closes what came before it: "ev sahibinin numarası 0532… kimlik numaram …".
  boundary = Math.max(boundary, lastDigit(window));
  const sentence = window.slice(boundary + 1);
  let owner: Owner = null;
  let last = -1;
  for (const m of eachMatch(POSSESSIVE, sentence)) if (m.index > last) [owner, last] = ['other', m.index];
  for (const m of eachMatch(MINE, sentence)) if (m.index > last) [owner, last] = ['self', m.index];
  if (contact) {
    for (const m of eachMatch(THIRD, sentence)) if (m.index > last) [owner, last] = ['third', m.index];
    for (const m of eachMatch(ME, sentence)) if (m.index > last) [owner, last] = ['self', m.index];
  }
  return owner;
}
