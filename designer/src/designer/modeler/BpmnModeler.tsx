import { useEffect, useImperativeHandle, useRef, useState, type Ref } from 'react';
import { Alert, Spin } from 'antd';
import Modeler from 'bpmn-js/lib/Modeler';
import { BpmnPropertiesPanelModule, BpmnPropertiesProviderModule, ZeebePropertiesProviderModule } from 'bpmn-js-properties-panel';
import ZeebeBehaviorsModule from 'camunda-bpmn-js-behaviors/lib/camunda-cloud';
import MinimapModule from 'diagram-js-minimap';
import zeebeModdle from 'zeebe-bpmn-moddle/resources/zeebe.json';
import 'bpmn-js/dist/assets/diagram-js.css';
import 'bpmn-js/dist/assets/bpmn-js.css';
import 'bpmn-js/dist/assets/bpmn-font/css/bpmn-embedded.css';
import '@bpmn-io/properties-panel/dist/assets/properties-panel.css';
import 'diagram-js-minimap/assets/diagram-js-minimap.css';
import './bpmnModeler.css';
import TranslateModule from './translate/index.ts';
import ClauseBadgesModule from './clauseBadges/index.ts';
import CandidateGroupPickerModule, { type CandidateGroupChoice } from './candidateGroupPicker/index.ts';
import LiveLintingModule, { type LiveLintingConfig } from './linting/index.ts';
import { createFlushableInput } from './flushableInput/index.ts';
import { addModules } from './addModules.ts';
import { afterPaint } from './afterPaint.ts';
import { dt } from '../designerText.ts';
import { messageOf } from '../../api/ApiError.ts';

/** What the workspace asks of the modeler. */
export interface BpmnModelerHandle {
  /** The diagram as BPMN 2.0 XML (Zeebe extensions kept). */
  xml(): Promise<string>;
  /** Selects an element (a problem clicked) and scrolls it into view; false when it is not drawn. */
  select(elementId: string): boolean;
}

interface Box {
  x: number;
  y: number;
  width: number;
  height: number;
}
interface Canvas {
  zoom(level?: 'fit-viewport' | number, center?: 'auto'): number;
  viewbox(box?: Box): Box & { scale: number; inner: Box; outer: Box };
  scrollToElement(element: unknown): void;
}
interface Selection {
  select(element: unknown): void;
}
interface Registry {
  get(id: string): unknown;
}

// The task templates (bpmn-js-element-templates with its template validator: ~1.5 MB of source) are
// fetched and added once the diagram is on screen; the properties panel shows them from then on.
let taskTemplatesModule: Promise<typeof import('./taskTemplates/index.ts')> | undefined;
const loadTaskTemplates = () => (taskTemplatesModule ??= import('./taskTemplates/index.ts'));

/**
 * The whole diagram when it fits readably; otherwise its beginning at a readable scale (the minimap
 * shows the rest), clear of the palette on the left.
 */
function showStart(canvas: Canvas): void {
  if (canvas.zoom('fit-viewport', 'auto') >= 0.6) return;
  const { inner, outer } = canvas.viewbox();
  const scale = 0.8;
  canvas.viewbox({ x: inner.x - 140 / scale, y: inner.y - 24 / scale, width: outer.width / scale, height: outer.height / scale });
}

/**
 * The bpmn-js Modeler with the Zeebe properties panel, Zeebe behaviours, a minimap and every label
 * in Chinese (TranslateModule). `onChange` fires on every edit, so the page knows there is unsaved work.
 */
export function BpmnModeler({ xml, onChange, focus, readOnly, ref, height = 620, elementTemplates, candidateGroups, linting }: { xml: string; onChange?: () => void; readOnly?: boolean; focus?: { elementId: string; nonce: number } | null; ref?: Ref<BpmnModelerHandle>; height?: number; /** Task templates (Zeebe element templates) the panel offers. */ elementTemplates?: unknown[]; /** Candidate groups a user task can be given (the region's roles and organisations). */ candidateGroups?: CandidateGroupChoice[]; linting?: LiveLintingConfig }) {
  const canvasHost = useRef<HTMLDivElement>(null);
  const panelHost = useRef<HTMLDivElement>(null);
  const modeler = useRef<Modeler | null>(null);
  const flushInput = useRef<() => void>(() => undefined);
  const changed = useRef(onChange);
  changed.current = onChange;
  const [state, setState] = useState<'loading' | 'ready' | { error: string }>('loading');
  /** The task templates' module is in the modeler (after the first paint). */
  const [templatesReady, setTemplatesReady] = useState(false);

  useEffect(() => {
    if (!canvasHost.current || !panelHost.current) return;
    const input = createFlushableInput();
    flushInput.current = input.flush;
    const m = new Modeler({
      container: canvasHost.current,
      propertiesPanel: { parent: panelHost.current },
      additionalModules: [TranslateModule, BpmnPropertiesPanelModule, BpmnPropertiesProviderModule, ZeebePropertiesProviderModule, ZeebeBehaviorsModule, MinimapModule, ClauseBadgesModule, CandidateGroupPickerModule, input.module, ...(linting ? [LiveLintingModule] : [])],
      elementTemplates: [],
      moddleExtensions: { zeebe: zeebeModdle },
      // Live linting (problems panel, canvas and field errors) while the diagram is edited.
      ...(linting ? { liveLinting: linting } : {}),
    });
    modeler.current = m;
    let live = true;
    m.on('commandStack.changed', () => changed.current?.());
    performance.mark('modeler:created');
    m.importXML(xml).then(
      () => {
        if (!live) return;
        showStart(m.get<Canvas>('canvas'));
        performance.mark('modeler:imported');
        setState('ready');
        if (readOnly) return;
        afterPaint(() =>
          void loadTaskTemplates().then(({ default: TaskTemplatesModule }) => {
            if (!live) return;
            addModules(m, [TaskTemplatesModule]);
            performance.mark('modeler:templates-added');
            setTemplatesReady(true);
          }),
        );
      },
      (err: unknown) => live && setState({ error: err instanceof Error ? err.message : messageOf(err) }),
    );
    return () => {
      live = false;
      modeler.current = null;
      setTemplatesReady(false);
      m.destroy();
    };
  }, [xml]);

  // The task templates (they arrive after the diagram, and change with the draft's files): validated and loaded.
  useEffect(() => {
    if (!templatesReady || !elementTemplates) return;
    modeler.current?.get<{ setTemplates(t: unknown[]): void }>('elementTemplatesLoader').setTemplates(elementTemplates);
  }, [templatesReady, elementTemplates]);
  useEffect(() => {
    if (state !== 'ready' || !candidateGroups) return;
    modeler.current?.get<{ set(c: CandidateGroupChoice[]): void }>('candidateGroupChoices').set(candidateGroups);
  }, [state, candidateGroups]);

  // A problem clicked before or after the diagram was drawn: select its element once it is there.
  useEffect(() => {
    if (state !== 'ready' || !focus) return;
    const m = modeler.current;
    const element = m?.get<Registry>('elementRegistry').get(focus.elementId);
    if (!m || !element) return;
    m.get<Selection>('selection').select(element);
    m.get<Canvas>('canvas').scrollToElement(element);
  }, [state, focus]);

  useImperativeHandle(
    ref,
    () => ({
      async xml() {
        const m = modeler.current;
        if (!m) throw new Error('modeler not ready');
        // A value typed into the panel a moment ago is written into the diagram first.
        flushInput.current();
        const r = await m.saveXML({ format: true });
        return r.xml ?? '';
      },
      select(elementId: string) {
        const m = modeler.current;
        const element = m?.get<Registry>('elementRegistry').get(elementId);
        if (!m || !element) return false;
        m.get<Selection>('selection').select(element);
        m.get<Canvas>('canvas').scrollToElement(element);
        return true;
      },
    }),
    [],
  );

  return (
    <div className={readOnly ? 'designer-modeler designer-modeler-readonly' : 'designer-modeler'} style={{ height }} data-testid="bpmn-modeler">
      {state === 'loading' ? (
        <div className="designer-modeler-overlay">
          <Spin tip={dt.workspace.loadingDiagram}>
            <div style={{ width: 160, height: 60 }} />
          </Spin>
        </div>
      ) : null}
      {typeof state === 'object' ? <Alert type="error" showIcon message={dt.workspace.diagramImportFailed} description={state.error} /> : null}
      <div className="designer-modeler-canvas" ref={canvasHost} data-testid="modeler-canvas" />
      <div className="designer-modeler-panel" ref={panelHost} data-testid="properties-panel" />
    </div>
  );
}
