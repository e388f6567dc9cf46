import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { sixElementBpmn } from '../../../bench/engineBench.ts';
import { EmbeddedEngine } from '../../adapters/embedded/EmbeddedEngine.ts';
import { Keyring } from '../privacy/index.ts';
import { createDb, type Db } from '../../store/createDb.ts';
import { AuditLog } from '../audit/AuditLog.ts';
import { ProcessStartDispatcher } from './ProcessStartDispatcher.ts';

describe('ProcessStartDispatcher.stop with a backlog', () => {
  let db: Db;
  let engine: EmbeddedEngine;
  beforeAll(async () => {
    db = await createDb('sqlite::memory:', { keyring: Keyring.ephemeral() });
    engine = new EmbeddedEngine(db, { timerPollMs: 60_000, jobPollMs: 60_000 });
    await engine.start();
    await engine.deploy([{ name: 'six.bpmn', xml: sixElementBpmn() }]);
  });
  afterAll(async () => {
    await engine.stop();
    await db.close();
  });

  it('finishes the start in hand and leaves the rest queued, instead of draining the backlog first', async () => {
    // given: 200 queued starts and a dispatcher working them off
    const now = new Date().toISOString();
    const rows = Array.from({ length: 200 }, (_, i) => ({ application_id: `app-${i}`, bpmn_process_id: 'bench-six', package_hash: 'p', variables: '{}', state: 'PENDING', attempts: 0, next_attempt_at: now, created_at: now }));
    await db.knex.batchInsert('process_start_queue', rows, 50);
    const started: string[] = [];
    const dispatcher = new ProcessStartDispatcher(db, engine, new AuditLog(db), async () => undefined, async (applicationId) => void started.push(applicationId), { pollMs: 60_000 });
    dispatcher.start();
    while (started.length < 3) await new Promise((r) => setTimeout(r, 5));
    // when
    await dispatcher.stop();
    // then: the queue keeps what was not started, each started row is STARTED and nothing is left half-claimed
    const states = (await db.knex('process_start_queue').select('state')) as Array<{ state: string }>;
    const count = (s: string) => states.filter((r) => r.state === s).length;
    expect(count('STARTED')).toBe(started.length);
    expect(count('STARTING')).toBe(0);
    expect(count('PENDING')).toBe(200 - started.length);
    expect(count('PENDING')).toBeGreaterThan(100);
    // and a later start picks the backlog up again
    const again = new ProcessStartDispatcher(db, engine, new AuditLog(db), async () => undefined, async (applicationId) => void started.push(applicationId), { pollMs: 60_000 });
    again.start();
    const before = started.length;
    while (started.length < before + 1) await new Promise((r) => setTimeout(r, 5));
    await again.stop();
  });
});
