import { appendAttributes, declaredPrefix, findDefinitionsTag, freePrefix } from './definitionsTag.ts';

const MODELER_NS = 'http://camunda.org/schema/modeler/1.0';

/**
 * Declares the execution platform (Camunda Cloud, the Zeebe version the platform targets) on the
 * definitions element: Camunda's linter checks nothing without it, and the modeler asks for it.
 * Only the definitions start tag changes.
 */
export function ensureExecutionPlatform(xml: string, version = '8.6.0'): string {
  const { tag, index } = findDefinitionsTag(xml);
  let prefix = declaredPrefix(tag, MODELER_NS);
  let out = tag;
  const add: string[] = [];
  if (!prefix) {
    prefix = freePrefix(tag, 'modeler');
    add.push(`xmlns:${prefix}="${MODELER_NS}"`);
  }
  for (const [name, value] of [['executionPlatform', 'Camunda Cloud'], ['executionPlatformVersion', version]]) {
    const attr = new RegExp(`(\\s${prefix}:${name}=)"[^"]*"`);
    if (attr.test(out)) out = out.replace(attr, `$1"${value}"`);
    else add.push(`${prefix}:${name}="${value}"`);
  }
  out = appendAttributes(out, add);
  return xml.slice(0, index) + out + xml.slice(index + tag.length);
}
