import { Space, Tag, Typography } from 'antd';
import { splitField, type ConditionGroup, type ConditionRule } from './ruleQuery.ts';
import { editorText } from './editorText.ts';

const t = editorText.rules;

/** A value as a person reads it: text as is, lists joined, objects as compact JSON. */
export function valueText(v: unknown): string {
  if (typeof v === 'string') return `「${v}」`;
  if (Array.isArray(v) && v.every((x) => typeof x !== 'object' || x === null)) return v.map((x) => (typeof x === 'string' ? x : String(x))).join('、');
  return JSON.stringify(v);
}

export const operatorLabel = (op: string) => t.operators[op] ?? op;

// Facts every evaluation has, for rule sets that do not name them in `facts`.
const PLATFORM_FACTS: Record<string, string> = { application: '申报信息', recommender: '推荐单位', person: '申报人登记信息', organisation: '申报机构', parameters: '参数', asOf: '判定日' };

/** The condition's left side: the fact's Chinese name (from the rule set's `facts`) and its path. */
export function fieldLabel(field: string, facts: Record<string, string> | undefined): string {
  const { fact, path } = splitField(field);
  const name = facts?.[fact] ?? PLATFORM_FACTS[fact] ?? fact;
  return path ? `${name} · ${path.replace(/^\$\.?/, '')}` : name;
}

/**
 * A condition tree read as sentences: 全部满足 / 任一满足 groups, each condition
 * 事实 · 字段 · 运算符 · 值 with its clause and the sentence shown to applicants.
 */
export interface ConditionMark {
  mark: string;
  actual?: unknown;
  actualText?: string | null;
}

/** Marks of a 试算, one per condition in the tree's depth-first order (as the evaluation lists them). */
export function ConditionSentences({ query, facts, marks }: { query: ConditionGroup; facts?: Record<string, string>; marks?: ConditionMark[] }) {
  const order = new Map<ConditionRule, number>();
  const walk = (g: ConditionGroup) => g.rules.forEach((r) => ('rules' in r ? walk(r as ConditionGroup) : order.set(r as ConditionRule, order.size)));
  walk(query);
  const markOf = marks ? (r: ConditionRule) => marks[order.get(r) ?? -1] : undefined;
  return <GroupView group={query} facts={facts} markOf={markOf} top />;
}

type MarkOf = ((r: ConditionRule) => ConditionMark | undefined) | undefined;
const MARK_COLOR: Record<string, string> = { '✔': '#52c41a', '✘': '#ff4d4f', 需人工: '#fa8c16' };
const shownValue = (m: ConditionMark) =>
  m.actualText || (m.actual === null || m.actual === undefined || m.actual === '' || (Array.isArray(m.actual) && !m.actual.length) ? '(无)' : typeof m.actual === 'object' ? JSON.stringify(m.actual) : String(m.actual));

function GroupView({ group, facts, top, markOf }: { group: ConditionGroup; facts?: Record<string, string>; top?: boolean; markOf: MarkOf }) {
  const single = group.bare && group.rules.length === 1 && !('rules' in group.rules[0]!);
  const head = group.not ? t.not : group.combinator === 'or' ? t.any : t.all;
  const items = group.rules.map((r, i) => <li key={r.id ?? i}>{'rules' in r ? <GroupView group={r as ConditionGroup} facts={facts} markOf={markOf} /> : <ConditionView rule={r as ConditionRule} facts={facts} mark={markOf?.(r as ConditionRule)} />}</li>);
  if (single && top) return <ul style={{ margin: 0, paddingInlineStart: 18 }} data-testid="rule-sentences">{items}</ul>;
  return (
    <div data-testid={top ? 'rule-sentences' : undefined}>
      <Typography.Text strong data-testid="group-combinator">
        {head}:
      </Typography.Text>
      <ul style={{ margin: '2px 0', paddingInlineStart: 18 }}>{items}</ul>
    </div>
  );
}

function ConditionView({ rule, facts, mark }: { rule: ConditionRule; facts?: Record<string, string>; mark?: ConditionMark }) {
  return (
    <Space size={6} wrap data-testid="condition-sentence" data-mark={mark?.mark}>
      {mark ? (
        <Typography.Text strong style={{ color: MARK_COLOR[mark.mark] }}>
          {mark.mark}
        </Typography.Text>
      ) : null}
      <Typography.Text>{fieldLabel(rule.field, facts)}</Typography.Text>
      <Typography.Text type="secondary">·</Typography.Text>
      <Typography.Text strong>{operatorLabel(rule.operator)}</Typography.Text>
      <Typography.Text type="secondary">·</Typography.Text>
      <Typography.Text code data-testid="condition-value">
        {valueText(rule.value)}
      </Typography.Text>
      {rule.meta?.clause ? <Tag color="blue">{rule.meta.clause}</Tag> : null}
      {rule.meta?.message ? <Typography.Text type="secondary">「{rule.meta.message}」</Typography.Text> : null}
      {mark ? <Typography.Text type="secondary">{`${t.found}:${shownValue(mark)}`}</Typography.Text> : null}
    </Space>
  );
}
