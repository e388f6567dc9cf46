export type Tab = 'todo' | 'done';
export type Due = 'today' | 'within3' | 'overdue';
export type Rule = 'ELIGIBLE' | 'INELIGIBLE' | 'REFER';
export type Sort = 'due' | '-due' | 'created' | '-created' | 'completed' | '-completed';

/** The list's filters as they stand in the URL, so a filtered inbox can be bookmarked, shared and reloaded. */
export interface TaskListFilters {
  q?: string;
  due?: Due;
  rule?: Rule;
  region?: string;
  step?: string;
  package?: string;
  mine?: boolean;
  sort?: Sort;
  page: number;
}

const DUES: readonly Due[] = ['today', 'within3', 'overdue'];
const RULES: readonly Rule[] = ['ELIGIBLE', 'INELIGIBLE', 'REFER'];
const SORTS: readonly Sort[] = ['due', '-due', 'created', '-created', 'completed', '-completed'];

const oneOf = <T extends string>(all: readonly T[], v: string | null): T | undefined => (v !== null && (all as readonly string[]).includes(v) ? (v as T) : undefined);
const text = (v: string | null) => (v && v.trim() ? v.trim() : undefined);

/** Reads the filters from the URL; an unknown value is dropped rather than sent to the server. */
export function parseTaskListFilters(p: URLSearchParams): TaskListFilters {
  const page = Number(p.get('page'));
  return {
    q: text(p.get('q')),
    due: oneOf(DUES, p.get('due')),
    rule: oneOf(RULES, p.get('rule')),
    region: text(p.get('region')),
    step: text(p.get('step')),
    package: text(p.get('package')),
    mine: p.get('mine') === '1' ? true : undefined,
    sort: oneOf(SORTS, p.get('sort')),
    page: Number.isInteger(page) && page > 0 ? page : 1,
  };
}

/** Whether anything narrows the list (the sort and the page do not). */
export const hasFilters = (f: TaskListFilters) => !!(f.q || f.due || f.rule || f.region || f.step || f.package || f.mine);

/** Writes the filters back; empty ones and page 1 are left out so the URL stays short. */
export function taskListSearch(f: TaskListFilters): URLSearchParams {
  const p = new URLSearchParams();
  for (const k of ['q', 'due', 'rule', 'region', 'step', 'package', 'sort'] as const) if (f[k]) p.set(k, String(f[k]));
  if (f.mine) p.set('mine', '1');
  if (f.page > 1) p.set('page', String(f.page));
  return p;
}

/** The API query for one tab (the done tab sorts by completion unless told otherwise). */
export function taskListApiQuery(tab: Tab, f: TaskListFilters, pageSize: number) {
  return {
    tab,
    q: f.q,
    due: tab === 'todo' ? f.due : undefined,
    rule: f.rule,
    region: f.region,
    step: f.step,
    package: f.package,
    mine: f.mine,
    sort: f.sort ?? (tab === 'todo' ? 'due' : '-completed'),
    page: f.page,
    pageSize,
  } as const;
}
