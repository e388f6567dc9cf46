import { EventEmitter } from 'node:events';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { Engine } from 'bpmn-engine';
import * as Elements from 'bpmn-elements';
import { evaluate } from 'feelin';
import { EmbeddedEngine } from '../engine/adapters/embedded/EmbeddedEngine.ts';
import { USER_TASK_JOB_TYPE, type ProcessEngine } from '../engine/port/ProcessEngine.ts';
import { Keyring } from '../engine/services/privacy/index.ts';
import { createDb, type Db } from '../engine/store/createDb.ts';
import { compare, type Row } from './lib/compare.ts';

/**
 * The embedded engine against bpmn-engine alone on the same BPMN. Ours: EmbeddedEngine on a SQLite
 * file, jobs answered by registered workers, every wait state saved to the store. Baseline:
 * bpmn-engine in memory, one engine object per instance for its whole life, service and user tasks
 * as signal tasks (the same wait states), `getState()` serialised to JSON at each wait, the gateway's
 * FEEL evaluated with feelin (what ours uses).
 */

const ZEEBE_NS = 'xmlns:zeebe="http://camunda.org/schema/zeebe/1.0"';

/** start → service task → FEEL gateway → user task → end, and the gateway's default to a second end; `pad` tasks on that untaken branch. */
export function sixElementBpmn(pad = 0): string {
  const padTasks = Array.from({ length: pad }, (_, i) => `<bpmn:task id="Pad_${i}"/><bpmn:sequenceFlow id="Flow_Pad_${i}" sourceRef="Pad_${i}" targetRef="${i + 1 < pad ? `Pad_${i + 1}` : 'End_Else'}"/>`).join('\n');
  return `<?xml version="1.0" encoding="UTF-8"?>
<bpmn:definitions xmlns:bpmn="http://www.omg.org/spec/BPMN/20100524/MODEL" ${ZEEBE_NS} xmlns:xsi="http://www.w3.org/2001/XMLSchema-instance" id="Defs_Bench" targetNamespace="bench">
  <bpmn:process id="bench-six${pad ? `-pad${pad}` : ''}" isExecutable="true">
    <bpmn:startEvent id="Start"/>
    <bpmn:sequenceFlow id="F1" sourceRef="Start" targetRef="Work"/>
    <bpmn:serviceTask id="Work"><bpmn:extensionElements><zeebe:taskDefinition type="bench.work"/></bpmn:extensionElements></bpmn:serviceTask>
    <bpmn:sequenceFlow id="F2" sourceRef="Work" targetRef="Gw"/>
    <bpmn:exclusiveGateway id="Gw" default="F_Else"/>
    <bpmn:sequenceFlow id="F3" sourceRef="Gw" targetRef="Review"><bpmn:conditionExpression xsi:type="bpmn:tFormalExpression">=score &gt; 5</bpmn:conditionExpression></bpmn:sequenceFlow>
    <bpmn:sequenceFlow id="F_Else" sourceRef="Gw" targetRef="${pad ? 'Pad_0' : 'End_Else'}"/>
    ${padTasks}
    <bpmn:userTask id="Review"><bpmn:extensionElements><zeebe:assignmentDefinition candidateGroups="reviewers"/></bpmn:extensionElements></bpmn:userTask>
    <bpmn:sequenceFlow id="F4" sourceRef="Review" targetRef="End"/>
    <bpmn:endEvent id="End"/>
    <bpmn:endEvent id="End_Else"/>
  </bpmn:process>
</bpmn:definitions>`;
}

/** bpmn-engine's expressions, FEEL through feelin: `=expr` is evaluated against the instance's variables. */
function feelExpressions(vars: () => Record<string, unknown>) {
  const isFeel = (t: unknown) => typeof t === 'string' && t.startsWith('=');
  return {
    resolveExpression: (expr: unknown) => (isFeel(expr) ? (evaluate((expr as string).slice(1), vars()) as { value: unknown }).value : expr),
    isExpression: isFeel,
    hasExpression: isFeel,
  };
}

/**
 * One instance on bpmn-engine alone: at each wait the state is taken and serialised (what a
 * platform must keep to survive a restart), then the wait is answered with `answers[elementId]`.
 * Resolves when `stopAt` waits (or the instance ends).
 */
export async function runBaselineInstance(xml: string, answers: Record<string, Record<string, unknown>>, initial: Record<string, unknown>, stopAt?: string): Promise<number> {
  const vars: Record<string, unknown> = { ...initial };
  let stateBytes = 0;
  const engine = new Engine({
    name: 'baseline',
    source: xml,
    elements: { ...Elements, ServiceTask: Elements.SignalTask, UserTask: Elements.SignalTask, BusinessRuleTask: Elements.SignalTask, SendTask: Elements.SignalTask, ScriptTask: Elements.SignalTask },
    expressions: feelExpressions(() => vars),
    settings: { enableDummyService: false },
  } as never);
  await new Promise<void>((resolve, reject) => {
    const listener = new EventEmitter();
    listener.on('wait', async (api: { id: string; signal: (m?: unknown) => void }) => {
      const state = await engine.getState();
      stateBytes += JSON.stringify(state).length;
      if (api.id === stopAt) {
        engine.stop();
        return resolve();
      }
      Object.assign(vars, answers[api.id] ?? {});
      api.signal(answers[api.id] ?? {});
    });
    engine.once('end', () => resolve());
    engine.once('error', reject);
    engine.execute({ listener, variables: vars }).catch(reject);
  });
  return stateBytes;
}

interface Ours {
  engine: ProcessEngine;
  db: Db;
  close(): Promise<void>;
}

async function oursOn(dir: string, name: string, resources: Array<{ name: string; xml: string }>, workers: (engine: ProcessEngine, arrived: () => void) => void): Promise<Ours & { arrivedAt: (n: number) => Promise<void> }> {
  const db = await createDb(`sqlite:${path.join(dir, `${name}.sqlite`)}`, { keyring: Keyring.ephemeral() });
  const engine = new EmbeddedEngine(db, { timerPollMs: 1000, jobPollMs: 200 });
  let arrived = 0;
  let waiter: { n: number; resolve: () => void } | null = null;
  workers(engine, () => {
    arrived++;
    if (waiter && arrived >= waiter.n) waiter.resolve();
  });
  await engine.start();
  await engine.deploy(resources);
  return {
    engine,
    db,
    arrivedAt: (n) =>
      new Promise<void>((resolve) => {
        if (arrived >= n) return resolve();
        waiter = { n, resolve };
      }),
    async close() {
      await engine.stop();
      await db.close();
    },
  };
}

/** Instances per second of `count` instances started together and run to completion (or to the stop point). */
async function throughput(count: number, one: (i: number) => Promise<unknown>, settled: (n: number) => Promise<void> = async () => undefined): Promise<number> {
  const t0 = performance.now();
  await Promise.all(Array.from({ length: count }, (_, i) => one(i)));
  await settled(count);
  return (count / (performance.now() - t0)) * 1000;
}

export async function engineBenchmarks(opts: { instances: number; repeats: number; warmup: number; cases?: string[] }): Promise<Row[]> {
  const want = (c: string) => !opts.cases?.length || opts.cases.includes(c);
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'bench-engine-'));
  const rows: Row[] = [];
  const n = opts.instances;
  try {
    // 1 + 3: the 6-element process, plain and padded, run to its end
    for (const pad of [0, 200].filter((x) => want(x ? 'pad200' : 'six'))) {
      const xml = sixElementBpmn(pad);
      const processId = pad ? `bench-six-pad${pad}` : 'bench-six';
      const ours = await oursOn(dir, processId, [{ name: `${processId}.bpmn`, xml }], (engine, arrived) => {
        engine.registerWorker('bench.work', async () => ({ kind: 'complete', variables: { score: 7 } }), { maxJobsActive: 64 });
        engine.registerWorker(USER_TASK_JOB_TYPE, async () => ({ kind: 'complete', variables: { decision: 'approve' } }), { maxJobsActive: 64 });
        engine.onEvent((e) => {
          if (e.type === 'instance.completed') arrived();
        });
      });
      let done = 0;
      rows.push(
        await compare({
          id: pad ? 'engine.six.pad200' : 'engine.six',
          label: pad ? `6-element process padded with ${pad} elements, to its end` : '6-element process (start, service task, FEEL gateway, user task, end), to its end',
          unit: 'instances/s',
          higherIsBetter: true,
          baselineLabel: 'bpmn-engine alone (in memory, state serialised at each wait)',
          warmup: opts.warmup,
          repeats: opts.repeats,
          target: { ratio: 0.8, text: '≥0.8×' },
          ours: async () => {
            const base = done;
            const r = await throughput(n, () => ours.engine.createInstance({ bpmnProcessId: processId, variables: { applicant: 'x' } }), () => ours.arrivedAt(base + n));
            done += n;
            return r;
          },
          baseline: () => throughput(n, () => runBaselineInstance(xml, { Work: { score: 7 }, Review: { decision: 'approve' } }, { applicant: 'x' })),
        }),
      );
      await ours.close();
    }

    // 2: the SC26 package to its first user task (the unit review)
    if (!want('sc26')) return rows;
    const pkgDir = path.resolve('deployments/sichuan/2026-examiner-training');
    const sc26 = fs.readFileSync(path.join(pkgDir, 'process.bpmn'), 'utf8');
    const initial = { recommender: { id: 'org-1', isUndelegatedProvincialInChengdu: false }, application: { name: '张伟' } };
    const eligibility = { eligibility: { decision: 'ELIGIBLE' } };
    const ours = await oursOn(dir, 'sc26', [{ name: 'process.bpmn', xml: sc26 }], (engine, arrived) => {
      engine.registerWorker('rules.evaluate', async () => ({ kind: 'complete', variables: eligibility }), { maxJobsActive: 64 });
      engine.registerWorker('application.status', async () => ({ kind: 'complete' }), { maxJobsActive: 64 });
      engine.registerWorker(USER_TASK_JOB_TYPE, async () => (arrived(), { kind: 'complete' }), { maxJobsActive: 64, hold: true });
    });
    let reached = 0;
    rows.push(
      await compare({
        id: 'engine.sc26',
        label: 'SC26 package process to its first user task',
        unit: 'instances/s',
        higherIsBetter: true,
        baselineLabel: 'bpmn-engine alone (in memory, state serialised at each wait)',
        warmup: opts.warmup,
        repeats: opts.repeats,
        target: { ratio: 0.8, text: '≥0.8×' },
        ours: async () => {
          const base = reached;
          const r = await throughput(n, () => ours.engine.createInstance({ bpmnProcessId: 'sc26-examiner-training', variables: initial }), () => ours.arrivedAt(base + n));
          reached += n;
          return r;
        },
        baseline: () => throughput(n, () => runBaselineInstance(sc26, { Task_CheckEligibility: eligibility }, initial, 'Task_UnitReview')),
      }),
    );
    const sizes = (await ours.db.knex('engine_instances').where({ status: 'ACTIVE' }).select('state', 'variables')) as Array<{ state: string; variables: string }>;
    const mean = sizes.reduce((a, r) => a + r.state.length + r.variables.length, 0) / Math.max(1, sizes.length);
    console.log(`[bench] stored state per waiting SC26 instance: mean ${(mean / 1024).toFixed(1)} KB over ${sizes.length}`);
    await ours.close();
  } finally {
    fs.rmSync(dir, { recursive: true, force: true });
  }
  return rows;
}
