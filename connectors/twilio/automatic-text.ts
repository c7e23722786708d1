/**
 * Whether a machine wrote the text: a phone's driving mode, an auto-reply, a carrier's notice.
 * Such texts reach the utility's number when its own messages are answered automatically; they
 * are captured but are no application (the normalizer records them as ignored), and nothing may
 * answer them, or two machines text each other for ever.
 *
 * People mention these things too ("otomatik yanıt aldım", "153'e şu anda ulaşılamıyor"), and a
 * real application must never be set aside: so each pattern is one a machine writes, in the place
 * a machine writes it (at the start, or as a statement "this is an automatic reply"), and driving
 * mode also needs its "I'll answer later". A gas smell is never set aside whatever this says: the
 * normalizer checks the emergency first. Case and Turkish letters are folded, so texts typed
 * without them ("su an arac kullaniyorum") match too. Linear in the text's length.
 */
import { foldTurkish } from '../../normalizer/turkish/fold.js';

export type AutomaticReason = 'driving-mode' | 'auto-reply' | 'out-of-office' | 'unreachable' | 'alphanumeric-sender';

/** Auto-replies are short; a long text is someone writing. */
const MAX_AUTOMATIC_CHARS = 480;

const DRIVING = /^(?:(?:su an(?:da)?|simdi) )?(?:arac|araba) (?:kullaniyorum|suruyorum)|^(?:im|i am) (?:currently |now )?driving\b|^(?:arac kullanirken|surus) (?:odak|modu)|^driving (?:mode|focus)\b/;
const LATER = /\b(?:sonra|donecegim|arayacagim|yazacagim|vardigimda|ulastigimda|later|get back|call you back|when i (?:get|arrive)|rahatsiz etme|do not disturb|driving focus)/;
const AUTO_REPLY_LABEL = /^[[(]?\s*(?:otomatik (?:yanit|cevap|mesaj)|auto ?-?reply|automatic reply|autoresponder)\s*[\]):]/;
const AUTO_REPLY_STATEMENT = /\b(?:bu (?:bir )?)?otomatik (?:bir )?(?:yanit|cevap|mesaj)(?:tir|dir)\b|\bthis is an? (?:automatic|automated|auto-generated|auto) (?:reply|response|message)\b/;
const OUT_OF_OFFICE = /^(?:(?:i am|im) )?out of (?:the )?office\b|^ofis disindayim\b/;
const UNREACHABLE = /^(?:aradiginiz (?:kisiye|numaraya|aboneye) )?(?:su an(?:da)? )?ulasilamiyor(?:um)?\b/;

/** A sender id of letters (TURKCELL, VODAFONE): a system, not a phone anyone can type on. */
const ALPHANUMERIC_SENDER = /^(?=.*[a-z])[a-z0-9 ._-]{2,11}$/i;

function folded(text: string): string {
  return foldTurkish(text.slice(0, MAX_AUTOMATIC_CHARS + 1)).replace(/['’ʼ`´]/g, '').replace(/\s+/g, ' ').trim();
}

/** Why the text is automatic, or null for one a person wrote. */
export function automaticTextReason(body: string, from: string): AutomaticReason | null {
  if (ALPHANUMERIC_SENDER.test(from) && !from.startsWith('+')) return 'alphanumeric-sender';
  if (body.length > MAX_AUTOMATIC_CHARS) return null;
  const text = folded(body);
  if (DRIVING.test(text) && LATER.test(text)) return 'driving-mode';
  if (AUTO_REPLY_LABEL.test(text) || AUTO_REPLY_STATEMENT.test(text)) return 'auto-reply';
  if (OUT_OF_OFFICE.test(text)) return 'out-of-office';
  if (UNREACHABLE.test(text)) return 'unreachable';
  return null;
}
