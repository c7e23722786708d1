/**
 * What each stage of the daemon is doing, for `/readyz` and `intake_ready{stage}`. Capture and
 * consumption are told apart: after a crash the web form accepts at once while the normalizer still
 * waits to rejoin its consumer group (up to the dead member's session timeout).
 *
 * - `capture`: the connectors have started; each source has a stage of its own, `capture:<connector>`
 *   for an HTTP listener (web form, Twilio, the document upload), `capture:email:<mailbox id>` for a
 *   mailbox (connected), `capture:documents:folder-<n>` for a drop folder (readable).
 * - `kafka`: the cluster answers (a periodic check, and every capture publish's result).
 * - `database`: the CRM database answers (a periodic check).
 * - `normalizer`, `transcription`, `ocr`, `media`, `acknowledgements`: the consumer has joined its group.
 */
export type StageName = 'capture' | 'normalizer' | 'kafka' | 'database' | 'transcription' | 'ocr' | 'media' | 'acknowledgements' | `capture:${string}`;
export type StageState = 'starting' | 'ready' | 'stopping' | 'failed' | 'disabled';

/** The stages every daemon has, in the order `/readyz` lists them; sources are added as they start. */
export const FIXED_STAGES = ['capture', 'normalizer', 'kafka', 'database', 'transcription', 'ocr', 'media', 'acknowledgements'] as const;

export interface Readiness {
  set(stage: StageName, state: StageState): void;
  get(stage: StageName): StageState | undefined;
  snapshot(): Record<string, StageState>;
}

export function createReadiness(): Readiness {
  const states = new Map<string, StageState>(FIXED_STAGES.map((stage) => [stage, 'starting']));
  return {
    set(stage, state) { states.set(stage, state); },
    get: (stage) => states.get(stage),
    snapshot: () => Object.fromEntries(states),
  };
}

/** The answer to `/readyz[?stage=…]`: one stage, or, with none asked, every stage not disabled. */
export function readinessAnswer(stages: Record<string, StageState>, asked: string | undefined): { status: 200 | 503; body: { status: 'ready' | 'not ready'; stage?: string; stages: Record<string, StageState> } } | null {
  if (asked !== undefined && !Object.hasOwn(stages, asked)) return null;
  const ready = asked !== undefined ? stages[asked] === 'ready' : Object.values(stages).every((s) => s === 'ready' || s === 'disabled');
  return { status: ready ? 200 : 503, body: { status: ready ? 'ready' : 'not ready', ...(asked === undefined ? {} : { stage: asked }), stages } };
}
