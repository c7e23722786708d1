/** The silence measure: how long a recording holds sound above the threshold, in 20 ms frames. */
import assert from 'node:assert/strict';
import { isSilent, measureSound } from '../../transcription/silence.js';
import { decodeWav, type DecodedAudio } from '../../transcription/wav.js';
import { concat, mulawWav, noise, silence, tone } from '../support/wav-audio.js';

const settings = { frameThresholdDbfs: -45, minSpeechMs: 300 };

/** Through the µ-law file and back, as a recording arrives. */
function recorded(samples: Float32Array): DecodedAudio {
  const reading = decodeWav(mulawWav(samples));
  if (!reading.ok) throw new Error(reading.reason);
  return reading.audio;
}

describe('transcription/silence', () => {
  it('finds no sound in digital silence', () => {
    const measure = measureSound(recorded(silence(3000)), settings.frameThresholdDbfs);
    assert.deepEqual(measure, { durationMs: 3000, soundMs: 0, loudestFrameDbfs: -Infinity });
    assert.equal(isSilent(measure, settings), true);
  });

  it('takes telephone line hiss (-60 dBFS) for silence', () => {
    const measure = measureSound(recorded(noise(4000, 0.0017)), settings.frameThresholdDbfs);
    assert.equal(measure.soundMs, 0);
    assert.ok(measure.loudestFrameDbfs < -55 && measure.loudestFrameDbfs > -65, String(measure.loudestFrameDbfs));
    assert.equal(isSilent(measure, settings), true);
  });

  it('takes a click as the caller hangs up (two frames) for silence', () => {
    const measure = measureSound(recorded(concat(silence(1000), tone(40, 0.8), silence(500))), settings.frameThresholdDbfs);
    assert.equal(measure.soundMs, 40);
    assert.equal(isSilent(measure, settings), true);
  });

  it('hears a second of speech-level sound in a minute of silence: the measure is the sound\'s length, not its share', () => {
    const measure = measureSound(recorded(concat(silence(30_000), tone(1000, 0.1), silence(29_000))), settings.frameThresholdDbfs);
    assert.equal(measure.durationMs, 60_000);
    assert.equal(measure.soundMs, 1000);
    assert.equal(isSilent(measure, settings), false);
  });

  it('counts a frame at the threshold as sound and one just under as not', () => {
    // A sine's RMS is its amplitude over √2: -45 dBFS RMS is an amplitude of 0.00795.
    const at = 10 ** (-45 / 20) * Math.SQRT2;
    const audio = (amplitude: number): DecodedAudio => ({ sampleRate: 8000, channels: 1, samples: tone(400, amplitude, 400) });
    assert.equal(measureSound(audio(at * 1.01), -45).soundMs, 400);
    assert.equal(measureSound(audio(at * 0.97), -45).soundMs, 0);
  });

  it('sends everything on with minSpeechMs 0', () => {
    assert.equal(isSilent(measureSound(recorded(silence(500)), -45), { frameThresholdDbfs: -45, minSpeechMs: 0 }), false);
  });

  it('measures two minutes of telephone audio in well under 100 ms', () => {
    const audio = recorded(noise(120_000, 0.2));
    const started = process.hrtime.bigint();
    measureSound(audio, -45);
    assert.ok(Number(process.hrtime.bigint() - started) / 1e6 < 100);
  });
});
