import type { Linter } from '@camunda/linting';
import type { PlatformLintContext } from '../../../../../engine/bpmn/lint/platformLintContext.ts';
import { PLATFORM_RULES } from '../../../../../engine/bpmn/lint/platformRules.ts';
import { createLinter } from './createLinter.ts';
import { zhFieldMessage, zhLintMessage } from './zhLintMessages.ts';

/** The Zeebe version the platform's packages are drawn for, when a diagram does not say (a new draft's). */
export const TARGET_PLATFORM = { executionPlatform: 'Camunda Cloud', executionPlatformVersion: '8.6.0' };

/** One problem as the linter found it (an @camunda/linting report, message in Chinese). */
export interface LintReport {
  id: string;
  message: string;
  category: 'error' | 'warn' | 'info';
  rule: string;
  /** The platform rule's problem code (the server reports the same), or the Zeebe rule's name. */
  code: string;
}

/** What the page hands the modeler: the draft's context for the platform rules, and where to send the problems. */
export interface LiveLintingConfig {
  context(): PlatformLintContext;
  onReports(reports: LintReport[]): void;
  /** Filled by the module: selects a report's element and opens its properties panel field. */
  show?: (report: LintReport) => void;
  /** Filled by the module: lints again now (the context changed). */
  relint?: () => void;
}

interface EventBus {
  on(event: string | string[], priority: number | ((e: any) => unknown), callback?: (e: any) => unknown): void;
}
interface Linting {
  setErrors(reports: unknown[]): void;
  showError(report: unknown): void;
  activate(): void;
}
interface Canvas {
  getRootElement(): { businessObject: { $parent: Definitions } } | undefined;
}
interface Definitions {
  get(name: string): unknown;
}

/**
 * Lints the diagram while it is edited: @camunda/linting (bpmnlint with camunda-compat's Zeebe rules
 * for the diagram's execution platform version) plus the platform's own rules as a bpmnlint plug-in.
 * Reports go to the canvas, the properties panel (each field's error) and the page's problems panel,
 * every message in Chinese.
 */
export class LiveLinting {
  static $inject = ['eventBus', 'canvas', 'linting', 'config.liveLinting'];
  private readonly linter: Linter;
  private timer: ReturnType<typeof setTimeout> | undefined;
  private run = 0;
  private destroyed = false;
  private reports: unknown[] = [];

  constructor(
    eventBus: EventBus,
    private readonly canvas: Canvas,
    private readonly linting: Linting,
    private readonly config: LiveLintingConfig | undefined,
  ) {
    this.linter = createLinter(() => this.config?.context() ?? { bpmnFile: '', ruleSets: null, forms: null, implementedElements: null });
    if (!config) return;
    config.show = (report) => {
      const full = this.reports.find((r) => (r as LintReport).id === report.id && (r as LintReport).message === report.message);
      this.linting.showError(full ?? report);
    };
    config.relint = () => this.schedule(0);
    linting.activate();
    eventBus.on('import.done', () => this.schedule(0));
    eventBus.on('elements.changed', () => this.schedule(300));
    eventBus.on('diagram.destroy', () => {
      this.destroyed = true;
      clearTimeout(this.timer);
    });
    // The properties panel shows each field's error under it: in Chinese.
    eventBus.on('propertiesPanel.setErrors', 2000, (e: { errors?: Record<string, string> }) => {
      for (const [k, v] of Object.entries(e.errors ?? {})) e.errors![k] = zhFieldMessage(v);
    });
  }

  private schedule(ms: number) {
    clearTimeout(this.timer);
    this.timer = setTimeout(() => void this.lint(), ms);
  }

  private async lint() {
    const definitions = this.canvas.getRootElement()?.businessObject?.$parent;
    if (!definitions || this.destroyed) return;
    const run = ++this.run;
    // A diagram that names no execution platform is linted for the one the packages target.
    const target = definitions.get('modeler:executionPlatform')
      ? definitions
      : Object.create(definitions, { get: { value: (name: string) => (name === 'modeler:executionPlatform' ? TARGET_PLATFORM.executionPlatform : name === 'modeler:executionPlatformVersion' ? TARGET_PLATFORM.executionPlatformVersion : definitions.get(name)) } });
    const raw = (await this.linter.lint(target)) as Array<Record<string, unknown> & { id: string; message: string; category: LintReport['category']; rule: string }>;
    if (run !== this.run || this.destroyed) return;
    const reports = raw.map((r) => ({ ...r, message: zhLintMessage(r.message, r.rule) }));
    this.reports = reports;
    this.linting.setErrors(reports);
    this.config?.onReports(
      reports.map((r) => {
        const name = r.rule.replace(/^platform\//, '');
        return { id: r.id, message: r.message, category: r.category, rule: r.rule, code: r.rule.startsWith('platform/') ? (PLATFORM_RULES[name]?.code ?? r.rule) : r.rule };
      }),
    );
  }
}
