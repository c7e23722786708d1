/**
 * Documents made in the tests, each in a real format: text drawn with DejaVu on a canvas (PNG),
 * G4 fax TIFFs at fax resolution made with sharp, PDFs written by hand (a text layer in Helvetica,
 * an embedded JPEG, a PostScript calculator function), and hostile files (headers that claim
 * enormous pages over a few bytes of data). Deterministic: noise comes from a fixed seed.
 */
import { deflateSync } from 'node:zlib';
import { createCanvas, GlobalFonts } from '@napi-rs/canvas';
import sharp from 'sharp';

const FONTS = '/usr/share/fonts/truetype/dejavu';
GlobalFonts.registerFromPath(`${FONTS}/DejaVuSans.ttf`, 'DejaVu Sans');
GlobalFonts.registerFromPath(`${FONTS}/DejaVuSerif.ttf`, 'DejaVu Serif');

/** A petition's opening lines: every Turkish letter (İ ı Ş ş Ğ ğ Ç ç Ö ö Ü ü) appears. */
export const PETITION = [
  'Sayın Yetkili, İstanbul Kadıköy şubesine',
  'doğalgaz aboneliği başvurusu yapıyorum.',
  'Adres: Çiçek Sokak No 12 Daire 4 Üsküdar',
  'Sayaç numarası 48213, ödeme belgesi ektedir.',
  'Işık, ılık süt, güneşli öğle, çığ, şırınga.',
  'Gereğinin yapılmasını saygılarımla arz ederim.',
];

export interface TextImageOptions {
  font?: 'DejaVu Sans' | 'DejaVu Serif';
  /** Font size in pixels; 40 px is 10 pt at 300 dpi. */
  px?: number;
  width?: number;
  /** Rows of the canvas; by default just enough for the lines. */
  height?: number;
}

/** Black text on white at 300 dpi, as PNG. */
export function textPng(lines: readonly string[], options: TextImageOptions = {}): Buffer {
  const px = options.px ?? 40;
  const lineHeight = Math.round(px * 1.6);
  const canvas = createCanvas(options.width ?? 2000, options.height ?? 2 * px + lines.length * lineHeight);
  const g = canvas.getContext('2d');
  g.fillStyle = '#ffffff';
  g.fillRect(0, 0, canvas.width, canvas.height);
  g.fillStyle = '#000000';
  g.font = `${px}px "${options.font ?? 'DejaVu Serif'}"`;
  lines.forEach((line, i) => g.fillText(line, px * 2, px * 2 + i * lineHeight));
  return canvas.toBuffer('image/png');
}

/** A linear congruential generator, so that "random" noise is the same on every run. */
function seeded(seed: number): () => number {
  let state = seed >>> 0;
  return () => {
    state = (Math.imul(state, 1664525) + 1013904223) >>> 0;
    return state / 2 ** 32;
  };
}

export interface FaxOptions {
  /** 196 for a "fine" fax, 98 for a "normal" one; horizontal is always 204. */
  yDpi?: number;
  /** Degrees of skew, as a sheet fed crooked. */
  angle?: number;
  /** Share of pixels flipped (salt and pepper): line noise. */
  noise?: number;
  seed?: number;
}

/** A 300 dpi page as one fax page: skewed, resampled to 204 × yDpi, noised, thresholded to 1 bit. */
async function faxPixels(png: Buffer, options: FaxOptions): Promise<{ pixels: Buffer; width: number; height: number }> {
  const yDpi = options.yDpi ?? 196;
  const rotated = await sharp(png).greyscale().rotate(options.angle ?? 0, { background: '#ffffff' }).png().toBuffer();
  const { width, height } = await sharp(rotated).metadata();
  const { data, info } = await sharp(rotated)
    .resize(Math.round((width * 204) / 300), Math.round((height * yDpi) / 300), { fit: 'fill' })
    .greyscale()
    .raw()
    .toBuffer({ resolveWithObject: true });
  const random = seeded(options.seed ?? 7);
  const noise = options.noise ?? 0;
  for (let i = 0; i < data.length; i++) {
    let value = data[i]!;
    if (noise > 0 && random() < noise) value = value > 127 ? 0 : 255;
    data[i] = value < 150 ? 0 : 255;
  }
  return { pixels: data, width: info.width, height: info.height };
}

/**
 * A multi-page Group 4 fax TIFF with the resolution a fax machine writes (204 × yDpi). Pages are
 * padded to the tallest, as a fax's pages are all one size.
 */
export async function faxTiff(pages: readonly Buffer[], options: FaxOptions = {}): Promise<Buffer> {
  const yDpi = options.yDpi ?? 196;
  const faxed = await Promise.all(pages.map((png, i) => faxPixels(png, { ...options, seed: (options.seed ?? 7) + i })));
  const width = Math.max(...faxed.map((page) => page.width));
  const pageHeight = Math.max(...faxed.map((page) => page.height));
  const stacked = Buffer.alloc(width * pageHeight * faxed.length, 255);
  faxed.forEach((page, p) => {
    for (let y = 0; y < page.height; y++) page.pixels.copy(stacked, (p * pageHeight + y) * width, y * page.width, (y + 1) * page.width);
  });
  return sharp(stacked, { raw: { width, height: pageHeight * faxed.length, channels: 1, pageHeight } })
    .toColourspace('b-w')
    .tiff({ compression: 'ccittfax4', bitdepth: 1, xres: 204 / 25.4, yres: yDpi / 25.4 })
    .toBuffer();
}

/** The TIFF pages of a generated fax as sharp sees them, for the tests' own checks. */
export async function tiffPageCount(tiff: Buffer): Promise<number> {
  return (await sharp(tiff).metadata()).pages ?? 1;
}

// ---------------------------------------------------------------------------------------------
// PDFs by hand

type PdfObject = string | Buffer;

function stream(dictionary: string, data: Buffer | string): Buffer {
  const bytes = typeof data === 'string' ? Buffer.from(data, 'latin1') : data;
  return Buffer.concat([Buffer.from(`<< ${dictionary} /Length ${bytes.length} >>\nstream\n`, 'latin1'), bytes, Buffer.from('\nendstream', 'latin1')]);
}

/** Objects numbered from 1; object 1 is the catalogue. Writes a correct xref table. */
function pdfFile(objects: readonly PdfObject[]): Buffer {
  const parts: Buffer[] = [Buffer.from('%PDF-1.4\n%\xe2\xe3\xcf\xd3\n', 'latin1')];
  let length = parts[0]!.length;
  const offsets: number[] = [];
  objects.forEach((object, i) => {
    offsets.push(length);
    const part = Buffer.concat([Buffer.from(`${i + 1} 0 obj\n`, 'latin1'), typeof object === 'string' ? Buffer.from(object, 'latin1') : object, Buffer.from('\nendobj\n', 'latin1')]);
    parts.push(part);
    length += part.length;
  });
  const xref = [`xref\n0 ${objects.length + 1}\n`, '0000000000 65535 f \n', ...offsets.map((offset) => `${String(offset).padStart(10, '0')} 00000 n \n`)].join('');
  parts.push(Buffer.from(`${xref}trailer\n<< /Size ${objects.length + 1} /Root 1 0 R >>\nstartxref\n${length}\n%%EOF\n`, 'latin1'));
  return Buffer.concat(parts);
}

/** Pages given as [resources, content stream, width, height]; objects 1-2 are catalogue and page tree. */
function pdfPages(pages: ReadonlyArray<{ resources: string; content: string; width: number; height: number }>, extra: readonly PdfObject[] = []): Buffer {
  const firstPage = 3 + extra.length;
  const kids = pages.map((_, i) => `${firstPage + i * 2} 0 R`).join(' ');
  const objects: PdfObject[] = ['<< /Type /Catalog /Pages 2 0 R >>', `<< /Type /Pages /Kids [${kids}] /Count ${pages.length} >>`, ...extra];
  pages.forEach((page, i) => {
    const contentRef = firstPage + i * 2 + 1;
    objects.push(`<< /Type /Page /Parent 2 0 R /MediaBox [0 0 ${page.width} ${page.height}] /Resources ${page.resources} /Contents ${contentRef} 0 R >>`);
    objects.push(stream('', page.content));
  });
  return pdfFile(objects);
}

const pdfString = (text: string): string => `(${text.replace(/[\\()]/g, (c) => `\\${c}`)})`;

/** An A4 PDF whose pages carry a real text layer (Helvetica, ASCII only). */
export function textPdf(pages: ReadonlyArray<readonly string[]>): Buffer {
  return pdfPages(pages.map(textPage), [HELVETICA]);
}

const HELVETICA = '<< /Type /Font /Subtype /Type1 /BaseFont /Helvetica /Encoding /WinAnsiEncoding >>';

/** An A4 page of text lines; the font is object 3. */
function textPage(lines: readonly string[]): { resources: string; content: string; width: number; height: number } {
  return {
    resources: '<< /Font << /F1 3 0 R >> >>',
    content: `BT /F1 12 Tf 72 770 Td 16 TL ${lines.map((line) => `${pdfString(line)} '`).join(' ')} ET`,
    width: 595,
    height: 842,
  };
}

/**
 * A PDF of text pages (lines) and scanned pages (a PNG, embedded as a JPEG with DCTDecode on a
 * page sized to the image at 300 dpi, no text layer), in the order given. A scanned page may carry
 * a short text line too, such as a scanner's page stamp.
 */
export async function mixedPdf(pages: ReadonlyArray<readonly string[] | { scan: Buffer; stamp?: string }>): Promise<Buffer> {
  const extra: PdfObject[] = [HELVETICA];
  const built = [];
  for (const page of pages) {
    if (!('scan' in page)) {
      built.push(textPage(page));
      continue;
    }
    const { data, info } = await sharp(page.scan).greyscale().jpeg({ quality: 85 }).toBuffer({ resolveWithObject: true });
    extra.push(stream(`/Type /XObject /Subtype /Image /Width ${info.width} /Height ${info.height} /ColorSpace /DeviceGray /BitsPerComponent 8 /Filter /DCTDecode`, data));
    const imageRef = 2 + extra.length;
    const width = (info.width * 72) / 300;
    const height = (info.height * 72) / 300;
    const stamp = page.stamp ? ` BT /F1 6 Tf 2 2 Td ${pdfString(page.stamp)} Tj ET` : '';
    built.push({ resources: `<< /XObject << /Im0 ${imageRef} 0 R >> /Font << /F1 3 0 R >> >>`, content: `q ${width} 0 0 ${height} 0 0 cm /Im0 Do Q${stamp}`, width, height });
  }
  return pdfPages(built, extra);
}

/** A one-page scan as a PDF (see mixedPdf). */
export function imagePdf(png: Buffer, stamp?: string): Promise<Buffer> {
  return mixedPdf([stamp === undefined ? { scan: png } : { scan: png, stamp }]);
}

/**
 * A page painted with an axial shading whose colour is a PostScript calculator function (type 4).
 * pdf.js compiles such functions into JavaScript with `new Function` unless `isEvalSupported` is
 * false: the code path that crafted PDFs abuse.
 */
export function postScriptFunctionPdf(): Buffer {
  const shading = '<< /ShadingType 2 /ColorSpace /DeviceGray /Coords [0 0 200 0] /Function 4 0 R /Extend [true true] >>';
  const fn = stream('/FunctionType 4 /Domain [0 1] /Range [0 1]', '{ dup mul }');
  return pdfPages([{ resources: '<< /Shading << /Sh0 3 0 R >> >>', content: '/Sh0 sh', width: 200, height: 100 }], [shading, fn]);
}

/** A PDF page far larger than any paper: 14400 units (200 inches) square, PDF's own maximum. */
export function hugePagePdf(): Buffer {
  return pdfPages([{ resources: '<< >>', content: '', width: 14400, height: 14400 }]);
}

// ---------------------------------------------------------------------------------------------
// Hostile images

const CRC_TABLE = Array.from({ length: 256 }, (_, n) => {
  let c = n;
  for (let k = 0; k < 8; k++) c = c & 1 ? 0xedb88320 ^ (c >>> 1) : c >>> 1;
  return c >>> 0;
});

function crc32(bytes: Buffer): number {
  let crc = 0xffffffff;
  for (const byte of bytes) crc = CRC_TABLE[(crc ^ byte) & 0xff]! ^ (crc >>> 8);
  return (crc ^ 0xffffffff) >>> 0;
}

function pngChunk(type: string, data: Buffer): Buffer {
  const length = Buffer.alloc(4);
  length.writeUInt32BE(data.length);
  const body = Buffer.concat([Buffer.from(type, 'latin1'), data]);
  const crc = Buffer.alloc(4);
  crc.writeUInt32BE(crc32(body));
  return Buffer.concat([length, body, crc]);
}

/** A valid PNG header claiming `width × height` 1-bit grey pixels over a few bytes of zlib data. */
export function pngBomb(width = 100_000, height = 100_000): Buffer {
  const header = Buffer.alloc(13);
  header.writeUInt32BE(width, 0);
  header.writeUInt32BE(height, 4);
  header[8] = 1; // bit depth
  header[9] = 0; // grey
  return Buffer.concat([
    Buffer.from([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a]),
    pngChunk('IHDR', header),
    pngChunk('IDAT', deflateSync(Buffer.alloc(64 * 1024))),
    pngChunk('IEND', Buffer.alloc(0)),
  ]);
}

export interface TiffPageSpec {
  width: number;
  height: number;
  /** Dots per inch; omitted → no resolution tags. */
  xDpi?: number;
  yDpi?: number;
}

/**
 * A little-endian TIFF written field by field: 1-bit G4 pages whose strips hold only an
 * end-of-block code, so the headers say anything while the file stays a few hundred bytes.
 * `loop` points the last IFD back at the first, as a hostile file may.
 */
export function handMadeTiff(pages: readonly TiffPageSpec[], options: { loop?: boolean } = {}): Buffer {
  const SHORT = 3;
  const LONG = 4;
  const RATIONAL = 5;
  const strip = Buffer.from([0x00, 0x10, 0x01, 0x00, 0x10, 0x01]); // G4 EOFB
  const chunks: Buffer[] = [];
  let length = 8;
  const place = (bytes: Buffer): number => {
    const at = length;
    chunks.push(bytes);
    length += bytes.length + (bytes.length % 2);
    if (bytes.length % 2) chunks.push(Buffer.alloc(1));
    return at;
  };
  const ifdOffsets: number[] = [];
  const ifds: Buffer[] = [];
  for (const page of pages) {
    const stripAt = place(strip);
    const entries: Array<[number, number, number]> = [
      [256, LONG, page.width],
      [257, LONG, page.height],
      [258, SHORT, 1],
      [259, SHORT, 4],
      [262, SHORT, 0],
      [273, LONG, stripAt],
      [277, SHORT, 1],
      [278, LONG, page.height],
      [279, LONG, strip.length],
    ];
    if (page.xDpi !== undefined && page.yDpi !== undefined) {
      const rational = (value: number): number => {
        const bytes = Buffer.alloc(8);
        bytes.writeUInt32LE(Math.round(value * 100), 0);
        bytes.writeUInt32LE(100, 4);
        return place(bytes);
      };
      entries.push([282, RATIONAL, rational(page.xDpi)], [283, RATIONAL, rational(page.yDpi)], [296, SHORT, 2]);
    }
    const ifd = Buffer.alloc(2 + entries.length * 12 + 4);
    ifd.writeUInt16LE(entries.length, 0);
    entries.forEach(([tag, type, value], i) => {
      const at = 2 + i * 12;
      ifd.writeUInt16LE(tag, at);
      ifd.writeUInt16LE(type, at + 2);
      ifd.writeUInt32LE(1, at + 4);
      if (type === SHORT) ifd.writeUInt16LE(value, at + 8);
      else ifd.writeUInt32LE(value, at + 8);
    });
    ifdOffsets.push(place(ifd));
    ifds.push(ifd);
  }
  // Chain the IFDs: each one's last four bytes point at the next.
  ifds.forEach((ifd, i) => ifd.writeUInt32LE(ifdOffsets[i + 1] ?? (options.loop ? ifdOffsets[0]! : 0), ifd.length - 4));
  const header = Buffer.alloc(8);
  header.write('II', 0, 'latin1');
  header.writeUInt16LE(42, 2);
  header.writeUInt32LE(ifdOffsets[0]!, 4);
  return Buffer.concat([header, ...chunks]);
}
