/**
 * The applications the SIGKILL soak posts: valid web-form JSON bodies, each from a different
 * (made-up) person, so that duplicate linking stays out of the figures, in a mix of complete,
 * subscriber, incomplete, free-text, gas-emergency and staff-entered forms, with Turkish text.
 * Seeded, so a run can be repeated with `--seed`.
 */
import { createHash } from 'node:crypto';
import type { ApplicationForm } from '../schemas/types.generated.js';
import { validNationalId } from './items.js';
import { pick, prng } from './random.js';

/** One application as a client holds it: the same key and the same bytes on every retry. */
export interface SoakApplication {
  n: number;
  idempotencyKey: string;
  body: string;
  /** Sent with X-Api-Key (phone or face-to-face channel). */
  staff: boolean;
  /** A reported gas smell: the answer should say so. */
  emergency: boolean;
  profile: string;
}


const firstNames = ['Ayşe', 'mehmet', 'FATMA', 'Ali', 'Zeynep', 'Mustafa', 'Elif', 'Hüseyin', 'Emine', 'İbrahim', 'Özlem', 'Çağrı', 'Şükrü', 'Gülşen', 'ılgın', 'IŞIL'];
const lastNames = ['IŞIK', 'Yılmaz', 'kaya', 'Demir', 'Şahin', 'Çelik', 'Yıldız', 'Öztürk', 'Aydın', 'Özdemir', 'Arslan', 'Doğan', 'Kılıç', 'Güneş', 'Erdoğan', 'Uçar'];
const districts = ['Kadıköy', 'Üsküdar', 'Beşiktaş', 'Şişli', 'Bakırköy', 'Ataşehir', 'Maltepe', 'Pendik', 'Esenyurt', 'Beylikdüzü', 'Sarıyer', 'Fatih'];
const streets = ['Bağdat Cad.', 'Atatürk Bulvarı', 'Cumhuriyet Mah. Lale Sok.', 'Fenerbahçe Mah. Gül Sok.', 'Barbaros Bulvarı', 'Mimar Sinan Cad.'];
const topics: ReadonlyArray<readonly [string, string]> = [
  ['billing', 'high-bill'], ['billing', 'payment-not-credited'], ['billing', 'refund'], ['meter', 'faulty-meter'], ['meter', 'meter-reading'],
  ['meter', 'card-meter'], ['supply', 'low-pressure'], ['subscription', 'transfer'], ['infrastructure', 'excavation'], ['staff', 'staff-conduct'],
  ['information', 'tariff'], ['suggestion', 'service-improvement'],
];
// None of these mentions a gas smell or leak: emergencies come only from the emergency profile.
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
  'Güvence bedelimin iadesi hakkında bilgi almak istiyorum.',
  'Gecikme bedelinin neden uygulandığını anlayamadım.',
  'Çağrı merkezine ulaşmaya çalıştım fakat uzun süre beklettirildim.',
];
const gasReports = [
  'Merdiven boşluğunda gaz kokusu var, komşular da fark etti.',
  'Mutfakta doğalgaz kaçağı olabilir, koku geliyor.',
  'Bodrum katta gaz kacagi var gibi, cok kotu koku geliyor.',
];
const solutions = ['Faturanın yeniden hesaplanmasını istiyorum.', 'Sayacın değiştirilmesini talep ediyorum.', 'Bir ekibin yerinde kontrol yapmasını rica ederim.'];

/** The mix, in percent. */
const profiles = [
  { name: 'complete', weight: 50 },
  { name: 'subscriber', weight: 15 },
  { name: 'free text, no topic', weight: 8 },
  { name: 'missing national ID', weight: 8 },
  { name: 'e-mail only, proposed solution', weight: 7 },
  { name: 'staff-entered', weight: 7 },
  { name: 'gas smell', weight: 5 },
] as const;

const ascii = (s: string): string =>
  s.toLocaleLowerCase('tr-TR').replace(/ı/g, 'i').replace(/ş/g, 's').replace(/ğ/g, 'g').replace(/ü/g, 'u').replace(/ö/g, 'o').replace(/ç/g, 'c');

/**
 * Application number `n` of the run: `runId` and `n` make the Idempotency-Key and the person
 * (phone and e-mail carry `n`), so no two applications of a run share a key or a person.
 */
export function soakApplications(runId: string, seed: number): (n: number) => SoakApplication {
  const r = prng(seed);
  const total = profiles.reduce((a, p) => a + p.weight, 0);
  return (n) => {
    let roll = r() * total;
    const profile = profiles.find((p) => (roll -= p.weight) < 0)?.name ?? 'complete';
    const first = pick(r, firstNames);
    const last = pick(r, lastNames);
    const [main, sub] = pick(r, topics);
    const district = pick(r, districts);
    const serial = String(n).padStart(7, '0');
    const phone = pick(r, [`05${30 + Math.floor(r() * 30)} ${serial.slice(0, 3)} ${serial.slice(3, 5)} ${serial.slice(5)}`, `+90 5${40 + Math.floor(r() * 20)} ${serial}`, `05${50 + Math.floor(r() * 10)}${serial}`]);
    const description = `${Array.from({ length: 1 + Math.floor(r() * 3) }, () => pick(r, sentences)).join(' ')} (başvuru ${n})`;
    const base: ApplicationForm = {
      fullName: `${first} ${last}`, phone, nationalId: validNationalId(r), district, mainTopic: main, subTopic: sub, description,
    };
    if (r() < 0.4) base.address = `${pick(r, streets)} No: ${1 + Math.floor(r() * 120)} D: ${1 + Math.floor(r() * 30)}, ${district}/İstanbul`;
    const email = `${ascii(first)}.${ascii(last)}.${n}@example.com.tr`;
    let form: ApplicationForm;
    switch (profile) {
      case 'complete': form = { ...base, isSubscriber: false }; break;
      case 'subscriber': form = { ...base, isSubscriber: true, contractAccountNumber: String(4_000_000_000 + Math.floor(r() * 999_999_999)) }; break;
      case 'free text, no topic': { const { mainTopic: _m, subTopic: _s, ...rest } = base; form = rest; break; }
      case 'missing national ID': { const { nationalId: _n, ...rest } = base; form = rest; break; }
      case 'e-mail only, proposed solution': { const { phone: _p, address: _a, ...rest } = base; form = { ...rest, email, proposedSolution: pick(r, solutions) }; break; }
      case 'staff-entered': form = { ...base, email, channel: r() < 0.6 ? 'phone' : 'face-to-face' }; break;
      case 'gas smell': form = { ...base, mainTopic: 'emergency', subTopic: 'gas-smell', description: `${pick(r, gasReports)} (başvuru ${n})` }; break;
    }
    const salt = createHash('sha256').update(`${runId}\0${n}\0${seed}`).digest('hex').slice(0, 12);
    return {
      n, idempotencyKey: `${runId}-${n}-${salt}`, body: JSON.stringify(form), staff: profile === 'staff-entered', emergency: profile === 'gas smell', profile,
    };
  };
}

