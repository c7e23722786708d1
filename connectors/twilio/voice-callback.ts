/**
 * Reads the fields of Twilio's voice requests the intake uses: the incoming call (CallSid, From),
 * and the two callbacks about its recording, which share one shape here. The recording-status
 * callback sends RecordingStatus (in-progress, completed, absent, failed), RecordingUrl,
 * RecordingSid, RecordingDuration and, for an absent recording, ErrorCode (16101: too short,
 * 16102: silent); it does not send From. The transcription callback sends RecordingUrl,
 * RecordingSid, TranscriptionStatus (completed, failed), TranscriptionText and the call's usual
 * fields, From among them. Everything else Twilio sends is ignored.
 */
import type { FieldError } from '../../runtime/schemas.js';
import { storableText } from '../../runtime/storable-text.js';
import type { FormParams } from './form-params.js';

const CALL_SID = /^CA[0-9a-f]{32}$/;
const RECORDING_SID = /^RE[0-9a-f]{32}$/;
const MAX_ADDRESS_CHARS = 64;
const MAX_URL_CHARS = 2048;
/** Twilio transcribes at most two minutes; a long transcript from elsewhere is bounded by the raw item's own limit. */
const MAX_TRANSCRIPT_CHARS = 200_000;

export interface IncomingCall {
  readonly callSid: string;
  /** The caller as Twilio names it: E.164, or one of its stand-ins for a withheld number; null when absent. */
  readonly from: string | null;
}

export type RecordingStatus = 'in-progress' | 'completed' | 'absent' | 'failed';

export interface RecordingCallback {
  readonly callSid: string;
  readonly recordingSid: string | null;
  readonly recordingUrl: string | null;
  /** `completed` for a transcription callback, which only comes for a recording that exists. */
  readonly recordingStatus: RecordingStatus;
  readonly durationSeconds: number | null;
  /** Twilio's error code for an absent recording (16101 too short, 16102 silent). */
  readonly errorCode: string | null;
  /** From, when the callback carries it (the transcription callback does). */
  readonly from: string | null;
  /** Twilio's transcription, when this is its callback. */
  readonly transcription: { readonly status: 'completed' | 'failed'; readonly text: string } | null;
}

export type Reading<T> = { ok: true; value: T } | { ok: false; errors: FieldError[] };

function single(params: FormParams, name: string, errors: FieldError[]): string | undefined {
  const value = params[name];
  if (Array.isArray(value)) {
    errors.push({ path: name, message: 'is given more than once' });
    return undefined;
  }
  return value === '' ? undefined : value;
}

function callSidOf(params: FormParams, errors: FieldError[]): string {
  const callSid = single(params, 'CallSid', errors);
  if (callSid === undefined) {
    if (!errors.some((e) => e.path === 'CallSid')) errors.push({ path: 'CallSid', message: 'is required' });
    return '';
  }
  if (!CALL_SID.test(callSid)) errors.push({ path: 'CallSid', message: 'must be CA and 32 hex digits' });
  return callSid;
}

function fromOf(params: FormParams, errors: FieldError[]): string | null {
  const from = single(params, 'From', errors)?.trim();
  if (from === undefined || from === '') return null;
  if (from.length > MAX_ADDRESS_CHARS) {
    errors.push({ path: 'From', message: `is longer than ${MAX_ADDRESS_CHARS} characters` });
    return null;
  }
  return storableText(from);
}

/** The incoming call, or the fields that stop it being read (named, never their values). */
export function readIncomingCall(params: FormParams): Reading<IncomingCall> {
  const errors: FieldError[] = [];
  const callSid = callSidOf(params, errors);
  const from = fromOf(params, errors);
  return errors.length > 0 ? { ok: false, errors } : { ok: true, value: { callSid, from } };
}

/** The recording's status; null when it cannot be read (the error is then noted). */
function statusOf(params: FormParams, errors: FieldError[], transcription: boolean): RecordingStatus | null {
  const status = single(params, 'RecordingStatus', errors);
  if (status === undefined) {
    // The transcription callback names no status: Twilio transcribes only a recording it kept.
    if (transcription) return 'completed';
    if (!errors.some((e) => e.path === 'RecordingStatus')) errors.push({ path: 'RecordingStatus', message: 'is required' });
    return null;
  }
  if (status === 'in-progress' || status === 'completed' || status === 'absent' || status === 'failed') return status;
  errors.push({ path: 'RecordingStatus', message: 'must be in-progress, completed, absent or failed' });
  return null;
}

function durationOf(params: FormParams, errors: FieldError[]): number | null {
  const duration = single(params, 'RecordingDuration', errors);
  if (duration === undefined) return null;
  // Twilio sends whole seconds; -1 is not unheard of for an absent recording.
  if (!/^-?\d{1,6}$/.test(duration)) {
    errors.push({ path: 'RecordingDuration', message: 'must be a whole number of seconds' });
    return null;
  }
  return Math.max(0, Number(duration));
}

/**
 * A recording-status or transcription callback (`transcription` says which was posted), or the
 * fields that stop it being read. A recording that exists needs its RecordingSid and RecordingUrl.
 */
export function readRecordingCallback(params: FormParams, options: { transcription: boolean }): Reading<RecordingCallback> {
  const errors: FieldError[] = [];
  const callSid = callSidOf(params, errors);
  const recordingSid = single(params, 'RecordingSid', errors) ?? null;
  if (recordingSid !== null && !RECORDING_SID.test(recordingSid)) errors.push({ path: 'RecordingSid', message: 'must be RE and 32 hex digits' });
  const recordingUrl = single(params, 'RecordingUrl', errors) ?? null;
  if (recordingUrl !== null && recordingUrl.length > MAX_URL_CHARS) errors.push({ path: 'RecordingUrl', message: `is longer than ${MAX_URL_CHARS} characters` });
  const recordingStatus = statusOf(params, errors, options.transcription);
  if (recordingStatus === 'completed') {
    if (recordingSid === null) errors.push({ path: 'RecordingSid', message: 'is required for a completed recording' });
    if (recordingUrl === null) errors.push({ path: 'RecordingUrl', message: 'is required for a completed recording' });
  }
  const durationSeconds = durationOf(params, errors);
  const errorCode = single(params, 'ErrorCode', errors) ?? null;
  const from = fromOf(params, errors);
  let transcription: RecordingCallback['transcription'] = null;
  if (options.transcription) {
    const status = single(params, 'TranscriptionStatus', errors);
    const text = params.TranscriptionText;
    if (Array.isArray(text)) errors.push({ path: 'TranscriptionText', message: 'is given more than once' });
    else if (text !== undefined && text.length > MAX_TRANSCRIPT_CHARS) errors.push({ path: 'TranscriptionText', message: `is longer than ${MAX_TRANSCRIPT_CHARS} characters` });
    if (status !== undefined && status !== 'completed' && status !== 'failed') errors.push({ path: 'TranscriptionStatus', message: 'must be completed or failed' });
    // A callback without a status but with a text is taken as completed.
    const failed = status === 'failed' || (status === undefined && typeof text !== 'string');
    transcription = { status: failed ? 'failed' : 'completed', text: typeof text === 'string' && !failed ? storableText(text) : '' };
  }
  if (errors.length > 0 || recordingStatus === null) return { ok: false, errors };
  return { ok: true, value: { callSid, recordingSid, recordingUrl, recordingStatus, durationSeconds, errorCode, from, transcription } };
}
