declare module 'bpmn-js-i18n-zh/lib/bpmn-js/index.js' {
  const table: Record<string, string>;
  export default table;
}
declare module 'bpmn-js-i18n-zh/lib/properties-panel/index.js' {
  const table: Record<string, string>;
  export default table;
}
declare module 'bpmn-js-i18n-zh/lib/zeebe-properties-panel/index.js' {
  const table: Record<string, string>;
  export default table;
}
declare module 'bpmn-js-properties-panel' {
  type Module = Record<string, unknown>;
  export const BpmnPropertiesPanelModule: Module;
  export const BpmnPropertiesProviderModule: Module;
  export const ZeebePropertiesProviderModule: Module;
}
declare module 'camunda-bpmn-js-behaviors/lib/camunda-cloud' {
  const module: Record<string, unknown>;
  export default module;
}
declare module 'diagram-js-minimap' {
  const module: Record<string, unknown>;
  export default module;
}
declare module '@camunda/linting' {
  export class Linter {
    constructor(options?: { modeler?: 'desktop' | 'web'; type?: 'cloud' | 'platform'; plugins?: Array<{ config?: { rules: Record<string, string> }; resolver?: unknown }> });
    lint(contents: unknown): Promise<unknown[]>;
  }
}
declare module '@camunda/linting/modeler' {
  const module: Record<string, unknown>;
  export default module;
}
declare module 'bpmnlint/lib/resolver/static-resolver' {
  export default class StaticResolver {
    constructor(cache: Record<string, unknown>);
  }
}
declare module 'bpmn-moddle' {
  export class BpmnModdle {
    constructor(packages?: Record<string, unknown>);
    fromXML(xml: string): Promise<unknown>;
  }
}
