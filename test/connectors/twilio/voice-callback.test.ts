/** Reading Twilio's voice callbacks: the fields used, the ones that stop a callback being read (named, never their values). */
import assert from 'node:assert/strict';
import { formParamsOf, type FormParams } from '../../../connectors/twilio/form-params.js';
import { readIncomingCall, readRecordingCallback } from '../../../connectors/twilio/voice-callback.js';
import { callSid, recordingSid, recordingStatus, transcriptionCallback } from '../../support/twilio-voice.js';

const params = (fields: Record<string, string>): FormParams => formParamsOf(fields) ?? {};

describe('connectors/twilio voice callbacks', () => {
  it('reads a recording-status callback: status, duration and the absent recording\'s error code', () => {
    const call = callSid();
    const rec = recordingSid();
    const reading = readRecordingCallback(params(recordingStatus({ CallSid: call, RecordingSid: rec, RecordingUrl: '', RecordingStatus: 'absent', RecordingDuration: '-1', ErrorCode: '16102' })), { transcription: false });
    assert.deepEqual(reading, { ok: true, value: { callSid: call, recordingSid: rec, recordingUrl: null, recordingStatus: 'absent', durationSeconds: 0, errorCode: '16102', from: null, transcription: null } });
  });

  it('reads a transcription callback: its text, a failed one as failed with no text, and From', () => {
    const base = { CallSid: callSid(), RecordingSid: recordingSid(), RecordingUrl: 'https://api.twilio.com/x' };
    const done = readRecordingCallback(params(transcriptionCallback({ ...base, TranscriptionText: 'gaz kokusu var' })), { transcription: true });
    assert.ok(done.ok);
    assert.deepEqual(done.value.transcription, { status: 'completed', text: 'gaz kokusu var' });
    assert.equal(done.value.from, '+905321234567');
    assert.equal(done.value.recordingStatus, 'completed');
    const failed = readRecordingCallback(params(transcriptionCallback({ ...base, TranscriptionStatus: 'failed', TranscriptionText: '(blank)' })), { transcription: true });
    assert.ok(failed.ok);
    assert.deepEqual(failed.value.transcription, { status: 'failed', text: '' });
  });

  it('names the fields that stop a callback being read', () => {
    const reading = readRecordingCallback(params({ CallSid: 'CA123', RecordingSid: 'nope', RecordingStatus: 'done', RecordingDuration: 'ten' }), { transcription: false });
    assert.deepEqual(reading.ok ? [] : reading.errors.map((e) => e.path), ['CallSid', 'RecordingSid', 'RecordingStatus', 'RecordingDuration']);
    const missing = readRecordingCallback(params({ CallSid: callSid(), RecordingStatus: 'completed' }), { transcription: false });
    assert.deepEqual(missing.ok ? [] : missing.errors.map((e) => e.path), ['RecordingSid', 'RecordingUrl']);
  });

  it('refuses a field given twice', () => {
    const twice: FormParams = { CallSid: [callSid(), callSid()], From: '+905321234567' };
    const reading = readIncomingCall(twice);
    assert.deepEqual(reading.ok ? [] : reading.errors, [{ path: 'CallSid', message: 'is given more than once' }]);
  });
});
