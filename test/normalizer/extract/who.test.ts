import assert from 'node:assert/strict';
import { splitMessage } from '../../../normalizer/extract/parts.js';
import { writesForSomeoneElse } from '../../../normalizer/extract/people.js';
import { prepareText } from '../../../normalizer/extract/prepare.js';
import { readMessage } from '../../../normalizer/extract/reading.js';
import { whoWrote, type Who } from '../../../normalizer/extract/who.js';

function who(body: string, senderName: string | null = null, sender: string | null = null): Who {
  const parts = splitMessage(prepareText(body));
  const reading = readMessage(parts.own, parts.ownFolded, parts.signature, parts.signatureFolded, 'typed');
  return whoWrote({ senderName, sender, source: 'typed' }, parts, reading, writesForSomeoneElse(reading.folded), { writer: null });
}

describe('whoWrote', () => {
  context('when the writer signs their own application', () => {
    it('names them the customer', () => {
      const w = who('Faturam yüksek geldi.\n\nSaygılarımla,\nAyşe Yılmaz');
      assert.equal(w.customer?.value, 'Ayşe Yılmaz');
      assert.equal(w.actsFor, false);
    });
  });

  context('when someone writes for their mother', () => {
    it('names the mother the customer and the writer the contact person', () => {
      const w = who('Annem Fatma Kaya adına yazıyorum, gazı kesildi.\n\nSaygılarımla,\nMehmet Kaya');
      assert.equal(w.customer?.value, 'Fatma Kaya');
      assert.equal(w.writer?.value, 'Mehmet Kaya');
      assert.equal(w.actsFor, true);
    });
  });

  context('when a subscriber is named under "Abone:" and someone else signs', () => {
    it('takes the signer for the contact person, with the number under their name', () => {
      const w = who('Gazın açılmasını rica ederim.\n\nAbone: ÇETİN Hanife\nTC: 69102746544\n\n--\nOrhan Çetin\n0533 740 92 15');
      assert.equal(w.customer?.value, 'Hanife ÇETİN');
      assert.equal(w.writer?.value, 'Orhan Çetin');
      assert.equal(w.writerPhone, '+905337409215');
    });
  });

  context('when the text names no one', () => {
    it('offers the display name', () => {
      assert.equal(who('Faturam yüksek geldi.', 'Hakan Yurt').displayName, 'Hakan Yurt');
    });

    it('offers no display name when the mailbox is someone else\'s', () => {
      assert.equal(who('Eşimin hesabından yazıyorum. Faturam yüksek geldi.', 'Hakan Yurt').displayName, null);
    });

    it('offers no display name of an office', () => {
      assert.equal(who('Kazan dairesi faturası yüksek.', 'ATAKÖY APT. YÖNETİMİ').displayName, null);
    });
  });

  context('when an SMS sent for a neighbour says to call back on this number', () => {
    it('takes the sender for the writer\'s number', () => {
      const w = who('komsum icin yaziyorum, gazi yok. beni bu numaradan arayin', null, '+905358127704');
      assert.equal(w.actsFor, true);
      assert.equal(w.writerPhone, '+905358127704');
    });
  });
});
