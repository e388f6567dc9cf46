import { readFileSync } from 'node:fs';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { OperatonEngine } from '../../engine/adapters/operaton/OperatonEngine.ts';
import { createDb, type Db } from '../../engine/store/createDb.ts';
import { waitFor } from '../support/waitFor.ts';
import { makeOperaton, OPERATON_URLS, resetOperaton } from './operatonTarget.ts';

// vitest.config.ts runs this file only when OPERATON_URL is set; run by hand without nodes, it says so.
if (!OPERATON_URLS.length) throw new Error('OPERATON_URL is not set: start the nodes (node scripts/operaton.mjs start --nodes 2) and eval "$(node scripts/operaton.mjs env)"');

const bpmn = (name: string) => ({ name: `${name}.bpmn`, xml: readFileSync(`test/fixtures/bpmn/${name}.bpmn`, 'utf8') });
const sleep = (ms: number) => new Promise((r) => setTimeout(r, ms));

/**
 * A platform process killed between claiming a timer start's firing and the instance being known started
 * leaves a firing row (what the claim transaction writes) and, maybe, an instance the engine already started
 * under the firing's business key. The next process takes the firing over once its time is up: the instance
 * is started once, or mirrored when the engine has it — never lost, never twice.
 */
describe('Operaton: a timer start firing left by a killed process', () => {
  let db: Db;
  let engine: OperatonEngine;
  let definitionKey: string;

  beforeAll(async () => {
    await resetOperaton();
    db = await createDb('sqlite::memory:');
    engine = makeOperaton(db);
    definitionKey = (await engine.deploy([bpmn('timerStart')])).find((p) => p.bpmnProcessId === 'monthlyPlan')!.definitionKey;
    // (its own due dates out of the way: only the firings the dead process left are in the store)
    await db.knex('engine_timers').where('instance_key', `operaton-start:${definitionKey}`).delete();
  });
  afterAll(async () => {
    await engine?.stop();
    await db?.close();
    await resetOperaton();
  });

  it('starts a firing claimed but not started once, and mirrors one the engine started but the store never saw', async () => {
    // given: firing #1 claimed, not started; firing #2 started on the engine (business key), not mirrored
    const past = new Date(Date.now() - 1000).toISOString();
    const startKey = (n: number) => `timer:${definitionKey}:monthly:${n}`;
    await db.knex('engine_timers').insert([
      { instance_key: `operaton-firing:${definitionKey}`, execution_id: 'monthly#1', element_id: 'monthly', due_at: past },
      { instance_key: `operaton-firing:${definitionKey}`, execution_id: 'monthly#2', element_id: 'monthly', due_at: past },
    ]);
    const started = await engine.rest.call<{ id: string }>('POST', `/process-definition/${definitionKey}/start`, { variables: {}, businessKey: startKey(2) });
    const onEngine = async (n: number) => (await engine.rest.call<Array<{ id: string }>>('GET', `/history/process-instance?processInstanceBusinessKey=${encodeURIComponent(startKey(n))}`)).map((i) => i.id);

    // when: the next platform process polls
    await engine.start();
    await waitFor(async () => ((await db.knex('engine_instances').whereIn('start_key', [startKey(1), startKey(2)])).length === 2 ? true : null), 20_000, 'both firings known');
    await sleep(1500); // (more polls: nothing may be started again)

    // then: #1 started once, #2 the engine's own instance mirrored, both firings done
    const mirrored = await db.knex('engine_instances').whereIn('start_key', [startKey(1), startKey(2)]).orderBy('start_key').select('key', 'start_key');
    expect(await onEngine(1)).toEqual([mirrored[0].key]);
    expect(await onEngine(2)).toEqual([started.id]);
    expect(mirrored[1].key).toBe(started.id);
    expect(await db.knex('engine_timers').where('instance_key', `operaton-firing:${definitionKey}`)).toEqual([]);
  }, 60_000);
});
