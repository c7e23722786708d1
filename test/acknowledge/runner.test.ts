/**
 * The acknowledgement loop with the bus, the store and the SMTP server in memory: at most one mail
 * per application, what is skipped, and what an SMTP or database outage does to the partition.
 */
import assert from 'node:assert/strict';
import type { AcknowledgementMail } from '../../acknowledge/build-email.js';
import { startAcknowledger, type AcknowledgerHandle } from '../../acknowledge/runner.js';
import type { MailSender } from '../../acknowledge/smtp-sender.js';
import type { AcknowledgementClaim, AcknowledgementResult, AcknowledgementStore } from '../../acknowledge/store-port.js';
import type { Outcome } from '../../schemas/types.generated.js';
import { IntakeError } from '../../runtime/errors.js';
import type { Bus, IncomingMessage, SubscribeOptions } from '../../runtime/kafka/types.js';
import { memoryLogger } from '../support/memory-logger.js';
import { RecordingPublisher } from '../support/recording-publisher.js';
import { emailOutcome, now, settings } from './outcome-fixture.js';
import { unusedBusParts } from '../support/unused-bus-parts.js';

interface Row { claim: AcknowledgementClaim; result: AcknowledgementResult | null }

/** The acknowledgements table in a map; `fail` decides what a claim throws. */
class MemoryStore implements AcknowledgementStore {
  readonly rows = new Map<string, Row>();
  fail: () => Error | null = () => null;

  async claimAcknowledgement(claim: AcknowledgementClaim): Promise<boolean> {
    const error = this.fail();
    if (error) throw error;
    if (this.rows.has(claim.itemId)) return false;
    this.rows.set(claim.itemId, { claim, result: null });
    return true;
  }

  async finishAcknowledgement(claim: AcknowledgementClaim, result: AcknowledgementResult): Promise<void> {
    const row = this.rows.get(claim.itemId);
    if (row && row.result === null) row.result = result;
  }
}

/** An SMTP server in memory: `fail` decides what each attempt throws. */
class MemorySender implements MailSender {
  readonly sent: AcknowledgementMail[] = [];
  attempts = 0;
  fail: (attempt: number) => Error | null = () => null;

  async send(mail: AcknowledgementMail): Promise<void> {
    this.attempts += 1;
    const error = this.fail(this.attempts);
    if (error) throw error;
    this.sent.push(mail);
  }

  close(): void {}
}

/** A bus whose subscription hands each delivered batch straight to the handler. */
function directBus(): Bus & { deliver(...messages: IncomingMessage[]): Promise<void>; subscribed: SubscribeOptions | null } {
  const bus = {
    ...unusedBusParts,
    subscribed: null as SubscribeOptions | null,
    ensureTopics: async () => undefined,
    publisher: () => new RecordingPublisher(),
    subscribe: async (o: SubscribeOptions) => { bus.subscribed = o; return { stop: async () => undefined }; },
    close: async () => undefined,
    deliver: (...messages: IncomingMessage[]) => {
      if (bus.subscribed === null) throw new Error('not subscribed');
      return bus.subscribed.handleBatch(messages, { heartbeat: async () => undefined });
    },
  };
  return bus;
}

const unavailable = (): IntakeError => new IntakeError('INTAKE_SMTP_UNAVAILABLE', 'down (test)', { details: { smtpCode: null, reason: 'ECONNECTION' } });
let offset = 0;
const message = (value: Outcome | string, topic = 'intake.crm.v1'): IncomingMessage => ({ topic, partition: 0, offset: String(offset++), key: 'k', value: Buffer.from(typeof value === 'string' ? value : JSON.stringify(value)), headers: {} });
const outcomeFor = (itemNumber: number, overrides: Parameters<typeof emailOutcome>[1] = {}): Outcome => {
  const outcome = emailOutcome('crm', overrides);
  return { ...outcome, applicationNumber: `2026-${String(itemNumber).padStart(6, '0')}` };
};

describe('acknowledgement runner', () => {
  let bus: ReturnType<typeof directBus>;
  let store: MemoryStore;
  let sender: MemorySender;
  let logs: ReturnType<typeof memoryLogger>;
  let handle: AcknowledgerHandle;

  beforeEach(async () => {
    bus = directBus();
    store = new MemoryStore();
    sender = new MemorySender();
    logs = memoryLogger();
    handle = await startAcknowledger({
      bus, store, sender, settings, topics: ['intake.crm.v1', 'intake.needs-info.v1'], groupId: 'ack', logger: logs.logger,
      retry: { attempts: 3, initialMs: 1, maxMs: 2 }, now: () => now,
    });
  });

  afterEach(() => handle.stop());

  it('joins its own group on the crm and needs-info topics', () => {
    assert.equal(bus.subscribed?.groupId, 'ack');
    assert.deepEqual(bus.subscribed?.topics, ['intake.crm.v1', 'intake.needs-info.v1']);
  });

  context('when an e-mail application was recorded', () => {
    it('claims, sends once and records it sent, logging no address or name', async () => {
      const outcome = outcomeFor(1);
      await bus.deliver(message(outcome));
      assert.equal(sender.sent.length, 1);
      assert.equal(sender.sent[0]?.to, 'ayse@example.com');
      assert.deepEqual(store.rows.get(outcome.decision.itemId)?.result, { state: 'sent', attempts: 1 });
      assert.match(logs.lines(), /"msg":"acknowledged"/);
      assert.doesNotMatch(logs.lines(), /ayse@example\.com|Ayşe|Fatura itirazı/);
    });
  });

  context('when the same outcome is delivered again (a redelivery after a crash or a rebalance)', () => {
    it('sends nothing the second time', async () => {
      const outcome = outcomeFor(2);
      await bus.deliver(message(outcome));
      await bus.deliver(message(outcome), message(outcome));
      assert.equal(sender.sent.length, 1);
      assert.equal(store.rows.size, 1);
      assert.match(logs.lines(), /"msg":"acknowledged before"/);
    });
  });

  context('when no acknowledgement is due', () => {
    it('neither claims nor sends', async () => {
      await bus.deliver(
        message(outcomeFor(3, { decision: { channel: 'webform' } })),
        message(emailOutcome('ignored')),
        message(outcomeFor(5, { decision: { replyTo: { address: 'basvuru@igdas.example' } } })),
      );
      assert.equal(store.rows.size, 0);
      assert.equal(sender.attempts, 0);
    });
  });

  context('when an outcome cannot be read', () => {
    it('logs it with INTAKE_MESSAGE_INVALID and goes on with the batch', async () => {
      const outcome = outcomeFor(6);
      await bus.deliver(message('{"not":"an outcome"}'), message(outcome));
      assert.equal(sender.sent.length, 1);
      assert.match(logs.lines(), /"code":"INTAKE_MESSAGE_INVALID"/);
    });
  });

  context('when the SMTP server is down, then up again', () => {
    it('retries and records it sent with the attempts it took', async () => {
      sender.fail = (attempt) => (attempt <= 2 ? unavailable() : null);
      const outcome = outcomeFor(7);
      await bus.deliver(message(outcome));
      assert.equal(sender.sent.length, 1);
      assert.deepEqual(store.rows.get(outcome.decision.itemId)?.result, { state: 'sent', attempts: 3 });
    });
  });

  context('when the SMTP server stays down', () => {
    it('records it failed with the code, and the partition goes on to the next outcome', async () => {
      sender.fail = (attempt) => (attempt <= 3 ? unavailable() : null);
      const lost = outcomeFor(8);
      const next = outcomeFor(9);
      await bus.deliver(message(lost), message(next));
      assert.deepEqual(store.rows.get(lost.decision.itemId)?.result, { state: 'failed', attempts: 3, errorCode: 'INTAKE_SMTP_UNAVAILABLE' });
      assert.deepEqual(store.rows.get(next.decision.itemId)?.result, { state: 'sent', attempts: 1 });
      assert.match(logs.lines(), /"code":"INTAKE_SMTP_UNAVAILABLE".*"msg":"acknowledgement not sent"/);
    });
  });

  context('when the SMTP server refuses the mail for good', () => {
    it('records it failed at once, without retrying', async () => {
      sender.fail = () => new IntakeError('INTAKE_SMTP_REJECTED', 'refused (test)', { details: { smtpCode: 550, reason: 'EENVELOPE' } });
      const outcome = outcomeFor(10);
      await bus.deliver(message(outcome));
      assert.deepEqual(store.rows.get(outcome.decision.itemId)?.result, { state: 'failed', attempts: 1, errorCode: 'INTAKE_SMTP_REJECTED' });
      assert.match(logs.lines(), /"smtpCode":550/);
    });
  });

  context('when the database is down beyond the retries', () => {
    it('throws, so the batch is redelivered, and sends once it is back', async () => {
      store.fail = () => new IntakeError('INTAKE_DB_UNAVAILABLE', 'down (test)');
      const outcome = outcomeFor(11);
      await assert.rejects(bus.deliver(message(outcome)), (e: unknown) => e instanceof IntakeError && e.code === 'INTAKE_DB_UNAVAILABLE');
      assert.equal(sender.attempts, 0);
      store.fail = () => null;
      await bus.deliver(message(outcome));
      assert.equal(sender.sent.length, 1);
    });
  });

  context('when the database refuses the claim (the item is not recorded there)', () => {
    it('logs the code and goes on, sending nothing', async () => {
      store.fail = () => new IntakeError('INTAKE_DB_REJECTED', 'PostgreSQL error 23503 (test)');
      await bus.deliver(message(outcomeFor(12)));
      assert.equal(sender.attempts, 0);
      assert.match(logs.lines(), /"code":"INTAKE_DB_REJECTED"/);
    });
  });
});
