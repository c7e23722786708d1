/**
 * A small WAV reader, enough to measure a recording's energy: RIFF/WAVE with G.711 µ-law (format
 * 7, what telephone networks carry), A-law (6), integer PCM of 8, 16, 24 or 32 bits (1) or 32-bit
 * float (3), also when wrapped in WAVE_FORMAT_EXTENSIBLE. Twilio's `.wav` is 8 kHz 16-bit PCM.
 * Channels are averaged into one. A file it cannot read gives a reason instead of samples; the
 * caller then sends the recording to the transcriber unmeasured. Linear in the file's size: two
 * minutes at 8 kHz decode in a few milliseconds.
 */

export interface DecodedAudio {
  readonly sampleRate: number;
  readonly channels: number;
  /** One channel (the average of all), each sample in [-1, 1]. */
  readonly samples: Float32Array;
}

export type WavReading = { ok: true; audio: DecodedAudio } | { ok: false; reason: string };

const FORMAT_PCM = 1;
const FORMAT_FLOAT = 3;
const FORMAT_ALAW = 6;
const FORMAT_MULAW = 7;
const FORMAT_EXTENSIBLE = 0xfffe;

/** G.711 µ-law byte to a 14-bit linear sample (±8031 × 4, i.e. ±32124). */
function mulawToLinear(byte: number): number {
  const u = ~byte & 0xff;
  const exponent = (u >> 4) & 0x07;
  const magnitude = ((((u & 0x0f) << 3) + 0x84) << exponent) - 0x84;
  return u & 0x80 ? -magnitude : magnitude;
}

/** G.711 A-law byte to a 13-bit linear sample scaled to 16 bits (±32256). */
function alawToLinear(byte: number): number {
  const a = byte ^ 0x55;
  const exponent = (a >> 4) & 0x07;
  const mantissa = a & 0x0f;
  const magnitude = exponent === 0 ? (mantissa << 4) + 8 : ((mantissa << 4) + 0x108) << (exponent - 1);
  return a & 0x80 ? magnitude : -magnitude;
}

const MULAW = Float32Array.from({ length: 256 }, (_, i) => mulawToLinear(i) / 32768);
const ALAW = Float32Array.from({ length: 256 }, (_, i) => alawToLinear(i) / 32768);

interface Format { format: number; channels: number; sampleRate: number; blockAlign: number; bits: number }

function readFormat(bytes: Buffer, at: number, size: number): Format | string {
  if (size < 16) return 'fmt-too-short';
  let format = bytes.readUInt16LE(at);
  const channels = bytes.readUInt16LE(at + 2);
  const sampleRate = bytes.readUInt32LE(at + 4);
  const blockAlign = bytes.readUInt16LE(at + 12);
  const bits = bytes.readUInt16LE(at + 14);
  // WAVE_FORMAT_EXTENSIBLE names the real format in the first two bytes of its sub-format GUID.
  if (format === FORMAT_EXTENSIBLE) {
    if (size < 40) return 'fmt-too-short';
    format = bytes.readUInt16LE(at + 24);
  }
  if (channels < 1 || channels > 8) return 'bad-channels';
  if (sampleRate < 1000 || sampleRate > 384_000) return 'bad-sample-rate';
  if (blockAlign !== channels * Math.ceil(bits / 8) || blockAlign === 0) return 'bad-block-align';
  return { format, channels, sampleRate, blockAlign, bits };
}

/** One sample's reader for the format, or null for a format this module does not read. */
function sampleReader(f: Format): ((bytes: Buffer, at: number) => number) | null {
  if (f.format === FORMAT_MULAW && f.bits === 8) return (b, at) => MULAW[b[at] ?? 0xff] ?? 0;
  if (f.format === FORMAT_ALAW && f.bits === 8) return (b, at) => ALAW[b[at] ?? 0xd5] ?? 0;
  if (f.format === FORMAT_FLOAT && f.bits === 32) return (b, at) => Math.max(-1, Math.min(1, b.readFloatLE(at)));
  if (f.format !== FORMAT_PCM) return null;
  switch (f.bits) {
    case 8: return (b, at) => ((b[at] ?? 128) - 128) / 128;
    case 16: return (b, at) => b.readInt16LE(at) / 32768;
    case 24: return (b, at) => b.readIntLE(at, 3) / 8388608;
    case 32: return (b, at) => b.readInt32LE(at) / 2147483648;
    default: return null;
  }
}

/** Reads a WAV file's samples, or says why it cannot (`not-riff`, `format-7-bits-16`, `no-data`…). */
export function decodeWav(bytes: Buffer): WavReading {
  if (bytes.length < 12 || bytes.toString('latin1', 0, 4) !== 'RIFF' || bytes.toString('latin1', 8, 12) !== 'WAVE') return { ok: false, reason: 'not-riff-wave' };
  let format: Format | null = null;
  let at = 12;
  while (at + 8 <= bytes.length) {
    const id = bytes.toString('latin1', at, at + 4);
    // A streamed file may leave the data size at 0 or 0xFFFFFFFF: the data then runs to the end.
    const declared = bytes.readUInt32LE(at + 4);
    const body = at + 8;
    const size = Math.min(declared === 0 && id === 'data' ? bytes.length - body : declared, bytes.length - body);
    if (id === 'fmt ') {
      const read = readFormat(bytes, body, size);
      if (typeof read === 'string') return { ok: false, reason: read };
      format = read;
    } else if (id === 'data') {
      if (format === null) return { ok: false, reason: 'data-before-fmt' };
      const read = sampleReader(format);
      if (read === null) return { ok: false, reason: `format-${format.format}-bits-${format.bits}` };
      const frames = Math.floor(size / format.blockAlign);
      const width = format.blockAlign / format.channels;
      const samples = new Float32Array(frames);
      for (let i = 0; i < frames; i++) {
        let sum = 0;
        for (let c = 0; c < format.channels; c++) sum += read(bytes, body + i * format.blockAlign + c * width);
        samples[i] = sum / format.channels;
      }
      return { ok: true, audio: { sampleRate: format.sampleRate, channels: format.channels, samples } };
    }
    // Chunks are padded to an even size.
    at = body + size + (size % 2);
  }
  return { ok: false, reason: 'no-data' };
}
