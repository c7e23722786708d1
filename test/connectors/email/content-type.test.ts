import assert from 'node:assert/strict';
import { parseHeaderValue } from '../../../connectors/email/content-type.js';

describe('connectors/email parseHeaderValue', () => {
  it('lower-cases the type and reads quoted and bare parameters', () => {
    const value = parseHeaderValue('Multipart/Mixed; boundary="a;b \\"c\\""; charset=ISO-8859-9');
    assert.equal(value.value, 'multipart/mixed');
    assert.equal(value.params.get('boundary'), 'a;b "c"');
    assert.equal(value.params.get('charset'), 'ISO-8859-9');
  });

  it('drops comments and keeps the first of a repeated parameter', () => {
    const value = parseHeaderValue('text/plain (plain text); charset=utf-8 (the usual); charset=latin1');
    assert.equal(value.value, 'text/plain');
    assert.equal(value.params.get('charset'), 'utf-8');
  });

  it('gives an empty type for an empty value', () => {
    assert.equal(parseHeaderValue('').value, '');
  });
});
