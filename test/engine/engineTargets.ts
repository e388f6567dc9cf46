import { EmbeddedEngine } from '../../engine/adapters/embedded/EmbeddedEngine.ts';
import type { ProcessEngine } from '../../engine/port/ProcessEngine.ts';
import { createDb, type Db } from '../../engine/store/createDb.ts';

export interface EngineTarget {
  name: string;
  create(): Promise<{ engine: ProcessEngine; db: Db; close(): Promise<void>; restart(): Promise<ProcessEngine>; advanceClock(ms: number): Promise<void> }>;
}

/** Every adapter the conformance suite runs against. The Zeebe adapter joins this list. */
export function engineTargets(): EngineTarget[] {
  return [
    {
      name: 'embedded',
      async create() {
        const db = await createDb('sqlite::memory:');
        let offset = 0;
        const options = { timerPollMs: 50, jobPollMs: 20, now: () => Date.now() + offset, log: (m: string) => console.error('[engine]', m) };
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
}
