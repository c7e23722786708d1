// The project's own Dovecot: started in a temp dir, used over IMAP, restarted, its UIDVALIDITY
// reset, stopped.

import assert from 'node:assert/strict';
import fs from 'node:fs';
import net from 'node:net';
import os from 'node:os';
import path from 'node:path';
import { resetUidValidity, startDovecot, type DovecotServer } from '../../../infra/dovecot/server.js';
import { IntakeError } from '../../../runtime/errors.js';
import { appendMail, listMailbox, withImap } from '../../support/imap-mailbox.js';

const USER = 'intake';
const users = [{ user: USER, password: 'test-password' }];

function mail(messageId: string, subject: string): Buffer {
  return Buffer.from(
    [`From: Customer <customer@example.test>`, `To: intake@example.test`, `Subject: ${subject}`, `Message-ID: ${messageId}`, `Date: Mon, 3 Mar 2025 10:00:00 +0300`, '', 'Hello.', ''].join('\r\n'),
  );
}

function portOpen(port: number): Promise<boolean> {
  return new Promise((resolve) => {
    const s = net.connect({ host: '127.0.0.1', port });
    s.once('connect', () => (s.destroy(), resolve(true)));
    s.once('error', () => resolve(false));
  });
}

/** Pids of Dovecot processes whose command line names this instance's config. */
function mastersOf(server: DovecotServer): number[] {
  const conf = path.join(server.dir, 'dovecot.conf');
  return fs
    .readdirSync('/proc')
    .filter((d) => /^\d+$/.test(d))
    .filter((d) => {
      try {
        return fs.readFileSync(`/proc/${d}/cmdline`, 'utf8').split('\0').includes(conf);
      } catch {
        return false;
      }
    })
    .map(Number);
}

describe('startDovecot', function () {
  this.timeout(30_000);
  let dir: string;
  let server: DovecotServer;
  let firstUidValidity: bigint;

  before(async () => {
    dir = fs.mkdtempSync(path.join(os.tmpdir(), 'dovecot-test-'));
    server = await startDovecot({ dir, users });
    await appendMail(server, USER, 'INBOX', mail('<first@example.test>', 'first'));
    await appendMail(server, USER, 'INBOX', mail('<second@example.test>', 'second'), ['\\Seen']);
  });

  after(async () => {
    await server?.stop();
    fs.rmSync(dir, { recursive: true, force: true });
  });

  it('serves IMAP on a loopback port and advertises IDLE', async () => {
    assert.equal(server.host, '127.0.0.1');
    assert.ok(server.port > 0);
    assert.match(server.version, /^2\.3\./);
    const caps = await withImap(server, USER, async (client) => [...client.capabilities.keys()]);
    assert.ok(caps.includes('IDLE'), `IDLE in ${caps.join(' ')}`);
    assert.ok(caps.includes('UIDPLUS'));
  });

  it('lists the appended mails with their UIDs, flags and Message-IDs', async () => {
    const mails = await listMailbox(server, USER, 'INBOX');
    assert.deepEqual(
      mails.map((m) => ({ uid: m.uid, flags: m.flags, messageId: m.messageId })),
      [
        { uid: 1, flags: [], messageId: '<first@example.test>' },
        { uid: 2, flags: ['\\Seen'], messageId: '<second@example.test>' },
      ],
    );
    firstUidValidity = mails[0]!.uidValidity;
    assert.ok(fs.existsSync(path.join(server.mailboxPath(USER, 'INBOX'), 'dovecot-uidlist')));
  });

  it('keeps other mailboxes as Maildir++ folders under the user', async () => {
    await appendMail(server, USER, 'Archive/2025', mail('<archived@example.test>', 'archived'));
    const maildir = server.mailboxPath(USER, 'Archive/2025');
    assert.equal(maildir, path.join(dir, 'mail', USER, '.Archive.2025'));
    const files = [...fs.readdirSync(path.join(maildir, 'new')), ...fs.readdirSync(path.join(maildir, 'cur'))];
    assert.equal(files.length, 1);
  });

  context('when the dir is already served by this live process', () => {
    it('refuses a second server with INTAKE_INFRA_FAILED', async () => {
      await assert.rejects(startDovecot({ dir, users }), (e: unknown) => e instanceof IntakeError && e.code === 'INTAKE_INFRA_FAILED' && /is in use by dovecot pid/.test(e.message));
    });
  });

  context('when restarted', () => {
    it('serves the same mails on the same port', async () => {
      const port = server.port;
      const before = mastersOf(server);
      await server.restart();
      assert.equal(server.port, port);
      assert.notDeepEqual(mastersOf(server), before, 'a new master');
      const mails = await listMailbox(server, USER, 'INBOX');
      assert.deepEqual(
        mails.map((m) => [m.uidValidity, m.uid, m.messageId]),
        [
          [firstUidValidity, 1, '<first@example.test>'],
          [firstUidValidity, 2, '<second@example.test>'],
        ],
      );
    });
  });

  context('when its UIDVALIDITY is reset', () => {
    it('serves the same mails, flags kept, under a higher UIDVALIDITY', async () => {
      await appendMail(server, USER, 'INBOX', mail('<third@example.test>', 'third'));
      await resetUidValidity(server, USER, 'INBOX');
      const mails = await listMailbox(server, USER, 'INBOX');
      assert.equal(mails.length, 3);
      const uidValidity = mails[0]!.uidValidity;
      assert.ok(uidValidity > firstUidValidity, `${uidValidity} > ${firstUidValidity}`);
      assert.deepEqual(mails.map((m) => m.uid), [1, 2, 3]);
      assert.deepEqual(
        mails.map((m) => [m.messageId, m.flags]).sort(),
        [
          ['<first@example.test>', []],
          ['<second@example.test>', ['\\Seen']],
          ['<third@example.test>', []],
        ],
      );
      // Other mailboxes keep theirs.
      assert.equal((await listMailbox(server, USER, 'Archive/2025')).length, 1);
    });
  });

  context('when stopped', () => {
    it('closes the port and leaves no Dovecot process', async () => {
      await server.stop();
      assert.equal(await portOpen(server.port), false);
      assert.deepEqual(mastersOf(server), []);
      await server.stop(); // idempotent
    });
  });
});

describe('startDovecot failures', () => {
  let dir: string;

  beforeEach(() => {
    dir = fs.mkdtempSync(path.join(os.tmpdir(), 'dovecot-test-'));
  });

  afterEach(() => {
    fs.rmSync(dir, { recursive: true, force: true });
  });

  const infraFailed = (pattern: RegExp) => (e: unknown) => e instanceof IntakeError && e.code === 'INTAKE_INFRA_FAILED' && pattern.test(e.message);

  context('when another process holds the port', () => {
    it('refuses with INTAKE_INFRA_FAILED before spawning Dovecot', async () => {
      const srv = net.createServer();
      await new Promise<void>((resolve) => srv.listen({ host: '127.0.0.1', port: 0 }, resolve));
      const { port } = srv.address() as net.AddressInfo;
      try {
        await assert.rejects(startDovecot({ dir, port }), infraFailed(new RegExp(`port 127\\.0\\.0\\.1:${port} is already in use`)));
      } finally {
        await new Promise((resolve) => srv.close(resolve));
      }
    });
  });

  context('when the dir is under a folder others cannot search', () => {
    it('rejects with INTAKE_INFRA_FAILED naming that folder', async () => {
      fs.chmodSync(dir, 0o700);
      await assert.rejects(startDovecot({ dir: path.join(dir, 'a', 'dovecot') }), infraFailed(new RegExp(`${dir} is not searchable by others \\(mode 700\\)`)));
    });
  });

  context('when Dovecot exits during startup', () => {
    const savedPath = process.env.PATH;
    afterEach(() => {
      process.env.PATH = savedPath;
    });

    it('rejects with INTAKE_INFRA_FAILED quoting the tail of its log', async () => {
      // A stand-in found on PATH before /usr/sbin: answers --version, then fails like a bad config.
      const bin = path.join(dir, 'bin');
      fs.mkdirSync(bin);
      fs.writeFileSync(path.join(bin, 'dovecot'), '#!/bin/sh\n[ "$1" = --version ] && { echo "2.3.0 (stand-in)"; exit 0; }\necho "doveconf: Fatal: stand-in config error" >&2\nexit 89\n', { mode: 0o755 });
      process.env.PATH = `${bin}${path.delimiter}${savedPath ?? ''}`;
      await assert.rejects(startDovecot({ dir }), infraFailed(/exited during startup \(exit code 89\)\. Tail of .*dovecot\.log:\ndoveconf: Fatal: stand-in config error/));
    });
  });

  context('when a password cannot be written to a passwd-file', () => {
    it('rejects with INTAKE_INFRA_FAILED naming the field, not the value', async () => {
      await assert.rejects(startDovecot({ dir, users: [{ user: 'a', password: 'x:y' }] }), (e: unknown) => infraFailed(/users\[0\]\.password/)(e) && !(e as Error).message.includes('x:y'));
    });
  });
});
