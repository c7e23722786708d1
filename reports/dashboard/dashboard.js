// The live dashboard: reads GET /v1/overview every 10 s (the session cookie goes with it) and
// draws it. Data is written with textContent only: district and unit names come from customers.
import { timeChart } from './charts.js';
import { channelName, clock, count, kindName, longDay, when } from './format.js';

const REFRESH_MS = 10_000;
const $ = (selector) => document.querySelector(selector);

const charts = {
  channel: timeChart($('#chart-channel')),
  kind: timeChart($('#chart-kind')),
  emergencies: timeChart($('#chart-emergencies')),
  lag: timeChart($('#chart-lag'), { seconds: true }),
  dead: timeChart($('#chart-dead'), { seconds: true }),
};

function cell(tag, text, attributes = {}) {
  const element = document.createElement(tag);
  element.textContent = text;
  for (const [name, value] of Object.entries(attributes)) element.setAttribute(name, value);
  return element;
}

function fillBreakdown(table, rows) {
  const body = table.querySelector('tbody');
  body.replaceChildren(...rows.map((row) => {
    const tr = document.createElement('tr');
    tr.dataset.key = row.key;
    tr.append(
      cell('th', row.key, { scope: 'row' }),
      cell('td', count(row.total), { 'data-col': 'total' }),
      cell('td', count(row.emergencies), { 'data-col': 'emergencies' }),
      cell('td', count(row.open), { 'data-col': 'open' }),
      cell('td', count(row.overdue), { 'data-col': 'overdue' }),
    );
    if (row.emergencies > 0) tr.classList.add('has-emergency');
    return tr;
  }));
  if (rows.length === 0) {
    const empty = document.createElement('tr');
    empty.className = 'empty';
    empty.append(cell('td', 'bugün başvuru yok', { colspan: '5' }));
    body.append(empty);
  }
}

function fillEmergencies(open) {
  $('[data-testid="open-emergencies-count"]').textContent = count(open.total);
  document.body.classList.toggle('alarm', open.total > 0);
  const body = $('[data-testid="open-emergencies"] tbody');
  body.replaceChildren(...open.items.map((item) => {
    const tr = document.createElement('tr');
    tr.dataset.itemId = item.itemId;
    if (item.overdue) tr.classList.add('overdue');
    tr.append(
      cell('td', item.applicationNumber ?? '—', { 'data-col': 'applicationNumber' }),
      cell('td', item.itemId, { 'data-col': 'itemId', title: item.itemId }),
      cell('td', channelName(item.channel)),
      cell('td', when(item.receivedAt)),
      cell('td', item.district ?? '(bilinmiyor)'),
      cell('td', item.unit ?? '—'),
      cell('td', item.deadline === null ? '—' : `${when(item.deadline)}${item.overdue ? ' (geçti)' : ''}`),
    );
    return tr;
  }));
  const more = $('#emergencies-more');
  more.hidden = open.total <= open.items.length;
  more.textContent = `ilk ${count(open.items.length)} gösteriliyor (son tarihi en yakın olanlar)`;
}

function drawKafka(kafka) {
  const notes = document.querySelectorAll('.kafka-note');
  if (kafka === null) {
    $('#lag-now').textContent = 'n/a';
    $('#dead-letters').textContent = 'n/a';
    for (const note of notes) note.textContent = 'Kafka göstergeleri bu sunucuya verilmedi (n/a).';
    return;
  }
  const lag = kafka.lag;
  $('#lag-now').textContent = lag === null ? 'n/a' : lag.length === 0 ? '—' : lag.map((g) => `${g.group}: ${count(g.lag)}`).join(' · ');
  const samples = kafka.samples;
  const added = samples.deadLettersAdded.filter((v) => v !== null).reduce((a, b) => a + b, 0);
  const recent = samples.times.length < 2 ? '' : ` · son ${count(samples.times.length - 1)} dk: ${count(added)}`;
  $('#dead-letters').textContent = samples.deadLetterTotal === null ? 'n/a' : `topic'te ${count(samples.deadLetterTotal)}${recent}`;
  const since = samples.since === null ? '' : ` (${clock(samples.since)} itibarıyla)`;
  for (const note of notes) note.textContent = `Dakikalık örnekler sunucu belleğinde tutulur${since}; daemon yeniden başlayınca sıfırlanır.`;
  charts.lag.update(samples.times, samples.lagByGroup.map((g) => ({ label: g.group, values: g.lag })));
  charts.dead.update(samples.times, [{ label: 'dead letter', values: samples.deadLettersAdded }]);
}

function draw(doc) {
  fillEmergencies(doc.openEmergencies);
  $('[data-testid="today-total"]').textContent = count(doc.today.total.total);
  $('#today-day').textContent = longDay(doc.today.from);
  fillBreakdown($('[data-testid="today-region"]'), doc.today.byRegion);
  fillBreakdown($('[data-testid="today-unit"]'), doc.today.byUnit);
  fillBreakdown($('[data-testid="today-topic"]'), doc.today.byTopic);
  const bucket = doc.window.bucketSeconds === 60 ? 'dakikalık' : 'saatlik';
  for (const small of document.querySelectorAll('.bucket')) small.textContent = `(${bucket}, son ${count(doc.window.hours)} saat)`;
  const { times, byChannel, byKind, emergencies } = doc.flow;
  charts.channel.update(times, byChannel.length === 0 ? [{ label: 'başvuru', values: times.map(() => 0) }] : byChannel.map((c) => ({ label: channelName(c.channel), values: c.items })));
  charts.kind.update(times, byKind.map((k) => ({ label: kindName(k.kind), values: k.items })));
  charts.emergencies.update(times, [{ label: 'acil', values: emergencies }]);
  drawKafka(doc.kafka);
  const updated = $('#updated');
  updated.textContent = clock(doc.generatedAt, true);
  updated.dateTime = doc.generatedAt;
}

function state(text, problem) {
  const element = $('#state');
  element.textContent = text;
  element.classList.toggle('problem', problem);
}

let timer = null;

async function refresh() {
  clearTimeout(timer);
  try {
    const response = await fetch(`v1/overview?hours=${encodeURIComponent($('#hours').value)}`, { headers: { accept: 'application/json' }, cache: 'no-store' });
    if (response.status === 401) {
      // Signed out (the daemon restarted, or the session idled out): the page asks for the token.
      location.reload();
      return;
    }
    if (!response.ok) {
      state(response.status === 503 ? 'veritabanı yanıt vermiyor; yeniden deneniyor' : `hata ${response.status}; yeniden deneniyor`, true);
    } else {
      draw(await response.json());
      state('canlı', false);
      document.body.dataset.loaded = 'true';
    }
  } catch {
    state('sunucuya ulaşılamıyor; yeniden deneniyor', true);
  }
  timer = setTimeout(refresh, REFRESH_MS);
}

$('#hours').addEventListener('change', () => void refresh());
void refresh();
