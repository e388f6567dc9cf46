import { evaluate, parseExpression } from 'feelin';

/**
 * FEEL for the embedded adapter. Each expression is parsed once (at deploy, or first use) to learn
 * which variables it references; evaluation then gets a context of only those variables, so a large
 * application document is never copied into the interpreter for a one-field condition.
 */
interface Compiled {
  source: string;
  names: string[];
}

const cache = new Map<string, Compiled>();

export class FeelSyntaxError extends Error {}

export function isFeel(value: unknown): value is string {
  return typeof value === 'string' && value.trimStart().startsWith('=');
}

export function compileFeel(expression: string): Compiled {
  const source = expression.trimStart().replace(/^=/, '').trim();
  const hit = cache.get(source);
  if (hit) return hit;
  if (!source) throw new FeelSyntaxError('empty FEEL expression');
  const tree = (parseExpression as unknown as (s: string) => ReturnType<typeof parseExpression>)(source);
  const names = new Set<string>();
  const cursor = tree.cursor();
  do {
    if (cursor.type.isError) {
      throw new FeelSyntaxError(`FEEL syntax error at ${cursor.from}: «${source}»`);
    }
    if (cursor.name === 'VariableName') {
      // `a.b.c` → the root name `a` is what we take from the variables.
      names.add(source.slice(cursor.from, cursor.to).trim());
    }
  } while (cursor.next());
  const compiled = { source, names: [...names] };
  if (cache.size > 10_000) cache.clear();
  cache.set(source, compiled);
  return compiled;
}

export function evaluateFeel(expression: string, variables: Record<string, unknown>, locals?: Record<string, unknown>): unknown {
  const compiled = compileFeel(expression);
  const context: Record<string, unknown> = {};
  for (const name of compiled.names) {
    if (locals && name in locals) context[name] = locals[name];
    else if (name in variables) context[name] = variables[name];
  }
  try {
    const { value } = evaluate(compiled.source, context) as { value: unknown };
    return toPlain(value);
  } catch (err) {
    throw new FeelSyntaxError(`FEEL evaluation failed for «${compiled.source}»: ${(err as Error).message}`);
  }
}

/** FEEL values (dates, durations, contexts) become plain JSON so they can be stored and compared. */
function toPlain(value: unknown): unknown {
  if (value === null || value === undefined) return null;
  if (Array.isArray(value)) return value.map(toPlain);
  if (typeof value === 'object') {
    const proto = Object.getPrototypeOf(value);
    if (proto === Object.prototype || proto === null) {
      return Object.fromEntries(Object.entries(value as Record<string, unknown>).map(([k, v]) => [k, toPlain(v)]));
    }
    return String(value);
  }
  return value;
}

/** The kind of the outermost node of a FEEL expression (e.g. 'List', 'ArithmeticExpression'). */
export function feelTopKind(expression: string): string | undefined {
  const source = expression.trimStart().replace(/^=/, '').trim();
  const tree = (parseExpression as unknown as (s: string) => ReturnType<typeof parseExpression>)(source);
  return tree.topNode.firstChild?.name;
}

/**
 * The variables a FEEL expression reads from its scope: the root of each name and path, leaving out
 * function names (`count`, `context put`) and the names it binds itself (`for x in`, `some y in`,
 * a filter's `item`, a function's parameters). Throws FeelSyntaxError when it does not parse.
 */
export function feelVariablesRead(expression: string): string[] {
  const source = expression.trimStart().replace(/^=/, '').trim();
  if (!source) return [];
  const tree = (parseExpression as unknown as (s: string) => ReturnType<typeof parseExpression>)(source);
  const read = new Set<string>();
  const bound = new Set<string>(['item']);
  const cursor = tree.cursor();
  do {
    if (cursor.type.isError) throw new FeelSyntaxError(`FEEL syntax error at ${cursor.from}: «${source}»`);
    const node = cursor.node;
    const text = source.slice(node.from, node.to).trim();
    if (node.name === 'VariableName') {
      const call = node.parent?.name === 'FunctionInvocation' && node.parent.firstChild?.from === node.from;
      if (!call) read.add(text);
    } else if (node.name === 'Name' && (node.parent?.name === 'InExpression' || node.parent?.name === 'FormalParameter')) bound.add(text);
  } while (cursor.next());
  return [...read].filter((n) => !bound.has(n));
}
