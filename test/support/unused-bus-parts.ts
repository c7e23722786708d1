/** What a stage's fake bus never needs (the operator's view and browsing): such a fake spreads these in. */
import type { Bus } from '../../runtime/kafka/types.js';

export const unusedBusParts: Pick<Bus, 'view' | 'browse'> = {
  view() {
    throw new Error('this fake bus has no view of a cluster');
  },
  browse() {
    throw new Error('this fake bus cannot be browsed');
  },
};
