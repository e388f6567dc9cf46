import { createHash } from 'node:crypto';
import fs from 'node:fs/promises';
import path from 'node:path';
import { createRequire } from 'node:module';
import { Ajv, type ErrorObject, type ValidateFunction } from 'ajv';
import { createFormValidator } from '../../forms/index.ts';

const require = createRequire(import.meta.url);
const manifestSchema = require('./schema/manifest.schema.json');
const scheduleSchema = require('./schema/schedule.schema.json');
const ruleSetSchema = require('../../rules/schema/ruleSet.schema.json');

export interface Problem {
  /** Path relative to the package folder, e.g. 'rules/eligibility.json'. */
  file: string;
  /** JSON pointer inside that file, or '#elementId' for BPMN. */
  pointer?: string;
  message: string;
  severity: 'error' | 'warning';
  code: string;
}

export interface LoadedPackage {
  dir: string;
  manifest: any;
  files: Record<string, string>;
  bpmn: Record<string, string>;
  ruleSets: Record<string, unknown>;
  forms: Record<string, { schema: Record<string, unknown>; ui?: unknown; title?: string }>;
  schedule: unknown;
  scenarios: Record<string, unknown>;
  contentHash: string;
}

export type BpmnValidator = (file: string, xml: string) => Promise<Problem[]>;

const ajv = new Ajv({ allErrors: true, strict: false });
const validators: Record<string, ValidateFunction> = {
  manifest: ajv.compile(manifestSchema),
  schedule: ajv.compile(scheduleSchema),
  ruleSet: ajv.compile(ruleSetSchema),
};

function schemaProblems(file: string, errors: ErrorObject[] | null | undefined): Problem[] {
  return (errors ?? []).map((e) => {
    const extra = e.keyword === 'required' ? `/${(e.params as { missingProperty: string }).missingProperty}` : e.keyword === 'additionalProperties' ? `/${(e.params as { additionalProperty: string }).additionalProperty}` : '';
    return { file, pointer: `${e.instancePath}${extra}` || '/', message: `不符合格式要求:${e.instancePath}${extra} ${e.message ?? ''}`.trim(), severity: 'error', code: `SCHEMA_${e.keyword.toUpperCase()}` };
  });
}

async function listFiles(dir: string, base = ''): Promise<string[]> {
  const out: string[] = [];
  for (const entry of await fs.readdir(path.join(dir, base), { withFileTypes: true })) {
    const rel = base ? `${base}/${entry.name}` : entry.name;
    if (entry.isDirectory()) out.push(...(await listFiles(dir, rel)));
    else if (entry.isFile() && !entry.name.endsWith('.test.ts') && !entry.name.startsWith('.')) out.push(rel);
  }
  return out.sort();
}

/**
 * Loads a package folder: every file is read, every JSON parsed and validated against its schema,
 * every reference checked, BPMN handed to the engine's validator. All problems are collected, each
 * with its file and pointer; `ok` is false if any is an error. The version name is the sha256 of
 * the sorted paths and contents.
 */
export async function loadPackage(dir: string, opts: { bpmnValidator?: BpmnValidator } = {}): Promise<{ ok: boolean; package?: LoadedPackage; problems: Problem[] }> {
  const problems: Problem[] = [];
  let names: string[];
  try {
    names = await listFiles(dir);
  } catch {
    return { ok: false, problems: [{ file: '.', message: '政策包目录不存在', severity: 'error', code: 'NO_PACKAGE' }] };
  }
  const files: Record<string, string> = {};
  for (const n of names) files[n] = await fs.readFile(path.join(dir, n), 'utf8');

  const parsed: Record<string, unknown> = {};
  const json = (file: string, referencedFrom?: { file: string; pointer: string }): unknown => {
    if (file in parsed) return parsed[file];
    const raw = files[file];
    if (raw === undefined) {
      problems.push({ file: referencedFrom?.file ?? file, pointer: referencedFrom?.pointer, message: `引用的文件不存在:${file}`, severity: 'error', code: 'MISSING_FILE' });
      return (parsed[file] = undefined);
    }
    try {
      return (parsed[file] = JSON.parse(raw));
    } catch (err) {
      problems.push({ file, pointer: '/', message: `不是合法的 JSON:${(err as Error).message}`, severity: 'error', code: 'JSON_SYNTAX' });
      return (parsed[file] = undefined);
    }
  };

  const manifest = json('manifest.json') as any;
  if (!manifest) {
    if (files['manifest.json'] === undefined) problems.push({ file: 'manifest.json', message: '缺少 manifest.json', severity: 'error', code: 'NO_MANIFEST' });
    return { ok: false, problems };
  }
  if (!validators.manifest(manifest)) problems.push(...schemaProblems('manifest.json', validators.manifest.errors));

  const bpmn: Record<string, string> = {};
  for (const [i, p] of (Array.isArray(manifest.processes) ? manifest.processes : []).entries()) {
    const xml = files[p.file];
    if (xml === undefined) {
      problems.push({ file: 'manifest.json', pointer: `/processes/${i}/file`, message: `引用的文件不存在:${p.file}`, severity: 'error', code: 'MISSING_FILE' });
      continue;
    }
    bpmn[p.file] = xml;
    if (!xml.includes(`id="${p.bpmnProcessId}"`)) {
      problems.push({ file: 'manifest.json', pointer: `/processes/${i}/bpmnProcessId`, message: `${p.file} 中没有流程 ${p.bpmnProcessId}`, severity: 'error', code: 'PROCESS_ID' });
    }
    if (opts.bpmnValidator) problems.push(...(await opts.bpmnValidator(p.file, xml)));
  }

  const ruleSets: Record<string, unknown> = {};
  for (const [i, r] of (Array.isArray(manifest.ruleSets) ? manifest.ruleSets : []).entries()) {
    if (r.id in ruleSets) problems.push({ file: 'manifest.json', pointer: `/ruleSets/${i}/id`, message: `规则集 ID 重复:${r.id}`, severity: 'error', code: 'DUPLICATE_ID' });
    const rs = json(r.file, { file: 'manifest.json', pointer: `/ruleSets/${i}/file` });
    if (rs === undefined) continue;
    if (!validators.ruleSet(rs)) problems.push(...schemaProblems(r.file, validators.ruleSet.errors));
    ruleSets[r.id] = rs;
  }

  const forms: LoadedPackage['forms'] = {};
  for (const [i, f] of (Array.isArray(manifest.forms) ? manifest.forms : []).entries()) {
    const schema = json(f.schema, { file: 'manifest.json', pointer: `/forms/${i}/schema` }) as Record<string, unknown> | undefined;
    const ui = f.ui ? json(f.ui, { file: 'manifest.json', pointer: `/forms/${i}/ui` }) : undefined;
    if (!schema) continue;
    try {
      createFormValidator(schema);
    } catch (err) {
      problems.push({ file: f.schema, pointer: '/', message: `表单 JSON Schema 无法编译:${(err as Error).message}`, severity: 'error', code: 'FORM_SCHEMA' });
    }
    forms[f.id] = { schema, ui, title: f.title };
  }

  const schedule = typeof manifest.schedule === 'string' ? json(manifest.schedule, { file: 'manifest.json', pointer: '/schedule' }) : undefined;
  if (schedule !== undefined && !validators.schedule(schedule)) problems.push(...schemaProblems(manifest.schedule, validators.schedule.errors));

  const scenarios: Record<string, unknown> = {};
  for (const n of names.filter((x) => x.startsWith('scenarios/') && x.endsWith('.json'))) {
    const s = json(n);
    if (s !== undefined) scenarios[n] = s;
  }

  // Traceability: each clause's implementing targets must exist in the package.
  for (const [i, c] of (Array.isArray(manifest.clauses) ? manifest.clauses : []).entries()) {
    for (const [j, target] of (c.implementedBy ?? []).entries()) {
      const [file, fragment] = String(target).split('#');
      if (files[file] === undefined) {
        problems.push({ file: 'manifest.json', pointer: `/clauses/${i}/implementedBy/${j}`, message: `条款 ${c.id} 的实现位置不存在:${target}`, severity: 'error', code: 'TRACE_TARGET' });
      } else if (fragment && file.endsWith('.bpmn') && !files[file].includes(`id="${fragment}"`)) {
        problems.push({ file: 'manifest.json', pointer: `/clauses/${i}/implementedBy/${j}`, message: `条款 ${c.id} 引用的流程元素不存在:${target}`, severity: 'error', code: 'TRACE_ELEMENT' });
      }
    }
  }

  const hash = createHash('sha256');
  for (const n of names) hash.update(n).update('\0').update(files[n]).update('\0');
  const contentHash = hash.digest('hex');
  const ok = !problems.some((p) => p.severity === 'error');
  return { ok, problems, package: { dir, manifest, files, bpmn, ruleSets, forms, schedule, scenarios, contentHash } };
}

/** Every folder under `root` that holds a manifest.json. */
export async function discoverPackages(root: string): Promise<string[]> {
  const out: string[] = [];
  const walk = async (dir: string) => {
    let entries;
    try {
      entries = await fs.readdir(dir, { withFileTypes: true });
    } catch {
      return;
    }
    if (entries.some((e) => e.isFile() && e.name === 'manifest.json')) {
      out.push(dir);
      return;
    }
    for (const e of entries) if (e.isDirectory() && e.name !== 'node_modules') await walk(path.join(dir, e.name));
  };
  await walk(path.resolve(root));
  return out.sort();
}
