/**
 * Issue 6, finding 7: detecting a gas emergency took 0.26 s on a 22 KB text, 3 s on 88 KB and 27 s
 * on 352 KB, so one long e-mail would outlive the Kafka consumer's session. Three things were
 * quadratic: every word scanned its whole clause (a text without punctuation is one clause), every
 * past mention searched the rest of the text for a repair, and a negated-verb pattern backtracked
 * over a long word from every position in it.
 *
 * The guards here are structural where they can be (how many pattern tests a text costs, as it
 * grows), and otherwise a 1 MB text within a timeout that quadratic code would overrun by minutes.
 */
import assert from 'node:assert/strict';
import { decide } from '../../../normalizer/decide.js';
import { detectEmergency, type EmergencyDetection } from '../../../normalizer/emergency/index.js';
import type { Decision } from '../../../schemas/types.generated.js';
import { formItem, rawItem } from '../raw-item-fixture.js';

const MB = 1024 * 1024;

/** A paragraph repeated into a long text, `between` each two. */
interface Shape { readonly what: string; readonly paragraph: string; readonly between: string }

/** A smell reported in the past that nobody came for: every later word is read for a repair. */
const UNATTENDED: Shape = {
  what: 'a smell nobody came for',
  paragraph: "Dün akşam merdivende gaz kokusu vardı, 187'yi aradım, kimse gelmedi. Bu ayki faturam da çok yüksek geldi.",
  between: '\n\n',
};

/** A smell the crew dealt with, then a bill. */
const SETTLED: Shape = {
  what: 'a smell dealt with',
  paragraph: 'Dün akşam gaz kokusu vardı, ekip geldi düzeltti. Bu ayki faturam çok yüksek geldi.',
  between: '\n\n',
};

/** Typed on a phone: no punctuation, conjunction or line break, so the whole text is one clause. */
const ONE_CLAUSE: Shape = {
  what: 'one clause without punctuation',
  paragraph: 'faturam cok yuksek geldi yemek kokusu degil gaz kokusu gibi kokuyor sayacim arizali olabilir lutfen kontrol edin',
  between: ' ',
};

/** The shape's paragraph repeated up to about `length` characters. */
function repeated(shape: Shape, length: number): string {
  const times = Math.ceil(length / (shape.paragraph.length + shape.between.length));
  return Array.from({ length: times }, () => shape.paragraph).join(shape.between);
}

/** How many regular-expression tests `f` runs: a count of work that does not depend on the machine. */
function patternTests(f: () => unknown): number {
  const original = RegExp.prototype.test;
  let calls = 0;
  RegExp.prototype.test = function test(this: RegExp, input: string): boolean {
    calls++;
    return original.call(this, input);
  };
  try {
    f();
  } finally {
    RegExp.prototype.test = original;
  }
  return calls;
}

/** Work for four times the text, over work for the text: about 4 when linear, about 16 when quadratic. */
function growth(shape: Shape, f: (text: string) => unknown): number {
  const small = patternTests(() => f(repeated(shape, 20_000)));
  const large = patternTests(() => f(repeated(shape, 80_000)));
  return large / small;
}

/** Evidence shortened for the assertion message: a 1 MB word would fill the terminal. */
function brief(d: EmergencyDetection): { emergency: boolean; evidence: string[] } {
  return { emergency: d.emergency, evidence: d.evidence.map((e) => (e.length > 40 ? `${e.slice(0, 20)}… (${e.length} characters)` : e)) };
}

/** What a decision says, leaving out what differs from item to item. */
function gist(d: Decision): Pick<Decision, 'kind' | 'emergency' | 'emergencyEvidence' | 'topic' | 'topicEvidence' | 'reasons'> {
  return { kind: d.kind, emergency: d.emergency, emergencyEvidence: d.emergencyEvidence, topic: d.topic, topicEvidence: d.topicEvidence, reasons: d.reasons };
}

describe('finding 7: quadratic text', () => {
  context('when the text grows four-fold', () => {
    for (const shape of [UNATTENDED, SETTLED, ONE_CLAUSE]) {
      it(`detects with four times the pattern tests, not sixteen (${shape.what})`, () => {
        const ratio = growth(shape, detectEmergency);
        assert.ok(ratio > 3.5 && ratio < 4.5, `pattern tests grew ${ratio.toFixed(2)}-fold`);
      });

      it(`decides with four times the pattern tests, not sixteen (${shape.what})`, () => {
        const ratio = growth(shape, (text) => decide(rawItem('email', { text: { sender: 'ayse@example.com', body: text } })));
        assert.ok(ratio > 3.5 && ratio < 4.5, `pattern tests grew ${ratio.toFixed(2)}-fold`);
      });
    }
  });

  context('when a text is 1 MB long', () => {
    it('detects a smell nobody came for, as in one paragraph', function () {
      this.timeout(20_000);
      assert.deepEqual(detectEmergency(repeated(UNATTENDED, MB)), detectEmergency(UNATTENDED.paragraph));
      assert.deepEqual(detectEmergency(UNATTENDED.paragraph), { emergency: true, evidence: ['gaz kokusu vardı'] });
    });

    it('does not flag a smell the crew dealt with, as in one paragraph', function () {
      this.timeout(20_000);
      assert.deepEqual(detectEmergency(repeated(SETTLED, MB)), { emergency: false, evidence: [] });
    });

    it('reads a text without punctuation as one clause', function () {
      this.timeout(20_000);
      assert.deepEqual(detectEmergency(repeated(ONE_CLAUSE, MB)), detectEmergency(ONE_CLAUSE.paragraph));
      assert.deepEqual(detectEmergency(ONE_CLAUSE.paragraph), { emergency: true, evidence: ['gaz kokusu gibi kokuyor'] });
    });
  });

  context('when a text holds one word of 1 MB', () => {
    it('reads a report before the word', function () {
      this.timeout(20_000);
      assert.deepEqual(brief(detectEmergency(`Gaz kokusu ${'a'.repeat(MB)}`)), { emergency: true, evidence: ['Gaz kokusu'] });
    });

    it('reads the word itself as a report when it starts like one', function () {
      this.timeout(20_000);
      const detected = detectEmergency(`gaz koku${'m'.repeat(MB)}`);
      assert.deepEqual(brief(detected), { emergency: true, evidence: [`gaz kokummmmmmmmmmmm… (${8 + MB} characters)`] });
    });
  });

  context('when decide() gets an item with a 1 MB description', () => {
    it('decides a web form as it decides one paragraph of it', function () {
      this.timeout(20_000);
      const form = { mainTopic: undefined, subTopic: undefined };
      const long = decide(formItem('webform', { ...form, description: repeated(UNATTENDED, MB) }));
      const short = decide(formItem('webform', { ...form, description: UNATTENDED.paragraph }));
      assert.deepEqual(gist(long), gist(short));
      assert.equal(long.kind, 'crm');
      assert.equal(long.emergency, true);
      assert.deepEqual(long.topic, { main: 'emergency', sub: 'gas-smell' });
    });

    it('decides an e-mail body as it decides one paragraph of it', function () {
      this.timeout(20_000);
      const email = (body: string): Decision => decide(rawItem('email', { text: { sender: 'ayse@example.com', subject: 'Şikayet', body } }));
      const long = email(repeated(SETTLED, MB));
      assert.deepEqual(gist(long), gist(email(SETTLED.paragraph)));
      assert.equal(long.emergency, false);
      assert.equal(long.topic?.main, 'billing');
    });
  });
});
