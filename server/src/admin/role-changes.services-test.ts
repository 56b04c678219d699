import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { openDatabase, type Database } from '../db/database.ts';
import { OPEN_TIMEOUT_MS, openTestDatabase, testDatabaseUrl, type TestDatabase } from '../testing/test-database.ts';
import { bearer, send } from '../testing/http.ts';
import { useEmulatorStack } from '../testing/emulator-stack.ts';
import { startApp } from '../testing/start-app.ts';
import { createRoleChangeLock } from './role-change-lock.ts';

/**
 * Role changes on two API instances sharing one PostgreSQL database take
 * turns, as on one instance: the advisory lock, seen from two connection
 * pools. Needs TEST_DATABASE_URL (`npm run test:services`).
 */
const url = testDatabaseUrl();
if (!url) throw new Error('TEST_DATABASE_URL is not set: run this suite with npm run test:services');

let database: TestDatabase;
let peer: Database;
beforeAll(async () => {
  database = await openTestDatabase();
  peer = await database.peer();
}, OPEN_TIMEOUT_MS);
afterAll(async () => {
  await peer?.close();
  await database?.close();
});

/** A change that runs until the test lets it finish. */
function heldChange(log: string[], name: string) {
  let finish!: () => void;
  let started!: () => void;
  const released = new Promise<void>((resolve) => (finish = resolve));
  const running = new Promise<void>((resolve) => (started = resolve));
  const run = async () => {
    log.push(`${name} starts`);
    started();
    await released;
    log.push(`${name} ends`);
  };
  return { run, running, finish };
}

const sleep = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));

/**
 * A pool whose every limit is far shorter than a role change: statements
 * cancelled after 200 ms, queries given up after 300 ms, and transactions
 * idle for 300 ms ended by the server (as a server-wide setting would).
 */
async function openStrictDatabase(): Promise<Database> {
  const strict = await openDatabase({ kind: 'postgres', url: url! }, { timeouts: { statementMs: 200, queryMs: 300, connectMs: 2000 } });
  if (strict.driver.kind === 'postgres') {
    // Queued before the query the connection was checked out for.
    strict.driver.pool.on('connect', (client) => void client.query('set idle_in_transaction_session_timeout = 300').catch(() => {}));
  }
  return strict;
}

describe('the role change lock across instances', () => {
  it("makes a change on the second instance wait for the first instance's change to end", async () => {
    const log: string[] = [];
    const first = heldChange(log, 'first');
    const onFirst = createRoleChangeLock({ database }).run(first.run);
    await first.running;
    const onSecond = createRoleChangeLock({ database: peer }).run(async () => {
      log.push('second runs');
    });
    await sleep(300);
    expect(log).toEqual(['first starts']);
    first.finish();
    await onFirst;
    await onSecond;
    expect(log).toEqual(['first starts', 'first ends', 'second runs']);
  });

  it('answers 503 role_change_busy to a change that cannot have the lock within its wait, and never runs it', async () => {
    const log: string[] = [];
    const first = heldChange(log, 'first');
    const onFirst = createRoleChangeLock({ database }).run(first.run);
    await first.running;
    const late = createRoleChangeLock({ database: peer, waitMs: 300 }).run(async () => {
      log.push('late change ran');
    });
    await expect(late).rejects.toMatchObject({ status: 503, code: 'role_change_busy', headers: { 'Retry-After': '1' } });
    await sleep(100);
    first.finish();
    await onFirst;
    expect(log).toEqual(['first starts', 'first ends']);
  });

  it("holds the lock, and waits for it, past the pool's statement, query and idle-in-transaction timeouts", async () => {
    const [holderSide, waiterSide] = [await openStrictDatabase(), await openStrictDatabase()];
    try {
      const log: string[] = [];
      const first = heldChange(log, 'first');
      const onFirst = createRoleChangeLock({ database: holderSide }).run(first.run);
      await first.running;
      const onSecond = createRoleChangeLock({ database: waiterSide, waitMs: 5000 }).run(async () => {
        log.push('second runs');
      });
      // Three times every limit of both pools: the holder idles in its transaction, the waiter keeps waiting.
      await sleep(900);
      expect(log).toEqual(['first starts']);
      first.finish();
      await onFirst;
      await onSecond;
      expect(log).toEqual(['first starts', 'first ends', 'second runs']);
    } finally {
      await holderSide.close();
      await waiterSide.close();
    }
  });
});

describe('two admins on two instances demoting each other at once', () => {
  const stack = useEmulatorStack({ per: 'file' });

  it('leave exactly one admin, round after round', async () => {
    const adaId = stack.userIdOf('admin@example.com');
    const alanId = stack.userIdOf('member@example.com');
    const roleOf = (id: string) => stack.emulator.store.userById(id)?.publicMetadata.role;
    const setStoredRole = (id: string, role: string) =>
      stack.emulator.store.update(() => {
        stack.emulator.store.userById(id)!.publicMetadata.role = role;
      });
    for (let round = 0; round < 5; round += 1) {
      setStoredRole(adaId, 'admin');
      setStoredRole(alanId, 'admin');
      // New instances each round, so that no user cache remembers the last round's roles.
      const instances = [
        await startApp(stack.clerk, { database, roleChangeLock: createRoleChangeLock({ database }) }),
        await startApp(stack.clerk, { database: peer, roleChangeLock: createRoleChangeLock({ database: peer }) }),
      ] as const;
      try {
        const [adaToken, alanToken] = await Promise.all([stack.tokenOf(stack.signIn('appAdmin')), stack.tokenOf(stack.signIn('plainMember'))]);
        const replies = await Promise.all([
          send(instances[0].baseUrl, `/api/admin/users/${alanId}/role`, { method: 'DELETE', headers: bearer(adaToken) }),
          send(instances[1].baseUrl, `/api/admin/users/${adaId}/role`, { method: 'DELETE', headers: bearer(alanToken) }),
        ]);
        const statuses = replies.map((reply) => reply.status);
        const admins = [adaId, alanId].filter((id) => roleOf(id) === 'admin');
        expect(admins, `round ${round}: ${statuses.join(', ')}`).toHaveLength(1);
        expect(statuses.toSorted(), `round ${round}`).toEqual([200, 409]);
      } finally {
        for (const instance of instances) await instance.close();
      }
    }
  });
});
