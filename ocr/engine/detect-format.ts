/**
 * Tells the container by its magic bytes only: a sender's file name and MIME type are claims, the
 * first bytes are what the decoders will act on.
 */
import type { DocumentFormat } from './types.js';

const PNG = [0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a];
const JPEG = [0xff, 0xd8, 0xff];
const TIFF_LE = [0x49, 0x49, 0x2a, 0x00];
const TIFF_BE = [0x4d, 0x4d, 0x00, 0x2a];
/** BigTIFF (version 43) is TIFF too; libtiff in sharp reads it. */
const BIGTIFF_LE = [0x49, 0x49, 0x2b, 0x00];
const BIGTIFF_BE = [0x4d, 0x4d, 0x00, 0x2b];
/** PDF readers accept `%PDF-` anywhere in the first 1024 bytes (some mailers prepend junk); so do we. */
const PDF_WINDOW = 1024;

function startsWith(bytes: Buffer, magic: readonly number[]): boolean {
  return bytes.length >= magic.length && magic.every((byte, i) => bytes[i] === byte);
}

export function detectFormat(bytes: Buffer): DocumentFormat {
  if (startsWith(bytes, PNG)) return 'png';
  if (startsWith(bytes, JPEG)) return 'jpeg';
  if ([TIFF_LE, TIFF_BE, BIGTIFF_LE, BIGTIFF_BE].some((magic) => startsWith(bytes, magic))) return 'tiff';
  if (bytes.subarray(0, PDF_WINDOW).includes('%PDF-', 0, 'latin1')) return 'pdf';
  return 'unknown';
}
