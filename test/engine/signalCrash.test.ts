import { spawn } from 'node:child_process';
import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { EmbeddedEngine } from '../../engine/adapters/embedded/EmbeddedEngine.ts';
import { Keyring } from '../../engine/services/privacy/index.ts';
import { createDb, type Db } from '../../engine/store/createDb.ts';
import { waitFor } from '../support/waitFor.ts';

const KEY = Buffer.alloc(32, 7).toString('base64');
const keyring = () => new Keyring({ current: Buffer.from(KEY, 'base64') });

/** Runs the broadcast in a child process that is killed at `point`; resolves with how it ended. */
function broadcastAndCrash(file: string, point: string): Promise<string> {
  return new Promise((resolve) => {
    const child = spawn(process.execPath, ['--import', 'tsx', 'test/engine/signalCrashChild.ts', file, point, KEY], { stdio: ['ignore', 'ignore', 'pipe'] });
    let err = '';
    child.stderr.on('data', (d) => (err += String(d)));
    child.on('exit', (code, signal) => resolve(signal ?? `exit ${code}: ${err}`));
  });
}

/**
 * A signal broadcast on the embedded engine survives a crash: what was recorded is applied after the
 * restart, and what was applied before the crash is not applied again.
 */
describe('embedded engine: a crash during a signal broadcast', () => {
  let dir: string;
  let file: string;
  let db: Db;
  let engine: EmbeddedEngine;
  let waiting: string[];
  const open = async () => {
    db = await createDb(`sqlite:${file}`, { keyring: keyring() });
    engine = new EmbeddedEngine(db, { timerPollMs: 50, jobPollMs: 20 });
    engine.registerWorker('test.replan', async () => ({ kind: 'complete' }));
  };
  const close = async () => {
    await engine.stop();
    await db.close();
  };

  beforeEach(async () => {
    // given two instances waiting for 政策调整 and a process it starts, in a store on disk
    dir = mkdtempSync(path.join(tmpdir(), 'signal-crash-'));
    file = path.join(dir, 'engine.sqlite');
    await open();
    await engine.deploy([{ name: 'signal.bpmn', xml: readFileSync('test/fixtures/bpmn/signal.bpmn', 'utf8') }]);
    waiting = [];
    for (let i = 0; i < 2; i++) waiting.push((await engine.createInstance({ bpmnProcessId: 'signalWait', variables: {} })).processInstanceKey);
    await close();
  });
  afterEach(async () => {
    await close().catch(() => undefined);
    rmSync(dir, { recursive: true, force: true });
  });

  const startedBySignal = async () => (await db.knex('engine_instances').where({ bpmn_process_id: 'signalStart' })).length;

  it('applies a broadcast recorded just before the crash once the engine is back', async () => {
    // when the process dies right after recording the broadcast, before delivering any of it
    expect(await broadcastAndCrash(file, 'signal.recorded')).toBe('SIGKILL');
    await open();
    expect((await db.knex('engine_signal_deliveries')).length).toBe(3);
    for (const k of waiting) expect((await engine.getInstance(k))!.status).toBe('ACTIVE');
    await engine.start();
    // then each waiting instance takes it and one instance is started
    for (const k of waiting) {
      const done = await waitFor(async () => ((await engine.getInstance(k))?.status === 'COMPLETED' ? engine.getInstance(k) : null), 10_000, `instance ${k}`);
      expect(done!.variables.policyVersion).toBe(3);
    }
    await waitFor(async () => ((await db.knex('engine_signal_deliveries')).length === 0 ? true : null), 10_000, 'the deliveries to be applied');
    expect(await startedBySignal()).toBe(1);
  });

  it('starts no second instance when the process dies after the signal start created one and before the delivery was marked done', async () => {
    // when the process dies right after the start delivery created its instance
    expect(await broadcastAndCrash(file, 'signal.startCreated')).toBe('SIGKILL');
    await open();
    expect(await startedBySignal()).toBe(1);
    expect((await db.knex('engine_signal_deliveries')).length).toBe(1);
    for (const k of waiting) expect((await engine.getInstance(k))!.status).toBe('COMPLETED');
    await engine.start();
    // then the left-over delivery is applied without starting another one
    await waitFor(async () => ((await db.knex('engine_signal_deliveries')).length === 0 ? true : null), 10_000, 'the delivery to be applied');
    await new Promise((r) => setTimeout(r, 200));
    expect(await startedBySignal()).toBe(1);
  });
});
