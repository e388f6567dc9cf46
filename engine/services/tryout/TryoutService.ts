import fs from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import { NotFoundError, TooManyRequestsError, UnprocessableError } from '../../errors.ts';
import { assertRole, type Actor } from '../actor.ts';
import type { PackageService } from '../packages/PackageService.ts';
import { OffsetClock } from '../time/clock.ts';
import type { Platform } from '../../createPlatform.ts';
import type { CalendarService } from '../calendar/CalendarService.ts';
import { runScenario } from './runScenario.ts';
import type { Scenario, ScenarioRun } from './scenarioTypes.ts';

/** A platform of its own for one try-out: a fresh store in a temp folder, the demo accounts and registry, its own clock. */
export type ScratchPlatformFactory = (dir: string, clock: OffsetClock) => Promise<Platform>;

/** Validates a scenario as the package loader does (scenario.schema.json), returning the problems in Chinese. */
export type ScenarioValidator = (scenario: unknown) => Promise<Array<{ pointer: string; message: string }>>;

export interface TryoutResult extends ScenarioRun {
  packageHash: string;
  scenario: { name: string; file: string | null };
  /** The run had a `then` and everything in it held. */
  matched: boolean | null;
  startedAt: string;
  durationMs: number;
}

const MAX_CONCURRENT = 2;

/**
 * Try-outs at any date: runs a scenario of a package version (one of its scenario files, or one sent
 * by the designer) on a scratch platform — its own store, engine and clock, never the real data — at
 * the scenario's own dates, moving the clock so that timers fire, and returns the path taken, the
 * statuses and reasons, the open steps with their deadlines and the registry effects. For the policy
 * editors and administrators of the package's region.
 */
export class TryoutService {
  private running = 0;

  constructor(
    private readonly packages: Pick<PackageService, 'get' | 'version'>,
    private readonly scratch: ScratchPlatformFactory,
    private readonly validateScenario: ScenarioValidator,
    private readonly calendar: Pick<CalendarService, 'entriesOfProvince'>,
    private readonly now: () => number = Date.now,
  ) {}

  async run(actor: Actor, packageHash: string, input: { scenarioFile?: string; scenario?: unknown }): Promise<TryoutResult> {
    assertRole(actor, 'admin', 'policy_editor');
    // Out of the caller's region, the version does not exist for him (404).
    const detail = await this.packages.get(actor, packageHash);
    const pkg = await this.packages.version(packageHash);
    let scenario: unknown = input.scenario;
    let file: string | null = null;
    if (input.scenarioFile !== undefined) {
      file = `scenarios/${input.scenarioFile}`;
      const text = pkg.files[file];
      if (text === undefined) throw new NotFoundError('政策包场景', input.scenarioFile);
      scenario = JSON.parse(text);
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
      // The version's own files, as deployed, are the scratch platform's only package.
      const pkgDir = path.join(dir, 'deployments', 'package');
      for (const [name, content] of Object.entries(pkg.files)) {
        const target = path.join(pkgDir, name);
        await fs.mkdir(path.dirname(target), { recursive: true });
        await fs.writeFile(target, content, 'utf8');
      }
      platform = await this.scratch(dir, clock);
      await platform.start();
      // The province's own calendar entries (调休, published years), so deadlines count as they do for real.
      await platform.services.calendar.replaceEntries(await this.calendar.entriesOfProvince(pkg.manifest.region.code));
      const run = await runScenario(platform, clock, 'package', s);
      return {
        packageHash: detail.hash,
        scenario: { name: s.name, file },
        matched: s.then ? run.mismatches.length === 0 : null,
        startedAt: new Date(started).toISOString(),
        durationMs: this.now() - started,
        ...run,
      };
    } finally {
      this.running--;
      await platform?.stop().catch(() => undefined);
      await fs.rm(dir, { recursive: true, force: true });
    }
  }
}
