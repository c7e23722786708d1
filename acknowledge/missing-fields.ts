/** What a needs-info acknowledgement asks for, in the customer's words (DOMAIN.md rule 1). */
import type { Decision } from '../schemas/types.generated.js';

export type MissingField = Decision['missing'][number];

// A Record over the schema's enum: a new missing-field code fails to compile here until it is worded.
const wording: Record<MissingField, string> = {
  fullName: 'Adınız ve soyadınız',
  contact: 'Size ulaşabileceğimiz bir telefon numarası, e-posta ya da adres',
  nationalId: 'T.C. Kimlik Numaranız',
  contractAccountNumber: 'Sözleşme Hesap Numaranız (faturanızda yazılıdır)',
  description: 'Şikâyet, talep ya da önerinizin açıklaması',
};

// The same fields in a few words each, for a text message that must stay within two segments.
const shortWording: Record<MissingField, string> = {
  fullName: 'ad soyad',
  contact: 'iletişim bilgisi',
  nationalId: 'T.C. kimlik no',
  contractAccountNumber: 'sözleşme hesap no',
  description: 'başvuru açıklaması',
};

/** The Turkish line for each missing field, in the decision's order, each once. */
export function missingInTurkish(missing: readonly MissingField[]): string[] {
  return [...new Set(missing)].map((field) => wording[field]);
}

/** The short Turkish words for each missing field (an SMS), in the decision's order, each once. */
export function missingInShortTurkish(missing: readonly MissingField[]): string[] {
  return [...new Set(missing)].map((field) => shortWording[field]);
}
