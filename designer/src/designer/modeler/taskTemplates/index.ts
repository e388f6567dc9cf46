import { createElement } from 'react';
import { createRoot, type Root } from 'react-dom/client';
import { CloudElementTemplatesPropertiesProviderModule } from 'bpmn-js-element-templates';
import 'bpmn-js-element-templates/dist/assets/element-templates.css';
import { TemplateChooser, type ChooserTemplate } from './TemplateChooser.tsx';

interface EventBus {
  on(event: string, cb: (e: { element?: unknown; errors?: unknown[] }) => void): void;
}
interface ElementTemplates {
  getLatest(element: unknown): ChooserTemplate[];
  applyTemplate(element: unknown, template: ChooserTemplate): unknown;
}

/**
 * 选择任务类型: the properties panel's 「选择」 of the element-template group (the event
 * `elementTemplates.select`) opens a chooser of the templates that fit the element; the one picked
 * is applied. Invalid templates are reported as console errors (the browser tests fail on them).
 */
function TaskTemplateChooser(eventBus: EventBus, elementTemplates: ElementTemplates) {
  let host: HTMLDivElement | null = null;
  let root: Root | null = null;
  const close = () => {
    root?.unmount();
    host?.remove();
    root = null;
    host = null;
  };
  eventBus.on('elementTemplates.select', ({ element }) => {
    close();
    const templates = elementTemplates.getLatest(element);
    host = document.createElement('div');
    document.body.appendChild(host);
    root = createRoot(host);
    root.render(
      createElement(TemplateChooser, {
        templates,
        onCancel: close,
        onChoose: (t: ChooserTemplate) => {
          close();
          elementTemplates.applyTemplate(element, t);
        },
      }),
    );
  });
  eventBus.on('elementTemplates.errors', ({ errors }) => console.error('任务模板无效', errors));
  eventBus.on('diagram.destroy', close);
}
TaskTemplateChooser.$inject = ['eventBus', 'elementTemplates'];

/** Element templates (the Zeebe flavour) for the platform's task types, and their chooser. */
export default {
  __depends__: [CloudElementTemplatesPropertiesProviderModule],
  __init__: ['taskTemplateChooser'],
  taskTemplateChooser: ['type', TaskTemplateChooser],
};
