/**
 * Decides a few made-up applications of every kind as the normalizer starts, while its group join
 * is on the network: V8 compiles decide()'s paths on their first calls, which made the first
 * applications after a start several times slower than the rest (issue 11's first-seconds tail).
 * One decision per turn of the event loop, so capture's requests are never held up behind it.
 */
import type { Channel, RawItem } from '../schemas/types.generated.js';
import type { Catalogue } from './catalogue/index.js';
import { decide } from './decide.js';
import { readRawItem } from './read-raw-item.js';

const ROUNDS = 12;

// Invented people; the national IDs pass the checksum so the complete paths run.
const samples: RawItem[] = ([
  ['webform', { form: { fullName: 'ayşe IŞIK', phone: '0532 123 45 67', nationalId: '70226422252', district: 'Kadıköy', mainTopic: 'billing', subTopic: 'high-bill', description: 'Bu ayki faturam geçen aya göre üç kat yüksek geldi.' } }],
  ['webform', { form: { fullName: 'Mehmet Kaya', email: 'mehmet.kaya@example.com', description: 'Sayacım çalışmıyor, okuma yapılamadı.' } }],
  ['webform', { form: { fullName: 'Zeynep Demir', phone: '+90 216 555 12 34', nationalId: '10000000146', contractAccountNumber: '1234567890', district: 'Üsküdar', description: 'Merdiven boşluğunda gaz kokusu var!' } }],
  ['email', { text: { source: 'typed', subject: 'Fatura itirazı', sender: 'ali.yilmaz@example.com', senderName: 'Ali Yılmaz', body: 'Sayın yetkili,\n\nOcak faturam çok yüksek geldi. T.C. Kimlik No: 31415926562, Sözleşme Hesap No: 4000123456.\nAdres: Caferağa Mah. Moda Cad. No:5 D:3 Kadıköy\nTel: 0532 765 43 21\n\nSaygılarımla,\nAli Yılmaz' } }],
  ['sms', { text: { source: 'typed', sender: '+905321112233', body: 'merhaba sayac okunmadi fatura tahmini geldi tc 27182818254 ad soyad fatma sahin' } }],
  ['voicemail', { text: { source: 'transcript', body: 'merhaba ben hasan çelik kimlik numaram on bir haneli üç bir dört bir beş dokuz iki altı beş altı iki telefonum sıfır beş yüz otuz iki yüz yirmi üç kırk beş altmış yedi doğalgazım kesildi' } }],
  ['letter', { text: { source: 'ocr', confidence: 0.82, body: 'İGDAŞ Genel Müdürlüğüne\n\nKonu: Abonelik devri\n\nAdı Soyadı: Emine Arslan\nT.C. Kimlík No: 7O226422252\nAdres: Bağdat Cad. No:12 Maltepe\n\nAbonelik devri için başvurumun sonucunu bekliyorum.\n\nEmine Arslan' } }],
] as Array<[Channel, Pick<RawItem, 'form' | 'text'>]>).map(([channel, parts], i) => ({
  schemaVersion: 1, itemId: `warm-up:${i.toString(16).padStart(32, '0')}`, channel,
  receivedAt: '2026-03-10T09:00:00.000Z', connector: 'warm-up', sourceRef: 'warm-up', attachments: [], ...parts,
}));

const nextTurn = (): Promise<void> => new Promise((resolve) => setImmediate(resolve));

/** Resolves once every sample was read and decided {@link ROUNDS} times; stops early on `signal`. */
export async function warmUp(catalogue: Catalogue, signal: AbortSignal): Promise<void> {
  const bytes = samples.map((item) => Buffer.from(JSON.stringify(item)));
  for (let round = 0; round < ROUNDS; round++) {
    for (const value of bytes) {
      if (signal.aborted) return;
      decide(readRawItem(value), { catalogue });
      await nextTurn();
    }
  }
}
