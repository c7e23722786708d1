/**
 * What each stage of the daemon is doing, for `/readyz`. Capture and consumption are told apart:
 * after a crash the web form accepts at once while the normalizer still waits to rejoin its
 * consumer group (up to the dead member's session timeout).
 */
export type StageName = 'capture' | 'normalizer';
export type StageState = 'starting' | 'ready' | 'stopping' | 'failed' | 'disabled';

export interface Readiness {
  set(stage: StageName, state: StageState): void;
  get(stage: StageName): StageState;
  snapshot(): Record<StageName, StageState>;
}

export function createReadiness(): Readiness {
  const states: Record<StageName, StageState> = { capture: 'starting', normalizer: 'starting' };
  return {
    set(stage, state) { states[stage] = state; },
    get: (stage) => states[stage],
    snapshot: () => ({ ...states }),
  };
}
