/**
 * The plain-text body of an e-mail acknowledgement, in Turkish: the customer is told the application
 * was recorded and under which number (DOMAIN.md rule 5), what is missing when it is incomplete and
 * how to send it, and to call 187 at once when they reported gas (rule 7). Pure.
 */
import type { Decision } from '../schemas/types.generated.js';
import { missingInTurkish, type MissingField } from './missing-fields.js';
import { applicationTag } from './reply-subject.js';

export interface AcknowledgementFacts {
  kind: 'crm' | 'needs-info';
  applicationNumber: string;
  /** Who wrote to us, when known. */
  name: string | null;
  emergency: boolean;
  topic: Decision['topic'];
  /** ISO 8601; shown in Istanbul time. */
  deadline: string | null;
  missing: readonly MissingField[];
  /** The From's display name, signing the mail. */
  signature: string | null;
}

// Istanbul's zone from the runtime's time-zone data, not a fixed offset: "13 Mart 2026 12:00".
const istanbulTime = new Intl.DateTimeFormat('tr-TR', { timeZone: 'Europe/Istanbul', day: 'numeric', month: 'long', year: 'numeric', hour: '2-digit', minute: '2-digit' });
// A name is only a greeting: one line, and not a page long.
const MAX_NAME_CHARS = 100;

function greeting(name: string | null): string {
  const flat = (name ?? '').replace(/[\p{Cc}\s]+/gu, ' ').trim();
  return flat === '' || [...flat].length > MAX_NAME_CHARS ? 'Sayın Müşterimiz,' : `Sayın ${flat},`;
}

function topicLine(topic: Decision['topic']): string[] {
  if (topic === null) return [];
  return [`Konu: ${topic.sub === null ? topic.main : `${topic.main} / ${topic.sub}`}`];
}

function deadlineLine(deadline: string | null): string[] {
  const ms = deadline === null ? Number.NaN : Date.parse(deadline);
  if (Number.isNaN(ms)) return [];
  return [`Başvurunuzun en geç ${istanbulTime.format(ms)} tarihine kadar sonuçlandırılması hedeflenmektedir.`];
}

function missingParagraphs(f: AcknowledgementFacts): string[] {
  const asks = missingInTurkish(f.missing).map((line) => `- ${line}`);
  return [
    ['Başvurunuzu işleme alabilmemiz için aşağıdaki bilgilere ihtiyacımız var:', ...asks].join('\n'),
    `Bu bilgileri, bu e-postayı yanıtlayarak gönderebilirsiniz. Lütfen konu satırındaki ${applicationTag(f.applicationNumber)} ifadesini silmeyin: yanıtınız böylece başvurunuza eklenir.`,
  ];
}

/** The body, paragraphs separated by an empty line. */
export function acknowledgementText(f: AcknowledgementFacts): string {
  const paragraphs = [
    greeting(f.name),
    ...(f.emergency ? ['ÖNEMLİ: Mesajınızda gaz kokusu ya da gaz kaçağı bildirdiniz. Lütfen hiç beklemeden 187 Doğal Gaz Acil hattını arayın. E-posta ile yapılan bildirim acil müdahale yerine geçmez.'] : []),
    [`Başvurunuz ${f.applicationNumber} numarasıyla kaydedilmiştir.`, ...topicLine(f.topic), ...(f.kind === 'crm' ? deadlineLine(f.deadline) : [])].join('\n'),
    ...(f.kind === 'needs-info' ? missingParagraphs(f) : ['Başvurunuzun sonucu hakkında ayrıca bilgilendirileceksiniz.']),
    'İstek, öneri ve şikâyetleriniz için 153 numaralı çağrı merkezimizi de arayabilirsiniz. Bu e-posta otomatik olarak gönderilmiştir.',
    ...(f.signature === null ? [] : [f.signature]),
  ];
  return `${paragraphs.join('\n\n')}\n`;
}
