import { createRequire } from 'node:module';
import { BpmnModdle } from 'bpmn-moddle';
import { Linter } from 'bpmnlint';
import StaticResolver from 'bpmnlint/lib/resolver/static-resolver.js';
import { platformLintContext } from '../bpmn/lint/platformLintContext.ts';
import { PLATFORM_RULES, platformLintPlugin } from '../bpmn/lint/platformRules.ts';
import type { Problem } from './packageTypes.ts';

const require = createRequire(import.meta.url);
const zeebeSchema = require('zeebe-bpmn-moddle/resources/zeebe.json');

/** Parsed diagrams by their text: a draft is checked on save and again on publish, a package on validate and deploy. */
const parsed = new Map<string, Promise<unknown>>();
function parse(xml: string): Promise<unknown> {
  let root = parsed.get(xml);
  if (!root) {
    root = new BpmnModdle({ zeebe: zeebeSchema }).fromXML(xml).then((r) => (r as { rootElement: unknown }).rootElement);
    if (parsed.size >= 32) parsed.delete(parsed.keys().next().value!);
    parsed.set(xml, root);
    root.catch(() => parsed.delete(xml));
  }
  return root;
}

/**
 * The platform's own BPMN rules (engine/bpmn/lint/platformRules.ts), run with bpmnlint exactly as the
 * designer runs them live: job types no worker handles, rule sets and form keys the package lacks,
 * candidate groups no role works, tasks and gateways that name no clause. Those the engine's deploy
 * validation already reports (unsupported elements, FEEL syntax) are left to it, so nothing is said twice.
 */
export async function checkPlatformBpmn(bpmn: Record<string, string>, manifest: unknown, filePaths: Iterable<string>): Promise<Problem[]> {
  const paths = [...filePaths];
  const problems: Problem[] = [];
  for (const [file, xml] of Object.entries(bpmn)) {
    let root: unknown;
    try {
      root = await parse(xml);
    } catch {
      continue; // (the engine's validation reports a file that does not parse)
    }
    const context = platformLintContext(file, manifest, paths);
    const plugin = platformLintPlugin(() => context, (_, r) => !r.engineChecks);
    const reports = await new Linter({ config: plugin.config, resolver: new StaticResolver(plugin.rules) }).lint(root);
    for (const [name, list] of Object.entries(reports)) {
      const rule = PLATFORM_RULES[name.replace(/^platform\//, '')];
      for (const r of list) {
        problems.push({ file, pointer: r.id ? `#${r.id}` : '', message: r.message, severity: r.category === 'error' ? 'error' : 'warning', code: rule?.code ?? 'BPMN_LINT' });
      }
    }
  }
  return problems;
}
