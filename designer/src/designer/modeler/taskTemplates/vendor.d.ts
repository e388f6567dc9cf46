declare module 'bpmn-js-element-templates' {
  type Module = Record<string, unknown>;
  /** The Zeebe ("cloud") flavour, matching ZeebePropertiesProviderModule. */
  export const CloudElementTemplatesPropertiesProviderModule: Module;
}
