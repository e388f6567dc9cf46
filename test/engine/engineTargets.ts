import { EmbeddedEngine } from '../../engine/adapters/embedded/EmbeddedEngine.ts';
import { ZeebeEngine } from '../../engine/adapters/zeebe/ZeebeEngine.ts';
import type { ProcessEngine } from '../../engine/port/ProcessEngine.ts';
import { createDb, type Db } from '../../engine/store/createDb.ts';
import { brokerClock, ZEEBE_GATEWAY, zeebeUp } from '../support/zeebe.ts';

export interface EngineTarget {
  name: string;
  create(): Promise<{ engine: ProcessEngine; db: Db; close(): Promise<void>; restart(): Promise<ProcessEngine>; advanceClock(ms: number): Promise<void> }>;
}

const log = (m: string) => {
  if (process.env.TEST_LOG) console.error('[engine]', m);
};

/** Every adapter the conformance suite runs against. */
export function engineTargets(): EngineTarget[] {
  const targets: EngineTarget[] = [
    {
      name: 'embedded',
      async create() {
        const db = await createDb('sqlite::memory:');
        let offset = 0;
        const options = { timerPollMs: 50, jobPollMs: 20, now: () => Date.now() + offset, log };
        let engine = new EmbeddedEngine(db, options);
        return {
          get engine() {
            return engine;
          },
          db,
          async restart() {
            await engine.stop();
            engine = new EmbeddedEngine(db, options);
            return engine;
          },
          async advanceClock(ms: number) {
            offset += ms;
          },
          async close() {
            await engine.stop();
            await db.close();
          },
        };
      },
    },
  ];
  if (zeebeUp) {
    targets.push({
      name: 'zeebe',
      async create() {
        const db = await createDb('sqlite::memory:');
        let engine = new ZeebeEngine(db, { gatewayAddress: ZEEBE_GATEWAY, usePlaintext: true, log });
        return {
          get engine() {
            return engine;
          },
          db,
          async restart() {
            await engine.stop();
            engine = new ZeebeEngine(db, { gatewayAddress: ZEEBE_GATEWAY, usePlaintext: true, log });
            return engine;
          },
          async advanceClock(ms: number) {
            await brokerClock.add(ms);
          },
          async close() {
            // The broker outlives the test: cancel what is still running so its jobs do not reach later tests' workers.
            for (const row of await db.knex('engine_instances').where({ status: 'ACTIVE' }).select('key')) {
              await engine.cancelInstance(row.key).catch(() => undefined);
            }
            await engine.stop();
            await db.close();
          },
        };
      },
    });
  }
  return targets;
}
