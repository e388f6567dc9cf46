/** The application list's filters as they stand in the URL (bookmarkable, kept on reload). */
export interface ReviewFilters {
  q?: string;
  package?: string;
  status?: string;
  submittedFrom?: string;
  submittedTo?: string;
  page: number;
}

const DATE = /^\d{4}-\d{2}-\d{2}$/;
const HASH = /^[0-9a-f]{64}$/;
const STATUS = /^[A-Z][A-Z0-9_]*$/;
const text = (v: string | null) => (v && v.trim() ? v.trim() : undefined);
const matching = (re: RegExp, v: string | null) => (v && re.test(v) ? v : undefined);

/** Reads the filters; a value the server would refuse is dropped rather than sent. */
export function parseReviewFilters(p: URLSearchParams): ReviewFilters {
  const page = Number(p.get('page'));
  return {
    q: text(p.get('q')),
    package: matching(HASH, p.get('package')),
    status: matching(STATUS, p.get('status')),
    submittedFrom: matching(DATE, p.get('from')),
    submittedTo: matching(DATE, p.get('to')),
    page: Number.isInteger(page) && page > 0 ? page : 1,
  };
}

/** The URL search of the filters, without defaults. */
export function reviewSearch(f: ReviewFilters): URLSearchParams {
  const p = new URLSearchParams();
  if (f.q) p.set('q', f.q);
  if (f.package) p.set('package', f.package);
  if (f.status) p.set('status', f.status);
  if (f.submittedFrom) p.set('from', f.submittedFrom);
  if (f.submittedTo) p.set('to', f.submittedTo);
  if (f.page > 1) p.set('page', String(f.page));
  return p;
}

/** The filters as the list and the export take them (the export without paging). */
export function reviewApiFilters(f: ReviewFilters) {
  return { q: f.q, package: f.package, status: f.status, submittedFrom: f.submittedFrom, submittedTo: f.submittedTo };
}

export const hasReviewFilters = (f: ReviewFilters) => !!(f.q || f.package || f.status || f.submittedFrom || f.submittedTo);
