import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { Engine } from 'bpmn-engine';
import { loadConfig } from '../engine/config.ts';
import { createPlatform } from '../engine/createPlatform.ts';
import { compare, type Row } from './lib/compare.ts';

/**
 * Deploy of a package of `elements` flow elements (issue 14, target 5: ≤300 ms): the 2026 examiner
 * package (its main process padded with a chain of tasks spliced into its first sequence flow until it
 * has that many), deployed through the platform as an admin deploys — package loader with every
 * check, BPMN validation, the engine's deploy, the version row and its audit entry. Each round deploys
 * new content (the process name carries the round), as a deploy of an unchanged package is a lookup.
 * Baseline: bpmn-engine alone parsing and compiling the same diagram (`getDefinitions`), the least any
 * deploy of it does.
 */
const SOURCE = 'deployments/sichuan/2026-examiner-training';
const FLOW_ELEMENT = /<bpmn:(task|serviceTask|userTask|sendTask|receiveTask|scriptTask|businessRuleTask|callActivity|subProcess|sequenceFlow|exclusiveGateway|parallelGateway|inclusiveGateway|eventBasedGateway|startEvent|endEvent|intermediateCatchEvent|intermediateThrowEvent|boundaryEvent)\b/g;

export function countFlowElements(xml: string): number {
  return xml.match(FLOW_ELEMENT)?.length ?? 0;
}

/** The diagram with tasks spliced into its first sequence flow (A → Pad_0 → … → Pad_k → B) until it has `elements` flow elements. */
export function padTo(xml: string, elements: number): string {
  const have = countFlowElements(xml);
  const pairs = Math.max(0, Math.ceil((elements - have) / 2));
  if (!pairs) return xml;
  const flow = /<bpmn:sequenceFlow id="([^"]+)"([^>]*?)targetRef="([^"]+)"/.exec(xml);
  if (!flow) throw new Error('no sequence flow to pad');
  const [whole, , , target] = flow;
  const chain = Array.from({ length: pairs }, (_, i) => `<bpmn:task id="Pad_${i}" name="填充${i}"/><bpmn:sequenceFlow id="Flow_Pad_${i}" sourceRef="Pad_${i}" targetRef="${i + 1 < pairs ? `Pad_${i + 1}` : target}"/>`).join('\n    ');
  const spliced = xml.replace(whole, whole.replace(`targetRef="${target}"`, 'targetRef="Pad_0"'));
  return spliced.replace(/<\/bpmn:process>/, `    ${chain}\n  </bpmn:process>`);
}

export async function deployBenchmarks(opts: { elements: number; repeats: number; warmup: number }): Promise<Row[]> {
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'bench-deploy-'));
  const deployments = path.join(dir, 'deployments');
  const pkgDir = path.join(deployments, 'padded');
  fs.cpSync(path.resolve(SOURCE), pkgDir, { recursive: true });
  const original = fs.readFileSync(path.join(pkgDir, 'process.bpmn'), 'utf8');
  const padded = padTo(original, opts.elements);
  const elements = countFlowElements(padded);
  const p = await createPlatform(
    { ...loadConfig({}), databaseUrl: `sqlite:${path.join(dir, 'bench.sqlite')}`, dataDir: dir, attachmentsDir: path.join(dir, 'att'), uploadTmpDir: path.join(dir, 'tmp'), deploymentsDir: deployments, loadDemoData: false },
    { log: () => undefined },
  );
  let round = 0;
  const variant = () => padded.replace(/(<bpmn:process id="[^"]+" name=")([^"]*)"/, `$1$2 ${++round}"`);
  try {
    const row = await compare({
      id: 'deploy.padded',
      label: `deploy of the 2026 examiner package padded to ${elements} flow elements (loader checks, BPMN validation, engine deploy, version row + audit)`,
      unit: 'ms',
      higherIsBetter: false,
      baselineLabel: 'bpmn-engine alone parsing the same diagram (getDefinitions)',
      warmup: opts.warmup,
      repeats: opts.repeats,
      target: { max: 300, text: '≤300 ms' },
      ours: async () => {
        fs.writeFileSync(path.join(pkgDir, 'process.bpmn'), variant());
        const t0 = performance.now();
        const { created } = await p.services.packages.deployFromDirectory(null, 'padded');
        const ms = performance.now() - t0;
        if (!created) throw new Error('the padded package was not deployed anew');
        return ms;
      },
      baseline: async () => {
        const source = variant();
        const t0 = performance.now();
        await new Engine({ name: 'deploy-baseline', source }).getDefinitions();
        return performance.now() - t0;
      },
    });
    return [row];
  } finally {
    await p.stop();
    fs.rmSync(dir, { recursive: true, force: true });
  }
}
