// Packages without bundled type declarations.
declare module 'bpmn-moddle' {
  export class BpmnModdle {
    constructor(packages?: Record<string, unknown>);
    fromXML(xml: string): Promise<unknown>;
  }
}
declare module 'bpmnlint' {
  export class Linter {
    constructor(options: { config: { rules: Record<string, string> }; resolver: unknown });
    lint(definitions: unknown): Promise<Record<string, Array<{ id?: string; message: string; category: string }>>>;
  }
}
declare module 'bpmnlint/lib/resolver/static-resolver.js' {
  export default class StaticResolver {
    constructor(cache: Record<string, unknown>);
  }
}
