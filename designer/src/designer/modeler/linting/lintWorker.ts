import { BpmnModdle } from 'bpmn-moddle';
import zeebeModdle from 'zeebe-bpmn-moddle/resources/zeebe.json';
import type { PlatformLintContext } from '../../../../../engine/bpmn/lint/platformLintContext.ts';
import { createLinter } from './createLinter.ts';
import { plainReport, TARGET_PLATFORM, type LintRequest, type LintAnswer } from './lintProtocol.ts';

/**
 * The live linter off the page's main thread: a lint of a 160-element diagram takes a few hundred
 * milliseconds on a busy machine, during which the modeler would not answer a click. The page posts
 * the diagram as it stands (XML) with the draft's context; the reports come back as plain data.
 */
let context: PlatformLintContext = { bpmnFile: '', ruleSets: null, forms: null, implementedElements: null };
const linter = createLinter(() => context);
const moddle = new BpmnModdle({ zeebe: zeebeModdle });

interface Definitions {
  get(name: string): unknown;
}

self.onmessage = async (e: MessageEvent<LintRequest>) => {
  const { run, xml } = e.data;
  context = e.data.context;
  let answer: LintAnswer;
  try {
    let target: unknown = xml;
    if (!/\bmodeler:executionPlatform="/.test(xml)) {
      // A diagram that names no execution platform is linted for the one the packages target.
      const { rootElement } = (await moddle.fromXML(xml)) as unknown as { rootElement: Definitions };
      target = Object.create(rootElement, { get: { value: (name: string) => (name === 'modeler:executionPlatform' ? TARGET_PLATFORM.executionPlatform : name === 'modeler:executionPlatformVersion' ? TARGET_PLATFORM.executionPlatformVersion : rootElement.get(name)) } });
    }
    const reports = (await linter.lint(target)) as Array<Record<string, unknown>>;
    answer = { run, reports: reports.map(plainReport) };
  } catch (err) {
    answer = { run, error: err instanceof Error ? err.message : String(err) };
  }
  (self as unknown as { postMessage(message: LintAnswer): void }).postMessage(answer);
};
