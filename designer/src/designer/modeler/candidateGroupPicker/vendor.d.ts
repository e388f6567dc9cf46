declare module '@bpmn-io/properties-panel' {
  export const SelectEntry: (props: Record<string, unknown>) => unknown;
}
declare module '@bpmn-io/properties-panel/preact' {
  export function h(type: unknown, props?: Record<string, unknown> | null, ...children: unknown[]): unknown;
}
declare module 'bpmn-js-properties-panel' {
  export function useService(name: string): unknown;
}
