// Which kind each file of a draft is (for the file list) and where a problem points.

export type FileKind = 'manifest' | 'bpmn' | 'rules' | 'forms' | 'schedule' | 'scenarios' | 'exports' | 'other';

export const KIND_ORDER: FileKind[] = ['manifest', 'bpmn', 'rules', 'forms', 'schedule', 'scenarios', 'exports', 'other'];

export function kindOf(path: string): FileKind {
  if (path === 'manifest.json') return 'manifest';
  if (path.endsWith('.bpmn')) return 'bpmn';
  if (path === 'schedule.json') return 'schedule';
  const dir = path.split('/')[0];
  if (dir === 'rules' || dir === 'forms' || dir === 'scenarios' || dir === 'exports') return dir;
  return 'other';
}

/** The files grouped by kind in the list's order, each group sorted by path. */
export function groupFiles<T extends { path: string }>(files: T[]): Array<{ kind: FileKind; files: T[] }> {
  return KIND_ORDER.map((kind) => ({ kind, files: files.filter((f) => kindOf(f.path) === kind).sort((a, b) => a.path.localeCompare(b.path)) })).filter((g) => g.files.length);
}

/** The BPMN element a problem names (`#Task_1`), if any. */
export function elementOf(pointer: string): string | null {
  const m = /^#([A-Za-z_][\w.-]*)$/.exec(pointer);
  return m ? m[1]! : null;
}

/** The file to open first: the main process diagram, else the manifest. */
export function firstFile(files: Array<{ path: string }>): string | undefined {
  return files.find((f) => f.path === 'process.bpmn')?.path ?? files.find((f) => f.path.endsWith('.bpmn'))?.path ?? files[0]?.path;
}
