/** What the platform rules know of the draft beside the diagram they lint. */
export interface PlatformLintContext {
  /** The diagram's path in the package (process.bpmn). */
  bpmnFile: string;
  /** Rule set ids the manifest registers with a file the package has; null when the manifest is unreadable (not checked). */
  ruleSets: ReadonlySet<string> | null;
  /** Form ids the manifest registers; null when unknown. */
  forms: ReadonlySet<string> | null;
  /** Ids of this diagram's elements a clause of the manifest's index names in `implementedBy`; null when unknown. */
  implementedElements: ReadonlySet<string> | null;
}

type Json = Record<string, unknown>;
const isObject = (v: unknown): v is Json => typeof v === 'object' && v !== null && !Array.isArray(v);
const list = (v: unknown): unknown[] => (Array.isArray(v) ? v : []);

/**
 * The context of one diagram from the package's parsed manifest and the paths of its files (what a
 * draft's detail lists): the same for the browser and the loader.
 */
export function platformLintContext(bpmnFile: string, manifest: unknown, filePaths: Iterable<string>): PlatformLintContext {
  if (!isObject(manifest)) return { bpmnFile, ruleSets: null, forms: null, implementedElements: null };
  const paths = new Set(filePaths);
  const ruleSets = new Set<string>();
  for (const r of list(manifest.ruleSets)) if (isObject(r) && typeof r.id === 'string' && typeof r.file === 'string' && paths.has(r.file)) ruleSets.add(r.id);
  const forms = new Set<string>();
  for (const f of list(manifest.forms)) if (isObject(f) && typeof f.id === 'string') forms.add(f.id);
  const implementedElements = new Set<string>();
  for (const c of list(manifest.clauses)) {
    if (!isObject(c)) continue;
    for (const target of list(c.implementedBy)) {
      if (typeof target !== 'string') continue;
      const hash = target.indexOf('#');
      if (hash > 0 && target.slice(0, hash) === bpmnFile) implementedElements.add(target.slice(hash + 1));
    }
  }
  return { bpmnFile, ruleSets, forms, implementedElements };
}
