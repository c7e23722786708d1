/**
 * Deciding one long text (issue 6, finding 7): the time the pure decide() takes on one e-mail of
 * 22 KB, 88 KB, 352 KB and 1 MB, next to a plain pass over the same text (NFC, Turkish lower case,
 * split into words) and the ratio of the two. Text handling on the decision path must be linear in
 * the text's length: then the ratio stays about flat as the text grows four-fold, where quadratic
 * code makes it grow about four-fold per step. Prints figures; asserts nothing about speed.
 *
 *   npm run bench:long-text -- [--rounds 3] [--sizes 22,88,352,1024] [--stop-after 30] [--json]
 *
 * Sizes are in KB of characters (1 KB = 1024 UTF-16 code units). The raw-item schema cuts an
 * e-mail body at 200,000 characters, so the largest texts are more than a connector publishes;
 * decide() itself has no such bound, and it is its own time that is measured here.
 */
import { defaultCatalogue } from '../normalizer/catalogue/index.js';
import { decide } from '../normalizer/decide.js';
import type { Decision, RawItem } from '../schemas/types.generated.js';
import { collectGarbage, round } from './measure.js';

interface Options { rounds: number; sizes: number[]; stopAfterSeconds: number; json: boolean }

const usage = `usage: node dist/bench/decide-long-text.js [--rounds R] [--sizes 22,88,352,1024] [--stop-after S] [--json]
  --rounds R      timed rounds per text; the median is printed (default 3)
  --sizes LIST    text sizes in KB of characters (default 22,88,352,1024)
  --stop-after S  once deciding a text took more than S seconds, skip that shape's larger sizes
                  (default 30): quadratic code would otherwise run for hours
  --json          print one JSON object on stdout instead of the table`;

function parseArgs(argv: string[]): Options {
  const o: Options = { rounds: 3, sizes: [22, 88, 352, 1024], stopAfterSeconds: 30, json: false };
  const positive = (flag: string, v: string | undefined): number => {
    const n = Number(v);
    if (!Number.isFinite(n) || n <= 0) throw new Error(`${flag} needs a positive number\n${usage}`);
    return n;
  };
  for (let i = 0; i < argv.length; i++) {
    const a = argv[i];
    if (a === '--rounds') o.rounds = Math.ceil(positive(a, argv[++i]));
    else if (a === '--sizes') o.sizes = (argv[++i] ?? '').split(',').map((s) => positive(a, s));
    else if (a === '--stop-after') o.stopAfterSeconds = positive(a, argv[++i]);
    else if (a === '--json') o.json = true;
    else throw new Error(`unknown argument ${a}\n${usage}`);
  }
  return o;
}

// ---------------------------------------------------------------------------------------------
// The texts: what a long complaint e-mail holds, repeated to the size wanted.

/** One e-mail's worth: a bill, a meter, a smell the crew dealt with, one denied, one hypothetical. */
const SETTLED = [
  "Sayın yetkili, Kadıköy Moda Mahallesi'nde oturuyorum, sözleşme hesap numaram 1234567890.",
  'Bu ayki doğalgaz faturam geçen aya göre üç kat yüksek geldi, sayacın doğru okunduğunu düşünmüyorum.',
  'Dün akşam merdivende gaz kokusu vardı, ekip geldi düzeltti, ilginiz için teşekkür ederim.',
  'Şu an gaz kokusu yok ama komşular hâlâ tedirgin.',
  'Gaz kaçağı durumunda ne yapmamız gerektiğini bilgi olarak gönderir misiniz?',
  'Sayaç okuma görevlisi üç aydır gelmiyor, faturalar tahmini kesiliyor.',
  'Ödeme yaptığım halde borç görünüyor, lütfen kontrol edin.',
  'Saygılarımla, Ayşe Işık',
];

/** The same with the smell unattended: an emergency, and every later word is read for a repair. */
const UNATTENDED = SETTLED.map((sentence, i) => (i === 2 ? "Dün akşam merdivende gaz kokusu vardı, 187'yi aradım, kimse gelmedi." : sentence));

/** As typed on a phone: no Turkish letters, punctuation, "ama" or line breaks: the whole text is one clause. */
const NO_PUNCTUATION = [
  'merhaba faturam bu ay cok yuksek geldi sayacim arizali olabilir dun aksam merdivende gaz kokusu vardi',
  'ekip geldi duzeltti simdi gaz kokusu yok sayac okuma gorevlisi uc aydir gelmiyor odeme yaptigim halde',
  'borc gorunuyor lutfen kontrol edin tesekkurler',
].join(' ');

/** A report followed by one word as long as the text: a pasted blob, a line with no separators. */
function giantWord(length: number): string {
  const prefix = 'Gaz kokusu ';
  const blob = Array.from({ length: length - prefix.length }, (_, i) => '0123456789abcdef'[(i * 7919) % 16]).join('');
  return prefix + blob;
}

/** `unit` repeated and cut to `length` characters; `between` is a blank line for paragraphs. */
function repeatTo(unit: string, length: number, between = '\n\n'): string {
  return `${unit}${between}`.repeat(Math.ceil(length / (unit.length + between.length))).slice(0, length);
}

const SHAPES: readonly { name: string; text: (length: number) => string }[] = [
  { name: 'e-mail, smell dealt with', text: (n) => repeatTo(SETTLED.join(' '), n) },
  { name: 'e-mail, smell unattended', text: (n) => repeatTo(UNATTENDED.join(' '), n) },
  { name: 'SMS style, no punctuation', text: (n) => repeatTo(NO_PUNCTUATION, n, ' ') },
  { name: 'one giant word', text: giantWord },
];

function emailItem(body: string): RawItem {
  return {
    schemaVersion: 1, itemId: `email:${'0'.repeat(31)}1`, channel: 'email', receivedAt: '2026-03-10T12:00:00+03:00',
    connector: 'email', sourceRef: 'bench-long-text', attachments: [],
    text: { sender: 'ayse.isik@example.com', subject: 'Şikayet', body },
  };
}

// ---------------------------------------------------------------------------------------------
// Measuring

/** The plain pass: what any reading of the text costs at least. */
function baseline(text: string): number {
  return text.normalize('NFC').toLocaleLowerCase('tr-TR').split(/[^\p{L}\p{N}]+/u).length;
}

function seconds(f: () => unknown): number {
  const t0 = performance.now();
  f();
  return (performance.now() - t0) / 1000;
}

function median(xs: readonly number[]): number {
  const s = [...xs].sort((a, b) => a - b);
  const mid = Math.floor(s.length / 2);
  return s.length % 2 === 1 ? (s[mid] ?? 0) : ((s[mid - 1] ?? 0) + (s[mid] ?? 0)) / 2;
}

interface Row {
  shape: string;
  kb: number;
  /** null when skipped after a smaller size of the shape took longer than --stop-after. */
  decideSeconds: number | null;
  baselineSeconds: number | null;
  ratio: number | null;
  decision: string | null;
}

function summarise(d: Decision): string {
  return `${d.kind}, ${d.emergency ? 'emergency' : 'no emergency'}, ${d.topic === null ? 'no topic' : `${d.topic.main}/${d.topic.sub ?? '-'}`}`;
}

function measure(shape: string, kb: number, text: string, rounds: number, stopAfterSeconds: number): Row {
  const item = emailItem(text);
  const decideTimes: number[] = [];
  const baselineTimes: number[] = [];
  let decision: Decision | null = null;
  for (let r = 0; r < rounds; r++) {
    collectGarbage();
    baselineTimes.push(seconds(() => baseline(text)));
    collectGarbage();
    const t0 = performance.now();
    decision = decide(item, { catalogue: defaultCatalogue });
    decideTimes.push((performance.now() - t0) / 1000);
    // A slow round is measured once: repeating it tells nothing more.
    if ((decideTimes[r] ?? 0) > stopAfterSeconds) break;
  }
  const d = median(decideTimes);
  const b = median(baselineTimes);
  return { shape, kb, decideSeconds: round(d, 4), baselineSeconds: round(b, 4), ratio: round(d / b, 1), decision: decision === null ? null : summarise(decision) };
}

function printTable(rows: readonly Row[], target: string): void {
  const cell = (x: number | null, unit = ''): string => (x === null ? 'skipped' : `${x}${unit}`);
  console.log('| text | size | decide() s | baseline s | ratio | decision |');
  console.log('|---|---|---|---|---|---|');
  for (const r of rows) {
    console.log(`| ${r.shape} | ${r.kb} KB | ${cell(r.decideSeconds)} | ${cell(r.baselineSeconds)} | ${cell(r.ratio, '×')} | ${r.decision ?? ''} |`);
  }
  console.log(`\n${target}`);
}

function main(): void {
  const o = parseArgs(process.argv.slice(2));
  // Warm-up: V8 compiles the decision code and the catalogue is compiled once, before any timing.
  for (const s of SHAPES) decide(emailItem(s.text(22 * 1024)), { catalogue: defaultCatalogue });
  const rows: Row[] = [];
  for (const s of SHAPES) {
    let stopped = false;
    for (const kb of o.sizes) {
      if (stopped) {
        rows.push({ shape: s.name, kb, decideSeconds: null, baselineSeconds: null, ratio: null, decision: null });
        continue;
      }
      const row = measure(s.name, kb, s.text(Math.round(kb * 1024)), o.rounds, o.stopAfterSeconds);
      process.stderr.write(`${s.name} ${kb} KB: decide ${row.decideSeconds} s\n`);
      rows.push(row);
      stopped = (row.decideSeconds ?? 0) > o.stopAfterSeconds;
    }
  }
  const largest = Math.max(...o.sizes);
  const atLargest = rows.filter((r) => r.kb === largest);
  const slowest = Math.max(...atLargest.map((r) => r.decideSeconds ?? Infinity));
  const target = `largest text (${largest} KB) decided in ${Number.isFinite(slowest) ? `at most ${slowest} s` : 'no time: skipped'}; target for 1024 KB: under 1 s`;
  if (o.json) console.log(JSON.stringify({ node: process.version, rounds: o.rounds, rows, slowestAtLargestSeconds: Number.isFinite(slowest) ? slowest : null }));
  else printTable(rows, target);
}

main();
