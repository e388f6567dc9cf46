import { resolvePointer } from '../../packages/jsonPointer.ts';
import type { ExportColumn, ExportSpec } from '../../packages/packageTypes.ts';
import { shanghaiDate } from '../time/clock.ts';
import type { SummaryCell } from './writeSummaryXlsx.ts';

/** What the platform knows of an application beside its data: the sources a column may name with `platform`. */
export interface SummaryEntry {
  applicationId: string;
  data: Record<string, unknown>;
  applicantName: string | null;
  submittedAt: string | null;
  statusLabel: string;
  stage: string | null;
  recommenderOrgName: string | null;
}

/** Whether an application belongs in the table (a package with one table per applicant kind filters by a field). */
export function matchesRowFilter(spec: ExportSpec, data: Record<string, unknown>): boolean {
  if (!spec.rowFilter) return true;
  const v = resolvePointer(data, spec.rowFilter.pointer);
  return spec.rowFilter.in.some((x) => x === v);
}

/** The cells of the table, one row per entry in order, each formatted by its column's rule. */
export function summaryRows(spec: ExportSpec, entries: SummaryEntry[]): SummaryCell[][] {
  return entries.map((e, i) => spec.columns.map((c) => formatCell(c, sourceValue(c, e, i))));
}

function sourceValue(c: ExportColumn, e: SummaryEntry, index: number): unknown {
  if ('pointer' in c.source) return resolvePointer(e.data, c.source.pointer);
  switch (c.source.platform) {
    case 'sequence':
      return index + 1;
    case 'applicantName':
      return e.applicantName;
    case 'submittedOn':
      return e.submittedAt ? shanghaiDate(Date.parse(e.submittedAt)) : null;
    case 'statusLabel':
      return e.statusLabel;
    case 'stage':
      return e.stage;
    case 'recommenderOrgName':
      return e.recommenderOrgName;
    case 'applicationId':
      return e.applicationId;
    default:
      return null;
  }
}

function formatCell(c: ExportColumn, v: unknown): SummaryCell {
  if (v === undefined || v === null || v === '') return null;
  const f = c.format;
  switch (f?.kind) {
    case 'text':
      return plain(v);
    case 'date': {
      // yyyy-mm-dd as text (the notices require it); a timestamp is read as a Shanghai date.
      const s = String(v);
      if (/^\d{4}-\d{2}-\d{2}$/.test(s)) return s;
      const ms = Date.parse(s);
      return Number.isNaN(ms) ? s : shanghaiDate(ms);
    }
    case 'integer':
      return typeof v === 'number' && Number.isInteger(v) ? v : /^-?\d+$/.test(String(v)) ? Number(v) : plain(v);
    case 'label':
      return f.labels[String(v)] ?? plain(v);
    case 'join': {
      const items = Array.isArray(v) ? v : [v];
      const parts = items.map((it) => resolvePointer(it, f.item)).filter((x) => x !== undefined && x !== null && x !== '').map(plain);
      return parts.length ? parts.join(f.separator ?? '、') : null;
    }
    default:
      return typeof v === 'number' ? v : plain(v);
  }
}

function plain(v: unknown): string {
  if (typeof v === 'boolean') return v ? '是' : '否';
  if (Array.isArray(v)) return v.map(plain).join('、');
  if (v !== null && typeof v === 'object') return JSON.stringify(v);
  return String(v);
}
