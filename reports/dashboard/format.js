// Turkish formatting for the wall screen: tr-TR numbers, Europe/Istanbul times, Turkish labels.
// Plain ES module, served as is (no build step).

export const TIME_ZONE = 'Europe/Istanbul';

const numbers = new Intl.NumberFormat('tr-TR');
const dateTime = new Intl.DateTimeFormat('tr-TR', { timeZone: TIME_ZONE, day: '2-digit', month: '2-digit', hour: '2-digit', minute: '2-digit' });
const time = new Intl.DateTimeFormat('tr-TR', { timeZone: TIME_ZONE, hour: '2-digit', minute: '2-digit' });
const timeWithSeconds = new Intl.DateTimeFormat('tr-TR', { timeZone: TIME_ZONE, hour: '2-digit', minute: '2-digit', second: '2-digit' });
const day = new Intl.DateTimeFormat('tr-TR', { timeZone: TIME_ZONE, day: 'numeric', month: 'long', year: 'numeric', weekday: 'long' });

/** 1234 → "1.234"; null → "n/a". */
export function count(value) {
  return value === null || value === undefined ? 'n/a' : numbers.format(value);
}

/** An ISO or epoch-ms time as "14.03 09:05", Istanbul time. */
export function when(value) {
  return dateTime.format(new Date(value));
}

/** "09:05" (or "09:05:07"), Istanbul time. */
export function clock(value, seconds = false) {
  return (seconds ? timeWithSeconds : time).format(new Date(value));
}

/** "14 Mart 2026 Cumartesi". */
export function longDay(value) {
  return day.format(new Date(value));
}

const CHANNELS = {
  webform: 'Web formu', phone: 'Telefon', 'face-to-face': 'Yüz yüze', email: 'E-posta',
  sms: 'SMS', voicemail: 'Sesli mesaj', fax: 'Faks', letter: 'Mektup',
};
const KINDS = { crm: 'CRM kaydı', 'needs-info': 'Eksik bilgi', 'archive-only': 'Yalnız arşiv', ignored: 'Başvuru değil' };

export function channelName(channel) {
  return CHANNELS[channel] ?? channel;
}

export function kindName(kind) {
  return KINDS[kind] ?? kind;
}
