interface ModuleDefinition {
  __depends__?: ModuleDefinition[];
  __init__?: unknown[];
  [name: string]: unknown;
}
interface Injector {
  get<T = unknown>(name: string, strict?: boolean): T;
  createChild(modules: ModuleDefinition[]): Injector & { init(): void };
  /** didi's instance table (didi 11: `this._instances`), where `get` looks first. */
  _instances: Record<string, unknown>;
}

/**
 * Adds bpmn-js modules to a modeler that already shows its diagram, so their code can be fetched after
 * the first paint (didi, bpmn-js's injector, takes modules only when the modeler is built). A child
 * injector builds them; every service the modeler already has is handed to it as it is (a module's
 * own `__depends__`, e.g. translate, must not make a second, untranslated one), and the services only
 * the new modules define are then served by the modeler's own injector, where the properties panel
 * looks them up (`useService('elementTemplates', false)`).
 */
export function addModules(modeler: { get<T>(name: string): T }, modules: ModuleDefinition[]): void {
  const root = modeler.get<Injector>('injector');
  const names = new Set<string>();
  const seen = new Set<ModuleDefinition>();
  const collect = (m: ModuleDefinition) => {
    if (seen.has(m)) return;
    seen.add(m);
    (m.__depends__ ?? []).forEach(collect);
    for (const key of Object.keys(m)) if (!key.startsWith('__')) names.add(key);
  };
  modules.forEach(collect);
  const shared: ModuleDefinition = {};
  const own: string[] = [];
  for (const name of names) {
    const existing = root.get(name, false);
    if (existing) shared[name] = ['value', existing];
    else own.push(name);
  }
  // (the shared module comes last: its providers win over the same names in the new modules)
  const child = root.createChild([...modules, shared]);
  child.init();
  for (const name of own) root._instances[name] = child.get(name);
}
