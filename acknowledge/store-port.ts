/**
 * What acknowledgements need from storage, declared here by the acknowledger and implemented by the
 * sink, so the arrow points one way: sink → acknowledge.
 */

/** How the customer is told: one claim per application and channel. */
export type AcknowledgementChannel = 'email' | 'sms';

/** One acknowledgement: of which item, by which channel, telling which number. */
export interface AcknowledgementClaim {
  itemId: string;
  channel: AcknowledgementChannel;
  applicationNumber: string;
}

/** How sending went, after the retries. */
export type AcknowledgementResult =
  | { state: 'sent'; attempts: number }
  | { state: 'failed'; attempts: number; errorCode: string };

export interface AcknowledgementStore {
  /**
   * Claims the right to send, once: true for the one caller that claimed it, false for every
   * later (or concurrent) caller, including after the first one finished.
   * @throws IntakeError INTAKE_DB_UNAVAILABLE (retriable); INTAKE_DB_REJECTED when the item was never recorded
   */
  claimAcknowledgement(claim: AcknowledgementClaim, now: Date): Promise<boolean>;
  /**
   * Records how the claimed acknowledgement went.
   * @throws IntakeError INTAKE_DB_UNAVAILABLE (retriable)
   */
  finishAcknowledgement(claim: AcknowledgementClaim, result: AcknowledgementResult, now: Date): Promise<void>;
}
