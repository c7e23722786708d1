/**
 * Turkish-aware case, where i/İ and ı/I are two different letters. A locale case mapping goes
 * through ICU on every call, which showed in the profile for every name on every form, so words
 * in Latin letters are mapped from a table (letter-table.ts) filled from the same ICU calls.
 */
import { letterTable } from './letter-table.js';

const lowerExactly = (value: string): string => value.toLocaleLowerCase('tr-TR');
const upperExactly = (value: string): string => value.toLocaleUpperCase('tr-TR');
const lowerTable = letterTable(lowerExactly);
const upperTable = letterTable(upperExactly);

/** Lower case by Turkish rules: "IŞIK" → "ışık", "İSMAİL" → "ismail". */
export function lowerTr(value: string): string {
  return lowerTable.map(value) ?? lowerExactly(value);
}

/** Upper case by Turkish rules: "istanbul" → "İSTANBUL". */
export function upperTr(value: string): string {
  return upperTable.map(value) ?? upperExactly(value);
}
