/** The service tasks of a BPMN file whose zeebe:taskDefinition has this type, each with a reader of its task headers. */
export function serviceTasksOfType(xml: string, type: string): Array<{ id: string; header(key: string): string | undefined }> {
  const typeAttr = new RegExp(`<(?:\\w+:)?taskDefinition\\b[^>]*\\btype="${type.replace(/\./g, '\\.')}"`);
  const out: Array<{ id: string; header(key: string): string | undefined }> = [];
  for (const m of xml.matchAll(/<(?:\w+:)?serviceTask\b[^>]*\bid="([^"]+)"[^>]*>([\s\S]*?)<\/(?:\w+:)?serviceTask>/g)) {
    const body = m[2]!;
    if (!typeAttr.test(body)) continue;
    out.push({ id: m[1]!, header: (key) => new RegExp(`<(?:\\w+:)?header\\b[^>]*\\bkey="${key}"[^>]*\\bvalue="([^"]*)"`).exec(body)?.[1] });
  }
  return out;
}
