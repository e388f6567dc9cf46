import { createRequire } from 'node:module';
import { BpmnModdle } from 'bpmn-moddle';

const zeebeSchema = createRequire(import.meta.url)('zeebe-bpmn-moddle/resources/zeebe.json');

export const TRAIL_JOB_TYPE = 'platform:trail';

type El = Record<string, any> & { $type: string; id?: string };

const GATEWAYS = new Set(['bpmn:ExclusiveGateway', 'bpmn:ParallelGateway', 'bpmn:InclusiveGateway', 'bpmn:EventBasedGateway']);

/**
 * Adds execution listeners so the platform sees what Zeebe does without Operate: an end listener on
 * every flow node (a start listener on gateways, which Zeebe 8.6 allows only there) and on the
 * process. Their jobs feed the completed-element trail and the variables of getInstance.
 */
export async function instrumentForTrail(xml: string): Promise<string> {
  const moddle = new BpmnModdle({ zeebe: zeebeSchema }) as unknown as {
    fromXML(xml: string): Promise<{ rootElement: El }>;
    toXML(el: El, opts?: object): Promise<{ xml: string }>;
    create(type: string, attrs?: object): El;
  };
  const { rootElement } = await moddle.fromXML(xml);
  const add = (el: El, eventType: 'start' | 'end') => {
    if (!el.extensionElements) el.extensionElements = moddle.create('bpmn:ExtensionElements', { values: [] });
    const values = el.extensionElements.values as El[];
    let listeners = values.find((v) => v.$type === 'zeebe:ExecutionListeners');
    if (!listeners) {
      listeners = moddle.create('zeebe:ExecutionListeners', { listeners: [] });
      values.push(listeners);
    }
    listeners.listeners = [...(listeners.listeners ?? []), moddle.create('zeebe:ExecutionListener', { eventType, type: TRAIL_JOB_TYPE, retries: '3' })];
  };
  // Zeebe's validator reads bpmn:incoming/outgoing, which the BPMN spec leaves optional (modelers
  // write them, hand-written files often do not): derive them from the sequence flows.
  const link = (container: El) => {
    for (const el of (container.flowElements ?? []) as El[]) {
      if (el.$type === 'bpmn:SequenceFlow') {
        const src = el.sourceRef as El | undefined;
        const tgt = el.targetRef as El | undefined;
        if (src && !(src.outgoing ?? []).includes(el)) src.outgoing = [...(src.outgoing ?? []), el];
        if (tgt && !(tgt.incoming ?? []).includes(el)) tgt.incoming = [...(tgt.incoming ?? []), el];
      }
      if (el.flowElements) link(el);
    }
  };
  const visit = (container: El) => {
    for (const el of (container.flowElements ?? []) as El[]) {
      if (el.$type === 'bpmn:SequenceFlow' || el.$type.endsWith('Association') || el.$type.startsWith('bpmn:Data') || el.$type === 'bpmn:TextAnnotation') continue;
      // Zeebe 8.6 refuses listeners on boundary events; the trail infers them from the next element.
      if (el.$type === 'bpmn:BoundaryEvent') continue;
      add(el, GATEWAYS.has(el.$type) ? 'start' : 'end');
      if (el.flowElements) visit(el);
    }
  };
  for (const root of (rootElement.rootElements ?? []) as El[]) {
    if (root.$type !== 'bpmn:Process') continue;
    link(root);
    visit(root);
    add(root, 'end');
  }
  return (await moddle.toXML(rootElement, { format: false })).xml;
}
