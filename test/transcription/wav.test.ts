/** The WAV reader against G.711's reference values, files written by an independent encoder, and files it must refuse. */
import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { decodeWav, type DecodedAudio } from '../../transcription/wav.js';
import { fixturesRoot } from '../support/fixtures.js';
import { concat, mulawWav, pcm16Wav, silence, tone } from '../support/wav-audio.js';

function decoded(bytes: Buffer): DecodedAudio {
  const reading = decodeWav(bytes);
  if (!reading.ok) throw new Error(reading.reason);
  return reading.audio;
}

function rms(samples: Float32Array): number {
  return Math.sqrt(samples.reduce((sum, s) => sum + s * s, 0) / samples.length);
}

/** A WAV of raw sample bytes in the given format (one channel unless told). */
function rawWav(format: number, bits: number, data: Buffer, channels = 1): Buffer {
  const fmt = Buffer.alloc(24);
  fmt.write('fmt ', 0, 'latin1');
  fmt.writeUInt32LE(16, 4);
  fmt.writeUInt16LE(format, 8);
  fmt.writeUInt16LE(channels, 10);
  fmt.writeUInt32LE(8000, 12);
  fmt.writeUInt32LE((8000 * channels * bits) / 8, 16);
  fmt.writeUInt16LE((channels * bits) / 8, 20);
  fmt.writeUInt16LE(bits, 22);
  const head = Buffer.alloc(12);
  head.write('RIFF', 0, 'latin1');
  head.writeUInt32LE(4 + fmt.length + 8 + data.length, 4);
  head.write('WAVE', 8, 'latin1');
  const dataHead = Buffer.alloc(8);
  dataHead.write('data', 0, 'latin1');
  dataHead.writeUInt32LE(data.length, 4);
  return Buffer.concat([head, fmt, dataHead, data]);
}

describe('transcription/wav', () => {
  context('when the file is G.711 µ-law (telephone audio)', () => {
    it('decodes the reference code points: 0xFF and 0x7F are zero, 0x80 and 0x00 the extremes', () => {
      const audio = decoded(rawWav(7, 8, Buffer.from([0xff, 0x7f, 0x80, 0x00])));
      assert.deepEqual(Array.from(audio.samples, (s) => Math.round(s * 32768)), [0, 0, 32124, -32124]);
      assert.equal(audio.sampleRate, 8000);
    });

    it('gives back a tone written by an independent encoder, at its level', () => {
      const audio = decoded(mulawWav(tone(1000, 0.5)));
      assert.equal(audio.samples.length, 8000);
      assert.ok(Math.abs(rms(audio.samples) - 0.5 / Math.SQRT2) < 0.01, String(rms(audio.samples)));
    });

    it('reads the fixture recordings (written by sox) to the sample counts and RMS levels sox reports', () => {
      // `soxi -s FILE` and `sox FILE -n stat` (RMS amplitude), when the recordings were made.
      const sox: Record<string, [number, number]> = {
        'alo-then-hang-up.wav': [6798, 0.109046], 'complete-subscriber-spoken-numbers.wav': [187143, 0.103708], 'gas-smell-emergency.wav': [96723, 0.106565],
        'meter-fault-no-national-id.wav': [76381, 0.091445], 'meter-relocation-complete.wav': [156464, 0.098741], 'silent-line-hiss.wav': [40000, 0.000519],
      };
      for (const [file, [samples, level]] of Object.entries(sox)) {
        const audio = decoded(readFileSync(join(fixturesRoot, 'voicemail', file)));
        assert.equal(audio.samples.length, samples, file);
        assert.ok(Math.abs(rms(audio.samples) - level) < 5e-6, `${file}: ${rms(audio.samples)}`);
      }
    });

    it('skips chunks before the data (LIST, fact), as editors write them', () => {
      const audio = decoded(mulawWav(concat(silence(100), tone(100, 0.3)), { extraChunk: true }));
      assert.equal(audio.samples.length, 1600);
    });
  });

  context('when the file is A-law', () => {
    it('decodes the reference code points: 0xD5 and 0x55 are the smallest steps, 0x80 is +5504', () => {
      const audio = decoded(rawWav(6, 8, Buffer.from([0xd5, 0x55, 0x80, 0x00])));
      assert.deepEqual(Array.from(audio.samples, (s) => Math.round(s * 32768)), [8, -8, 5504, -5504]);
    });
  });

  context('when the file is PCM (what Twilio serves)', () => {
    it('reads 16-bit samples', () => {
      const audio = decoded(pcm16Wav(tone(500, 0.25)));
      assert.equal(audio.samples.length, 4000);
      assert.ok(Math.abs(rms(audio.samples) - 0.25 / Math.SQRT2) < 0.005);
    });

    it('reads 8-bit unsigned samples and averages two channels into one', () => {
      const audio = decoded(rawWav(1, 8, Buffer.from([128, 128, 255, 1, 192, 192]), 2));
      assert.equal(audio.channels, 2);
      assert.deepEqual(Array.from(audio.samples), [0, 0, 0.5]);
    });

    it('reads WAVE_FORMAT_EXTENSIBLE by its sub-format', () => {
      const plain = pcm16Wav(tone(20, 0.5));
      const fmt = Buffer.alloc(48);
      fmt.write('fmt ', 0, 'latin1');
      fmt.writeUInt32LE(40, 4);
      plain.copy(fmt, 8, 20, 36);
      fmt.writeUInt16LE(0xfffe, 8);
      fmt.writeUInt16LE(22, 24);
      fmt.writeUInt16LE(1, 32);
      const data = plain.subarray(36);
      const head = Buffer.from(plain.subarray(0, 12));
      head.writeUInt32LE(4 + fmt.length + data.length, 4);
      assert.equal(decoded(Buffer.concat([head, fmt, data])).samples.length, 160);
    });

    it('reads a streamed file whose data size was left at 0 to its end', () => {
      const wav = pcm16Wav(tone(100, 0.5));
      wav.writeUInt32LE(0, 40);
      assert.equal(decoded(wav).samples.length, 800);
    });
  });

  context('when the file cannot be read', () => {
    it('says why instead of guessing', () => {
      assert.deepEqual(decodeWav(Buffer.from('ID3\x03 an mp3 file')), { ok: false, reason: 'not-riff-wave' });
      assert.deepEqual(decodeWav(rawWav(2, 4, Buffer.alloc(10))), { ok: false, reason: 'bad-block-align' });
      assert.deepEqual(decodeWav(rawWav(0x11, 8, Buffer.alloc(10))), { ok: false, reason: 'format-17-bits-8' });
      assert.deepEqual(decodeWav(mulawWav(tone(10, 0.1)).subarray(0, 36)), { ok: false, reason: 'no-data' });
    });
  });
});
