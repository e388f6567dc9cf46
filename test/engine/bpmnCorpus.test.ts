import { readdirSync, readFileSync } from 'node:fs';
import path from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { EmbeddedEngine } from '../../engine/adapters/embedded/EmbeddedEngine.ts';
import { deployErrors, EngineDeployError, USER_TASK_JOB_TYPE } from '../../engine/port/ProcessEngine.ts';
import { createDb, type Db } from '../../engine/store/createDb.ts';
import { waitFor } from '../support/waitFor.ts';

const CORPUS = path.resolve('../shared/bpmn-corpus');
const files = ['miwg', 'camunda8'].flatMap((dir) => readdirSync(path.join(CORPUS, dir)).filter((f) => f.endsWith('.bpmn')).map((f) => `${dir}/${f}`));
const CJK = /[\u4e00-\u9fa5]/;

/**
 * The files the embedded engine runs; every other file of the corpus must be refused at deploy. What
 * keeps the others out: 14 MIWG files have no executable process (documentation, as for Zeebe);
 * C.1.0, C.1.1, C.3.0 and C.8.1 write conditions in Camunda 7's JUEL instead of FEEL (C.1.x also have a
 * service task without a job type, C.3.0 a message boundary without a correlation key); C.9.0 calls a
 * DMN decision.
 */
const RUNS = new Set(['camunda8/ticket-booking.bpmn', 'camunda8/customer-onboarding.bpmn', 'miwg/C.9.1.bpmn', 'miwg/C.9.2.bpmn']);

/**
 * Diagrams nobody here drew (../shared/bpmn-corpus: the BPMN MIWG reference set and Camunda 8
 * applications): each one deploys and starts, or is refused at deploy with Chinese problems naming
 * the file and element; none deploys and then crashes at its first start.
 */
describe('the embedded engine on the BPMN corpus', () => {
  let db: Db;
  let engine: EmbeddedEngine;
  beforeEach(async () => {
    db = await createDb('sqlite::memory:');
    engine = new EmbeddedEngine(db, {});
    engine.registerWorker(USER_TASK_JOB_TYPE, async () => ({ kind: 'complete' }), { hold: true });
    await engine.start();
  });
  afterEach(async () => {
    await engine.stop();
    await db.close();
  });

  it('finds the corpus', () => {
    expect(files.length).toBeGreaterThanOrEqual(23);
  });

  it.each(files)('%s: deploys and starts, or is refused in Chinese at deploy', async (file) => {
    // given
    const xml = readFileSync(path.join(CORPUS, file), 'utf8');
    const name = path.basename(file);
    // when
    const problems = await engine.validate([{ name, xml }]);
    const errors = deployErrors(problems);
    // then every problem, error or warning, is a Chinese sentence about this file
    for (const p of problems) {
      expect(p.message, p.message).toMatch(CJK);
      expect(p.file).toBe(name);
    }
    if (!RUNS.has(file)) {
      expect(errors.length, `${file} should be refused`).toBeGreaterThan(0);
      // an element's problem names the element
      for (const p of errors.filter((e) => e.elementId)) expect(xml).toContain(`id="${p.elementId}"`);
      await expect(engine.deploy([{ name, xml }])).rejects.toBeInstanceOf(EngineDeployError);
      return;
    }
    expect(errors).toEqual([]);
    const deployed = await engine.deploy([{ name, xml }]);
    for (const d of deployed) {
      const { processInstanceKey } = await engine.createInstance({ bpmnProcessId: d.bpmnProcessId, variables: {} });
      // it reaches a wait state (or its end) and stays a live instance, with no incident
      const instance = await waitFor(async () => {
        const i = await engine.getInstance(processInstanceKey);
        return i && i.completedElements.length > 0 ? i : null;
      }, 10_000, `${d.bpmnProcessId} to move`);
      expect(['ACTIVE', 'COMPLETED']).toContain(instance.status);
      expect(await engine.listIncidents({ processInstanceKey })).toEqual([]);
      // a live instance waits for something one can name: an open job (a task), a message or signal, or a timer
      if (instance.status === 'ACTIVE') {
        const jobs = await db.knex('engine_jobs').where({ instance_key: processInstanceKey }).whereIn('state', ['ACTIVATABLE', 'ACTIVATED']);
        const timers = await db.knex('engine_timers').where({ instance_key: processInstanceKey });
        expect(jobs.length + timers.length, `${d.bpmnProcessId} waits for a job or a timer`).toBeGreaterThan(0);
      }
    }
  });

  it('refuses a file whose processes are all isExecutable="false", as Zeebe does, naming them', async () => {
    // when
    const problems = await engine.validate([{ name: 'A.4.1.bpmn', xml: readFileSync(path.join(CORPUS, 'miwg/A.4.1.bpmn'), 'utf8') }]);
    // then
    expect(problems).toEqual([expect.objectContaining({ code: 'NO_EXECUTABLE_PROCESS', message: 'BPMN 文件中没有可执行的流程:Pool 1、Pool 2 未标记 isExecutable="true"' })]);
  });

  it('keeps import warnings as warnings, in Chinese, and ignores an undecodable declared encoding on plain ASCII', async () => {
    // given a runnable process declared ISO-8859-1 with a reference to nothing
    const xml = readFileSync('test/fixtures/bpmn/basic.bpmn', 'utf8')
      .replace('encoding="UTF-8"', 'encoding="ISO-8859-1"')
      .replace('<bpmn:startEvent id="start"/>', '<bpmn:startEvent id="start"/><bpmn:association id="note" sourceRef="start" targetRef="nowhere"/>');
    // when
    const problems = await engine.validate([{ name: 'basic.bpmn', xml }]);
    // then
    expect(deployErrors(problems)).toEqual([]);
    expect(problems.map((p) => p.message)).toEqual(['引用的元素「nowhere」在文件中不存在,已忽略该引用']);
    expect(problems.every((p) => p.severity === 'warning')).toBe(true);
    expect(problems.map((p) => p.message).join()).not.toContain('encoding');
    await expect(engine.deploy([{ name: 'basic.bpmn', xml }])).resolves.toHaveLength(1);
  });

  it('runs a file whose <definitions> has no id (BPMN allows it) through a job completion to its end', async () => {
    // given
    const xml = readFileSync('test/fixtures/bpmn/jobs.bpmn', 'utf8').replace(' id="defs"', '');
    engine.registerWorker('test.work', async () => ({ kind: 'complete', variables: { outcome: 'ok' } }));
    await engine.deploy([{ name: 'jobs.bpmn', xml }]);
    // when
    const { processInstanceKey } = await engine.createInstance({ bpmnProcessId: 'jobs', variables: { applicant: { name: '张三' }, items: [1] } });
    // then
    const done = await waitFor(async () => {
      const i = await engine.getInstance(processInstanceKey);
      return i && i.status !== 'ACTIVE' ? i : null;
    }, 10_000, 'the instance to end');
    expect(done.status).toBe('COMPLETED');
  });

  it('names a DMN business rule task and a script task without a script for what they are, and a triggered start event once', async () => {
    // given
    const xml = `<?xml version="1.0" encoding="UTF-8"?>
<bpmn:definitions xmlns:bpmn="http://www.omg.org/spec/BPMN/20100524/MODEL" xmlns:zeebe="http://camunda.org/schema/zeebe/1.0" id="d" targetNamespace="x">
  <bpmn:process id="p" isExecutable="true">
    <bpmn:startEvent id="s"><bpmn:conditionalEventDefinition><bpmn:condition>=ready</bpmn:condition></bpmn:conditionalEventDefinition></bpmn:startEvent>
    <bpmn:sequenceFlow id="f1" sourceRef="s" targetRef="script" />
    <bpmn:scriptTask id="script"><bpmn:extensionElements><zeebe:script expression="=1 + 1" resultVariable="two" /></bpmn:extensionElements></bpmn:scriptTask>
    <bpmn:sequenceFlow id="f2" sourceRef="script" targetRef="rule" />
    <bpmn:businessRuleTask id="rule"><bpmn:extensionElements><zeebe:calledDecision decisionId="d1" resultVariable="r" /></bpmn:extensionElements></bpmn:businessRuleTask>
    <bpmn:sequenceFlow id="f3" sourceRef="rule" targetRef="plain" />
    <bpmn:scriptTask id="plain" />
    <bpmn:sequenceFlow id="f4" sourceRef="plain" targetRef="e" />
    <bpmn:endEvent id="e" />
  </bpmn:process>
</bpmn:definitions>`;
    // when
    const problems = await engine.validate([{ name: 'x.bpmn', xml }]);
    // then
    const byElement = (id: string) => problems.filter((p) => p.elementId === id).map((p) => p.code);
    expect(byElement('s')).toEqual(['UNSUPPORTED_START']);
    expect(problems.find((p) => p.elementId === 's')!.message).toContain('暂不支持条件开始事件');
    expect(byElement('script')).toEqual([]);
    expect(byElement('rule')).toEqual(['UNSUPPORTED_DMN']);
    expect(problems.find((p) => p.elementId === 'plain')!.message).toBe('脚本任务 plain 缺少任务类型(zeebe:taskDefinition type)');
  });
});
