/**
 * Dashboard sessions: a browser that signed in with an operator token holds a random session id
 * in an HttpOnly cookie instead of the token. Kept in memory: a restart signs everyone out, and
 * so does changing the tokens (which needs a restart).
 */
import { createHash, randomBytes } from 'node:crypto';

/** Twelve hours without a request ends a session; the dashboard asks every 10 s while open. */
export const SESSION_IDLE_MS = 12 * 60 * 60 * 1000;
/** The most sessions held; signing in past it ends the least recently used one. */
export const SESSIONS_MAX = 1000;

export interface OperatorSessions {
  /** Starts a session for the token named `operator`; returns its id (256 random bits, base64url). */
  open(operator: string, nowMs: number): string;
  /** The operator of a live session, which it renews; null for an unknown or expired id. */
  find(id: string, nowMs: number): string | null;
  /** Ends a session. Unknown ids are ignored. */
  close(id: string): void;
}

// Keyed by the id's digest, so a lookup's timing says nothing about the ids held.
const key = (id: string): string => createHash('sha256').update(id).digest('base64url');

export function createOperatorSessions(options: { idleMs?: number; max?: number } = {}): OperatorSessions {
  const idleMs = options.idleMs ?? SESSION_IDLE_MS;
  const max = options.max ?? SESSIONS_MAX;
  // Insertion order is use order (a renewed session is moved to the end): the first is the oldest.
  const sessions = new Map<string, { operator: string; lastUsedMs: number }>();
  return {
    open(operator, nowMs) {
      const id = randomBytes(32).toString('base64url');
      sessions.set(key(id), { operator, lastUsedMs: nowMs });
      for (const [k, session] of sessions) {
        if (sessions.size <= max && nowMs - session.lastUsedMs <= idleMs) break;
        sessions.delete(k);
      }
      return id;
    },
    find(id, nowMs) {
      const k = key(id);
      const session = sessions.get(k);
      if (session === undefined) return null;
      sessions.delete(k);
      if (nowMs - session.lastUsedMs > idleMs) return null;
      sessions.set(k, { operator: session.operator, lastUsedMs: nowMs });
      return session.operator;
    },
    close(id) {
      sessions.delete(key(id));
    },
  };
}
