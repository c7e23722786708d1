/**
 * Scores the e-mail connector and the normalizer on fixtures/email (a set written blind, see its
 * README): each `.eml` read as the connector reads it and decided as `intake check` decides it,
 * then compared with `expected.json`: the outcome, the emergency flag, the follow-up number, the
 * attachments, the same item for the same mail, and the customer's fields.
 */
import { readFileSync, readdirSync } from 'node:fs';
import { join } from 'node:path';
import { readWith } from '../../connectors/registry.js';
import { defaultCatalogue } from '../../normalizer/catalogue/index.js';
import { decideItem } from '../../normalizer/decide-item.js';
import { foldTurkish } from '../../normalizer/turkish/fold.js';
import type { Config } from '../../runtime/config.js';
import type { Decision, RawItem } from '../../schemas/types.generated.js';

export interface ExpectedMail {
  outcome: Decision['kind'];
  emergency: boolean;
  followUpOf: string | null;
  sameItemAs: string | null;
  fields: {
    fullName: string | null; nationalId: string | null; contractAccountNumber: string | null; phone: string | null; email: string | null;
    district: string | null; address: string | null; descriptionIncludes: string | null; descriptionExcludes: string | null;
  };
  attachments: number;
  note: string;
}

export const MAIL_CHECKS = ['outcome', 'emergency', 'followUpOf', 'attachments', 'sameItem', 'fullName', 'nationalId', 'contractAccountNumber', 'phone', 'email', 'district', 'address', 'description'] as const;
export type MailCheck = (typeof MAIL_CHECKS)[number];

export interface ScoredMail { file: string; item: RawItem | null; decision: Decision | null; failed: MailCheck[] }

const words = (value: string): string => foldTurkish(value).replace(/[^a-z0-9@]+/g, ' ').trim();
/** An address is right with the expected words in order, give or take the city at its end. */
const sameAddress = (a: string, b: string): boolean => {
  const strip = (v: string): string => words(v).replace(/( istanbul| turkiye)+$/, '');
  return strip(a) === strip(b);
};

/** The originals and attachments a mail lists: the original message itself is not one of the mail's attachments. */
const attachmentsOf = (item: RawItem): number => item.attachments.filter((a) => a.name !== 'original.eml').length;

function check(name: MailCheck, e: ExpectedMail, item: RawItem, d: Decision, itemIds: ReadonlyMap<string, string>): boolean {
  const c = d.customer;
  const f = e.fields;
  const eq = (got: string | null, want: string | null, same = (x: string, y: string) => x === y): boolean => (got === null || want === null ? got === want : same(got, want));
  switch (name) {
    case 'outcome': return d.kind === e.outcome;
    case 'emergency': return d.emergency === e.emergency;
    case 'followUpOf': return d.kind === 'ignored' ? e.followUpOf === null : d.caseRef === e.followUpOf;
    case 'attachments': return attachmentsOf(item) === e.attachments;
    case 'sameItem': return e.sameItemAs === null || itemIds.get(e.sameItemAs) === item.itemId;
    case 'fullName': return eq(c.fullName, f.fullName, (x, y) => words(x) === words(y));
    case 'nationalId': return eq(c.nationalId, f.nationalId);
    case 'contractAccountNumber': return eq(c.contractAccountNumber, f.contractAccountNumber);
    case 'phone': return eq(c.phone, f.phone);
    case 'email': return eq(c.email, f.email, (x, y) => x.toLowerCase() === y.toLowerCase());
    case 'district': return eq(c.district, f.district);
    case 'address': return eq(c.address, f.address, sameAddress);
    case 'description': {
      const text = words(d.description ?? '');
      return (f.descriptionIncludes === null || text.includes(words(f.descriptionIncludes))) && (f.descriptionExcludes === null || !text.includes(words(f.descriptionExcludes)));
    }
  }
}

/** The fields of an ignored mail are not scored: nothing is asked of a machine's message. */
const FIELD_CHECKS: ReadonlySet<MailCheck> = new Set(['fullName', 'nationalId', 'contractAccountNumber', 'phone', 'email', 'district', 'address', 'description']);

export async function scoreMails(dir: string, config: Config, receivedAt: Date): Promise<ScoredMail[]> {
  const expected = JSON.parse(readFileSync(join(dir, 'expected.json'), 'utf8')) as Record<string, ExpectedMail>;
  const files = readdirSync(dir).filter((f) => f.endsWith('.eml')).sort();
  const read = new Map<string, RawItem | null>();
  for (const file of files) {
    const reading = await readWith('email', readFileSync(join(dir, file)), { channel: 'email', receivedAt, settings: config.connectors });
    read.set(file, reading.ok ? reading.item : null);
  }
  const itemIds = new Map([...read].flatMap(([file, item]) => (item === null ? [] : [[file, item.itemId] as const])));
  const scored: ScoredMail[] = [];
  for (const file of files) {
    const e = expected[file];
    const item = read.get(file) ?? null;
    if (e === undefined) throw new Error(`${file} has no entry in expected.json`);
    if (item === null) {
      scored.push({ file, item, decision: null, failed: [...MAIL_CHECKS] });
      continue;
    }
    const decision = await decideItem(item, null, { catalogue: defaultCatalogue, duplicateWindowHours: config.normalizer.duplicateWindowHours, minFieldConfidence: config.normalizer.minFieldConfidence });
    const failed = MAIL_CHECKS.filter((name) => !(e.outcome === 'ignored' && FIELD_CHECKS.has(name)) && !check(name, e, item, decision, itemIds));
    scored.push({ file, item, decision, failed });
  }
  return scored;
}

/** Right per check, over the mails it applies to, as a printable table. */
export function formatMailScore(scored: readonly ScoredMail[], expected: Readonly<Record<string, ExpectedMail>>): string {
  const rows = MAIL_CHECKS.map((name) => {
    const applies = scored.filter((s) => !(expected[s.file]?.outcome === 'ignored' && FIELD_CHECKS.has(name)));
    const right = applies.filter((s) => !s.failed.includes(name)).length;
    return `| ${name} | ${right}/${applies.length} | ${((100 * right) / Math.max(1, applies.length)).toFixed(1)}% |`;
  });
  return ['| check | right | % |', '|---|---|---|', ...rows].join('\n');
}

/** Share of the mails a check is right on, 0-1. */
export function rightShare(scored: readonly ScoredMail[], expected: Readonly<Record<string, ExpectedMail>>, name: MailCheck): number {
  const applies = scored.filter((s) => !(expected[s.file]?.outcome === 'ignored' && FIELD_CHECKS.has(name)));
  return applies.filter((s) => !s.failed.includes(name)).length / Math.max(1, applies.length);
}
