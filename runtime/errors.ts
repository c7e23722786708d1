/**
 * The one catalogue of error codes. Every error the intake throws on purpose is an `IntakeError`
 * carrying one of these codes; `docs/errors.md` documents each. Messages never contain personal
 * data: say which field, never its value.
 */
export const errorCatalogue = {
  INTAKE_CONFIG_INVALID: { retriable: false, summary: 'The configuration file or an environment variable has a bad value' },
  INTAKE_CONFIG_UNREADABLE: { retriable: false, summary: 'The configuration file cannot be read or is not JSON' },
  INTAKE_KAFKA_UNAVAILABLE: { retriable: true, summary: 'The Kafka cluster did not answer or did not acknowledge a write' },
  INTAKE_DB_UNAVAILABLE: { retriable: true, summary: 'The CRM database did not answer' },
  INTAKE_DB_REJECTED: { retriable: false, summary: 'The CRM database refused a write (a constraint, a type); retriable only for serialization failures and deadlocks' },
  INTAKE_DB_MIGRATION_FAILED: { retriable: false, summary: 'A database migration failed; the database was left as it was before it' },
  INTAKE_DB_NOT_MIGRATED: { retriable: false, summary: 'A reader (intake report, the reports API on its own database user) found the CRM schema missing or behind the shipped migrations; readers never migrate' },
  INTAKE_MESSAGE_INVALID: { retriable: false, summary: 'A Kafka message is not JSON or does not match its schema; it goes to the dead-letter topic' },
  INTAKE_REQUEST_INVALID: { retriable: false, summary: 'A submitted application or report query cannot be read (invalid bytes for its charset, broken or too deeply nested JSON, a known field twice, bad dates)' },
  INTAKE_REQUEST_TIMEOUT: { retriable: true, summary: 'A submitted application did not arrive whole in time (slow headers or body); the connection is closed with 408' },
  INTAKE_REQUEST_TOO_LARGE: { retriable: false, summary: 'A submitted application is over the size limit' },
  INTAKE_UNAUTHORIZED: { retriable: false, summary: 'A staff-only channel was used without a valid API key, or the reports, dashboard or operator endpoints without a valid operator token' },
  INTAKE_SIGNATURE_INVALID: { retriable: false, summary: 'A Twilio webhook request has no X-Twilio-Signature, or one that does not match its parameters and the configured public URL; it gets 403 and nothing is written' },
  INTAKE_MEDIA_UNAVAILABLE: { retriable: true, summary: 'An MMS media file or a voicemail recording could not be fetched (a timeout, a 5xx, a 404, refused credentials, over the size limit); the text or the voicemail is published with a note in its place' },
  INTAKE_TRANSCRIBER_UNAVAILABLE: { retriable: true, summary: 'The speech-to-text service did not answer in time, broke the connection, or answered 5xx or 429; retried, then the voicemail is published with transcription failed' },
  INTAKE_TRANSCRIBER_REJECTED: { retriable: false, summary: 'The speech-to-text service refused the recording or the credentials (4xx), answered something that is not a transcription, or Twilio could not transcribe it; the voicemail is published with transcription failed' },
  INTAKE_OCR_UNAVAILABLE: { retriable: true, summary: 'The OCR engine could not start (its language data missing or unreadable); documents wait in the OCR topic until it can' },
  INTAKE_IDEMPOTENCY_CONFLICT: { retriable: false, summary: 'An Idempotency-Key was reused with a different body' },
  INTAKE_INPUT_UNREADABLE: { retriable: false, summary: 'An input file cannot be read or parsed' },
  INTAKE_CHANNEL_NOT_BUILT: { retriable: false, summary: 'The channel has no connector yet' },
  INTAKE_BLOB_MISSING: { retriable: false, summary: 'A blob reference points at nothing in the blob store' },
  INTAKE_INTERNAL: { retriable: false, summary: 'A bug: an unexpected error; the item goes to the dead-letter topic, an HTTP caller gets 500' },
  INTAKE_SMTP_UNAVAILABLE: { retriable: true, summary: 'The SMTP server did not answer, or answered with a temporary failure (4xx)' },
  INTAKE_SMTP_REJECTED: { retriable: false, summary: 'The SMTP server refused an acknowledgement for good (5xx, a failed login); it is recorded as failed and not sent again' },
  INTAKE_SMS_UNAVAILABLE: { retriable: true, summary: 'Twilio did not answer in time, broke the connection, or answered 5xx or 429 to an SMS acknowledgement' },
  INTAKE_SMS_REJECTED: { retriable: false, summary: 'Twilio refused an SMS acknowledgement for good (4xx: a bad number, credentials, a blocked recipient); it is recorded as failed and not sent again' },
  INTAKE_NOT_ARCHIVED: { retriable: false, summary: 'An archive command named an item that is not in the archive: never recorded, never archived, or already completed into a record' },
  INTAKE_INFRA_FAILED: { retriable: false, summary: 'A local service (Kafka launcher, database) could not be started' },
  INTAKE_KAFKA_NOT_FOUND: { retriable: false, summary: 'An operator command named a topic that does not exist, or a partition and offset that hold no message (never written, or deleted by retention)' },
} as const satisfies Record<string, { retriable: boolean; summary: string }>;

export type ErrorCode = keyof typeof errorCatalogue;

/** Base of every error the intake throws on purpose. */
export class IntakeError extends Error {
  readonly code: ErrorCode;
  readonly retriable: boolean;
  /** Extra, personal-data-free facts for the caller (field paths, limits). */
  readonly details: Readonly<Record<string, unknown>>;

  constructor(code: ErrorCode, message: string, options: { cause?: unknown; details?: Record<string, unknown>; retriable?: boolean } = {}) {
    super(message, options.cause === undefined ? undefined : { cause: options.cause });
    this.name = 'IntakeError';
    this.code = code;
    this.retriable = options.retriable ?? errorCatalogue[code].retriable;
    this.details = Object.freeze({ ...options.details });
  }
}

/** True for errors worth retrying: our retriable codes, and network-level failures of drivers. */
export function isRetriable(error: unknown): boolean {
  if (error instanceof IntakeError) return error.retriable;
  if (error instanceof TypeError || error instanceof RangeError || error instanceof SyntaxError) return false;
  const code = (error as { code?: unknown } | null)?.code;
  return typeof code === 'string' && /^(ECONNREFUSED|ECONNRESET|ETIMEDOUT|EPIPE|57P01|57P03|08\d{3})$/.test(code);
}
