// A real Dovecot IMAP server for the e-mail connector's tests and benches, started by the
// project itself: its own config, base_dir, maildirs and loopback port under one dir, apart
// from any system Dovecot. This file is the whole public API; README.md describes the dir.

import fs from 'node:fs';
import fsp from 'node:fs/promises';
import { IntakeError } from '../../runtime/errors.js';
import { isAlive } from '../kafka/process-alive.js';
import { logTail } from '../kafka/log-tail.js';
import { findDovecot, type DovecotBinary } from './binary.js';
import { checkHost, writeInstanceFiles, type DovecotAccounts } from './instance-files.js';
import { liveMasterOf, spawnMaster, stopMaster, type SpawnedMaster } from './master-process.js';
import { readOwner, removeOwner, writeOwner } from './owner-file.js';
import { dovecotPaths, maildirOf, type DovecotPaths } from './paths.js';
import { canBind, checkPort, HOST, pickFreePort } from './ports.js';
import { waitForGreeting } from './readiness.js';
import { assertMaildir, forgetUids } from './uid-validity.js';
import { checkUsers, DEFAULT_USERS, type DovecotUser } from './users.js';

export { DEFAULT_USERS, type DovecotUser };

const DEFAULT_START_TIMEOUT_MS = 15_000;
// A picked port can be taken by someone else before Dovecot binds it.
const PICKED_PORT_ATTEMPTS = 3;

/** Where and how to run the server; only `dir` is required. */
export interface DovecotOptions {
  /** Instance dir (config, sockets, log, maildirs); created if missing. Its parents must be searchable by others. */
  dir: string;
  /** IMAP port on 127.0.0.1; default a free one picked at start and kept across restarts. */
  port?: number;
  /** IMAP logins; default {@link DEFAULT_USERS}. */
  users?: readonly DovecotUser[];
  /** How long a start waits for the `* OK` greeting (ms); default 15 s. */
  startTimeoutMs?: number;
  /** Progress messages (spawn, ready, stop). */
  log?: (msg: string) => void;
}

/** A running (or stopped) Dovecot started by {@link startDovecot}. */
export interface DovecotServer {
  readonly host: typeof HOST;
  /** Stays the same across {@link DovecotServer.restart}. */
  readonly port: number;
  /** Absolute instance dir. */
  readonly dir: string;
  readonly users: readonly DovecotUser[];
  /** As `dovecot --version` prints it. */
  readonly version: string;
  /** Dovecot's log (`log_path`, plus config errors printed by the master). */
  readonly logFile: string;
  /**
   * Stops the master (SIGTERM, SIGKILL after 10 s); connected clients are disconnected.
   * Idempotent. @throws IntakeError INTAKE_INFRA_FAILED when it survives SIGKILL
   */
  stop(): Promise<void>;
  /**
   * Stops the server if it runs and starts it again on the same port with the same maildirs.
   * @throws IntakeError INTAKE_INFRA_FAILED when the port was taken meanwhile or it does not greet in time
   */
  restart(): Promise<void>;
  /**
   * The Maildir++ folder holding `mailbox` of `user` (`INBOX` is the user's mail root, `A/B` is `.A.B`).
   * @throws IntakeError INTAKE_INFRA_FAILED for an unknown user or a name with dots
   */
  mailboxPath(user: string, mailbox: string): string;
}

/**
 * Starts Dovecot for `o.dir` and resolves once `127.0.0.1:<port>` greets with `* OK`. Must run
 * as root. The master is this process's child: `stop()` it when done; it is also sent SIGTERM
 * when this process exits, and a start on a dir whose previous owner died stops the orphan.
 * @throws IntakeError INTAKE_INFRA_FAILED for invalid options, Dovecot not installed (run
 *   infra/prerequisites.sh), not root, a dir others cannot reach or in use by a live process, a
 *   busy port, or a master that exits or stays silent past `startTimeoutMs` (the message carries
 *   the tail of dovecot.log)
 */
export async function startDovecot(o: DovecotOptions): Promise<DovecotServer> {
  const log = o.log ?? ((): void => {});
  const p = dovecotPaths(o.dir);
  const users = checkUsers(o.users ?? DEFAULT_USERS);
  if (o.port !== undefined) checkPort(o.port);
  const accounts = checkHost(p);
  const binary = await findDovecot();
  await fsp.mkdir(p.dir, { recursive: true });
  await stopOrphan(p, log);
  keepPreviousLog(p);

  const server = new LocalDovecot(p, users, binary, accounts, o.startTimeoutMs ?? DEFAULT_START_TIMEOUT_MS, log);
  if (o.port !== undefined) {
    await server.launch(o.port);
    return server;
  }
  for (let attempt = 1; ; attempt++) {
    try {
      await server.launch(await pickFreePort());
      return server;
    } catch (e) {
      if (attempt >= PICKED_PORT_ATTEMPTS || !(e instanceof IntakeError && e.details.portTaken === true)) throw e;
      log(`dovecot: picked port was taken, trying another`);
    }
  }
}

/**
 * Gives `mailbox` a new UIDVALIDITY with its mails kept, as when a server rebuilds its indexes:
 * stops the server, removes Dovecot's UID list and indexes for that mailbox, starts it again.
 * Clients then see the same mails under a higher UIDVALIDITY and UIDs numbered from 1. Leaves
 * the server running.
 * @throws IntakeError INTAKE_INFRA_FAILED for an unknown user or mailbox, or a failed restart
 */
export async function resetUidValidity(server: DovecotServer, user: string, mailbox: string): Promise<void> {
  const maildir = server.mailboxPath(user, mailbox);
  assertMaildir(maildir); // before stopping, so a wrong name leaves the server running
  await server.stop();
  await forgetUids(maildir, server.mailboxPath(user, 'INBOX'));
  await server.restart();
}

class LocalDovecot implements DovecotServer {
  readonly host = HOST;
  readonly dir: string;
  readonly logFile: string;
  readonly version: string;
  #port = 0;
  #master: SpawnedMaster | null = null;
  // stop and restart run one at a time, in call order.
  #queue: Promise<unknown> = Promise.resolve();

  constructor(
    private readonly p: DovecotPaths,
    readonly users: readonly DovecotUser[],
    private readonly binary: DovecotBinary,
    private readonly accounts: DovecotAccounts,
    private readonly startTimeoutMs: number,
    private readonly log: (msg: string) => void,
  ) {
    this.dir = p.dir;
    this.logFile = p.log;
    this.version = binary.version;
  }

  get port(): number {
    return this.#port;
  }

  stop(): Promise<void> {
    return this.#serial(() => this.#stop());
  }

  restart(): Promise<void> {
    return this.#serial(async () => {
      await this.#stop();
      await this.launch(this.#port);
    });
  }

  mailboxPath(user: string, mailbox: string): string {
    if (!this.users.some((u) => u.user === user)) throw new IntakeError('INTAKE_INFRA_FAILED', 'dovecot launcher: mailboxPath for a user this server does not have');
    return maildirOf(this.p, user, mailbox);
  }

  /** Writes the config for `port`, spawns the master and waits for its greeting; on failure kills it. */
  async launch(port: number): Promise<void> {
    if (!(await canBind(port))) {
      throw new IntakeError('INTAKE_INFRA_FAILED', `dovecot launcher: port ${HOST}:${port} is already in use by another process`, { details: { port, portTaken: true } });
    }
    await writeInstanceFiles(this.p, this.users, port, this.accounts);
    const master = await spawnMaster(this.binary.path, this.p);
    this.log(`dovecot: started pid ${master.pid}, waiting for ${HOST}:${port} (log: ${this.p.log})`);
    const t0 = Date.now();
    const why = await waitForGreeting(port, this.startTimeoutMs, master.exitReason);
    if (why !== null) {
      if (isAlive(master.pid)) await stopMaster(master.pid);
      const tail = await logTail(this.p.log);
      throw new IntakeError('INTAKE_INFRA_FAILED', `dovecot launcher: dovecot (pid ${master.pid}) ${why}. Tail of ${this.p.log}:\n${tail}`, {
        details: { port, portTaken: /Address already in use/.test(tail) },
      });
    }
    this.#master = master;
    this.#port = port;
    await writeOwner(this.p, { ownerPid: process.pid, masterPid: master.pid, port, startedAt: new Date().toISOString() });
    this.log(`dovecot: ${this.binary.version} ready at ${HOST}:${port} after ${((Date.now() - t0) / 1000).toFixed(1)} s`);
  }

  async #stop(): Promise<void> {
    const master = this.#master;
    if (master === null) return;
    this.log(`dovecot: stopping pid ${master.pid}`);
    await stopMaster(master.pid);
    this.#master = null;
    await removeOwner(this.p);
  }

  #serial<T>(op: () => Promise<T>): Promise<T> {
    const next = this.#queue.then(op, op);
    this.#queue = next.catch(() => undefined);
    return next;
  }
}

/**
 * A master still running from this dir is refused while the process that started it lives,
 * and stopped when that process is gone (it was killed before it could stop its Dovecot).
 */
async function stopOrphan(p: DovecotPaths, log: (msg: string) => void): Promise<void> {
  const live = liveMasterOf(p);
  if (live !== null) {
    const owner = readOwner(p);
    if (owner !== null && owner.masterPid === live && isAlive(owner.ownerPid)) {
      throw new IntakeError('INTAKE_INFRA_FAILED', `dovecot launcher: ${p.dir} is in use by dovecot pid ${live}, started by live process ${owner.ownerPid}; stop that server first`);
    }
    log(`dovecot: stopping orphaned dovecot pid ${live} from ${p.dir}`);
    await stopMaster(live);
  }
  await removeOwner(p);
}

/** Keeps the previous instance's log as `dovecot.log.1`; restarts of one instance append. */
function keepPreviousLog(p: DovecotPaths): void {
  try {
    if (fs.statSync(p.log).size > 0) fs.renameSync(p.log, `${p.log}.1`);
  } catch {
    /* no previous log */
  }
}
