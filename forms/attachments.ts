/** Required uploads declared by a form schema's top-level `x-attachments`. */
export interface AttachmentSpec {
  kind: string;
  label: string;
  clause?: string;
  required: boolean | { when: { field: string; in: unknown[] } };
  accept?: string[];
  maxBytes?: number;
  /** At least one kind of the group must be present (e.g. certificate OR title scan). */
  oneOf?: string;
}

export interface AttachmentProblem {
  kind?: string;
  message: string;
  clause?: string;
}

export function attachmentSpecs(schema: Record<string, unknown>): AttachmentSpec[] {
  return (schema['x-attachments'] as AttachmentSpec[] | undefined) ?? [];
}

function applies(spec: AttachmentSpec, data: Record<string, unknown>): boolean {
  if (spec.required === true) return true;
  if (!spec.required) return false;
  return spec.required.when.in.includes(data?.[spec.required.when.field]);
}

export function requiredAttachments(schema: Record<string, unknown>, data: unknown): AttachmentSpec[] {
  return attachmentSpecs(schema).filter((s) => applies(s, (data ?? {}) as Record<string, unknown>));
}

export function checkAttachments(schema: Record<string, unknown>, data: unknown, uploaded: Array<{ kind: string; mimeType: string; size: number }>): AttachmentProblem[] {
  const problems: AttachmentProblem[] = [];
  const specs = attachmentSpecs(schema);
  const have = new Set(uploaded.map((u) => u.kind));
  const groups = new Map<string, AttachmentSpec[]>();
  for (const s of requiredAttachments(schema, data)) {
    if (s.oneOf) groups.set(s.oneOf, [...(groups.get(s.oneOf) ?? []), s]);
    else if (!have.has(s.kind)) problems.push({ kind: s.kind, message: `缺少附件:${s.label}`, clause: s.clause });
  }
  for (const [, members] of groups) {
    if (!members.some((m) => have.has(m.kind))) problems.push({ kind: members[0].kind, message: `缺少附件:${members.map((m) => m.label).join(' 或 ')}(至少一项)`, clause: members[0].clause });
  }
  for (const u of uploaded) {
    const s = specs.find((x) => x.kind === u.kind);
    if (!s) continue;
    if (s.accept && !s.accept.includes(u.mimeType)) problems.push({ kind: u.kind, message: `附件「${s.label}」类型不符合要求`, clause: s.clause });
    if (s.maxBytes && u.size > s.maxBytes) problems.push({ kind: u.kind, message: `附件「${s.label}」超过大小限制`, clause: s.clause });
  }
  return problems;
}
