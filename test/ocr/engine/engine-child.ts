/**
 * Run in a child process by engine-exit.test.ts: start an engine, read one page, terminate, and
 * let the event loop run dry. If a worker thread survived terminate, the process would not exit.
 */
import { createOcrEngine, DEFAULT_OCR_SETTINGS } from '../../../ocr/engine/index.js';
import { textPng } from './make-documents.js';

// The preload is in force: the network is gone in this thread (and, by Node's rules, in the workers').
const networkRefused = await fetch('http://127.0.0.1:9/').then(() => false, (error: unknown) => String(error).includes('network used'));
const engine = await createOcrEngine({ ...DEFAULT_OCR_SETTINGS, workers: 2 });
const reading = await engine.read(textPng(['Sayaç okuma talebi'], { width: 1000 }));
await engine.terminate();
process.stdout.write(`${JSON.stringify({ networkRefused, reading: reading.ok ? { ok: true, text: reading.text } : reading })}\n`);
