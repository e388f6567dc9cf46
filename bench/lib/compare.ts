/**
 * Side-by-side measurement: ours and its baseline are warmed up, then sampled in turns (the order
 * alternating every round), so drift of the machine (other processes, GC, thermal) hits both alike.
 * Each sample is one number: a throughput of a batch (higher is better) or a latency (lower is better).
 */
export interface Stats {
  median: number;
  min: number;
  max: number;
  samples: number[];
}

export interface Row {
  id: string;
  label: string;
  unit: string;
  /** true for throughput (ops/s), false for latency (ms). */
  higherIsBetter: boolean;
  ours: Stats;
  baseline: Stats | null;
  baselineLabel: string;
  /** Speed ratio, > 1 means ours is faster: ours/baseline for throughput, baseline/ours for latency. */
  ratio: number | null;
  target?: { ratio?: number; max?: number; text: string; met: boolean };
  note?: string;
}

export function stats(samples: number[]): Stats {
  const s = [...samples].sort((a, b) => a - b);
  const mid = s.length >> 1;
  const median = s.length % 2 ? s[mid] : (s[mid - 1] + s[mid]) / 2;
  return { median, min: s[0], max: s[s.length - 1], samples };
}

export function percentile(xs: number[], p: number): number {
  const s = [...xs].sort((a, b) => a - b);
  return s[Math.min(s.length - 1, Math.max(0, Math.ceil((p / 100) * s.length) - 1))];
}

export interface CompareSpec {
  id: string;
  label: string;
  unit: string;
  higherIsBetter: boolean;
  baselineLabel: string;
  ours: () => Promise<number>;
  baseline?: () => Promise<number>;
  warmup?: number;
  repeats?: number;
  /** Target on the ratio (e.g. 0.8) or on ours alone (e.g. at most 10 ms). */
  target?: { ratio?: number; max?: number; min?: number; text: string };
  note?: string;
}

export async function compare(spec: CompareSpec): Promise<Row> {
  const warmup = spec.warmup ?? 1;
  const repeats = spec.repeats ?? 5;
  for (let i = 0; i < warmup; i++) {
    await spec.ours();
    if (spec.baseline) await spec.baseline();
  }
  const ours: number[] = [];
  const base: number[] = [];
  for (let i = 0; i < repeats; i++) {
    const order = i % 2 === 0 ? ['ours', 'base'] : ['base', 'ours'];
    for (const side of order) {
      if (side === 'ours') ours.push(await spec.ours());
      else if (spec.baseline) base.push(await spec.baseline());
    }
  }
  const o = stats(ours);
  const b = base.length ? stats(base) : null;
  const ratio = b ? (spec.higherIsBetter ? o.median / b.median : b.median / o.median) : null;
  let target: Row['target'];
  if (spec.target) {
    const t = spec.target;
    const met =
      (t.ratio === undefined || (ratio !== null && ratio >= t.ratio)) &&
      (t.max === undefined || o.median <= t.max) &&
      (t.min === undefined || o.median >= t.min);
    target = { ratio: t.ratio, max: t.max, text: t.text, met };
  }
  const row: Row = { id: spec.id, label: spec.label, unit: spec.unit, higherIsBetter: spec.higherIsBetter, ours: o, baseline: b, baselineLabel: spec.baselineLabel, ratio, target, note: spec.note };
  console.log(formatRow(row));
  return row;
}

const fmt = (n: number) => (Math.abs(n) >= 100 ? n.toFixed(0) : Math.abs(n) >= 10 ? n.toFixed(1) : n.toFixed(2));
const cell = (s: Stats | null) => (s ? `${fmt(s.median)} (${fmt(s.min)}–${fmt(s.max)})` : '—');

export function formatRow(r: Row): string {
  const ratio = r.ratio === null ? '' : ` ratio ${r.ratio.toFixed(2)}×`;
  const target = r.target ? ` target ${r.target.text}: ${r.target.met ? 'met' : 'MISSED'}` : '';
  return `[bench] ${r.id}: ${r.label} ours ${cell(r.ours)} ${r.unit} | ${r.baselineLabel} ${cell(r.baseline)} ${r.unit}${ratio}${target}`;
}

export function markdownTable(rows: Row[]): string {
  const lines = [
    '| benchmark | unit | ours median (min–max) | baseline | baseline median (min–max) | ratio (>1 = ours faster) | target |',
    '|---|---|---|---|---|---|---|',
  ];
  for (const r of rows) {
    const t = r.target ? `${r.target.text}: ${r.target.met ? 'met' : '**missed**'}` : '';
    lines.push(`| ${r.label} | ${r.unit} | ${cell(r.ours)} | ${r.baselineLabel} | ${cell(r.baseline)} | ${r.ratio === null ? '—' : `${r.ratio.toFixed(2)}×`} | ${t} |`);
  }
  return lines.join('\n');
}
