/**
 * `intake archive list|show|complete`: the archive of faxes and letters that lacked the required
 * customer data (DOMAIN.md rule 2), read from the configured CRM database; and turning one into a
 * record once a person has supplied what was missing.
 */
import applicationForm from '../schemas/application-form.schema.json' with { type: 'json' };
import rawItem from '../schemas/raw-item.schema.json' with { type: 'json' };
import type { Channel } from '../schemas/types.generated.js';
import { defaultCatalogue } from '../normalizer/catalogue/index.js';
import type { Lookups } from '../normalizer/decide-item.js';
import { istanbulTime, printable } from '../reports/format-table.js';
import { DATE_HELP, parseReportDate } from '../reports/report-params.js';
import type { Config } from '../runtime/config.js';
import { IntakeError } from '../runtime/errors.js';
import { ARCHIVE_LIST_MAX, type ArchiveList, type ArchiveQuery, type Sink } from '../sink/index.js';
import { maskEntry } from './archive-mask.js';
import { reDecide, refusedFields, suppliedFields, type Supplied, type SuppliedField } from './archive-reexamine.js';
import { openConfiguredSink } from './configured-sink.js';

export const archiveActions = ['list', 'show', 'complete'] as const;
export type ArchiveAction = (typeof archiveActions)[number];
export const archiveChannels: readonly Channel[] = ['fax', 'letter'];
export const listFormats = ['table', 'json'] as const;
export type ListFormat = (typeof listFormats)[number];

const DEFAULT_LIMIT = 100;
/** The longest name of who completed an item; as long as a raw item's `enteredBy`. */
const MAX_BY = rawItem.properties.enteredBy.maxLength;
const REGISTRY_NUMBER = rawItem.properties.document.properties.registryNumber;
const REGISTRY_NUMBER_PATTERN = new RegExp(REGISTRY_NUMBER.pattern);

/** The flag that supplies each field. */
export const suppliedFlags: Readonly<Record<SuppliedField, string>> = {
  fullName: 'full-name', nationalId: 'national-id', contractAccountNumber: 'contract-account', phone: 'phone',
  email: 'email', address: 'address', district: 'district', description: 'description',
};

/** The flags each action takes; `--config` and `--help` go with every command. */
const FLAGS: Record<ArchiveAction, readonly string[]> = {
  list: ['from', 'to', 'channel', 'registry-number', 'format', 'limit'],
  show: ['unmask'],
  complete: ['by', ...Object.values(suppliedFlags)],
};
const COMMON_FLAGS = ['config', 'help'];

/** An archive command, checked. */
export type ArchiveCommand =
  | { action: 'list'; query: ArchiveQuery; format: ListFormat }
  | { action: 'show'; itemId: string; unmask: boolean }
  | { action: 'complete'; itemId: string; by: string; supplied: Supplied };

/** Flags as `parseArgs` hands them over: every flag of the `intake` command, set or not. */
export type ArchiveFlags = Readonly<Record<string, string | boolean | undefined>>;

type Reading = { ok: true; command: ArchiveCommand } | { ok: false; message: string };

function text(flags: ArchiveFlags, name: string): string | undefined {
  const value = flags[name];
  return typeof value === 'string' ? value : undefined;
}

function readList(flags: ArchiveFlags, problems: string[]): ArchiveCommand {
  const bound = (name: 'from' | 'to'): Date | null => {
    const given = text(flags, name);
    if (given === undefined) return null;
    const parsed = parseReportDate(given.trim());
    if (parsed === null) problems.push(`--${name} ${DATE_HELP}`);
    return parsed;
  };
  const from = bound('from');
  const to = bound('to');
  if (from !== null && to !== null && from.getTime() >= to.getTime()) problems.push('--to must be after --from (to is exclusive)');
  const channel = text(flags, 'channel');
  if (channel !== undefined && !(archiveChannels as readonly string[]).includes(channel)) problems.push(`--channel must be one of: ${archiveChannels.join(', ')} (only faxes and letters are archived)`);
  const registryNumber = text(flags, 'registry-number')?.trim();
  if (registryNumber !== undefined && (registryNumber.length > REGISTRY_NUMBER.maxLength || !REGISTRY_NUMBER_PATTERN.test(registryNumber))) {
    problems.push(`--registry-number must be a document-tracking number: letters, digits, '.', '/' and '-', at most ${REGISTRY_NUMBER.maxLength} characters`);
  }
  const limitText = text(flags, 'limit');
  const limit = limitText === undefined ? DEFAULT_LIMIT : /^\d{1,6}$/.test(limitText.trim()) ? Number(limitText) : NaN;
  if (!Number.isInteger(limit) || limit < 1 || limit > ARCHIVE_LIST_MAX) problems.push(`--limit must be a whole number from 1 to ${ARCHIVE_LIST_MAX}`);
  const format = text(flags, 'format') ?? 'table';
  if (!(listFormats as readonly string[]).includes(format)) problems.push(`--format must be one of: ${listFormats.join(', ')}`);
  return { action: 'list', query: { from, to, channel: (channel as Channel | undefined) ?? null, registryNumber: registryNumber ?? null, limit }, format: format as ListFormat };
}

function readComplete(itemId: string, flags: ArchiveFlags, problems: string[]): ArchiveCommand {
  const by = text(flags, 'by')?.trim() ?? '';
  if (by === '') problems.push('--by must name the person who supplied the data');
  else if (by.length > MAX_BY) problems.push(`--by must be at most ${MAX_BY} characters`);
  const supplied: Supplied = {};
  for (const field of suppliedFields) {
    const given = text(flags, suppliedFlags[field]);
    if (given === undefined) continue;
    const value = given.trim();
    const max = applicationForm.properties[field].maxLength;
    // Never the value itself in the message: it is personal data.
    if (value === '') problems.push(`--${suppliedFlags[field]} must not be empty`);
    else if (value.length > max) problems.push(`--${suppliedFlags[field]} must be at most ${max} characters`);
    else supplied[field] = value;
  }
  if (!suppliedFields.some((f) => text(flags, suppliedFlags[f]) !== undefined)) {
    problems.push(`complete needs at least one of: ${suppliedFields.map((f) => `--${suppliedFlags[f]}`).join(' ')}`);
  }
  return { action: 'complete', itemId, by, supplied };
}

/**
 * Checks `archive ACTION [ITEM_ID]` and its flags; on failure, one message naming every bad flag.
 * A flag that belongs to another command is refused rather than ignored.
 */
export function readArchiveArgs(args: readonly string[], flags: ArchiveFlags): Reading {
  const [action, ...rest] = args;
  if (action === undefined || !(archiveActions as readonly string[]).includes(action)) return { ok: false, message: `archive needs one of: ${archiveActions.join(', ')}` };
  const act = action as ArchiveAction;
  const problems: string[] = [];
  const allowed = new Set([...FLAGS[act], ...COMMON_FLAGS]);
  for (const [name, value] of Object.entries(flags)) if (value !== undefined && !allowed.has(name)) problems.push(`--${name} does not go with archive ${act}`);
  if (act === 'list') {
    if (rest.length > 0) problems.push('archive list takes no arguments besides its flags');
    const command = readList(flags, problems);
    return problems.length > 0 ? { ok: false, message: problems.join('\n') } : { ok: true, command };
  }
  const itemId = rest[0]?.trim() ?? '';
  if (rest.length !== 1 || itemId === '') problems.push(`archive ${act} needs one ITEM_ID`);
  const command: ArchiveCommand = act === 'show' ? { action: 'show', itemId, unmask: flags.unmask === true } : readComplete(itemId, flags, problems);
  return problems.length > 0 ? { ok: false, message: problems.join('\n') } : { ok: true, command };
}

function documentCell(item: ArchiveList['items'][number]): string {
  const d = item.document;
  if (d === null) return '-';
  return d.read === 'unreadable' ? `unreadable${d.problem === null ? '' : ` (${d.problem})`}` : `${d.read}, ${d.pages} p.`;
}

/**
 * The list as a table for a person at a terminal: references and what was missing, no personal
 * data (the list never reads any).
 */
export function formatArchiveTable(list: ArchiveList, query: ArchiveQuery): string {
  const bounds = [query.from ? `from ${istanbulTime(query.from.toISOString())}` : '', query.to ? `before ${istanbulTime(query.to.toISOString())}` : ''].filter(Boolean);
  const which = [query.channel ?? 'faxes and letters', query.registryNumber ? `registry number ${query.registryNumber}` : ''].filter(Boolean).join(', ');
  const caption = `archived ${which}${bounds.length === 0 ? '' : ` received ${bounds.join(', ')}`} (Istanbul time): ${list.items.length}${list.more ? '+' : ''}`;
  const heading = ['received', 'channel', 'registry no.', 'read', 'missing', 'item'];
  const rows = list.items.map((item) => [
    istanbulTime(item.receivedAt), item.channel, item.registryNumber ?? '-', documentCell(item),
    item.missing.length === 0 ? '-' : item.missing.join(','), item.itemId,
  ].map(printable));
  const width = (cell: string): number => Array.from(cell).length;
  const widths = heading.map((h, i) => Math.max(width(h), ...rows.map((r) => width(r[i] ?? ''))));
  const render = (cells: string[]): string => cells.map((c, i) => c + ' '.repeat(Math.max(0, (widths[i] ?? 0) - width(c)))).join('  ').trimEnd();
  const lines = [caption];
  if (rows.length > 0) lines.push('', render(heading), widths.map((w) => '-'.repeat(w)).join('  '), ...rows.map(render));
  if (list.more) lines.push('', `more match: narrow the period, or raise --limit (at most ${ARCHIVE_LIST_MAX})`);
  return lines.map((line) => `${line}\n`).join('');
}

function heldDirMessage(dir: string, pid: unknown): string {
  return `the embedded database in ${dir} is open in another process (pid ${String(pid)}), most likely the running daemon; `
    + 'PGlite lets only one process use a data dir. Stop the daemon to use intake archive, '
    + 'or keep the CRM in PostgreSQL (DATABASE_URL) so that the daemon and this command can both connect';
}

/** What a command printed, and how the process should exit. */
export interface ArchiveOutcome { exitCode: number; output: string }

/** Exit code of `complete` when the supplied data still leaves something missing: nothing was changed. */
export const STILL_INCOMPLETE = 3;

function notArchived(itemId: string, kind: string | null): IntakeError {
  return new IntakeError('INTAKE_NOT_ARCHIVED', `item ${itemId} is not in the archive${kind === null ? ' (never recorded)' : ` (it is ${kind})`}`, { details: { itemId, kind } });
}

async function complete(sink: Sink, config: Config, command: Extract<ArchiveCommand, { action: 'complete' }>, now: Date): Promise<ArchiveOutcome> {
  const entry = await sink.archive.show(command.itemId);
  if (entry === null || entry.kind !== 'archive-only') {
    throw notArchived(command.itemId, entry?.kind ?? (await sink.get(command.itemId))?.kind ?? null);
  }
  // As the daemon decides: the registry by contract account number, and duplicate linking.
  const lookups: Lookups = {
    findSubscriber: async (account) => (await sink.findSubscribers([account])).get(account) ?? null,
    recentApplications: (person, from, to) => sink.recentApplicationsOf([person], from, to),
  };
  const decided = await reDecide(entry.decision, command.supplied, lookups, {
    catalogue: defaultCatalogue, duplicateWindowHours: config.normalizer.duplicateWindowHours, minFieldConfidence: config.normalizer.minFieldConfidence,
  });
  const refused = refusedFields(decided, command.supplied);
  if (refused.length > 0) {
    throw new IntakeError('INTAKE_REQUEST_INVALID', `${refused.map((f) => `--${suppliedFlags[f]}`).join(', ')} ${refused.length === 1 ? 'was' : 'were'} refused by the checks (${decided.reasons.filter((r) => r.startsWith('INVALID_') || r === 'DISTRICT_FROM_ADDRESS').join(', ') || 'not usable'}); nothing was changed`, { details: { fields: refused.map((f) => suppliedFlags[f]) } });
  }
  if (decided.kind === 'archive-only') {
    const doc = { itemId: command.itemId, changed: false, kind: decided.kind, missing: decided.missing, reasons: decided.reasons };
    return { exitCode: STILL_INCOMPLETE, output: `${JSON.stringify(doc, null, 2)}\n` };
  }
  const done = await sink.archive.reExamine(command.itemId, decided, command.by, now);
  const doc = {
    itemId: command.itemId, changed: true, kind: done.kind, applicationNumber: done.applicationNumber, linkedTo: decided.linkedTo,
    topic: decided.topic, unit: decided.unit, deadline: decided.deadline, reasons: decided.reasons, reExaminedBy: command.by, reExaminedAt: now.toISOString(),
  };
  return { exitCode: 0, output: `${JSON.stringify(doc, null, 2)}\n` };
}

async function run(sink: Sink, config: Config, command: ArchiveCommand, now: Date): Promise<ArchiveOutcome> {
  switch (command.action) {
    case 'list': {
      const list = await sink.archive.list(command.query);
      if (command.format === 'table') return { exitCode: 0, output: formatArchiveTable(list, command.query) };
      const { from, to, channel, registryNumber } = command.query;
      const doc = { from: from?.toISOString() ?? null, to: to?.toISOString() ?? null, channel: channel ?? null, registryNumber: registryNumber ?? null, items: list.items, more: list.more };
      return { exitCode: 0, output: `${JSON.stringify(doc, null, 2)}\n` };
    }
    case 'show': {
      const entry = await sink.archive.show(command.itemId);
      if (entry === null) throw notArchived(command.itemId, (await sink.get(command.itemId))?.kind ?? null);
      return { exitCode: 0, output: `${JSON.stringify(command.unmask ? entry : maskEntry(entry), null, 2)}\n` };
    }
    case 'complete':
      return complete(sink, config, command, now);
  }
}

/**
 * Runs one archive command against the configured database.
 * @param now the time of a completion (injected: the caller owns the clock)
 * @returns exit 0; `complete`: {@link STILL_INCOMPLETE} when data is still missing (nothing changed)
 * @throws IntakeError INTAKE_NOT_ARCHIVED (show, complete); INTAKE_REQUEST_INVALID when the checks
 *   refuse a supplied field (nothing changed); INTAKE_INFRA_FAILED, INTAKE_DB_UNAVAILABLE as `intake report`
 */
export async function runArchive(config: Config, command: ArchiveCommand, now: Date): Promise<ArchiveOutcome> {
  const sink = await openConfiguredSink(config, heldDirMessage);
  try {
    return await run(sink, config, command, now);
  } finally {
    await sink.close();
  }
}
