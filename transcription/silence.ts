/**
 * Whether a recording holds speech, from its energy alone: the samples are cut into 20 ms frames
 * and each frame's RMS level measured in dB relative to full scale (a full-scale square wave is
 * 0 dBFS). Frames at or above the threshold count as sound. The measure is how long the sound
 * lasts in all, not its share of the recording: a caller who says "gaz kokusu var" and then waits
 * for the silence timeout leaves a recording mostly silent, and must not be taken for silence.
 * Telephone line noise and a quiet room stay near -60 dBFS, speech on a phone line near -25, so
 * the default threshold (-45) sits well between; a click as the caller hangs up lasts a frame or
 * two, well under the default 300 ms. Linear in the number of samples.
 */
import type { DecodedAudio } from './wav.js';

export const FRAME_MS = 20;

export interface SilenceSettings {
  /** A frame this loud or louder is sound. */
  readonly frameThresholdDbfs: number;
  /** Less sound than this in the whole recording is silence. */
  readonly minSpeechMs: number;
}

export interface SoundMeasure {
  readonly durationMs: number;
  /** How long the frames at or above the threshold last together. */
  readonly soundMs: number;
  /** The loudest frame's level; -Infinity for digital silence. */
  readonly loudestFrameDbfs: number;
}

export function measureSound(audio: DecodedAudio, frameThresholdDbfs: number): SoundMeasure {
  const frame = Math.max(1, Math.round((audio.sampleRate * FRAME_MS) / 1000));
  const { samples } = audio;
  // Compared in mean squares, so no logarithm is taken per frame.
  const threshold = 10 ** (frameThresholdDbfs / 10);
  let loud = 0;
  let loudest = 0;
  for (let start = 0; start < samples.length; start += frame) {
    const end = Math.min(samples.length, start + frame);
    let sum = 0;
    for (let i = start; i < end; i++) {
      const s = samples[i] ?? 0;
      sum += s * s;
    }
    const meanSquare = sum / (end - start);
    // A last, partial frame counts for the part of a frame it is.
    if (meanSquare >= threshold) loud += (end - start) / frame;
    if (meanSquare > loudest) loudest = meanSquare;
  }
  return {
    durationMs: Math.round((samples.length * 1000) / audio.sampleRate),
    soundMs: Math.round(loud * FRAME_MS),
    loudestFrameDbfs: loudest === 0 ? -Infinity : Math.round(10 * Math.log10(loudest) * 10) / 10,
  };
}

export function isSilent(measure: SoundMeasure, settings: SilenceSettings): boolean {
  return measure.soundMs < settings.minSpeechMs;
}
