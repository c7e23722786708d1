/**
 * One outcome message, end to end: read it, build the acknowledgement, claim it, send it, record how
 * it went. The claim comes before the send so that a customer is told at most once: a crash between
 * the two leaves the claim standing and nothing sent, and no later delivery sends it. We chose
 * "none" over "two": a missing acknowledgement is visible (a row left `claimed`) and the customer
 * can still ask on 153; a second one cannot be taken back.
 */
import type { Outcome } from '../schemas/types.generated.js';
import { IntakeError, isRetriable } from '../runtime/errors.js';
import type { IncomingMessage } from '../runtime/kafka/types.js';
import type { Logger } from '../runtime/logger.js';
import { retry, type RetryOptions } from '../runtime/retry.js';
import { validateOutcome } from '../runtime/schemas.js';
import type { AcknowledgementChannel, AcknowledgementClaim, AcknowledgementResult, AcknowledgementStore } from './store-port.js';

/** What one channel's acknowledgement is due to say, or why none is (a reason code, logged). */
export type AcknowledgementPlan<M> =
  | { due: true; claim: AcknowledgementClaim; message: M }
  | { due: false; reason: string };

/** One channel (e-mail, SMS): its pure builder, its sender, and what of its failures may be logged. */
export interface AcknowledgementChannelPort<M> {
  channel: AcknowledgementChannel;
  plan(outcome: Outcome, now: Date): AcknowledgementPlan<M>;
  /** @throws IntakeError; retriable ones are retried */
  send(message: M): Promise<void>;
  /** Codes only (a reply code, an HTTP status): never an address, a number or a text. */
  failureFields(error: unknown): Record<string, string | number | null>;
  /** For the retry log: "the SMTP send". */
  sending: string;
}

export interface OutcomeContext<M> {
  store: AcknowledgementStore;
  port: AcknowledgementChannelPort<M>;
  retrying: Omit<RetryOptions, 'onRetry'>;
  log: Logger;
  now: () => Date;
}

function codeOf(error: unknown): string {
  return error instanceof IntakeError ? error.code : 'INTAKE_INTERNAL';
}

function readOutcome(value: Buffer | null): Outcome | null {
  try {
    const parsed: unknown = JSON.parse(value?.toString('utf8') ?? '');
    return validateOutcome(parsed) ? parsed : null;
  } catch {
    return null;
  }
}

function retryingFor<M>(c: OutcomeContext<M>, log: Logger, what: string): RetryOptions {
  return { ...c.retrying, onRetry: (error, attempt, delayMs) => log.warn({ attempt, delayMs, code: codeOf(error) }, `retrying ${what}`) };
}

/** Sends with retries; how it went, never a throw: a failure is recorded and the partition goes on. */
async function send<M>(c: OutcomeContext<M>, log: Logger, message: M): Promise<AcknowledgementResult> {
  let attempts = 0;
  try {
    await retry(async (attempt) => {
      attempts = attempt;
      await c.port.send(message);
    }, retryingFor(c, log, c.port.sending));
    return { state: 'sent', attempts };
  } catch (error) {
    log.error({ code: codeOf(error), ...c.port.failureFields(error), attempts }, 'acknowledgement not sent');
    return { state: 'failed', attempts, errorCode: codeOf(error) };
  }
}

/**
 * @throws IntakeError INTAKE_DB_UNAVAILABLE when the database stayed down through the retries, so
 *   that the batch is redelivered; whatever was claimed before stays claimed
 */
export async function acknowledgeOutcome<M>(c: OutcomeContext<M>, message: IncomingMessage): Promise<void> {
  const outcome = readOutcome(message.value);
  if (outcome === null) {
    // Outcomes are ours, written by the normalizer: one that does not read is a bug to look at, not a reason to stop.
    c.log.error({ topic: message.topic, partition: message.partition, offset: message.offset, code: 'INTAKE_MESSAGE_INVALID' }, 'outcome unreadable');
    return;
  }
  const log = c.log.child({ itemId: outcome.decision.itemId });
  const plan = c.port.plan(outcome, c.now());
  if (!plan.due) {
    log.debug({ reason: plan.reason }, 'no acknowledgement');
    return;
  }
  const { claim, message: acknowledgement } = plan;
  let claimed: boolean;
  try {
    claimed = await retry(() => c.store.claimAcknowledgement(claim, c.now()), retryingFor(c, log, 'the claim'));
  } catch (error) {
    if (isRetriable(error)) throw error;
    // Refused for good (the item is not in this database): nothing will change on redelivery.
    log.error({ code: codeOf(error), applicationNumber: claim.applicationNumber }, 'acknowledgement not claimed');
    return;
  }
  if (!claimed) {
    log.info({ applicationNumber: claim.applicationNumber }, 'acknowledged before');
    return;
  }
  const started = performance.now();
  const result = await send(c, log, acknowledgement);
  await retry(() => c.store.finishAcknowledgement(claim, result, c.now()), retryingFor(c, log, 'recording the result'));
  if (result.state === 'sent') log.info({ applicationNumber: claim.applicationNumber, attempts: result.attempts, ms: Math.round(performance.now() - started) }, 'acknowledged');
}
