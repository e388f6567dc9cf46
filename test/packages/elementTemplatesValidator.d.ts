declare module '@bpmn-io/element-templates-validator' {
  /** Validates a Zeebe element template against its JSON schema (the validator bpmn-js-element-templates uses). */
  export function validateZeebe(template: unknown): { valid: boolean; errors?: unknown[] };
}
