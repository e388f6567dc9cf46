import fs from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import { NotFoundError, TooManyRequestsError, UnprocessableError } from '../../errors.ts';
import { assertRole, type Actor } from '../actor.ts';
import type { PackageService } from '../packages/PackageService.ts';
import { OffsetClock } from '../time/clock.ts';
import type { Platform } from '../../createPlatform.ts';
import type { CalendarService } from '../calendar/CalendarService.ts';
import { DEMO_ACCOUNTS } from '../demo/demoData.ts';
import type { DraftService } from '../drafts/DraftService.ts';
import { sequenceFlows, takenFlows } from '../inbox/ReviewerTaskService.ts';
import { runScenario } from './runScenario.ts';
import type { Scenario, ScenarioRun } from './scenarioTypes.ts';

/** A platform of its own for one try-out: a fresh store in a temp folder, the demo accounts and registry, its own clock. */
export type ScratchPlatformFactory = (dir: string, clock: OffsetClock) => Promise<Platform>;

/** Validates a scenario as the package loader does (scenario.schema.json), returning the problems in Chinese. */
export type ScenarioValidator = (scenario: unknown) => Promise<Array<{ pointer: string; message: string }>>;

export type TryoutInput = { scenarioFile?: string; scenario?: unknown };

export interface TryoutResult extends ScenarioRun {
  /** The version tried, or null for a draft (then `draftId`). */
  packageHash: string | null;
  draftId: string | null;
  /** Where the run went on the diagram: the BPMN file, the flows taken and the end events reached. */
  diagram: { file: string | null; takenFlowIds: string[]; endElementIds: string[] };
  scenario: { name: string; file: string | null };
  /** The run had a `then` and everything in it held. */
  matched: boolean | null;
  startedAt: string;
  durationMs: number;
}

/** Every process scenario of a package run, and what none of them reaches on each diagram. */
export interface CoverageReport {
  packageHash: string | null;
  draftId: string | null;
  scenarios: Array<{
    file: string;
    name: string;
    matched: boolean | null;
    status: string;
    statusLabel: string;
    mismatches: string[];
    error: string | null;
    diagramFile: string | null;
    completedElements: string[];
    takenFlowIds: string[];
  }>;
  diagrams: Array<{ file: string; elementCount: number; flowCount: number; uncoveredElementIds: string[]; uncoveredFlowIds: string[] }>;
}

const MAX_CONCURRENT = 2;

/**
 * Try-outs at any date: runs a scenario of a package version (one of its scenario files, or one sent
 * by the designer) on a scratch platform — its own store, engine and clock, never the real data — at
 * the scenario's own dates, moving the clock so that timers fire, and returns the path taken, the
 * statuses and reasons, the open steps with their deadlines and the registry effects. For the policy
 * editors and administrators of the package's region; a draft is tried the same way before it is
 * published (its region's policy editors and admins; elsewhere it does not exist).
 */
export class TryoutService {
  private running = 0;

  constructor(
    private readonly packages: Pick<PackageService, 'get' | 'version'>,
    private readonly scratch: ScratchPlatformFactory,
    private readonly validateScenario: ScenarioValidator,
    private readonly calendar: Pick<CalendarService, 'entriesOfProvince'>,
    private readonly now: () => number = Date.now,
    private readonly drafts?: Pick<DraftService, 'filesOf'>,
  ) {}

  /** The demo applicants a try-out can act as (the scratch platform seeds them): who a new scenario may start from. */
  sampleApplicants(actor: Actor): Array<{ username: string; displayName: string; regionCode: string | null; organisation: boolean }> {
    assertRole(actor, 'admin', 'policy_editor');
    return DEMO_ACCOUNTS.filter((a) => a.role === 'applicant').map((a) => ({ username: a.username, displayName: a.displayName, regionCode: a.regionCode, organisation: a.orgId !== null }));
  }

  async run(actor: Actor, packageHash: string, input: TryoutInput): Promise<TryoutResult> {
    assertRole(actor, 'admin', 'policy_editor');
    // Out of the caller's region, the version does not exist for him (404).
    const detail = await this.packages.get(actor, packageHash);
    const pkg = await this.packages.version(packageHash);
    return { packageHash: detail.hash, draftId: null, ...(await this.runFiles(pkg.files, pkg.manifest.region.code, input)) };
  }

  /**
   * A try-out of a draft as it is saved now, without publishing it: the draft's files become the
   * scratch platform's only package (its loader refuses a draft that would not deploy, in Chinese).
   */
  async runDraft(actor: Actor, draftId: string, input: TryoutInput): Promise<TryoutResult> {
    const { draft, files } = await this.draftFiles(actor, draftId);
    return { packageHash: null, draftId: draft.id, ...(await this.runFiles(files, draft.regionCode, input)) };
  }

  /** Runs every process scenario of a draft and reports which elements and flows none of them reaches. */
  async coverageOfDraft(actor: Actor, draftId: string, scenarioFiles: string[]): Promise<CoverageReport> {
    const { draft, files } = await this.draftFiles(actor, draftId);
    return { packageHash: null, draftId: draft.id, ...(await this.coverageOf(files, draft.regionCode, scenarioFiles)) };
  }

  /** The same for a deployed version (the activation page's scenario results). */
  async coverageOfVersion(actor: Actor, packageHash: string, scenarioFiles: string[]): Promise<CoverageReport> {
    assertRole(actor, 'admin', 'policy_editor');
    const detail = await this.packages.get(actor, packageHash);
    const pkg = await this.packages.version(packageHash);
    return { packageHash: detail.hash, draftId: null, ...(await this.coverageOf(pkg.files, pkg.manifest.region.code, scenarioFiles)) };
  }

  private async draftFiles(actor: Actor, draftId: string) {
    if (!this.drafts) throw new NotFoundError('政策包草稿', draftId);
    return this.drafts.filesOf(actor, draftId);
  }

  /**
   * Runs the named process scenarios (the caller lists them: the page sends every one it shows) and
   * maps what none of them reaches. Every name is checked before anything runs; rule checks are skipped.
   */
  private async coverageOf(files: Record<string, string>, regionCode: string, scenarioFiles: string[]): Promise<Omit<CoverageReport, 'packageHash' | 'draftId'>> {
    const named = [...new Set(scenarioFiles)].map((f) => `scenarios/${f}`);
    for (const f of named) if (files[f] === undefined) throw new NotFoundError('政策包场景', f.slice('scenarios/'.length));
    // Rule-check scenarios (checks, no given / when) have no path: they are left out of the map.
    const names = named
      .filter((f) => {
        try {
          return Array.isArray((JSON.parse(files[f]!) as Scenario).when);
        } catch {
          return false;
        }
      })
      .sort();
    const scenarios: CoverageReport['scenarios'] = [];
    // One at a time: each run is a whole platform, and a coverage map is not worth starving the server.
    for (const f of names) {
      const file = f.slice('scenarios/'.length);
      try {
        const r = await this.runFiles(files, regionCode, { scenarioFile: file });
        scenarios.push({ file, name: r.scenario.name, matched: r.matched, status: r.status, statusLabel: r.statusLabel, mismatches: r.mismatches, error: r.error, diagramFile: r.diagram.file, completedElements: r.completedElements, takenFlowIds: r.diagram.takenFlowIds });
      } catch (err) {
        if (err instanceof TooManyRequestsError) throw err;
        const e = err as Error & { title?: string; detail?: string };
        scenarios.push({ file, name: file, matched: false, status: 'ERROR', statusLabel: '无法运行', mismatches: [], error: `${e.title ?? e.message}${e.detail ? `:${e.detail}` : ''}`, diagramFile: null, completedElements: [], takenFlowIds: [] });
      }
    }
    const diagrams = Object.entries(files)
      .filter(([f]) => f.endsWith('.bpmn'))
      .map(([file, xml]) => {
        const reached = new Set(scenarios.filter((s) => s.diagramFile === file).flatMap((s) => s.completedElements));
        const taken = new Set(scenarios.filter((s) => s.diagramFile === file).flatMap((s) => s.takenFlowIds));
        const elements = flowNodeIds(xml);
        const flows = sequenceFlows(xml).map((x) => x.id);
        return {
          file,
          elementCount: elements.length,
          flowCount: flows.length,
          uncoveredElementIds: elements.filter((id) => !reached.has(id)),
          uncoveredFlowIds: flows.filter((id) => !taken.has(id)),
        };
      })
      .filter((d) => scenarios.some((s) => s.diagramFile === d.file) || d.file === mainProcessFile(files));
    return { scenarios, diagrams };
  }

  private async runFiles(files: Record<string, string>, regionCode: string, input: TryoutInput): Promise<Omit<TryoutResult, 'packageHash' | 'draftId'>> {
    let scenario: unknown = input.scenario;
    let file: string | null = null;
    if (input.scenarioFile !== undefined) {
      file = `scenarios/${input.scenarioFile}`;
      const text = files[file];
      if (text === undefined) throw new NotFoundError('政策包场景', input.scenarioFile);
      try {
        scenario = JSON.parse(text);
      } catch (err) {
        throw new UnprocessableError('场景文件不是合法的 JSON', `${file}:${(err as Error).message}`);
      }
    }
    const s = scenario as Scenario;
    // A package scenario states its `then`; one written for a try-out may leave it out and only look.
    const asFiled = s && typeof s === 'object' && !Array.isArray(s) && s.then === undefined && Array.isArray(s.when) ? { ...s, then: { status: '(试运行)' } } : scenario;
    const problems = await this.validateScenario(asFiled);
    if (!problems.length && !Array.isArray(s?.when)) problems.push({ pointer: '/when', message: '试运行需要流程场景(given / when),规则检查场景(checks)请在规则页检查' });
    if (problems.length) throw new UnprocessableError('试运行场景不符合场景格式', `发现 ${problems.length} 个问题`, problems.map((p) => ({ file: file ?? 'scenario', pointer: p.pointer, message: p.message })));
    // Each try-out runs a whole platform: a few at a time keep the server answering.
    if (this.running >= MAX_CONCURRENT) throw new TooManyRequestsError(`试运行繁忙:同时最多进行 ${MAX_CONCURRENT} 个试运行`, 10);

    this.running++;
    const started = this.now();
    const dir = await fs.mkdtemp(path.join(os.tmpdir(), 'tryout-'));
    const clock = new OffsetClock();
    let platform: Platform | undefined;
    try {
      // The package's own files are the scratch platform's only package.
      const pkgDir = path.join(dir, 'deployments', 'package');
      for (const [name, content] of Object.entries(files)) {
        const target = path.join(pkgDir, name);
        await fs.mkdir(path.dirname(target), { recursive: true });
        await fs.writeFile(target, content, 'utf8');
      }
      platform = await this.scratch(dir, clock);
      await platform.start();
      // The province's own calendar entries (调休, published years), so deadlines count as they do for real.
      await platform.services.calendar.replaceEntries(await this.calendar.entriesOfProvince(regionCode));
      const run = await runScenario(platform, clock, 'package', s);
      return {
        scenario: { name: s.name, file },
        matched: s.then ? run.mismatches.length === 0 : null,
        startedAt: new Date(started).toISOString(),
        durationMs: this.now() - started,
        ...run,
        diagram: diagramOf(files, run.completedElements, run.waitingAt.map((w) => w.elementId)),
      };
    } finally {
      this.running--;
      await platform?.stop().catch(() => undefined);
      await fs.rm(dir, { recursive: true, force: true });
    }
  }
}

/** The ids of a BPMN document's flow nodes (tasks, events, gateways, sub-processes): what a path can visit. */
export function flowNodeIds(xml: string): string[] {
  const ids: string[] = [];
  const tag = /<(?:\w+:)?(\w+)\b[^>]*?\bid="([^"]+)"/g;
  for (const m of xml.matchAll(tag)) {
    if (/^(startEvent|endEvent|intermediateCatchEvent|intermediateThrowEvent|boundaryEvent|task|serviceTask|userTask|scriptTask|sendTask|receiveTask|manualTask|businessRuleTask|callActivity|subProcess|exclusiveGateway|parallelGateway|inclusiveGateway|eventBasedGateway)$/.test(m[1]!)) ids.push(m[2]!);
  }
  return ids;
}

function mainProcessFile(files: Record<string, string>): string | null {
  try {
    const m = JSON.parse(files['manifest.json'] ?? '{}') as { processes?: Array<{ file?: string }> };
    return m.processes?.[0]?.file ?? null;
  } catch {
    return null;
  }
}

/** Which of the package's diagrams the run went through, and the flows it took there (derived from the engine's trail, as the task page does). */
function diagramOf(files: Record<string, string>, completed: string[], waiting: string[]): TryoutResult['diagram'] {
  const first = completed[0] ?? waiting[0];
  const file = (first && Object.keys(files).find((f) => f.endsWith('.bpmn') && flowNodeIds(files[f]!).includes(first))) || mainProcessFile(files);
  const xml = file ? files[file] : undefined;
  if (!file || !xml) return { file: null, takenFlowIds: [], endElementIds: [] };
  const ends = new Set([...xml.matchAll(/<(?:\w+:)?endEvent\b[^>]*?\bid="([^"]+)"/g)].map((m) => m[1]!));
  return { file, takenFlowIds: takenFlows(sequenceFlows(xml), completed, waiting), endElementIds: [...new Set(completed.filter((id) => ends.has(id)))] };
}
