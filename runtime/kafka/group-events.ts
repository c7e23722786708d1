/** How every consumer stage logs its group's life and hands it on to the daemon. */
import type { Logger } from '../logger.js';
import type { SubscribeOptions } from './types.js';

export type GroupEvents = Pick<SubscribeOptions, 'onFatal' | 'onJoin' | 'onRejoining'>;

/** Logs joining and a crash for good (its message only: a driver's error may quote a message), then calls the stage's own handlers. */
export function loggedGroupEvents(log: Logger, groupId: string, handlers: GroupEvents): GroupEvents {
  return {
    onFatal: (error) => {
      log.fatal({ err: { message: error.message } }, 'consumer crashed for good');
      handlers.onFatal?.(error);
    },
    onJoin: () => {
      log.info({ groupId }, 'joined the group');
      handlers.onJoin?.();
    },
    ...(handlers.onRejoining ? { onRejoining: handlers.onRejoining } : {}),
  };
}
