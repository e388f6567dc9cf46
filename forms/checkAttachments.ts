/**
 * Required uploads declared by a form schema's top-level `x-attachments`, and the check run before
 * an application is submitted. Pure functions: the browser shows the same list and messages.
 */
export interface AttachmentCondition {
  /** Top-level form field, or a dotted path such as 'targetOccupation.kind'. */
  field: string;
  in: unknown[];
}

export interface AttachmentSpec {
  kind: string;
  label: string;
  clause?: string | string[];
  required: boolean | { when: AttachmentCondition };
  accept?: string[];
  maxBytes?: number;
  /** Group name: at least one kind of the group must be present (e.g. certificate OR title scan, SC26-12). */
  oneOf?: string;
  description?: string;
}

export interface UploadedAttachment {
  kind: string;
  mimeType: string;
  size: number;
}

export type AttachmentProblemCode = 'MISSING' | 'MISSING_ONE_OF' | 'WRONG_TYPE' | 'TOO_LARGE';

export interface AttachmentProblem {
  code: AttachmentProblemCode;
  /** The attachment kind; for a group, its first member. */
  kind: string;
  /** All kinds of a oneOf group, any of which would do. */
  kinds?: string[];
  message: string;
  clause?: string;
}

const MIME_NAMES: Record<string, string> = {
  'application/pdf': 'PDF',
  'image/jpeg': 'JPG',
  'image/png': 'PNG',
  'image/gif': 'GIF',
  'image/webp': 'WEBP',
  'application/msword': 'Word(.doc)',
  'application/vnd.openxmlformats-officedocument.wordprocessingml.document': 'Word(.docx)',
  'application/zip': 'ZIP',
};

export function attachmentSpecs(schema: Record<string, unknown>): AttachmentSpec[] {
  const list = schema?.['x-attachments'];
  return Array.isArray(list) ? (list as AttachmentSpec[]) : [];
}

function fieldValue(data: unknown, field: string): unknown {
  let cur: unknown = data;
  for (const part of field.split('.')) {
    if (cur === null || typeof cur !== 'object') return undefined;
    cur = (cur as Record<string, unknown>)[part];
  }
  return cur;
}

function applies(spec: AttachmentSpec, data: unknown): boolean {
  if (spec.required === true) return true;
  if (!spec.required || typeof spec.required !== 'object') return false;
  const { field, in: values } = spec.required.when;
  return values.includes(fieldValue(data, field));
}

/** The uploads this applicant must provide, given the form data (conditional ones included when they apply). */
export function requiredAttachments(schema: Record<string, unknown>, data: unknown): AttachmentSpec[] {
  return attachmentSpecs(schema).filter((s) => applies(s, data));
}

function clauseText(clause: AttachmentSpec['clause']): string | undefined {
  if (Array.isArray(clause)) return clause.length ? clause.join(',') : undefined;
  return clause;
}

/** 'image/JPEG; name=x' → 'image/jpeg'. */
function normaliseMime(m: string): string {
  return String(m ?? '').split(';')[0].trim().toLowerCase();
}

function mimeName(m: string): string {
  return MIME_NAMES[m] ?? (m || '未知类型');
}

function formatBytes(n: number): string {
  if (n >= 1024 * 1024) return `${Number((n / 1024 / 1024).toFixed(1))} MB`;
  if (n >= 1024) return `${Number((n / 1024).toFixed(1))} KB`;
  return `${n} B`;
}

/**
 * Every problem with the uploads at once: required kinds missing, a oneOf group with none of its kinds,
 * a file of a type the kind does not accept, a file over the kind's size limit. Uploads of kinds the
 * form does not declare are left to the upload endpoint, which refuses them.
 */
export function checkAttachments(schema: Record<string, unknown>, data: unknown, uploaded: UploadedAttachment[]): AttachmentProblem[] {
  const problems: AttachmentProblem[] = [];
  const specs = attachmentSpecs(schema);
  const have = new Set(uploaded.map((u) => u.kind));

  const groups = new Map<string, AttachmentSpec[]>();
  for (const s of requiredAttachments(schema, data)) {
    if (s.oneOf) {
      groups.set(s.oneOf, [...(groups.get(s.oneOf) ?? []), s]);
    } else if (!have.has(s.kind)) {
      problems.push({ code: 'MISSING', kind: s.kind, message: `缺少必须上传的附件:${s.label}`, clause: clauseText(s.clause) });
    }
  }
  for (const [group, required] of groups) {
    // Any member of the group satisfies it, even one that is not itself required for this applicant.
    const members = specs.filter((s) => s.oneOf === group);
    if (members.some((m) => have.has(m.kind))) continue;
    const clauses = [...new Set(required.flatMap((m) => (Array.isArray(m.clause) ? m.clause : m.clause ? [m.clause] : [])))];
    problems.push({
      code: 'MISSING_ONE_OF',
      kind: required[0].kind,
      kinds: members.map((m) => m.kind),
      message: `请至少上传以下附件中的一项:${members.map((m) => m.label).join(' 或 ')}`,
      clause: clauses.length ? clauses.join(',') : undefined,
    });
  }

  for (const u of uploaded) {
    const s = specs.find((x) => x.kind === u.kind);
    if (!s) continue;
    const mime = normaliseMime(u.mimeType);
    if (s.accept?.length && !s.accept.map(normaliseMime).includes(mime)) {
      problems.push({
        code: 'WRONG_TYPE',
        kind: u.kind,
        message: `附件「${s.label}」的文件类型为 ${mimeName(mime)},仅接受 ${s.accept.map((a) => mimeName(normaliseMime(a))).join('、')} 格式`,
        clause: clauseText(s.clause),
      });
    }
    if (s.maxBytes && u.size > s.maxBytes) {
      // Rounded sizes that read the same ("10 MB 超过 10 MB") would confuse; fall back to exact bytes.
      let [size, limit] = [formatBytes(u.size), formatBytes(s.maxBytes)];
      if (size === limit) [size, limit] = [`${u.size.toLocaleString('en-US')} B`, `${s.maxBytes.toLocaleString('en-US')} B`];
      problems.push({
        code: 'TOO_LARGE',
        kind: u.kind,
        message: `附件「${s.label}」大小为 ${size},超过 ${limit} 的上限`,
        clause: clauseText(s.clause),
      });
    }
  }
  return problems;
}
