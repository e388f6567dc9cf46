import type { PlatformLintContext } from '../../../../../engine/bpmn/lint/platformLintContext.ts';
import { PLATFORM_RULE_CODES } from '../../../../../engine/bpmn/lint/platformRuleCodes.ts';
import { afterPaint } from '../afterPaint.ts';
import type { LintAnswer, LintRequest } from './lintProtocol.ts';
import { zhFieldMessage, zhLintMessage } from './zhLintMessages.ts';

export { TARGET_PLATFORM } from './lintProtocol.ts';

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
  getRootElement(): { businessObject: { $parent: unknown } } | undefined;
}
interface Moddle {
  toXML(element: unknown): Promise<{ xml: string }>;
}

const NO_CONTEXT: PlatformLintContext = { bpmnFile: '', ruleSets: null, forms: null, implementedElements: null };

/**
 * Lints the diagram while it is edited: @camunda/linting (bpmnlint with camunda-compat's Zeebe rules
 * for the diagram's execution platform version) plus the platform's own rules as a bpmnlint plug-in.
 * Reports go to the canvas, the properties panel (each field's error) and the page's problems panel,
 * every message in Chinese. The linter (bpmnlint, camunda-compat, the platform rules with the FEEL
 * parser: ~540 kB) runs in a worker started once the diagram has been painted: neither its code nor
 * its runs stand between the person and the diagram.
 */
export class LiveLinting {
  static $inject = ['eventBus', 'canvas', 'moddle', 'linting', 'config.liveLinting'];
  private worker: Worker | undefined;
  private timer: ReturnType<typeof setTimeout> | undefined;
  private run = 0;
  /** The run the worker is busy with, and whether an edit came in meanwhile (linted once it answers). */
  private busy = false;
  private again = false;
  private destroyed = false;
  /** No lint before the diagram is on screen: the first one waits for a painted frame after the import. */
  private shown = false;
  private reports: unknown[] = [];

  constructor(
    eventBus: EventBus,
    private readonly canvas: Canvas,
    private readonly moddle: Moddle,
    private readonly linting: Linting,
    private readonly config: LiveLintingConfig | undefined,
  ) {
    if (!config) return;
    config.show = (report) => {
      const full = this.reports.find((r) => (r as LintReport).id === report.id && (r as LintReport).message === report.message);
      this.linting.showError(full ?? report);
    };
    config.relint = () => this.schedule(0);
    linting.activate();
    eventBus.on('import.done', () =>
      afterPaint(() => {
        this.shown = true;
        this.schedule(0);
      }),
    );
    eventBus.on('elements.changed', () => this.schedule(300));
    eventBus.on('diagram.destroy', () => {
      this.destroyed = true;
      clearTimeout(this.timer);
      this.worker?.terminate();
    });
    // The properties panel shows each field's error under it: in Chinese.
    eventBus.on('propertiesPanel.setErrors', 2000, (e: { errors?: Record<string, string> }) => {
      for (const [k, v] of Object.entries(e.errors ?? {})) e.errors![k] = zhFieldMessage(v);
    });
  }

  private schedule(ms: number) {
    if (!this.shown || this.destroyed) return;
    clearTimeout(this.timer);
    this.timer = setTimeout(() => void this.lint(), ms);
  }

  private startWorker(): Worker {
    const worker = new Worker(new URL('./lintWorker.ts', import.meta.url), { type: 'module', name: 'live-lint' });
    worker.onmessage = (e: MessageEvent<LintAnswer>) => this.answered(e.data);
    worker.onerror = (e) => {
      console.error('实时检查未能运行', e.message);
      this.busy = false;
    };
    return worker;
  }

  private async lint() {
    const definitions = this.canvas.getRootElement()?.businessObject?.$parent;
    if (!definitions || this.destroyed) return;
    // One run at a time: an edit made meanwhile is linted when the worker answers.
    if (this.busy) {
      this.again = true;
      return;
    }
    this.busy = true;
    const run = ++this.run;
    try {
      const { xml } = await this.moddle.toXML(definitions);
      if (this.destroyed) return;
      this.worker ??= this.startWorker();
      const request: LintRequest = { run, xml, context: this.config?.context() ?? NO_CONTEXT };
      this.worker.postMessage(request);
    } catch (err) {
      this.busy = false;
      console.error('实时检查未能运行', err);
    }
  }

  private answered(answer: LintAnswer) {
    this.busy = false;
    if (this.destroyed) return;
    if (this.again) {
      // (the diagram changed while this run was linted: its reports are already old)
      this.again = false;
      this.schedule(0);
      if (answer.run !== this.run || !('reports' in answer)) return;
    }
    if ('error' in answer) {
      console.error('实时检查未能运行', answer.error);
      return;
    }
    const raw = answer.reports as Array<Record<string, unknown> & { id: string; message: string; category: LintReport['category']; rule: string }>;
    const reports = raw.map((r) => ({ ...r, message: zhLintMessage(r.message, r.rule) }));
    this.reports = reports;
    this.linting.setErrors(reports);
    performance.mark('modeler:linted');
    this.config?.onReports(
      reports.map((r) => {
        const name = r.rule.replace(/^platform\//, '');
        return { id: r.id, message: r.message, category: r.category, rule: r.rule, code: r.rule.startsWith('platform/') ? ((PLATFORM_RULE_CODES as Record<string, string>)[name] ?? r.rule) : r.rule };
      }),
    );
  }
}
