import { EmbeddedEngine } from '../../engine/adapters/embedded/EmbeddedEngine.ts';
import { ZeebeEngine } from '../../engine/adapters/zeebe/ZeebeEngine.ts';
import type { ProcessEngine } from '../../engine/port/ProcessEngine.ts';
import { createDb, type Db } from '../../engine/store/createDb.ts';
import { brokerClock, ZEEBE_GATEWAY, zeebeUp } from '../support/zeebe.ts';
import { makeOperaton, operatonUp, resetOperaton, setOperatonClock } from './operatonTarget.ts';

export interface EngineTarget {
  name: string;
  create(): Promise<{ engine: ProcessEngine; db: Db; close(): Promise<void>; restart(): Promise<ProcessEngine>; advanceClock(ms: number): Promise<void> }>;
}

const log = (m: string) => {
  if (process.env.TEST_LOG) console.error('[engine]', m);
};

/** One target: an adapter on a fresh in-memory store, restartable on that store. */
function target(
  name: string,
  make: (db: Db, clockOffset: () => number) => ProcessEngine,
  advance: (ms: number) => Promise<void> | void,
  beforeClose: (engine: ProcessEngine, db: Db) => Promise<void> = async () => undefined,
): EngineTarget {
  return {
    name,
    async create() {
      const db = await createDb('sqlite::memory:');
      let offset = 0;
      let engine = make(db, () => offset);
      return {
        get engine() {
          return engine;
        },
        db,
        async restart() {
          await engine.stop();
          engine = make(db, () => offset);
          return engine;
        },
        async advanceClock(ms: number) {
          offset += ms;
          await advance(ms);
        },
        async close() {
          await beforeClose(engine, db);
          await engine.stop();
          await db.close();
        },
      };
    },
  };
}

/** Every adapter the conformance suite runs against. */
export function engineTargets(): EngineTarget[] {
  const targets = [target('embedded', (db, offset) => new EmbeddedEngine(db, { timerPollMs: 50, jobPollMs: 20, now: () => Date.now() + offset(), log }), () => undefined)];
  if (zeebeUp) {
    targets.push(
      target(
        'zeebe',
        (db) => new ZeebeEngine(db, { gatewayAddress: ZEEBE_GATEWAY, usePlaintext: true, log }),
        (ms) => brokerClock.add(ms),
        // The broker outlives the test: cancel what is still running so its jobs do not reach later tests' workers.
        async (engine, db) => {
          for (const row of await db.knex('engine_instances').where({ status: 'ACTIVE' }).select('key')) await engine.cancelInstance(row.key).catch(() => undefined);
        },
      ),
    );
  }
  if (operatonUp) {
    let clock = 0;
    targets.push(
      target(
        'operaton',
        (db, offset) => makeOperaton(db, log, () => Date.now() + offset()),
        async (ms) => setOperatonClock((clock += ms)),
        // The nodes outlive the test: drop what it deployed and started so later tests' workers do not see it.
        async () => {
          clock = 0;
          await resetOperaton();
        },
      ),
    );
  }
  return targets;
}
