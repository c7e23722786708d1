/**
 * Moved to normalizer/turkish/fold.ts, shared by the classifier, the emergency detector, districts
 * and the registry merge. Kept for normalizer/link-duplicate.ts, which is being rewritten elsewhere.
 */
export { foldTurkish, foldedWords, tokenize, type Token } from '../turkish/fold.js';
