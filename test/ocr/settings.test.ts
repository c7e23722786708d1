import assert from 'node:assert/strict';
import { DEFAULT_OCR_SETTINGS } from '../../ocr/engine/index.js';
import { engineSettings } from '../../ocr/settings.js';
import { loadConfig } from '../../runtime/config.js';

describe('ocr settings', () => {
  it('gives the engine, from the configuration\'s defaults, the engine\'s own defaults (intake check reads with those)', () => {
    assert.deepEqual(engineSettings(loadConfig({}).ocr), { ...DEFAULT_OCR_SETTINGS, limits: { ...DEFAULT_OCR_SETTINGS.limits } });
  });
});
