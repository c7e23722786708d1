/**
 * decide() alone on the bench mix (issue 11): items/s of the pure decision over the same items the
 * throughput bench preloads (bench/items.ts, already parsed), next to a baseline that any handling
 * of those items costs at least, a JSON round trip (JSON.stringify then JSON.parse) of each item,
 * and the ratio of the two. The baseline moves with the machine's load and speed as decide() does,
 * so the ratio compares runs on a shared machine better than the raw rate. No infrastructure;
 * prints figures and asserts nothing about speed.
 *
 *   npm run bench:decide -- [--items 5000] [--runs 3] [--texts] [--json]
 *
 * --texts decides free text instead of forms: the labelled development texts of fixtures/extraction,
 * so the extractor (issue 7) is in the figure. Each decide() gets a shallow copy of its item, as
 * each message consumed is a new object (the candidates are remembered per item object).
 *
 * Each run times decide() as bench/normalizer-throughput.ts times its "decide()" row: one
 * unmeasured round, then rounds over all items until at least 5 rounds and 1 s, at most 50; the
 * median round is the run's figure. Here a baseline round follows each decide() round, and the
 * ratio is the median of the rounds' ratios.
 */
import { loadavg } from 'node:os';
import { defaultCatalogue } from '../normalizer/catalogue/index.js';
import { decide } from '../normalizer/decide.js';
import type { Decision } from '../schemas/types.generated.js';
import { makeItems } from './items.js';
import { makeTextItems } from './text-items.js';
import { collectGarbage, round } from './measure.js';

interface Options { items: number; runs: number; json: boolean; texts: boolean }

const usage = `usage: node dist/bench/decide-throughput.js [--items N] [--runs R] [--texts] [--json]
  --texts    the labelled free texts (e-mail, SMS, transcripts, OCR) instead of the form mix
  --items N  items in the mix (default 5000, as bench/normalizer-throughput.ts)
  --runs R   measured runs; min, median and max are printed (default 3)
  --json     print one JSON object on stdout instead of the table`;

function parseArgs(argv: string[]): Options {
  const o: Options = { items: 5000, runs: 3, json: false, texts: false };
  const positive = (flag: string, v: string | undefined): number => {
    const n = Number(v);
    if (!Number.isInteger(n) || n <= 0) throw new Error(`${flag} needs a positive integer\n${usage}`);
    return n;
  };
  for (let i = 0; i < argv.length; i++) {
    const a = argv[i];
    if (a === '--items') o.items = positive(a, argv[++i]);
    else if (a === '--runs') o.runs = positive(a, argv[++i]);
    else if (a === '--json') o.json = true;
    else if (a === '--texts') o.texts = true;
    else throw new Error(`unknown argument ${a}\n${usage}`);
  }
  return o;
}

interface Run {
  decide: number;
  baseline: number;
  ratio: number;
  /** 1-minute load average when the run started: other work on the machine slows both sides. */
  load: number;
}

function median(xs: readonly number[]): number {
  const s = [...xs].sort((a, b) => a - b);
  return s[Math.floor(s.length / 2)] ?? 0;
}

function timed(pass: () => void, items: number): number {
  const t = performance.now();
  pass();
  return items / ((performance.now() - t) / 1000);
}

/**
 * One run: decide() and the baseline in alternate rounds, after one unmeasured round of each, so
 * that both meet the same load from the rest of the machine; median rates and the median of the
 * rounds' ratios.
 */
function measure(decidePass: () => void, baselinePass: () => void, items: number): Run {
  const load = round(loadavg()[0] ?? 0, 2);
  collectGarbage();
  decidePass();
  baselinePass();
  const decideRates: number[] = [];
  const baselineRates: number[] = [];
  const ratios: number[] = [];
  const t0 = performance.now();
  while (decideRates.length < 5 || (performance.now() - t0 < 1000 && decideRates.length < 50)) {
    const d = timed(decidePass, items);
    const b = timed(baselinePass, items);
    decideRates.push(d);
    baselineRates.push(b);
    ratios.push(d / b);
  }
  return { decide: round(median(decideRates), 0), baseline: round(median(baselineRates), 0), ratio: round(median(ratios), 3), load };
}

function spread(xs: readonly number[]): { min: number; median: number; max: number } {
  const s = [...xs].sort((a, b) => a - b);
  return { min: s[0] ?? 0, median: s[Math.floor(s.length / 2)] ?? 0, max: s[s.length - 1] ?? 0 };
}

function main(): void {
  const o = parseArgs(process.argv.slice(2));
  const items = o.texts ? makeTextItems(o.items) : makeItems(o.items, 'decide-throughput').map((b) => b.item);
  const ctx = { catalogue: defaultCatalogue };
  const kinds: Record<Decision['kind'], number> = { crm: 0, 'needs-info': 0, 'archive-only': 0, ignored: 0 };
  for (const item of items) kinds[decide(item, ctx).kind] += 1;
  // Results are kept in a sink the optimiser cannot see through, so neither loop is dropped as dead code.
  let sink = 0;
  const runs: Run[] = [];
  for (let r = 1; r <= o.runs; r++) {
    const run = measure(() => {
      for (const item of items) sink += decide({ ...item }, ctx).reasons.length;
    }, () => {
      for (const item of items) sink += (JSON.parse(JSON.stringify({ ...item })) as { attachments: unknown[] }).attachments.length;
    }, items.length);
    runs.push(run);
    process.stderr.write(`run ${r}/${o.runs}: decide() ${run.decide} items/s, baseline ${run.baseline} items/s\n`);
  }
  const summary = { decide: spread(runs.map((x) => x.decide)), baseline: spread(runs.map((x) => x.baseline)), ratio: spread(runs.map((x) => x.ratio)) };
  if (o.json) {
    console.log(JSON.stringify({ node: process.version, items: o.items, kinds, runs, summary, sink }));
    return;
  }
  console.log(`decide() on the ${o.texts ? 'labelled free texts' : 'bench mix'}: ${o.items} items (${Object.entries(kinds).map(([k, n]) => `${k} ${n}`).join(', ')}); node ${process.version}`);
  console.log('| run | load | decide() items/s | baseline (JSON round trip) items/s | decide/baseline |');
  console.log('|---|---|---|---|---|');
  runs.forEach((x, i) => console.log(`| ${i + 1} | ${x.load} | ${x.decide} | ${x.baseline} | ${x.ratio} |`));
  const f = (s: { min: number; median: number; max: number }): string => `${s.min} / ${s.median} / ${s.max}`;
  console.log(`\nmin / median / max: decide() ${f(summary.decide)} items/s; baseline ${f(summary.baseline)} items/s; ratio ${f(summary.ratio)}`);
  if (sink < 0) console.log(sink);
}

main();
