/**
 * What each stage may record, as the narrow ports the stages declare: a connector, a worker or the
 * normalizer is handed the metrics object (runtime/metrics.ts) as one of these and never sees
 * prom-client. Every argument becomes a label value, so each is one of a closed set of words or an
 * id from the configuration: never a name, a phone, an address, a national ID or free text.
 */
import type { Channel, DecisionKind } from '../schemas/types.generated.js';

/** The stages whose time per item is measured (`intake_stage_duration_seconds{stage}`). */
export type TimedStage = 'capture' | 'media' | 'ocr' | 'transcription' | 'decide' | 'record';

/** Where a message can be set aside to the dead-letter topic (`intake_dead_letters_total{stage}`). */
export type DeadLetterStage = 'normalizer' | 'email' | 'documents' | 'transcription' | 'ocr' | 'media';

/** What publishing a raw item records: every raw item and every alert goes through connectors/publish-raw.ts. */
export interface CaptureMetrics {
  /** One raw item acknowledged by Kafka. `channel` is the item's channel (`webform`, `email`, …). */
  itemCaptured(channel: Channel): void;
  /** One gas-emergency alert acknowledged by Kafka. */
  emergencyAlerted(channel: Channel): void;
  /** One message set aside; `code` is an `INTAKE_*` error code. */
  deadLettered(code: string, stage: DeadLetterStage): void;
  /** Time one item spent in `stage`, in seconds. */
  observeStage(stage: TimedStage, seconds: number): void;
  /** A webhook refused for its signature; `path` is the route's pattern, never the URL with its query. */
  signatureRejected(path: string): void;
  /** A mailbox connection dropped after a failure, to be opened again; `mailbox` is its id in the configuration. */
  imapReconnected(mailbox: string): void;
}

/** What the normalizer records per fetched batch. */
export interface NormalizerMetrics extends Pick<CaptureMetrics, 'deadLettered' | 'observeStage'> {
  /** One decision recorded for the first time; `kind` is crm, needs-info, archive-only or ignored. */
  outcome(kind: DecisionKind): void;
}

/** Seconds since `started` (a `process.hrtime.bigint()` reading). */
export function secondsSince(started: bigint): number {
  return Number(process.hrtime.bigint() - started) / 1e9;
}
