import fs from 'node:fs/promises';
import path from 'node:path';
import { applyScheduleChoices } from './applyScheduleChoices.ts';
import { checkExportSpec } from './checkExportSpec.ts';
import { checkFormDefinition } from './checkFormDefinition.ts';
import { checkRegistrationFor } from './checkRegistrationFor.ts';
import { checkScheduledJobs } from './checkScheduledJobs.ts';
import { checkCaseStarts, checkStartedBy } from './checkCaseStarts.ts';
import { checkPlatformBpmn } from './checkPlatformBpmn.ts';
import { checkSanctionKinds } from './checkSanctionKinds.ts';
import { checkTraceability } from './checkTraceability.ts';
import { computeContentHash } from './computeContentHash.ts';
import { pointerOf } from './jsonPointer.ts';
import { packageSchema, schemaProblems, type PackageSchemaKind } from './packageSchemas.ts';
import { parseJsonFile } from './parseJsonFile.ts';
import { APPLICATION_STATUS_LABELS, REASON_LABELS } from './platformLabels.ts';
import type { ExportSpec, LoadedForm, LoadedPackage, LoadPackageOptions, LoadPackageResult, PackageManifest, PackageScenario, PackageSchedule, Problem } from './packageTypes.ts';

export { discoverPackages } from './discoverPackages.ts';
export type { BpmnValidator, LoadedPackage, LoadPackageOptions, LoadPackageResult, PackageManifest, Problem } from './packageTypes.ts';

type Json = Record<string, unknown>;

function isObject(v: unknown): v is Json {
  return typeof v === 'object' && v !== null && !Array.isArray(v);
}

function list(v: unknown): unknown[] {
  return Array.isArray(v) ? v : [];
}

/** Package files, relative with '/' separators. Dot files, symlinks and test code are not package content. */
async function listFiles(root: string, rel = ''): Promise<string[]> {
  const out: string[] = [];
  for (const e of await fs.readdir(path.join(root, rel), { withFileTypes: true })) {
    if (e.name.startsWith('.') || e.name === 'node_modules') continue;
    const child = rel ? `${rel}/${e.name}` : e.name;
    if (e.isDirectory()) out.push(...(await listFiles(root, child)));
    else if (e.isFile() && !/\.test\.[cm]?[jt]s$/.test(e.name)) out.push(child);
  }
  return out;
}

function bpmnElementIds(xml: string): Set<string> {
  return new Set([...xml.matchAll(/\sid="([^"]+)"/g)].map((m) => m[1]));
}

function declaresProcess(xml: string, id: string): boolean {
  const escaped = id.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');
  return new RegExp(`<(?:[A-Za-z_][\\w.-]*:)?process\\b[^>]*\\sid="${escaped}"`).test(xml);
}

/**
 * Loads and checks a policy package folder. Every file the manifest references is read, every JSON
 * file parsed (a syntax error names the file, line and column) and validated against its schema,
 * every form compiled with the shared form runtime, cross-references and clause traceability
 * checked, and each BPMN file handed to the injected engine validator. Every problem is collected,
 * with its file and JSON pointer; `ok` is false if any is an error, and only then is `package` absent.
 */
export async function loadPackage(dir: string, options: LoadPackageOptions = {}): Promise<LoadPackageResult> {
  const problems: Problem[] = [];
  const root = path.resolve(dir);
  let names: string[];
  try {
    names = (await listFiles(root)).sort();
  } catch {
    return { ok: false, problems: [{ file: '.', pointer: '', message: `政策包目录不存在或无法读取:${dir}`, severity: 'error', code: 'NO_PACKAGE' }] };
  }
  const bytes: Record<string, Buffer> = {};
  const files: Record<string, string> = {};
  for (const name of names) {
    bytes[name] = await fs.readFile(path.join(root, name));
    files[name] = bytes[name].toString('utf8');
  }
  const contentHash = computeContentHash(bytes);

  const parsed = new Map<string, unknown>();
  const json = (file: string): unknown => {
    if (parsed.has(file)) return parsed.get(file);
    let value: unknown;
    if (files[file] !== undefined) {
      const r = parseJsonFile(file, files[file]);
      if (r.ok) value = r.value;
      else problems.push(r.problem);
    }
    parsed.set(file, value);
    return value;
  };
  const unavailableSchemas = new Set<PackageSchemaKind>();
  const validateAgainst = async (kind: PackageSchemaKind, file: string, value: unknown): Promise<boolean> => {
    const schema = await packageSchema(kind);
    if (!schema.ok) {
      if (!unavailableSchemas.has(kind)) {
        unavailableSchemas.add(kind);
        // The rule set schema is another team's file: its absence is not the package's fault, so warn and go on.
        const label = { manifest: '清单', schedule: '日程', scenario: '场景', ruleSet: '规则集', export: '汇总表导出规格' }[kind];
        problems.push({ file, pointer: '', message: `${label}的 JSON Schema ${schema.reason === 'missing' ? '尚不存在' : '无法编译'},本次未做结构校验(${schema.detail})`, severity: 'warning', code: 'SCHEMA_UNAVAILABLE' });
      }
      return true;
    }
    if (schema.validate(value)) return true;
    problems.push(...schemaProblems(file, schema.validate.errors));
    return false;
  };
  const referenced = new Set<string>(['manifest.json']);
  /** Marks a manifest reference; reports it at the manifest pointer if the file is not there. */
  const reference = (file: unknown, pointer: string): file is string => {
    if (typeof file !== 'string') return false;
    referenced.add(file);
    if (files[file] !== undefined) return true;
    problems.push({ file: 'manifest.json', pointer, message: `引用的文件不存在:${file}`, severity: 'error', code: 'MISSING_FILE' });
    return false;
  };

  if (files['manifest.json'] === undefined) {
    problems.push({ file: 'manifest.json', pointer: '', message: '政策包缺少 manifest.json', severity: 'error', code: 'NO_MANIFEST' });
    return { ok: false, problems };
  }
  const manifestValue = json('manifest.json');
  if (!isObject(manifestValue)) {
    if (manifestValue !== undefined) problems.push({ file: 'manifest.json', pointer: '', message: 'manifest.json 应为 JSON 对象', severity: 'error', code: 'SCHEMA_TYPE' });
    return { ok: false, problems };
  }
  const m = manifestValue;
  await validateAgainst('manifest', 'manifest.json', m);

  // Processes: the file exists, declares the process, and the engine adapter accepts it.
  const bpmn: Record<string, string> = {};
  const idsCache = new Map<string, Set<string>>();
  const bpmnIds = (file: string) => {
    if (!idsCache.has(file)) idsCache.set(file, bpmnElementIds(files[file] ?? ''));
    return idsCache.get(file)!;
  };
  const processIds = new Set<string>();
  let mains = 0;
  for (const [i, p] of list(m.processes).entries()) {
    if (!isObject(p)) continue;
    if (p.role === 'main') mains++;
    if (typeof p.bpmnProcessId === 'string') {
      if (processIds.has(p.bpmnProcessId)) problems.push({ file: 'manifest.json', pointer: pointerOf('processes', i, 'bpmnProcessId'), message: `流程 ID 重复:${p.bpmnProcessId}`, severity: 'error', code: 'DUPLICATE_ID' });
      processIds.add(p.bpmnProcessId);
    }
    if (!reference(p.file, pointerOf('processes', i, 'file'))) continue;
    bpmn[p.file] = files[p.file];
    if (typeof p.bpmnProcessId === 'string' && !declaresProcess(files[p.file], p.bpmnProcessId)) {
      problems.push({ file: 'manifest.json', pointer: pointerOf('processes', i, 'bpmnProcessId'), message: `${p.file} 中没有 id 为「${p.bpmnProcessId}」的流程(process)`, severity: 'error', code: 'PROCESS_ID' });
    }
  }
  if (Array.isArray(m.processes) && m.processes.length > 0) {
    if (mains === 0) problems.push({ file: 'manifest.json', pointer: '/processes', message: '没有 role 为 main 的主流程,申报无法启动', severity: 'error', code: 'PROCESS_NO_MAIN' });
    if (mains > 1) problems.push({ file: 'manifest.json', pointer: '/processes', message: `有 ${mains} 个主流程,申报将从第一个启动`, severity: 'warning', code: 'PROCESS_MANY_MAIN' });
  }
  if (options.bpmnValidator) {
    for (const [file, xml] of Object.entries(bpmn)) {
      try {
        for (const p of await options.bpmnValidator(file, xml)) {
          problems.push({ ...p, file: p.file || file });
          // A task without an assignment is the package's to place; without a default group nobody would see it.
          if (p.code === 'USER_TASK_ASSIGNMENT' && !(Array.isArray(m.defaultCandidateGroups) && m.defaultCandidateGroups.length)) {
            problems.push({ file: p.file || file, pointer: p.pointer, message: `${p.message.split(',')[0]},且政策包 manifest.json 未声明 defaultCandidateGroups:该任务将无人可见`, severity: 'error', code: 'USER_TASK_NO_GROUP' });
          }
        }
      } catch (err) {
        problems.push({ file, pointer: '', message: `流程引擎校验 BPMN 时出错:${(err as Error).message}`, severity: 'error', code: 'BPMN_VALIDATOR_FAILED' });
      }
    }
  }

  // Rule sets: unique ids, valid against rules/schema/ruleSet.schema.json.
  const ruleSets: Record<string, Json> = {};
  const ruleSetFiles: string[] = [];
  const ruleSetIds = new Set<string>();
  for (const [i, r] of list(m.ruleSets).entries()) {
    if (!isObject(r)) continue;
    const id = String(r.id);
    if (ruleSetIds.has(id) || !ruleSetIds.add(id)) {
      problems.push({ file: 'manifest.json', pointer: pointerOf('ruleSets', i, 'id'), message: `规则集 ID 重复:${id}`, severity: 'error', code: 'DUPLICATE_ID' });
      continue;
    }
    if (!reference(r.file, pointerOf('ruleSets', i, 'file'))) continue;
    ruleSetFiles.push(r.file);
    const rs = json(r.file);
    if (rs === undefined) continue;
    await validateAgainst('ruleSet', r.file, rs);
    if (isObject(rs) && typeof rs.id === 'string' && rs.id !== id) {
      problems.push({ file: r.file, pointer: '/id', message: `规则集文件中的 id「${rs.id}」与 manifest.json 中登记的「${id}」不一致`, severity: 'warning', code: 'RULESET_ID_MISMATCH' });
    }
    if (isObject(rs)) ruleSets[id] = rs;
  }

  // Forms: compiled with the shared runtime (the same code validates applications), ui checked for rjsf.
  const forms: Record<string, LoadedForm> = {};
  const formFiles: string[] = [];
  const formIds = new Set<string>();
  for (const [i, f] of list(m.forms).entries()) {
    if (!isObject(f)) continue;
    const id = String(f.id);
    if (formIds.has(id) || !formIds.add(id)) {
      problems.push({ file: 'manifest.json', pointer: pointerOf('forms', i, 'id'), message: `表单 ID 重复:${id}`, severity: 'error', code: 'DUPLICATE_ID' });
      continue;
    }
    const hasSchema = reference(f.schema, pointerOf('forms', i, 'schema'));
    const hasUi = reference(f.ui, pointerOf('forms', i, 'ui'));
    const schema = hasSchema ? json(f.schema as string) : undefined;
    const ui = hasUi ? json(f.ui as string) : undefined;
    if (hasSchema) formFiles.push(f.schema as string);
    if (schema === undefined) continue;
    problems.push(...checkFormDefinition(f.schema as string, schema, hasUi ? (f.ui as string) : undefined, ui));
    if (isObject(schema)) forms[id] = { schema, ui: isObject(ui) ? ui : {}, title: typeof f.title === 'string' ? f.title : String(schema.title ?? id) };
  }

  // Schedule: valid, unique window ids, a window does not close before it opens.
  let schedule: unknown;
  const scheduleFile = reference(m.schedule, '/schedule') ? (m.schedule as string) : undefined;
  if (scheduleFile) {
    schedule = json(scheduleFile);
    if (schedule !== undefined) {
      await validateAgainst('schedule', scheduleFile, schedule);
      const ids = new Set<string>();
      for (const [i, w] of list(isObject(schedule) ? schedule.windows : undefined).entries()) {
        if (!isObject(w)) continue;
        if (typeof w.id === 'string') {
          if (ids.has(w.id)) problems.push({ file: scheduleFile, pointer: pointerOf('windows', i, 'id'), message: `时间窗口 ID 重复:${w.id}`, severity: 'error', code: 'DUPLICATE_ID' });
          ids.add(w.id);
        }
        if (typeof w.opens === 'string' && typeof w.closes === 'string' && w.closes < w.opens) {
          problems.push({ file: scheduleFile, pointer: pointerOf('windows', i, 'closes'), message: `时间窗口 ${w.id} 的结束日期 ${w.closes} 早于开始日期 ${w.opens}`, severity: 'error', code: 'WINDOW_ORDER' });
        }
        if (typeof w.provenance === 'string' && !['verbatim', 'supplied-by-owner'].includes(w.provenance) && w.ambiguity === undefined) {
          problems.push({ file: scheduleFile, pointer: pointerOf('windows', i), message: `时间窗口 ${w.id} 的来源为「${w.provenance}」,应关联说明其依据的歧义编号(ambiguity)`, severity: 'warning', code: 'PROVENANCE_UNLINKED' });
        }
      }
    }
  }

  // Form fields whose options are the schedule's windows (x-scheduleChoice) get them now.
  const scheduleWindows = list(isObject(schedule) ? schedule.windows : undefined).filter(isObject) as unknown as Parameters<typeof applyScheduleChoices>[3];
  for (const f of list(m.forms)) {
    const form = isObject(f) && typeof f.id === 'string' ? forms[f.id] : undefined;
    if (!form || !isObject(f) || typeof f.schema !== 'string') continue;
    const applied = applyScheduleChoices(f.schema, form.schema, scheduleFile, scheduleWindows);
    problems.push(...applied.problems);
    forms[f.id as string] = { ...form, schema: applied.schema };
  }
  const applicationForm = list(m.forms).find((f) => isObject(f) && f.id === 'application') as Json | undefined;
  problems.push(...checkScheduledJobs(m, scheduleFile, scheduleWindows));
  problems.push(...checkRegistrationFor(applicationForm?.schema as string | undefined, forms.application?.schema, scheduleFile, scheduleWindows));

  // Export specifications (汇总表): valid, unique ids, header rows as wide as the columns.
  const exportSpecs: Record<string, ExportSpec> = {};
  const exportIds = new Set<string>();
  for (const [i, e] of list(m.exports).entries()) {
    if (!isObject(e)) continue;
    const id = String(e.id);
    if (exportIds.has(id) || !exportIds.add(id)) {
      problems.push({ file: 'manifest.json', pointer: pointerOf('exports', i, 'id'), message: `汇总表导出规格 ID 重复:${id}`, severity: 'error', code: 'DUPLICATE_ID' });
      continue;
    }
    if (!reference(e.file, pointerOf('exports', i, 'file'))) continue;
    const spec = json(e.file as string);
    if (spec === undefined) continue;
    if (!(await validateAgainst('export', e.file as string, spec))) continue;
    const specProblems = checkExportSpec(e.file as string, spec as ExportSpec);
    problems.push(...specProblems);
    if ((spec as ExportSpec).id !== id) problems.push({ file: e.file as string, pointer: '/id', message: `导出规格文件中的 id「${(spec as ExportSpec).id}」与 manifest.json 中登记的「${id}」不一致`, severity: 'error', code: 'EXPORT_ID_MISMATCH' });
    exportSpecs[id] = spec as ExportSpec;
  }

  // Actions name a form and an action process of this package.
  for (const [i, a] of list(m.actions).entries()) {
    if (!isObject(a)) continue;
    if (typeof a.form === 'string' && !list(m.forms).some((f) => isObject(f) && f.id === a.form)) problems.push({ file: 'manifest.json', pointer: pointerOf('actions', i, 'form'), message: `操作「${String(a.title)}」的表单「${a.form}」不存在`, severity: 'error', code: 'ACTION_FORM' });
    if (typeof a.process === 'string' && !list(m.processes).some((p) => isObject(p) && p.bpmnProcessId === a.process && p.role === 'action')) problems.push({ file: 'manifest.json', pointer: pointerOf('actions', i, 'process'), message: `操作「${String(a.title)}」的流程「${a.process}」不存在或其 role 不是 action`, severity: 'error', code: 'ACTION_PROCESS' });
  }

  // Status and reason codes the processes set must have a Chinese label (platform or manifest), or applicants see the code.
  const ownLabels = isObject(m.labels) ? m.labels : {};
  const reported = new Set<string>();
  for (const [file, xml] of Object.entries(bpmn)) {
    const statusTasks = [...xml.matchAll(/<bpmn:serviceTask\b[\s\S]*?<\/bpmn:serviceTask>/g)].map((m) => m[0]).filter((t) => /type="application\.status"/.test(t));
    for (const [, key, code] of statusTasks.join('\n').matchAll(/<zeebe:header\s+key="(status|reason)"\s+value="([A-Z][A-Z0-9_]*)"/g)) {
      const platform = key === 'status' ? APPLICATION_STATUS_LABELS : REASON_LABELS;
      const own = isObject(ownLabels[key === 'status' ? 'statuses' : 'reasons']) ? (ownLabels[key === 'status' ? 'statuses' : 'reasons'] as Record<string, unknown>) : {};
      if (!platform[code!] && !own[code!] && !reported.has(`${key}:${code}`)) {
        reported.add(`${key}:${code}`);
        problems.push({ file, pointer: '', message: `${key === 'status' ? '状态' : '原因'}码 ${code} 没有中文标签:请在 manifest.json 的 labels.${key === 'status' ? 'statuses' : 'reasons'} 中补充`, severity: 'warning', code: 'UNLABELLED_CODE' });
      }
    }
  }

  // Scenarios: every scenarios/*.json, valid, and naming only BPMN elements the package has.
  const allIds = new Set<string>(Object.keys(bpmn).flatMap((f) => [...bpmnIds(f)]));
  const scenarios: Record<string, PackageScenario> = {};
  for (const file of names.filter((n) => /^scenarios\/[^/]+\.json$/.test(n))) {
    referenced.add(file);
    const s = json(file);
    if (s === undefined) continue;
    await validateAgainst('scenario', file, s);
    if (!isObject(s)) continue;
    scenarios[file] = s as PackageScenario;
    list(s.checks).forEach((c, i) => {
      if (!isObject(c)) return;
      const missing = (what: string, id: unknown, known: boolean) => {
        if (typeof id === 'string' && !known) problems.push({ file, pointer: pointerOf('checks', i, what), message: `场景检查引用的${{ ruleSet: '规则集', form: '表单', window: '时间窗口' }[what]}「${id}」在政策包中不存在`, severity: 'error', code: 'SCENARIO_REFERENCE' });
      };
      missing('ruleSet', c.ruleSet, typeof c.ruleSet === 'string' && c.ruleSet in ruleSets);
      missing('form', c.form, typeof c.form === 'string' && c.form in forms);
      missing('form', c.uploads, typeof c.uploads === 'string' && c.uploads in forms);
      missing('window', c.window, typeof c.window === 'string' && list(isObject(schedule) ? schedule.windows : []).some((w) => isObject(w) && w.id === c.window));
    });
    if (allIds.size === 0) continue;
    const unknown = (id: unknown, pointer: string) => {
      if (typeof id === 'string' && !allIds.has(id)) problems.push({ file, pointer, message: `场景引用的流程元素「${id}」在包的 BPMN 中不存在`, severity: 'error', code: 'SCENARIO_ELEMENT' });
    };
    list(s.when).forEach((step, i) => isObject(step) && unknown(step.complete, pointerOf('when', i, 'complete')));
    const then = isObject(s.then) ? s.then : {};
    for (const key of ['completedElements', 'completedElementsEndWith']) list(then[key]).forEach((id, i) => unknown(id, pointerOf('then', key, i)));
    unknown(then.waitingAt, '/then/waitingAt');
  }

  problems.push(
    ...checkTraceability({ manifest: m, files, json, bpmnIds, ruleSetFiles, formFiles, scheduleFile }),
    ...checkSanctionKinds(bpmn, Object.fromEntries(ruleSetFiles.map((f) => [f, json(f)]))),
    ...checkCaseStarts(bpmn, list(m.processes).filter(isObject)),
    ...checkStartedBy(list(m.processes).filter(isObject), Object.fromEntries(Object.entries(forms).map(([id, f]) => [id, f.schema]))),
  );
  // The platform's own BPMN rules, the same the designer runs while the diagram is edited.
  problems.push(...(await checkPlatformBpmn(bpmn, m, names)));

  for (const name of names) {
    if (referenced.has(name) || /\.(md|txt)$/i.test(name)) continue;
    problems.push({ file: name, pointer: '', message: `文件 ${name} 未被 manifest.json 引用,不会生效`, severity: 'warning', code: 'UNREFERENCED_FILE' });
  }

  const ok = !problems.some((p) => p.severity === 'error');
  if (!ok) return { ok, problems };
  const loaded: LoadedPackage = {
    dir: root,
    manifest: m as unknown as PackageManifest,
    files,
    bpmn,
    ruleSets,
    forms,
    schedule: schedule as PackageSchedule,
    scenarios,
    exports: exportSpecs,
    contentHash,
  };
  return { ok, package: loaded, problems };
}
