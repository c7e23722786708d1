import assert from 'node:assert/strict';
import { formatCsv } from '../../reports/format-csv.js';
import { row, sampleDocument } from './report-document-fixture.js';

describe('formatCsv', () => {
  context('when a report is rendered', () => {
    it('writes a header named after the dimension, one CRLF record per row and the total last', () => {
      assert.equal(formatCsv(sampleDocument()), [
        'unit,total,crm,needsInfo,archiveOnly,ignored,emergencies,linkedDuplicates,open,overdue,medianResolutionHours',
        'Müşteri Hizmetleri,12,10,2,0,0,0,0,3,1,30.5',
        '"Sayaç, ""Okuma"" Birimi",3,3,0,0,0,0,1,0,0,',
        '(total),15,13,2,0,0,0,1,3,1,30.5',
        '',
      ].join('\r\n'));
    });
  });

  context('when a key holds a line break', () => {
    it('quotes the field and keeps the break inside it', () => {
      const doc = { ...sampleDocument(), rows: [row('Kadı\nköy', { total: 1 })] };
      assert.match(formatCsv(doc), /\r\n"Kadı\nköy",1,/);
    });
  });

  context('when a key starts like a spreadsheet formula', () => {
    it('prefixes it with an apostrophe so it stays text', () => {
      const doc = { ...sampleDocument(), by: 'region' as const, rows: [row('=HYPERLINK("http://x")', { total: 1 })] };
      assert.match(formatCsv(doc), /\r\n"'=HYPERLINK\(""http:\/\/x""\)",1,/);
    });
  });
});
