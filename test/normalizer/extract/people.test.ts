import assert from 'node:assert/strict';
import { ownerBefore, sentFromSomeoneElsesMailbox, writesForSomeoneElse, type Owner } from '../../../normalizer/extract/people.js';
import { foldKeepingOffsets } from '../../../normalizer/turkish/fold.js';

const forSomeone = (text: string): boolean => writesForSomeoneElse(foldKeepingOffsets(text));
const othersMailbox = (text: string): boolean => sentFromSomeoneElsesMailbox(foldKeepingOffsets(text));

/** Whose the number starting at `number` is, as ownerBefore reads the text before it. */
function ownerOf(text: string, number: string, contact = false): Owner {
  const folded = foldKeepingOffsets(text);
  const at = text.indexOf(number);
  assert.ok(at >= 0, `${number} not in ${text}`);
  return ownerBefore(folded, at, contact);
}

describe('writesForSomeoneElse', () => {
  context('when the writer acts for a relative or a neighbour', () => {
    for (const text of [
      'Annem adına yazıyorum, evinde gaz yok.',
      'Babamın aboneliği hakkında yazıyorum.',
      'Babam yerine ben yazıyorum.',
      'Annem için yazıyorum, kendisi yaşlı.',
      'Komşumun şikayetini size iletiyorum.',
      'Ben onun oğlu olarak yazıyorum.',
    ]) {
      it(`is true for "${text}"`, () => {
        assert.equal(forSomeone(text), true);
      });
    }

    it('is true when the writer follows it up for a relative who has no phone', () => {
      assert.equal(forSomeone('Annem yaşlı, kendisinin telefonu yok, ben takip ediyorum.'), true);
    });
  });

  context('when the writer only mentions someone', () => {
    for (const text of [
      'Faturam çok yüksek geldi.',
      'Annem çok üzüldü, faturam yüksek.',
      'Annemle birlikte oturuyoruz, gaz yok.',
      'Annem de ben de evde yoktuk.',
    ]) {
      it(`is false for "${text}"`, () => {
        assert.equal(forSomeone(text), false);
      });
    }

    it('is false when the writer lives with the relative ("annem ile birlikte"), even if the subscription is theirs', () => {
      assert.equal(forSomeone('Annem ile birlikte yaşıyorum, babamın aboneliği var.'), false);
    });

    it('is false for following something up when no relative is named', () => {
      assert.equal(forSomeone('Kendisinin telefonu yok, ben takip ediyorum.'), false);
    });
  });
});

describe('sentFromSomeoneElsesMailbox', () => {
  context('when the text says the mailbox or phone is someone else’s', () => {
    for (const text of ['Kızımın mail hesabından yazıyorum.', 'Oğlumun e-posta adresinden yazıyorum.', 'Eşimin telefonundan yazıyorum.']) {
      it(`is true for "${text}", so the display name is not taken as the writer’s`, () => {
        assert.equal(othersMailbox(text), true);
      });
    }
  });

  context('when the writer writes from their own mailbox', () => {
    it('is false', () => {
      assert.equal(othersMailbox('Kendi hesabımdan yazıyorum.'), false);
      assert.equal(othersMailbox('Faturam yüksek geldi.'), false);
    });
  });
});

describe('ownerBefore', () => {
  context('when a possessive says whose a number is', () => {
    it('is "other" after a relative’s possessive ("Annemin TC numarası")', () => {
      assert.equal(ownerOf('Annemin TC numarası 52660684816', '5266'), 'other');
    });

    it('is "other" after a name’s possessive ("Necati Bey’in numarası")', () => {
      assert.equal(ownerOf("Necati Bey'in numarası 0532 123 45 67", '0532'), 'other');
    });

    it('is "self" after "benim"', () => {
      assert.equal(ownerOf('Benim TC numaram 70226422252', '7022'), 'self');
    });

    it('takes the nearer of two possessives', () => {
      assert.equal(ownerOf('Annemin TC numarası 52660684816, benim numaram 70226422252', '7022'), 'self');
      assert.equal(ownerOf('Benim numaram 0532 123 45 67, annemin numarası 0533 765 43 21', '0533'), 'other');
    });

    it('reads past "T.C." and "no." without taking them for the end of a sentence', () => {
      assert.equal(ownerOf('Annemin T.C. no. 52660684816', '5266'), 'other');
    });
  });

  context('when nothing says whose the number is', () => {
    it('is null: a number that does not say is not guessed at', () => {
      assert.equal(ownerOf('TC 70226422252', '7022'), null);
    });

    it('is null when the possessive is in an earlier sentence', () => {
      assert.equal(ownerOf('Annem yaşlı. TC 52660684816', '5266'), null);
    });
  });

  context('when the number is a contact number', () => {
    it('is "third" for a technician’s or a manager’s number', () => {
      assert.equal(ownerOf('Tesisatçı ustanın numarası 0532 123 45 67', '0532', true), 'third');
      assert.equal(ownerOf('Yönetici Ahmet Bey 0532 123 45 67', '0532', true), 'third');
    });

    it('is "self" after "bana" or "beni"', () => {
      assert.equal(ownerOf('Bana 0532 123 45 67 numarasından ulaşın', '0532', true), 'self');
    });

    it('reads neither a firm nor "bana" when the number is not a contact number', () => {
      assert.equal(ownerOf('Tesisatçı ustanın numarası 0532 123 45 67', '0532'), null);
      assert.equal(ownerOf('Bana 0532 123 45 67 numarasından ulaşın', '0532'), null);
    });
  });
});

describe('sentFromSomeoneElsesMailbox, found in review', () => {
  it('does not take a payment from a father\'s bank account for his mailbox', () => {
    assert.equal(sentFromSomeoneElsesMailbox(foldKeepingOffsets('Babamın hesabından ödeme yaptım ama borç görünüyor.')), false);
  });

  it('still knows a mail account', () => {
    assert.equal(sentFromSomeoneElsesMailbox(foldKeepingOffsets('Eşimin mail hesabından yazıyorum.')), true);
  });
});
