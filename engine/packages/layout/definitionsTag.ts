/** The start tag of the BPMN definitions element (group 1: its namespace prefix, if any). */
export const DEFINITIONS_START = /<(?:([A-Za-z_][\w.-]*):)?definitions\b[^>]*>/;

/** Finds the definitions start tag, or throws a clear error. */
export function findDefinitionsTag(xml: string): { tag: string; index: number; prefix: string | undefined } {
  const m = DEFINITIONS_START.exec(xml);
  if (!m) throw new Error('BPMN 文件中没有 definitions 元素');
  return { tag: m[0], index: m.index, prefix: m[1] };
}

/** The prefix declared for a namespace on the tag, if any. */
export function declaredPrefix(tag: string, uri: string): string | undefined {
  return [...tag.matchAll(/\sxmlns:([\w.-]+)="([^"]*)"/g)].find((m) => m[2] === uri)?.[1];
}

/** A prefix not yet declared on the tag: `wanted`, or `wanted2`, `wanted3`, … */
export function freePrefix(tag: string, wanted: string): string {
  const taken = new Set([...tag.matchAll(/\sxmlns:([\w.-]+)=/g)].map((m) => m[1]));
  let prefix = wanted;
  for (let i = 2; taken.has(prefix); i += 1) prefix = `${wanted}${i}`;
  return prefix;
}

/**
 * Appends attributes to a start tag in its own style: on new lines with the indentation of the
 * last attribute line when the tag spans several lines, else on the same line.
 */
export function appendAttributes(tag: string, attributes: string[]): string {
  if (!attributes.length) return tag;
  const lines = tag.split('\n');
  const separator = lines.length > 1 ? `\n${/^\s*/.exec(lines[lines.length - 1])![0]}` : ' ';
  return tag.replace(/(\s*\/?>)$/, `${attributes.map((a) => separator + a).join('')}$1`);
}
