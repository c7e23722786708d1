import assert from 'node:assert/strict';
import { formatTable, istanbulTime } from '../../reports/format-table.js';
import { row, sampleDocument } from './report-document-fixture.js';

describe('formatTable', () => {
  context('when a report is rendered', () => {
    it('prints a caption in Istanbul time, aligned columns and the total under a rule', () => {
      assert.equal(formatTable(sampleDocument()), [
        'applications received from 2026-03-01 00:00, before 2026-04-01 00:00 (Istanbul time), by unit; SLA breaches as of 2026-04-02 10:15',
        '',
        'unit                   total  crm  needs-info  archive-only  ignored  emergencies  duplicates  open  overdue  median h',
        '---------------------  -----  ---  ----------  ------------  -------  -----------  ----------  ----  -------  --------',
        'Müşteri Hizmetleri        12   10           2             0        0            0           0     3        1      30.5',
        'Sayaç, "Okuma" Birimi      3    3           0             0        0            0           1     0        0         -',
        '---------------------  -----  ---  ----------  ------------  -------  -----------  ----------  ----  -------  --------',
        '(total)                   15   13           2             0        0            0           1     3        1      30.5',
        '',
      ].join('\n'));
    });
  });

  context('when the period has no bounds', () => {
    it('says all applications', () => {
      assert.match(formatTable({ ...sampleDocument(), from: null, to: null }), /^all applications \(Istanbul time\), by unit;/);
    });
  });

  context('when a key holds control characters', () => {
    it('prints them as ? so no escape sequence reaches the terminal', () => {
      const text = formatTable({ ...sampleDocument(), rows: [row('Kadıköy\u001b[2J', { total: 1 })] });
      assert.ok(!text.includes('\u001b'));
      assert.match(text, /Kadıköy\?\[2J/);
    });
  });
});

describe('istanbulTime', () => {
  it('shows seconds only when there are some', () => {
    assert.equal(istanbulTime('2026-03-01T06:30:00.000Z'), '2026-03-01 09:30');
    assert.equal(istanbulTime('2026-03-01T06:30:05.000Z'), '2026-03-01 09:30:05');
  });
});
