/**
 * What the OCR engine hands back. A reading never carries a file name or anything else about the
 * sender; its text is personal data and is returned, never logged.
 */

/** The container, told by its first bytes (never by a file name or a declared MIME type). */
export type DocumentFormat = 'pdf' | 'tiff' | 'png' | 'jpeg' | 'unknown';

/**
 * Why a document gave no text. Bad input is an outcome, not an error:
 * - `corrupt`: the container or its pixel data cannot be decoded;
 * - `unsupported-format`: not PDF, TIFF, PNG or JPEG, or a PDF we may not open (a password);
 * - `too-large`: over `limits.maxBytes`;
 * - `too-many-pages`: over `limits.maxPages`;
 * - `too-many-pixels`: a page over `limits.maxPixelsPerPage` (a decompression bomb, or a poster);
 * - `timeout`: a page took longer than `limits.pageTimeoutMs`.
 */
export type UnreadableReason = 'corrupt' | 'unsupported-format' | 'too-large' | 'too-many-pages' | 'too-many-pixels' | 'timeout';

export interface PageText {
  /** 1-based, in document order. */
  page: number;
  text: string;
  /** 0..1: tesseract's mean word confidence; 1 for a PDF text layer. */
  confidence: number;
  source: 'text-layer' | 'ocr';
}

export type DocumentReading =
  | {
    ok: true;
    format: DocumentFormat;
    pages: PageText[];
    /** The pages' text joined with a blank line. */
    text: string;
    /** Mean of the pages' confidence weighted by their length in characters (1 when all text-layer). */
    confidence: number;
    read: 'text-layer' | 'ocr' | 'mixed';
  }
  | {
    ok: false;
    format: DocumentFormat;
    /** The pages found before giving up (0 when the count was never learnt). */
    pages: number;
    reason: UnreadableReason;
  };

export interface ReadOptions {
  /** Stops the reading: queued pages are dropped, a running page's worker is replaced. */
  signal?: AbortSignal;
}

export interface OcrEngine {
  /**
   * Reads the text of one document. Bad input of any kind is an `ok: false` reading.
   * @throws the signal's reason when aborted; IntakeError INTAKE_INTERNAL for an engine fault
   *   (a worker that cannot start, a read after `terminate()`)
   */
  read(bytes: Buffer, options?: ReadOptions): Promise<DocumentReading>;
  /** Ends the workers and removes the language-data folder. Idempotent. */
  terminate(): Promise<void>;
}
