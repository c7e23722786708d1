/**
 * Scores the extractor on a labelled set (fixtures/extraction/FORMAT.md): each text goes through
 * `decide()` as a raw item of its channel, and each field of the decision is compared with what a
 * careful agent would have entered. Per field: right (the value, or rightly none), precision (of
 * the values given, how many are right) and recall (of the values there were, how many were found).
 */
import { readFileSync } from 'node:fs';
import type { Channel, Decision, RawItem, TextSource } from '../../schemas/types.generated.js';
import { decide } from '../../normalizer/decide.js';
import { speechToDigits } from '../../normalizer/extract/spoken-numbers.js';
import { foldTurkish } from '../../normalizer/turkish/fold.js';

export interface LabelledText {
  id: string;
  style: string;
  channel: Channel;
  source: TextSource;
  subject?: string;
  sender?: string;
  senderName?: string;
  body: string;
  expected: {
    fullName: string | null;
    nationalId: string | null;
    contractAccountNumber: string | null;
    phone: string | null;
    email: string | null;
    address: string | null;
    district: string | null;
    proposedSolution: string | null;
    caseRef: string | null;
    contactPerson: { fullName: string | null; phone: string | null } | null;
    descriptionIncludes: string[];
    descriptionExcludes: string[];
    reasons?: string[];
  };
}

export const SCORED_FIELDS = ['fullName', 'nationalId', 'contractAccountNumber', 'phone', 'email', 'address', 'district', 'proposedSolution', 'caseRef', 'contactPerson', 'description'] as const;
export type ScoredField = (typeof SCORED_FIELDS)[number];

export interface FieldScore { right: number; total: number; given: number; givenRight: number; expected: number; found: number }
export interface Miss { id: string; field: ScoredField; expected: unknown; got: unknown }
export interface SetScore { fields: Record<ScoredField, FieldScore>; misses: Miss[]; items: number }

export function loadSet(path: string | URL): LabelledText[] {
  return (JSON.parse(readFileSync(path, 'utf8')) as { items: LabelledText[] }).items;
}

let counter = 0;

/** The raw item a connector of the text's channel would publish. */
export function rawItemOf(text: LabelledText): RawItem {
  counter += 1;
  return {
    schemaVersion: 1, itemId: `${text.channel}:${counter.toString(16).padStart(32, '0')}`, channel: text.channel,
    receivedAt: '2026-11-28T09:00:00.000Z', connector: text.channel, sourceRef: text.id, attachments: [],
    text: {
      body: text.body, source: text.source,
      ...(text.subject === undefined ? {} : { subject: text.subject }),
      ...(text.sender === undefined ? {} : { sender: text.sender }),
      ...(text.senderName === undefined ? {} : { senderName: text.senderName }),
    },
  };
}

const words = (value: string): string[] => foldTurkish(value).replace(/[^a-z0-9@]+/g, ' ').trim().split(' ').filter((w) => w !== '');
const plain = (value: string): string => words(value).join(' ');

/**
 * An address is right when it has the expected words in order, give or take the city or the
 * country at its end (an agent would not retype "İstanbul" after the district) and whether a
 * number a caller said is written in words or digits ("numara on iki" or "numara 12").
 */
function sameAddress(got: string, expected: string): boolean {
  const strip = (ws: string[]): string => ws.filter((w, i) => !(i >= ws.length - 2 && (w === 'istanbul' || w === 'turkiye'))).join(' ');
  const said = (value: string): string[] => words(speechToDigits(value));
  return strip(said(got)) === strip(said(expected));
}

function compare(field: ScoredField, d: Decision, e: LabelledText['expected']): { right: boolean; given: boolean; there: boolean; got: unknown; want: unknown } {
  const c = d.customer;
  const eq = (got: string | null, want: string | null, same = (a: string, b: string) => a === b) => ({
    right: got === null || want === null ? got === want : same(got, want), given: got !== null, there: want !== null, got, want,
  });
  switch (field) {
    case 'fullName': return eq(c.fullName, e.fullName, (a, b) => plain(a) === plain(b));
    case 'nationalId': return eq(c.nationalId, e.nationalId);
    case 'contractAccountNumber': return eq(c.contractAccountNumber, e.contractAccountNumber);
    case 'phone': return eq(c.phone, e.phone);
    case 'email': return eq(c.email, e.email, (a, b) => a.toLowerCase() === b.toLowerCase());
    case 'address': return eq(c.address, e.address, sameAddress);
    case 'district': return eq(c.district, e.district);
    case 'proposedSolution': return eq(d.proposedSolution, e.proposedSolution, (a, b) => plain(a).includes(plain(b)));
    case 'caseRef': return eq(d.caseRef, e.caseRef);
    case 'contactPerson': {
      const got = d.contactPerson === null ? null : { fullName: d.contactPerson.fullName ?? null, phone: d.contactPerson.phone ?? null };
      const want = e.contactPerson;
      const right = got === null || want === null ? got === want
        : (got.fullName === null || want.fullName === null ? got.fullName === want.fullName : plain(got.fullName) === plain(want.fullName)) && got.phone === want.phone;
      return { right, given: got !== null, there: want !== null, got, want };
    }
    case 'description': {
      const text = plain(d.description ?? '');
      const right = e.descriptionIncludes.every((p) => text.includes(plain(p))) && e.descriptionExcludes.every((p) => !text.includes(plain(p)));
      return { right, given: d.description !== null, there: e.descriptionIncludes.length > 0, got: d.description, want: { includes: e.descriptionIncludes, excludes: e.descriptionExcludes } };
    }
  }
}

/** Decides every text and scores each field. */
export function scoreSet(texts: readonly LabelledText[]): SetScore {
  const fields = Object.fromEntries(SCORED_FIELDS.map((f) => [f, { right: 0, total: 0, given: 0, givenRight: 0, expected: 0, found: 0 }])) as Record<ScoredField, FieldScore>;
  const misses: Miss[] = [];
  for (const text of texts) {
    const decision = decide(rawItemOf(text));
    for (const field of SCORED_FIELDS) {
      const r = compare(field, decision, text.expected);
      const s = fields[field];
      s.total += 1;
      if (r.right) s.right += 1;
      if (r.given) s.given += 1;
      if (r.given && r.right) s.givenRight += 1;
      if (r.there) s.expected += 1;
      if (r.there && r.given && r.right) s.found += 1;
      if (!r.right) misses.push({ id: text.id, field, expected: r.want, got: r.got });
    }
    if (text.expected.reasons?.includes('INVALID_NATIONAL_ID') === true && !decision.reasons.includes('INVALID_NATIONAL_ID')) {
      misses.push({ id: text.id, field: 'nationalId', expected: 'INVALID_NATIONAL_ID', got: decision.reasons });
    }
  }
  return { fields, misses, items: texts.length };
}

const pct = (n: number, d: number): string => (d === 0 ? '   -  ' : `${((100 * n) / d).toFixed(1).padStart(5)}%`);

/** The table the test suite prints: right, precision and recall per field. */
export function formatScore(name: string, score: SetScore): string {
  const rows = SCORED_FIELDS.map((f) => {
    const s = score.fields[f];
    return `  ${f.padEnd(22)} ${pct(s.right, s.total)}  ${pct(s.givenRight, s.given)}  ${pct(s.found, s.expected)}   (${s.expected} given in the set)`;
  });
  return [`${name}: ${score.items} texts`, `  ${'field'.padEnd(22)}  right   precision recall`, ...rows].join('\n');
}
