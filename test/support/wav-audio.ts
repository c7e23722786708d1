/**
 * Audio made in the tests: tones, noise and silence as samples in [-1, 1], written as WAV files in
 * G.711 µ-law (telephone, what the fixtures hold) or 16-bit PCM (what Twilio serves). The µ-law
 * encoder follows the G.711 reference (bias 0x84, clip 32635), independently of the decoder under test.
 */
export const RATE = 8000;

export function silence(ms: number): Float32Array {
  return new Float32Array(Math.round((RATE * ms) / 1000));
}

export function tone(ms: number, amplitude: number, hz = 440): Float32Array {
  return Float32Array.from({ length: Math.round((RATE * ms) / 1000) }, (_, i) => amplitude * Math.sin((2 * Math.PI * hz * i) / RATE));
}

/** Uniform noise from a fixed seed (a linear congruential generator), so runs are alike. */
export function noise(ms: number, amplitude: number, seed = 7): Float32Array {
  let state = seed;
  return Float32Array.from({ length: Math.round((RATE * ms) / 1000) }, () => {
    state = (state * 1103515245 + 12345) % 2147483648;
    return amplitude * ((state / 2147483648) * 2 - 1);
  });
}

export function concat(...parts: Float32Array[]): Float32Array {
  const out = new Float32Array(parts.reduce((n, p) => n + p.length, 0));
  let at = 0;
  for (const p of parts) {
    out.set(p, at);
    at += p.length;
  }
  return out;
}

function linearToMulaw(value: number): number {
  let sample = Math.max(-32768, Math.min(32767, Math.round(value * 32768)));
  const sign = sample < 0 ? 0x80 : 0;
  if (sign) sample = -sample;
  sample = Math.min(sample, 32635) + 0x84;
  let exponent = 7;
  for (let mask = 0x4000; (sample & mask) === 0 && exponent > 0; mask >>= 1) exponent -= 1;
  const mantissa = (sample >> (exponent + 3)) & 0x0f;
  return ~(sign | (exponent << 4) | mantissa) & 0xff;
}

function header(format: number, bitsPerSample: number, dataBytes: number, extra: Buffer = Buffer.alloc(0)): Buffer {
  const blockAlign = bitsPerSample / 8;
  const fmt = Buffer.alloc(16);
  fmt.writeUInt16LE(format, 0);
  fmt.writeUInt16LE(1, 2);
  fmt.writeUInt32LE(RATE, 4);
  fmt.writeUInt32LE(RATE * blockAlign, 8);
  fmt.writeUInt16LE(blockAlign, 12);
  fmt.writeUInt16LE(bitsPerSample, 14);
  const chunk = (id: string, body: Buffer): Buffer => {
    const head = Buffer.alloc(8);
    head.write(id, 0, 'latin1');
    head.writeUInt32LE(body.length, 4);
    return Buffer.concat([head, body, body.length % 2 ? Buffer.alloc(1) : Buffer.alloc(0)]);
  };
  const riff = Buffer.alloc(12);
  riff.write('RIFF', 0, 'latin1');
  riff.write('WAVE', 8, 'latin1');
  const fmtChunk = chunk('fmt ', fmt);
  const dataHead = Buffer.alloc(8);
  dataHead.write('data', 0, 'latin1');
  dataHead.writeUInt32LE(dataBytes, 4);
  const head = Buffer.concat([riff, fmtChunk, extra, dataHead]);
  head.writeUInt32LE(head.length - 8 + dataBytes, 4);
  return head;
}

/** A mono 8 kHz G.711 µ-law WAV; `extraChunk` puts a LIST chunk before the data, as editors do. */
export function mulawWav(samples: Float32Array, options: { extraChunk?: boolean } = {}): Buffer {
  const data = Buffer.from(Array.from(samples, linearToMulaw));
  const extra = options.extraChunk ? Buffer.concat([Buffer.from('LIST', 'latin1'), Buffer.from([5, 0, 0, 0]), Buffer.from('INFOx\0', 'latin1')]) : Buffer.alloc(0);
  return Buffer.concat([header(7, 8, data.length, extra), data]);
}

/** A mono 8 kHz 16-bit PCM WAV, as Twilio serves a recording. */
export function pcm16Wav(samples: Float32Array): Buffer {
  const data = Buffer.alloc(samples.length * 2);
  samples.forEach((s, i) => data.writeInt16LE(Math.max(-32768, Math.min(32767, Math.round(s * 32767))), i * 2));
  return Buffer.concat([header(1, 16, data.length), data]);
}
