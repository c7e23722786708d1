/** The transcription workers' part of the configuration, defaults applied. */
import type { Config } from '../runtime/config.js';

export type TranscriptionSettings = Config['transcription'];
export type TranscriberSettings = TranscriptionSettings['transcriber'];
