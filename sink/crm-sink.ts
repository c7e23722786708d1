import type { DecisionKind } from '../schemas/types.generated.js';
import { claimAcknowledgement, finishAcknowledgement } from './acknowledgements.js';
import { listArchived, reExamine, showArchived } from './archive.js';
import { countKinds, findApplication, listApplications } from './applications-table.js';
import type { Db } from './db.js';
import { recordDecision } from './record-decision.js';
import { findApplicationsByNumber } from './applications-by-number.js';
import { findRecentApplicationsOf } from './recent-applications.js';
import { recordAll } from './record-all.js';
import { queryOverview } from './overview-query.js';
import { queryReport } from './report-query.js';
import { queryOpenPastDeadline } from './open-past-deadline.js';
import { findSubscribersByAccount, upsertSubscribers } from './subscribers.js';
import type { Sink } from './types.js';

/** The sink over a connected, migrated database. */
export function createSink(db: Db): Sink {
  return {
    backend: db.backend,
    archive: {
      list: (query) => listArchived(db, query),
      show: (itemId) => showArchived(db, itemId),
      reExamine: (itemId, decided, by, at) => reExamine(db, itemId, decided, by, at),
    },
    record: (decision, now) => recordDecision(db, decision, now),
    get: (itemId) => findApplication(db, itemId),
    list: (filter = {}) => listApplications(db, filter.kind),
    async countByKind() {
      // Spelled out so that a new kind in the schema fails to compile here until it is counted.
      const counts: Record<DecisionKind, number> = { crm: 0, 'needs-info': 0, 'archive-only': 0, ignored: 0 };
      for (const { kind, n } of await countKinds(db)) counts[kind] = n;
      return counts;
    },
    report: (query) => queryReport(db, query),
    openPastDeadline: (now) => queryOpenPastDeadline(db, now),
    overview: (query) => queryOverview(db, query),
    importSubscribers: (subscribers, now, onEach) => db.transaction((tx) => upsertSubscribers(tx, subscribers, now, onEach)),
    findSubscribers: (accounts) => findSubscribersByAccount(db, accounts),
    applicationsByNumber: (numbers) => findApplicationsByNumber(db, numbers),
    recentApplicationsOf: (persons, from, to) => findRecentApplicationsOf(db, persons, from, to),
    recordAll: (decisions, now) => recordAll(db, decisions, now),
    claimAcknowledgement: (claim, now) => claimAcknowledgement(db, claim, now),
    finishAcknowledgement: (claim, result, now) => finishAcknowledgement(db, claim, result, now),
    async ping() {
      await db.query('SELECT 1');
    },
    close: () => db.close(),
  };
}
