/**
 * The words the gas-emergency detector reads, all in folded form (fold.ts: "kaçağı" → "kacagi",
 * "sızıyor" → "siziyor"), so the same patterns catch text typed with or without Turkish letters.
 */
import { isInflection } from '../turkish/inflection.js';

/** "gaz", "gazın", "gazdan" (not "gazete", "gazoz"); "doğalgaz…". "Doğal gaz" is two words and caught as "gaz". */
export function isGasWord(word: string): boolean {
  return (word.startsWith('gaz') && isInflection(word.slice(3))) || word.startsWith('dogalgaz');
}

/** Smell: "koku", "kokusu", "kokuyor", "kokuyo", "kokmaya", "koktu", "kokan", "kokar"; not "kokusuz", "kokteyl". */
export const SMELL = /^(koku(?!suz)|kokm|koktu|kokan|kokar)/;

/** Leak as a noun: "kaçak", "kaçağı", "kaçaktan" (not "kaçakçı"). */
export function isLeakNoun(word: string): boolean {
  return word.startsWith('kacag') || (word.startsWith('kacak') && isInflection(word.slice(5)));
}

/** Leak as a verb: "kaçıyor", "kaçtı", "kaçırıyor", "kaçmış"; needs gas context ("randevuyu kaçırdım"). */
export const LEAK_VERB = /^kac(iyo|ti|mis|ir|ar$)/;

/** Seeping: "sızıntı", "sızıyor", "sızdırıyor", "sızmış"; never the pronoun "siz", "sizin". */
export const SEEP = /^siz(inti|iyo|di|mis|ma|m|an$|ar$)/;

/** Bursting: "patladı", "patlamış", "patlama", "patlak"; needs a pipe, meter or appliance nearby. */
export const BURST = /^(patla|patlak)/;

/** Damage to a line: "deldi", "delindi", "kopardı", "koptu", "kırıldı", "hasar", "zarar", "ezildi". */
export const DAMAGE = /^(delin|deldi|delmis|kopar|koptu|kopmus|kirildi|kirilmis|kirdi|kirmis|hasar|zarar|ezil)/;

/** Poisoning: "zehirlendik", "zehirlenmesi"; needs gas context (not food poisoning). */
export const POISONING = /^zehirlen/;

/** Carbon monoxide, reported as such. */
export const CARBON_MONOXIDE = /^karbonmonoksit/;

/** Gas coming out or hissing: "çıkıyor", "fışkırıyor", "tıslıyor", "ıslık"; needs gas right before or nearby. */
export const ESCAPE = /^(cikiyo|fiskir|tisla|tisli|islik)/;

/** Things around which a leak verb or hissing means gas: pipes, valves, meters, appliances. */
export const GAS_CONTEXT = /^(gaz|dogalgaz|vana|boru|sayac|kombi|ocak|ocag|hortum|tesisat|rakor|sofben|baglanti|kutu|hatt|hat$|sebeke|baca)/;

/** Pipes and appliances that can burst or be damaged. */
export const INFRASTRUCTURE = /^(boru|hatt|hat$|vana|sayac|kombi|sofben|ocak|ocag|tup|kutu|sebeke|gaz|dogalgaz|baca|sobasi|soba$)/;

/** A pipe or line named by what it carries, when that is not gas: "su borusu", "telefon hattı". */
export const OTHER_UTILITY = /^(su$|sular|suyu|kanalizasyon|atik|yagmur|telefon|internet|elektrik|kablo|isitma)/;

/** Smell sources that are not gas: "yemek kokusu", "parfüm kokusu", "lağım kokusu". */
export const OTHER_SMELL = /^(parfum|yemek|sigara|cop$|copl|copu|copt|lagim|kanalizasyon|rutubet|kuf$|kufu|kufl|nem$|nemd|boya|cicek|kahve|balik|kedi|kopek|hayvan|gubre|tuvalet|deodorant|kolonya|tiner|ter$|teri$|pis$|pislik|kir$|atik)/;

/** What a "kaçak" is when it is not a leak: illegal use, building, connection, worker; a leak test. */
export const OTHER_KACAK = /^(kullan|elektrik|yapi|bina|kat$|katl|gocmen|isci|sigara|baglan|tesisat|tespit|tutanak|ceza|tahakkuk|mal$|esya|urun|test|kontrol|arama|avc|abone|sayac)/;

/** What comes before "kaçağı" when it is not gas: "elektrik kaçağı", "su kaçağı", "vergi kaçağı". */
export const OTHER_LEAK_SOURCE = /^(elektrik|su$|suyu|akim|vergi|bilgi|veri|yag$|yagi)/;

/** What comes before "sızıntı" when it is not gas: "su sızıntısı", "bilgi sızıntısı". */
export const OTHER_SEEP_SOURCE = /^(su$|suyu|sular|yagmur|kan$|bilgi|veri|yag$|yagi|nem$|rutubet|kisisel|sir$|sirlar)/;

/** Words that end a clause: the statement before them no longer governs what follows. */
export const CLAUSE_CONJUNCTIONS = new Set(['ama', 'fakat', 'ancak', 'lakin', 'oysa', 'yalniz', 'ise']);

/** Words skipped when looking for a mention's predicate: adverbs and fillers. */
export const FILLERS = new Set(['simdi', 'suan', 'su', 'an', 'artik', 'hic', 'hicbir', 'cok', 'biraz', 'falan', 'filan', 'de', 'da', 'ki', 'mi', 'mu', 'sanki', 'galiba', 'sanirim', 'herhalde', 'hemen', 'gene', 'yine', 'hala', 'halen', 'tekrar', 'yeniden', 'bile', 'hep', 'surekli', 'yogun', 'agir', 'fena', 'bir', 'birden', 'herhangi', 'kesinlikle', 'asla']);

/** Words that say a smell or leak is still, or again, there. */
export const PERSISTENCE = /^(hala$|halen$|yine$|gene$|tekrar|yeniden|devam|suruyor|beri$|hep$|surekli)/;

/** Predicates that deny the mention: "yok", "yoktu", "değil". */
export const DENIAL = /^(yok|degil)/;

/** The smell or leak went away: "geçti", "kayboldu", "bitti", "gitti"; read only as the mention's own predicate. */
export const PASSED = /^(gecti|gecmis|kayboldu|kaybolmus|bitti|bitmis|gitti|gitmis)$/;

/**
 * A repair, stated as done: "düzeltildi", "düzelttiler", "giderildi", "onarıldı", "onarmıştı",
 * "çözüldü", "halledildi". Requests ("tamir edin", "düzeltin") and the customer's own first aid
 * ("vanayı kapattım") are not repairs.
 */
export const REPAIRED = /^(duzeldi|duzelmis|duzeltildi|duzeltilmis|duzeltti|duzeltmis|cozuldu|cozulmus|cozdu|cozmus|giderildi|giderilmis|giderdi|onarildi|onarilmis|onardi|onarmis|halledildi|halledilmis|hallettiler|hallettik|hallet(ti|mis)|halloldu)/;

/** "tamir" or "kontrol", a repair when a finished verb (DONE_VERB) follows: "tamir etti", "kontrol ettiler". */
export const REPAIR_NOUN = /^(tamir|kontrol)$/;

/** A finished "did" or "was done": "etti", "edildi", "yaptılar"; not "edin", "etsin". */
export const DONE_VERB = /^(etti|edildi|edilmis|etmis|ettiler|yapildi|yapilmis|yaptilar|yapti)/;

/** The same verbs negated: "geçmedi", "düzelmedi", "gitmiyor" say it is still there. */
export const NOT_RESOLVED = /^(gecme|kaybolma|bitme|gitme|duzelme|duzeltilme|cozulme|giderilme|onarilma|hallolma|halledilme)/;

/**
 * A negated verb: "gelmiyor", "kokmuyor", "almıyoruz", "kalmadı", "bulunamadı", "edilmedi", "kokmaz".
 * At least two letters come before the negation; a lookbehind says so, because a leading `.{2,}`
 * backtracks over the whole word from every start: quadratic, minutes for one long "word".
 */
export const NEGATED_VERB = /(?<=.{2})(m[iu]yo|m[ae]d[iu]|m[ae]m[iu]s|m[ae]z(?!ot)|m[ae]yacak|m[ae]yecek)/;

/**
 * A condition or a hypothetical case, not a report: "olursa", "alırsam", "hissederseniz",
 * "durumunda", "halinde"; and advice to the reader, "when you smell it": "hissettiğinizde",
 * "duyduğunuzda" (the utility's own notice, quoted or forwarded back).
 */
export const HYPOTHETICAL = /^(durumunda|halinde|takdirde|olasi|olsa)$|(irsa|ursa|arsa|irse|urse|erse)(m|n|k|niz|nuz|lar|ler)?$|(dig|dug|tig|tug)(iniz|unuz)(da|de|ta|te)$/;

/** A predicate in the present: "var", "mevcut", "olabilir"; "kaçağı var gibi". */
export const PRESENT_WORD = /^(var|varmis|mevcut|olabilir|olmali)$/;

/** A verb in the present continuous, also as typed in SMS without the final r: "geliyo". */
export const PRESENT_VERB = /(iyor|uyor|iyo|uyo)[a-z]{0,5}$/;

/** A predicate in the past: "vardı", "geldi", "olmuştu", "yaşadık", "bulundum", "kokuyordu". */
export const PAST = /(d[iu]|t[iu])(m|k|n|niz|nuz|ler|lar)?$|m[iu]s(t[iu])?(m|k|n|iz|uz|ler|lar)?$/;

/** The crew: "ekip", "ekibi", "ekibiniz", "ekipler", "görevli", "teknisyen", "arkadaşlar". */
export const CREW = /^(ekip|ekib|gorevli|teknisyen|personel|arkadaslar)/;

/** The crew came, as a finished verb: "geldi", "geldiler", "gelmişti"; not "gelmedi", "gelsin". */
export const CAME = /^gel(di|mis)/;

/** The crew came, as a converb or participle ("ekip gelip baktı", "gelen ekip"): needs a finished verb after it. */
export const COMING = /^(gelip|gelerek|gelen)$/;
