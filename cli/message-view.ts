/**
 * A Kafka message as an operator sees it (`intake peek`, `intake dlq show`): decoded, checked
 * against the schema its `schema` header names, personal data masked unless asked otherwise.
 */
import type { ValidateFunction } from 'ajv';
import { OCR_JOB_SCHEMA_HEADER } from '../connectors/documents/document-job.js';
import { MEDIA_JOB_SCHEMA_HEADER } from '../connectors/twilio/media-job.js';
import { JOB_SCHEMA_HEADER } from '../connectors/twilio/voicemail-job.js';
import type { BrowsedMessage } from '../runtime/kafka/types.js';
import { fieldErrors, validateEmergencyAlert, validateMediaJob, validateOcrJob, validateOutcome, validateRawItem, validateTranscriptionJob, type FieldError } from '../runtime/schemas.js';
import { maskHeaders, maskPayload, maskPlainText } from './message-mask.js';

/** The validator of each `schema` header our stages write. */
const validators: ReadonlyMap<string, ValidateFunction> = new Map<string, ValidateFunction>([
  ['raw-item/1', validateRawItem],
  ['emergency-alert/1', validateEmergencyAlert],
  ['outcome/1', validateOutcome],
  [JOB_SCHEMA_HEADER, validateTranscriptionJob],
  [OCR_JOB_SCHEMA_HEADER, validateOcrJob],
  [MEDIA_JOB_SCHEMA_HEADER, validateMediaJob],
]);

/** `schema` of a message whose header names no schema we know. */
export const UNKNOWN_SCHEMA = 'unknown';

/** What a value held. */
export type Decoded =
  | { kind: 'empty' }
  | { kind: 'json'; json: unknown }
  | { kind: 'text'; text: string }
  | { kind: 'binary'; bytes: Buffer };

/** JSON when it parses, else text when it is UTF-8, else bytes. */
export function decodeValue(value: Buffer | null): Decoded {
  if (value === null || value.length === 0) return { kind: 'empty' };
  let text: string;
  try {
    text = new TextDecoder('utf-8', { fatal: true }).decode(value);
  } catch {
    return { kind: 'binary', bytes: value };
  }
  try {
    return { kind: 'json', json: JSON.parse(text) as unknown };
  } catch {
    return { kind: 'text', text };
  }
}

export interface MessageView {
  topic: string;
  partition: number;
  offset: string;
  timestamp: string;
  key: string | null;
  /** The `schema` header when we know it, else `unknown`. */
  schema: string;
  /** Against that schema; null when it is unknown. */
  valid: boolean | null;
  /** Paths and problems, never values. */
  errors?: FieldError[];
  headers: Record<string, string>;
  /** The JSON, the text, `null` for no value, or `<N bytes>` (unmasked: `base64:…`) for bytes that are not UTF-8. */
  value: unknown;
}

function shownValue(decoded: Decoded, unmask: boolean): unknown {
  switch (decoded.kind) {
    case 'empty': return null;
    case 'json': return unmask ? decoded.json : maskPayload(decoded.json);
    case 'text': return unmask ? decoded.text : maskPlainText(decoded.text);
    case 'binary': return unmask ? `base64:${decoded.bytes.toString('base64')}` : `<${decoded.bytes.length} bytes>`;
  }
}

/** The message decoded, validated and (unless `unmask`) masked. Pure. */
export function viewMessage(message: BrowsedMessage, unmask: boolean): MessageView {
  const decoded = decodeValue(message.value);
  const declared = message.headers.schema;
  const validate = declared === undefined ? undefined : validators.get(declared);
  let check: Pick<MessageView, 'valid' | 'errors'> = { valid: null };
  if (validate !== undefined) {
    check = decoded.kind !== 'json'
      ? { valid: false, errors: [{ path: '(root)', message: decoded.kind === 'empty' ? 'is empty' : 'is not JSON' }] }
      : validate(decoded.json) ? { valid: true } : { valid: false, errors: fieldErrors(validate.errors) };
  }
  return {
    topic: message.topic, partition: message.partition, offset: message.offset, timestamp: message.timestamp, key: message.key,
    schema: validate === undefined ? UNKNOWN_SCHEMA : (declared ?? UNKNOWN_SCHEMA), ...check,
    headers: unmask ? { ...message.headers } : maskHeaders(message.headers),
    value: shownValue(decoded, unmask),
  };
}
