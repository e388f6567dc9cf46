import { clauseOf, type BusinessObject } from './clauseOf.ts';

interface Element {
  id: string;
  type: string;
  labelTarget?: unknown;
  businessObject?: BusinessObject;
}
interface EventBus {
  on(event: string | string[], cb: (e: { element?: Element }) => void): void;
}
interface Overlays {
  add(element: Element, type: string, overlay: { position: { top?: number; right?: number }; html: HTMLElement }): string;
  remove(filter: { element?: Element; type?: string }): void;
}
interface Registry {
  getAll(): Element[];
}

/**
 * Each element's clause (its `clause` task header) as a badge on the diagram, so staff see which
 * sentence of the notice an element implements; kept current as headers are edited.
 */
function ClauseBadges(eventBus: EventBus, overlays: Overlays, elementRegistry: Registry) {
  const paint = (el: Element) => {
    if (el.labelTarget || el.type === 'label') return;
    overlays.remove({ element: el, type: 'clause-badge' });
    const clause = clauseOf(el.businessObject);
    if (!clause) return;
    const html = document.createElement('span');
    html.className = 'clause-badge';
    html.textContent = clause;
    html.dataset.elementId = el.id;
    overlays.add(el, 'clause-badge', { position: { top: -10, right: 8 }, html });
  };
  eventBus.on('import.done', () => elementRegistry.getAll().forEach(paint));
  eventBus.on(['element.changed', 'shape.added'], (e) => e.element && paint(e.element));
}
ClauseBadges.$inject = ['eventBus', 'overlays', 'elementRegistry'];

export default { __init__: ['clauseBadges'], clauseBadges: ['type', ClauseBadges] };
