/**
 * The live dashboard end to end: `intake daemon` as a child process on the real Kafka and
 * PostgreSQL, applications through the web form, then /dashboard in headless Chromium (Debian's,
 * driven by playwright-core). The numbers on screen must be the database's, read here by SQL of
 * our own; the page's screenshot goes to docs/dashboard.png.
 */
import assert from 'node:assert/strict';
import { mkdtempSync, rmSync, statSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import pg from 'pg';
import { chromium, type Browser, type Page } from 'playwright-core';
import { freePort, startDaemonProcess, stopDaemonProcess, type DaemonProcess } from '../support/daemon-process.js';
import { databaseUrl, dropSchema, repoRoot, runId, testBrokers } from '../support/infra.js';
import { runTopics } from '../support/run-topics.js';
import { waitFor } from '../support/wait-for.js';

const token = 'e2e-wall-screen-token-0123456789';
const screenshot = join(repoRoot, 'docs', 'dashboard.png');
const CHROMIUM_ARGS = ['--headless', '--no-sandbox', '--disable-gpu', '--disable-quic', '--no-first-run', '--disable-background-networking', '--disable-component-update', '--disable-sync'];

/** What the web form receives: gas smells and other complaints from several districts. */
const applications = [
  { fullName: 'Deniz Aydın', phone: '05331234567', nationalId: '52000220674', district: 'Kadıköy', address: 'Moda Cad. 12 Kadıköy', mainTopic: 'emergency', subTopic: 'gas-smell', description: 'Apartman girişinde yoğun gaz kokusu var.' },
  { fullName: 'Kerem Aksoy', phone: '05449876543', nationalId: '16408280098', district: 'Üsküdar', address: 'Kuzguncuk Mah. 3 Üsküdar', description: 'Bodrum katta gaz kaçağı var, koku geliyor!' },
  { fullName: 'Selin Acar', phone: '05412223344', nationalId: '52660684816', district: 'Kadıköy', address: 'Söğütlüçeşme Cad. 20 Kadıköy', mainTopic: 'billing', subTopic: 'high-bill', description: 'Bu ayki faturam geçen aya göre üç kat yüksek geldi.' },
  { fullName: 'Mehmet Öztürk', phone: '+90 212 555 01 02', nationalId: '10000000146', district: 'Beşiktaş', address: 'Barbaros Bulvarı 5 Beşiktaş', mainTopic: 'subscription', subTopic: 'new-subscription', description: 'Yeni taşındığım dairede doğal gaz aboneliği açtırmak istiyorum.' },
  { fullName: 'Ayşe Yılmaz', phone: '05321234567', district: 'Şişli', address: 'Halaskargazi Cad. 40 Şişli', mainTopic: 'meter', subTopic: 'faulty-meter', description: 'Sayacım çalışmıyor, ekranı kapalı.' },
  { fullName: 'Fatma Kaya', phone: '05057778899', nationalId: '23456789138', district: 'Şişli', address: 'Mecidiyeköy Yolu 8 Şişli', mainTopic: 'emergency', subTopic: 'gas-leak', description: 'Sokaktaki borudan gaz sızıyor, ses geliyor.' },
];

interface ScreenRow { key: string; total: number }

/** "1.234" (tr-TR) → 1234. */
const number = (text: string | null): number => Number((text ?? '').replace(/\./g, ''));

async function screenTable(page: Page, testId: string): Promise<ScreenRow[]> {
  const rows = await page.$$eval(`[data-testid="${testId}"] tbody tr[data-key]`, (trs) => trs.map((tr) => [(tr as HTMLElement).dataset.key ?? '', tr.querySelector('[data-col="total"]')?.textContent ?? '']));
  return rows.map(([key, total]) => ({ key: key ?? '', total: number(total ?? null) })).sort((a, b) => (a.key < b.key ? -1 : 1));
}

describe('dashboard end to end (real Kafka, real PostgreSQL, headless Chromium)', function () {
  this.timeout(120_000);
  const id = runId('e2e_dash');
  const topics = runTopics(id);
  const work = mkdtempSync(join(tmpdir(), 'intake-e2e-dashboard-'));
  let stopBrokers: () => Promise<void>;
  let daemon: DaemonProcess | null = null;
  let reports: string;
  let db: pg.Client;
  let browser: Browser | null = null;
  const itemIds: string[] = [];
  let failed = true;

  /** Today's counts in Istanbul by our own SQL, as the reports count them (linked repeats apart). */
  async function expectedToday(keySql: string): Promise<ScreenRow[]> {
    const today = new Intl.DateTimeFormat('en-CA', { timeZone: 'Europe/Istanbul' }).format(new Date());
    const rows = await db.query<{ key: string; total: number }>(
      `SELECT ${keySql} AS key, count(*)::int AS total FROM ${id}.applications
       WHERE linked_to_item_id IS NULL AND received_at >= $1::timestamptz AND received_at < $1::timestamptz + interval '1 day' GROUP BY 1`,
      [`${today}T00:00:00+03:00`],
    );
    return rows.rows.sort((a, b) => (a.key < b.key ? -1 : 1));
  }

  before(async () => {
    const brokers = await testBrokers();
    stopBrokers = brokers.stop;
    const configFile = join(work, 'intake.json');
    writeFileSync(configFile, JSON.stringify({
      dataDir: join(work, 'data'),
      kafka: { topics, partitions: 1 },
      normalizer: { consumerGroup: `${id}-normalizer`, sessionTimeoutMs: 10000 },
      // Not under test, and each would join a group of its own.
      transcription: { enabled: false },
      ocr: { enabled: false },
    }));
    const reportsPort = await freePort();
    daemon = await startDaemonProcess({
      configFile,
      port: await freePort(),
      logFile: join(work, 'daemon.log'),
      env: { KAFKA_BROKERS: brokers.brokers.join(','), DATABASE_URL: databaseUrl, INTAKE_DB_SCHEMA: id, INTAKE_OPERATOR_TOKENS: `e2e-screen=${token}`, INTAKE_REPORTS_PORT: String(reportsPort) },
    });
    reports = `http://127.0.0.1:${reportsPort}`;
    db = new pg.Client({ connectionString: databaseUrl });
    await db.connect();

    const webform = daemon.endpoint;
    for (const [i, form] of applications.entries()) {
      const response: Response = await fetch(`${webform}/v1/applications`, { method: 'POST', headers: { 'content-type': 'application/json', 'idempotency-key': `${id}-${i}` }, body: JSON.stringify(form) });
      assert.equal(response.status, 202, await response.clone().text());
      itemIds.push(((await response.json()) as { itemId: string }).itemId);
    }
    await waitFor('every application recorded', async () => {
      const { rows } = await db.query<{ n: number }>(`SELECT count(*)::int AS n FROM ${id}.applications WHERE item_id = ANY($1)`, [itemIds]).catch(() => ({ rows: [{ n: 0 }] }));
      return rows[0]?.n === itemIds.length ? true : null;
    }, 60_000, 100);

    browser = await chromium.launch({ executablePath: '/usr/bin/chromium', args: CHROMIUM_ARGS });
    failed = false;
  });

  after(async () => {
    await browser?.close();
    await stopDaemonProcess(daemon);
    await db?.end();
    await dropSchema(id);
    await stopBrokers?.();
    // The daemon's log stays for a failed run to be read.
    if (!failed) rmSync(work, { recursive: true, force: true });
    else process.stderr.write(`dashboard e2e: the daemon's log is in ${join(work, 'daemon.log')}\n`);
  });

  afterEach(function () {
    if (this.currentTest?.state === 'failed') failed = true;
  });

  context('without an operator token', () => {
    it('answers 401 on the dashboard, its data and the reports, and 200 on /healthz', async () => {
      for (const url of ['/dashboard', '/v1/overview', '/v1/reports?by=unit', '/dashboard/vendor/uPlot.esm.js']) {
        const response = await fetch(`${reports}${url}`);
        assert.equal(response.status, 401, url);
      }
      const wrong = await fetch(`${reports}/v1/overview`, { headers: { authorization: 'Bearer not-the-token-0123456789' } });
      assert.equal(wrong.status, 401);
      assert.equal((await fetch(`${reports}/healthz`)).status, 200);
    });
  });

  context('when an operator signs in on the dashboard in Chromium', () => {
    let page: Page;
    const problems: string[] = [];
    // The sign-in page itself comes with a 401, which Chromium logs: only what follows counts.
    let signedIn = false;

    before(async () => {
      // A fresh profile each launch: no cookie from an earlier run.
      const context = await (browser as Browser).newContext({ viewport: { width: 1280, height: 900 }, locale: 'tr-TR', timezoneId: 'America/New_York' });
      page = await context.newPage();
      page.on('console', (message) => { if (signedIn && message.type() === 'error') problems.push(`${message.text()} ${message.location().url}`); });
      page.on('pageerror', (error) => problems.push(error.message));
      const first = await page.goto(`${reports}/dashboard`);
      assert.equal(first?.status(), 401);
      await page.fill('#token', token);
      signedIn = true;
      await Promise.all([page.waitForURL(`${reports}/dashboard`), page.click('button[type="submit"]')]);
      await page.waitForSelector('body[data-loaded="true"]', { timeout: 20_000 });
    });

    it("shows today's applications by unit, topic and region as the database counts them", async () => {
      assert.deepEqual(await screenTable(page, 'today-unit'), await expectedToday(`COALESCE(unit, '(none)')`));
      assert.deepEqual(await screenTable(page, 'today-topic'), await expectedToday(`CASE WHEN topic_main IS NULL THEN '(none)' WHEN topic_sub IS NULL THEN topic_main ELSE topic_main || '/' || topic_sub END`));
      const regions = await expectedToday(`COALESCE(NULLIF(btrim(district), ''), '(unknown)')`);
      assert.deepEqual(await screenTable(page, 'today-region'), regions);
      assert.equal(number(await page.textContent('[data-testid="today-total"]')), regions.reduce((sum, r) => sum + r.total, 0));
      assert.ok(regions.length >= 4, JSON.stringify(regions));
    });

    it('shows the open gas emergencies on top, their count and ids as in the database', async () => {
      const { rows } = await db.query<{ item_id: string }>(`SELECT item_id FROM ${id}.applications
        WHERE emergency AND resolved_at IS NULL AND linked_to_item_id IS NULL AND kind IN ('crm', 'needs-info')`);
      assert.ok(rows.length >= 3, 'three of the applications report gas');
      assert.equal(number(await page.textContent('[data-testid="open-emergencies-count"]')), rows.length);
      const onScreen = await page.$$eval('[data-testid="open-emergencies"] tbody tr', (trs) => trs.map((tr) => (tr as HTMLElement).dataset.itemId ?? ''));
      assert.deepEqual([...onScreen].sort(), rows.map((r) => r.item_id).sort());
      const top = await page.$$eval('main > section', (sections) => sections.map((s) => s.className));
      assert.equal(top[0], 'emergencies');
    });

    it('shows the consumer lag and the dead letters read from Kafka, not n/a', async () => {
      assert.match(await page.textContent('[data-testid="lag-now"]') ?? '', new RegExp(`${id}-normalizer: \\d`));
      assert.match(await page.textContent('[data-testid="dead-letters"]') ?? '', /^topic'te \d/);
    });

    it('draws its charts with uPlot, with no script or CSP error', async () => {
      assert.equal(await page.locator('.uplot').count(), 5);
      assert.deepEqual(problems, []);
    });

    it('saves a screenshot to docs/dashboard.png under 300 KB', async () => {
      await page.screenshot({ path: screenshot, fullPage: true });
      assert.ok(statSync(screenshot).size < 300 * 1024, `${statSync(screenshot).size} bytes`);
    });
  });
});
