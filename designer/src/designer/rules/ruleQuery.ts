import type { RuleGroupType, RuleType } from 'react-querybuilder';

// The adapter between a rule set's condition trees (json-rules-engine: { all | any | not } groups of
// { fact, path, operator, value, clause, message } conditions, rules/operators.md) and the
// react-querybuilder model the condition builder edits. The upstream json-rules-engine format of
// react-querybuilder is not published, and ours adds clause / message and custom operators, so it is ours.

type Json = string | number | boolean | null | Json[] | { [key: string]: Json };
type JsonObject = { [key: string]: Json };

/** What a builder rule carries besides field / operator / value: the rest of the condition, in its key order. */
export interface ConditionMeta {
  clause?: string;
  message?: string;
  /** Keys the builder does not edit (kept as they were). */
  extra?: JsonObject;
  /** The condition's keys in their order in the file, so a saved file reads as before. */
  keys: string[];
}

export type ConditionRule = RuleType<string, string, Json, string, ConditionMeta>;
export interface ConditionGroup extends RuleGroupType<ConditionRule> {
  /** The tree was a single condition, not a group (kept so while it holds one condition). */
  bare?: boolean;
  /** A `not` around a single node (not around an all/any group). */
  notOne?: boolean;
}

const CONDITION_KEYS = ['fact', 'path', 'operator', 'value', 'clause', 'message'];
const isObject = (v: unknown): v is JsonObject => typeof v === 'object' && v !== null && !Array.isArray(v);

/** `fact` or `fact|$.path`: one builder field per fact and path. */
export const fieldKey = (fact: string, path?: string) => (path === undefined ? fact : `${fact}|${path}`);
export function splitField(field: string): { fact: string; path?: string } {
  const i = field.indexOf('|');
  return i < 0 ? { fact: field } : { fact: field.slice(0, i), path: field.slice(i + 1) };
}

export class Unrepresentable extends Error {
  override name = 'Unrepresentable';
}

function isGroupNode(node: JsonObject): boolean {
  return 'all' in node || 'any' in node || 'not' in node;
}

function toRule(node: JsonObject): ConditionRule {
  if (typeof node.fact !== 'string' || typeof node.operator !== 'string' || !('value' in node)) throw new Unrepresentable('条件缺少 fact、operator 或 value');
  if ('path' in node && typeof node.path !== 'string') throw new Unrepresentable('条件的 path 不是文本');
  for (const k of ['clause', 'message'] as const) if (k in node && typeof node[k] !== 'string') throw new Unrepresentable(`条件的 ${k} 不是文本`);
  const extra: JsonObject = {};
  for (const [k, v] of Object.entries(node)) if (!CONDITION_KEYS.includes(k)) extra[k] = v;
  const meta: ConditionMeta = { keys: Object.keys(node) };
  if (typeof node.clause === 'string') meta.clause = node.clause;
  if (typeof node.message === 'string') meta.message = node.message;
  if (Object.keys(extra).length) meta.extra = extra;
  return { field: fieldKey(node.fact, node.path as string | undefined), operator: node.operator, value: node.value as Json, meta };
}

function toNode(node: Json): ConditionRule | ConditionGroup {
  if (!isObject(node)) throw new Unrepresentable('条件不是对象');
  if (!isGroupNode(node)) return toRule(node);
  return toGroup(node);
}

function toGroup(node: JsonObject): ConditionGroup {
  const keys = Object.keys(node);
  if (keys.length !== 1) throw new Unrepresentable(`条件组只能有 all、any 或 not 之一(此处有 ${keys.join('、')})`);
  const key = keys[0]!;
  if (key === 'not') {
    const inner = node.not as Json;
    if (isObject(inner) && ('all' in inner || 'any' in inner) && !('not' in inner)) return { ...toGroup(inner), not: true };
    return { combinator: 'and', not: true, notOne: true, rules: [toNode(inner)] };
  }
  const list = node[key];
  if (!Array.isArray(list)) throw new Unrepresentable(`${key} 的值不是数组`);
  return { combinator: key === 'all' ? 'and' : 'or', rules: list.map(toNode) };
}

/** A rule's condition tree (or appliesWhen) as the builder's query. Throws Unrepresentable. */
export function treeToQuery(tree: unknown): ConditionGroup {
  if (!isObject(tree as Json)) throw new Unrepresentable('条件不是对象');
  const node = tree as JsonObject;
  if (isGroupNode(node)) return toGroup(node);
  return { combinator: 'and', bare: true, rules: [toRule(node)] };
}

function ruleToCondition(r: ConditionRule): JsonObject {
  const { fact, path } = splitField(r.field);
  const meta = r.meta ?? { keys: [] };
  const fields: JsonObject = { fact, operator: r.operator, value: (r.value ?? null) as Json };
  if (path !== undefined) fields.path = path;
  if (meta.clause !== undefined && meta.clause !== '') fields.clause = meta.clause;
  if (meta.message !== undefined && meta.message !== '') fields.message = meta.message;
  Object.assign(fields, meta.extra ?? {});
  // The file's key order first, then anything new in the usual order.
  const out: JsonObject = {};
  for (const k of [...meta.keys, ...CONDITION_KEYS, ...Object.keys(meta.extra ?? {})]) if (k in fields && !(k in out)) out[k] = fields[k]!;
  return out;
}

function groupToTree(g: ConditionGroup): JsonObject {
  const children = g.rules.map((r) => ('rules' in r ? groupToTree(r as ConditionGroup) : ruleToCondition(r as ConditionRule)));
  if (g.not && g.notOne && children.length === 1) return { not: children[0]! };
  const inner: JsonObject = { [g.combinator === 'or' ? 'any' : 'all']: children };
  return g.not ? { not: inner } : inner;
}

/** The builder's query back as a condition tree, in the rule set's own shape. */
export function queryToTree(q: ConditionGroup): JsonObject {
  if (q.bare && !q.not && q.rules.length === 1 && !('rules' in q.rules[0]!)) return ruleToCondition(q.rules[0] as ConditionRule);
  return groupToTree(q);
}

/** Canonical JSON text (object keys in order), for "did anything change" and round-trip checks. */
export function sameJson(a: unknown, b: unknown): boolean {
  return JSON.stringify(a) === JSON.stringify(b);
}

/**
 * The query of a tree if the builder can show it without losing anything (its way back gives the
 * same JSON, key order included); otherwise the reason, and the editor keeps to the JSON view.
 */
export function representable(tree: unknown): { ok: true; query: ConditionGroup } | { ok: false; reason: string } {
  try {
    const query = treeToQuery(tree);
    if (!sameJson(queryToTree(query), tree)) return { ok: false, reason: '条件转换后与原文不一致' };
    return { ok: true, query };
  } catch (err) {
    if (err instanceof Unrepresentable) return { ok: false, reason: err.message };
    throw err;
  }
}
