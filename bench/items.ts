/**
 * Deterministic, schema-valid raw items for the benchmark: what the web-form connector publishes
 * (see connectors/webform/to-raw-item.ts), in a realistic mix of complete, incomplete, staff-entered
 * and empty forms. Seeded, so every run and every copy of a run sees the same items.
 */
import { createHash } from 'node:crypto';
import type { ApplicationForm, RawItem } from '../schemas/types.generated.js';
import { pick, prng, type Rand } from './random.js';

const digits = (r: Rand, n: number): string => Array.from({ length: n }, () => String(Math.floor(r() * 10))).join('');

/** Made-up T.C. Kimlik numbers that pass the checksum (the ones used across the test-suite). */
export const knownValidNationalIds = ['70226422252', '52000220674', '16408280098'] as const;

/** A made-up national ID that passes the T.C. Kimlik No checksum. */
export function validNationalId(r: Rand): string {
  const d = [1 + Math.floor(r() * 9), ...Array.from({ length: 8 }, () => Math.floor(r() * 10))];
  const at = (i: number): number => d[i] ?? 0;
  const odd = at(0) + at(2) + at(4) + at(6) + at(8);
  const even = at(1) + at(3) + at(5) + at(7);
  d.push((((odd * 7 - even) % 10) + 10) % 10);
  d.push(d.reduce((a, b) => a + b, 0) % 10);
  return d.join('');
}

/** Same shape, last digit off by one: fails the checksum. */
function invalidNationalId(r: Rand): string {
  const ok = validNationalId(r);
  return ok.slice(0, 10) + String((Number(ok[10]) + 1) % 10);
}

const firstNames = ['ayşe', 'Mehmet', 'FATMA', 'Ali', 'Zeynep', 'Mustafa', 'Elif', 'Hüseyin', 'Emine', 'İbrahim', 'Özlem', 'Çağrı', 'Şükrü', 'Gülşen', 'Deniz', 'Ece'];
const lastNames = ['IŞIK', 'Yılmaz', 'kaya', 'Demir', 'Şahin', 'Çelik', 'Yıldız', 'Öztürk', 'Aydın', 'Özdemir', 'Arslan', 'Doğan', 'Kılıç', 'Tan', 'Güneş', 'Erdoğan'];
const districts = ['Kadıköy', 'Üsküdar', 'Beşiktaş', 'Şişli', 'Bakırköy', 'Ataşehir', 'Maltepe', 'Pendik', 'Esenyurt', 'Beylikdüzü', 'Sarıyer', 'Fatih'];
const streets = ['Bağdat Cad.', 'Atatürk Bulvarı', 'Cumhuriyet Mah. Lale Sok.', 'Fenerbahçe Mah. Gül Sok.', 'Barbaros Bulvarı', 'Mimar Sinan Cad.'];
const topics: ReadonlyArray<readonly [string, string]> = [
  ['billing', 'high-bill'], ['billing', 'payment-not-credited'], ['billing', 'refund'], ['billing', 'late-fee'],
  ['meter', 'faulty-meter'], ['meter', 'meter-reading'], ['meter', 'card-meter'], ['supply', 'reconnection'],
  ['supply', 'low-pressure'], ['subscription', 'new-subscription'], ['subscription', 'transfer'], ['infrastructure', 'excavation'],
  ['staff', 'staff-conduct'], ['installation', 'inspection'], ['information', 'tariff'], ['suggestion', 'service-improvement'],
];
const emergencyTopics: ReadonlyArray<readonly [string, string]> = [['emergency', 'gas-smell'], ['emergency', 'gas-leak'], ['emergency', 'damaged-line']];
const sentences = [
  'Bu ayki faturam geçen aya göre üç kat yüksek geldi.',
  'Sayacımın ekranı iki gündür hiçbir şey göstermiyor.',
  'Ödememi bankadan yaptım ama sistemde hâlâ borçlu görünüyorum.',
  'Kartlı sayaca yükleme yaptım, kredi sayaca geçmedi.',
  'Apartmanımızda kombiler sabahları yeterli basınçla çalışmıyor.',
  'Sokağımızda yapılan kazı üç haftadır kapatılmadı, yaya yolu kullanılamıyor.',
  'Abonelik devri için gerekli belgeleri iletmiştim, henüz dönüş alamadım.',
  'Randevu verilen saatte ekip gelmedi ve kimse haber vermedi.',
  'Endeks okuma yapılmadan tahmini fatura kesilmiş.',
  'Taşındığım için aboneliğimin iptal edilmesini rica ediyorum.',
  'Merdiven boşluğunda hafif bir gaz kokusu var.',
  'Çağrı merkezine ulaşmaya çalıştım fakat uzun süre beklettirildim.',
  'Güvence bedelimin iadesi hakkında bilgi almak istiyorum.',
  'Gecikme bedelinin neden uygulandığını anlayamadım.',
];
const solutions = ['Faturanın yeniden hesaplanmasını istiyorum.', 'Sayacın değiştirilmesini talep ediyorum.', 'Bir ekibin yerinde kontrol yapmasını rica ederim.'];

function phone(r: Rand): string {
  const n = `5${digits(r, 2)}${digits(r, 7)}`;
  return pick(r, [
    `0${n.slice(0, 3)} ${n.slice(3, 6)} ${n.slice(6, 8)} ${n.slice(8)}`,
    `+90 (${n.slice(0, 3)}) ${n.slice(3, 6)}-${n.slice(6, 8)}-${n.slice(8)}`,
    `0${n}`,
    `${n.slice(0, 3)} ${n.slice(3)}`,
    `0216 ${digits(r, 3)} ${digits(r, 2)} ${digits(r, 2)}`,
  ]);
}

function person(r: Rand): { fullName: string; email: string } {
  const first = pick(r, firstNames);
  const last = pick(r, lastNames);
  const ascii = (s: string): string => s.toLocaleLowerCase('tr').replace(/ı/g, 'i').replace(/ş/g, 's').replace(/ğ/g, 'g').replace(/ü/g, 'u').replace(/ö/g, 'o').replace(/ç/g, 'c').replace(/i̇/g, 'i');
  return { fullName: `${first} ${last}`, email: `${ascii(first)}.${ascii(last)}${Math.floor(r() * 100)}@example.com.tr` };
}

function description(r: Rand): string {
  const n = 1 + Math.floor(r() * 5);
  return Array.from({ length: n }, () => pick(r, sentences)).join(' ');
}

/** The profiles of the mix, with their weights (percent) and what the normalizer should decide. */
export const profiles = [
  { name: 'complete non-subscriber', weight: 34, expect: 'crm' },
  { name: 'complete subscriber', weight: 18, expect: 'crm' },
  { name: 'complete, emergency topic, proposed solution', weight: 4, expect: 'crm' },
  { name: 'complete, invalid phone beside a valid e-mail', weight: 3, expect: 'crm' },
  { name: 'complete, topic missing or unknown', weight: 5, expect: 'crm' },
  { name: 'staff-entered phone/face-to-face form', weight: 4, expect: 'crm' },
  { name: 'missing national ID', weight: 9, expect: 'needs-info' },
  { name: 'invalid national ID (checksum)', weight: 6, expect: 'needs-info' },
  { name: 'subscriber without contract account', weight: 5, expect: 'needs-info' },
  { name: 'missing description', weight: 4, expect: 'needs-info' },
  { name: 'no way to reach the person', weight: 3, expect: 'needs-info' },
  { name: 'name only / half-filled', weight: 3, expect: 'needs-info' },
  { name: 'empty form', weight: 2, expect: 'ignored' },
] as const;

function form(r: Rand, profile: (typeof profiles)[number]['name']): { form: ApplicationForm; enteredBy: string | null } {
  const p = person(r);
  const [main, sub] = pick(r, topics);
  const id = r() < 0.3 ? pick(r, knownValidNationalIds) : validNationalId(r);
  const base: ApplicationForm = {
    fullName: p.fullName, phone: phone(r), nationalId: id, district: pick(r, districts),
    mainTopic: main, subTopic: sub, description: description(r),
  };
  if (r() < 0.4) base.email = p.email;
  if (r() < 0.5) base.address = `${pick(r, streets)} No: ${1 + Math.floor(r() * 120)} D: ${1 + Math.floor(r() * 30)}, ${base.district ?? ''}`;
  const subscriber = (f: ApplicationForm): ApplicationForm => ({ ...f, isSubscriber: true, contractAccountNumber: r() < 0.5 ? digits(r, 10) : `${digits(r, 4)} ${digits(r, 4)}` });
  switch (profile) {
    case 'complete non-subscriber': return { form: { ...base, isSubscriber: false }, enteredBy: null };
    case 'complete subscriber': return { form: subscriber(base), enteredBy: null };
    case 'complete, emergency topic, proposed solution': {
      const [m, s] = pick(r, emergencyTopics);
      return { form: { ...base, mainTopic: m, subTopic: s, proposedSolution: pick(r, solutions) }, enteredBy: null };
    }
    case 'complete, invalid phone beside a valid e-mail': return { form: { ...base, phone: '12345', email: p.email }, enteredBy: null };
    case 'complete, topic missing or unknown': {
      const { mainTopic: _m, subTopic: _s, ...rest } = base;
      return { form: r() < 0.5 ? rest : { ...rest, mainTopic: 'diger', subTopic: 'bilinmiyor' }, enteredBy: null };
    }
    case 'staff-entered phone/face-to-face form':
      return { form: { ...subscriber(base), channel: r() < 0.6 ? 'phone' : 'face-to-face' }, enteredBy: pick(r, ['agent-ankara', 'agent-istanbul', 'desk-kadikoy']) };
    case 'missing national ID': { const { nationalId: _n, ...rest } = base; return { form: rest, enteredBy: null }; }
    case 'invalid national ID (checksum)': return { form: { ...base, nationalId: r() < 0.5 ? invalidNationalId(r) : '12345678901' }, enteredBy: null };
    case 'subscriber without contract account': return { form: { ...base, isSubscriber: true }, enteredBy: null };
    case 'missing description': { const { description: _d, ...rest } = base; return { form: r() < 0.5 ? rest : { ...rest, description: '   ' }, enteredBy: null }; }
    case 'no way to reach the person': { const { phone: _p, email: _e, address: _a, ...rest } = base; return { form: rest, enteredBy: null }; }
    case 'name only / half-filled': return { form: { fullName: p.fullName, mainTopic: main }, enteredBy: null };
    case 'empty form': return { form: r() < 0.5 ? {} : { fullName: '  ', description: '' }, enteredBy: null };
  }
}

export interface BenchItem { item: RawItem; json: string; profile: string }

/**
 * `count` raw items, each with a distinct `webform:<32 hex>` id derived from `salt` and its index.
 * @param seed fixes the mix and the field values
 */
export function makeItems(count: number, salt: string, seed = 20261124): BenchItem[] {
  const r = prng(seed);
  const total = profiles.reduce((a, p) => a + p.weight, 0);
  const start = Date.parse('2026-01-05T06:00:00.000Z');
  const out: BenchItem[] = [];
  for (let i = 0; i < count; i++) {
    let roll = r() * total;
    const profile = profiles.find((p) => (roll -= p.weight) < 0) ?? profiles[0];
    const itemId = `webform:${createHash('sha256').update(`${salt}\0${i}`).digest('hex').slice(0, 32)}`;
    const { form: f, enteredBy } = form(r, profile.name);
    const { channel = 'webform', ...fields } = f;
    const item: RawItem = {
      schemaVersion: 1,
      itemId,
      channel,
      receivedAt: new Date(start + Math.floor(r() * 300 * 24 * 3600 * 1000)).toISOString(),
      connector: 'webform',
      sourceRef: itemId,
      enteredBy,
      form: fields,
      attachments: [],
    };
    out.push({ item, json: JSON.stringify(item), profile: profile.name });
  }
  return out;
}
