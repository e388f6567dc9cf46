import fs from 'node:fs';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { validateZeebe } from '@bpmn-io/element-templates-validator';
import { parseDefinitions } from '../../engine/bpmn/zeebeModel.ts';
import { candidateGroupChoices } from '../../engine/services/drafts/DraftTaskTemplateService.ts';
import { candidateGroupOptions, draftVocabulary, taskTemplates, TEMPLATE_ID_PREFIX } from '../../engine/services/drafts/taskTemplates.ts';
import { workerHandlers, type WorkerDeps } from '../../engine/workers/registerWorkers.ts';
import { WORKER_CATALOGUE } from '../../engine/workers/workerCatalogue.ts';
import { packageDirectories } from '../support/packageDirectories.ts';

/** A package folder as a draft holds it: every file by its path inside the package. */
function filesOf(dir: string): Record<string, string> {
  const root = path.join('deployments', dir);
  return Object.fromEntries(
    fs
      .readdirSync(root, { recursive: true })
      .map(String)
      .filter((f) => fs.statSync(path.join(root, f)).isFile())
      .map((f) => [f.split(path.sep).join('/'), fs.readFileSync(path.join(root, f), 'utf8')]),
  );
}

describe('task templates for the platform workers (issue 11)', () => {
  it('the catalogue names exactly the job types the workers handle', () => {
    // given the handlers (building them runs none)
    const handled = Object.keys(workerHandlers({} as WorkerDeps)).sort();
    // then
    expect(WORKER_CATALOGUE.map((t) => t.type).sort()).toEqual(handled);
  });

  it.each(packageDirectories())('%s: every service task fits its template as it stands, and the rule-set dropdown is the package’s own', async (dir) => {
    // given the package's files, as a draft cloned from it holds them
    const files = filesOf(dir);
    const manifest = JSON.parse(files['manifest.json']!) as { ruleSets: Array<{ id: string }>; region: { code: string } };
    // when its templates are generated
    const vocabulary = await draftVocabulary(files);
    const templates = taskTemplates(vocabulary);
    const groups = candidateGroupOptions(vocabulary, candidateGroupChoices(manifest.region.code, [])).map((c) => c.value);
    const byId = new Map(templates.map((t) => [t.id, t]));
    // and every template passes the Zeebe element-template schema the modeler validates with
    for (const t of templates) expect(validateZeebe(t).errors ?? [], t.id).toEqual([]);
    // then the rule-set picker offers the package's rule sets, in its order
    const ruleSet = byId.get(`${TEMPLATE_ID_PREFIX}rules.evaluate`)!.properties.find((p) => p.binding.key === 'ruleSet')!;
    expect(ruleSet.type).toBe('Dropdown');
    expect(ruleSet.choices!.map((c) => c.value)).toEqual(manifest.ruleSets.map((r) => r.id));
    // and every service task's headers and inputs are template fields, its dropdown values among the choices
    let tasks = 0;
    for (const [file, xml] of Object.entries(files).filter(([f]) => f.endsWith('.bpmn'))) {
      const parsed = await parseDefinitions(file, xml);
      for (const el of parsed.processes.flatMap((p) => [...p.elements.values()])) {
        if (el.type === 'bpmn:UserTask' && el.candidateGroups) {
          expect(groups, `${file}#${el.id}`).toContain(el.candidateGroups);
        }
        if (el.type !== 'bpmn:ServiceTask' || !el.jobType) continue;
        tasks++;
        const template = byId.get(`${TEMPLATE_ID_PREFIX}${el.jobType}`);
        expect(template, `${file}#${el.id}: no template for ${el.jobType}`).toBeDefined();
        const headers = new Map(template!.properties.filter((p) => p.binding.type === 'zeebe:taskHeader').map((p) => [p.binding.key!, p]));
        for (const [key, value] of Object.entries(el.headers)) {
          const field = headers.get(key);
          expect(field, `${file}#${el.id}: header ${key} is no field of ${template!.id}`).toBeDefined();
          if (field!.type === 'Dropdown') expect(field!.choices!.map((c) => c.value), `${file}#${el.id} ${key}`).toContain(value);
        }
        for (const field of headers.values()) if (field.constraints?.notEmpty) expect(el.headers[field.binding.key!], `${file}#${el.id}: required ${field.binding.key}`).toBeTruthy();
        const inputs = new Set(template!.properties.filter((p) => p.binding.type === 'zeebe:input').map((p) => p.binding.name));
        for (const input of el.inputs) expect(inputs, `${file}#${el.id}: input ${input.target}`).toContain(input.target);
      }
    }
    expect(tasks).toBeGreaterThan(0);
  });

  it('every label a template shows is Chinese', async () => {
    // given the templates of a package
    const templates = taskTemplates(await draftVocabulary(filesOf(packageDirectories()[0]!)));
    // then names, groups and field labels carry Chinese
    const cjk = /[\u4e00-\u9fff]/;
    for (const t of templates) {
      expect(t.name).toMatch(cjk);
      for (const g of t.groups) expect(g.label).toMatch(cjk);
      for (const p of t.properties) if (p.type !== 'Hidden') expect(p.label, `${t.id} ${p.id}`).toMatch(cjk);
    }
  });
});
