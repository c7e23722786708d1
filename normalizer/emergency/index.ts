/**
 * Gas-emergency detection for free text on any channel (DOMAIN.md rule 7): a report of gas smell
 * or leak belongs on 187 and must be flagged at once, never queued with a multi-day deadline.
 * Pure and deterministic; reads text typed with or without Turkish letters, in any case.
 *
 * Policy, because a missed leak is far worse than a false alarm:
 * - A mention ("gaz kokusu", "koku geliyor", "kokuyor", "gaz kaçağı", "kaçak var", "sızıntı",
 *   "gaz sızıyor", "boru patladı", "borusunu deldi", "gaz zehirlenmesi") flags the text unless
 *   its own statement denies it ("gaz kokusu yok", "koku artık gelmiyor", "kokusu kalmadı",
 *   "kokusu geçti", "kaçak bulunamadı") or puts it as a hypothesis ("gaz kaçağı durumunda",
 *   "gaz kokusu alırsam").
 * - A mention in the present ("var", "geliyor", "kokuyor"), or with "yine", "hâlâ", "devam",
 *   "-den beri" in its clause, always flags, whatever else the text says.
 * - A mention in the past ("vardı", "geldi", "olmuştu") or without a verb flags too, unless the
 *   text reports after it that it was dealt with: a repair stated as done ("düzeltti", "giderildi",
 *   "onarıldı", "tamir edildi", "sorun çözüldü") or the crew having come ("ekip geldi", "gelen ekip
 *   …"). So "dün gaz kokusu vardı, ekip geldi düzeltti" is not flagged, "az önce gaz kokusu geldi"
 *   and "geçen ay gaz kokusu vardı, kimse gelmedi" are. A request ("tamir edin") or the customer's
 *   own first aid ("vanayı kapattım") is not a resolution.
 * - Words that only look alike are not mentions: "kaçak kullanım", "kaçak yapı", "kaçak elektrik",
 *   "elektrik kaçağı", "kaçak testi", "yemek/parfüm/lağım kokusu", "su sızıntısı", "bilgi
 *   sızıntısı", "su borusu patladı", "lastiği patladı", "randevuyu kaçırdım", "gaz faturası",
 *   "gazete", "gaz pedalı". A smell with no named source ("merdivende ağır bir koku var") flags.
 */
import { tokenizeText, type TokenizedText } from '../turkish/fold.js';
import { splitClauses, type ClausedText } from './clauses.js';
import { findMentions, mayMention, type Mention } from './mentions.js';
import { lastResolution } from './resolution.js';
import { mentionTense } from './tense.js';

/** Whether a text reports a gas smell or leak, and the words that did. */
export interface EmergencyDetection {
  emergency: boolean;
  /** The reporting words as the text writes them ("gaz kokusu var", "kaçağı"), without repeats. */
  evidence: string[];
}

function evidenceOf(text: ClausedText, mention: Mention, at: number | null): string {
  const last = at !== null && at > mention.index ? at : mention.index;
  return text.tokens.slice(mention.from, last + 1).map((t) => t.text).join(' ');
}

/**
 * Reads a free text for a report of gas smell or leak.
 * @param text the text, or its words when the caller has split it already (the decision has, for
 *   the classifier too)
 */
export function detectEmergency(text: string | TokenizedText): EmergencyDetection {
  const tokenized = typeof text === 'string' ? tokenizeText(text) : text;
  // Most texts have no word that may be a mention: they need no clauses (3% of deciding a form).
  if (!tokenized.words.some(mayMention)) return { emergency: false, evidence: [] };
  const claused = splitClauses(tokenized);
  // A repair or visit reported after a word is one reported before the text's last one: found once,
  // on the first past mention, so many mentions in a long text do not each search the rest of it.
  let lastResolved: number | undefined;
  const resolvedAfter = (index: number): boolean => index < (lastResolved ??= lastResolution(claused));
  const evidence = new Set<string>();
  for (const mention of findMentions(claused)) {
    const { tense, at } = mentionTense(claused, mention);
    if (tense === 'denied' || tense === 'hypothetical') continue;
    if (tense !== 'present' && resolvedAfter(at ?? mention.index)) continue;
    const words = evidenceOf(claused, mention, at);
    if (words !== '') evidence.add(words);
  }
  return { emergency: evidence.size > 0, evidence: [...evidence] };
}
