import { Ajv } from 'ajv';
import addFormats from 'ajv-formats';
import { checkIdCard } from './checkIdCard.ts';

export const PROVENANCE_VALUES = ['verbatim', 'normalised-from-garbled', 'interpreted', 'assumed', 'supplied-by-owner'] as const;

const stringOrStrings = { anyOf: [{ type: 'string' }, { type: 'array', items: { type: 'string' } }] };
const attachmentSpecMeta = {
  type: 'array',
  items: {
    type: 'object',
    additionalProperties: false,
    required: ['kind', 'label', 'required'],
    properties: {
      kind: { type: 'string', pattern: '^[A-Za-z][A-Za-z0-9_-]*$' },
      label: { type: 'string', minLength: 1 },
      clause: stringOrStrings,
      required: {
        anyOf: [
          { type: 'boolean' },
          {
            type: 'object',
            additionalProperties: false,
            required: ['when'],
            properties: {
              when: {
                type: 'object',
                additionalProperties: false,
                required: ['field', 'in'],
                properties: { field: { type: 'string', minLength: 1 }, in: { type: 'array', minItems: 1 } },
              },
            },
          },
        ],
      },
      accept: { type: 'array', items: { type: 'string', pattern: '^[a-z]+/[a-z0-9.+-]+$' } },
      maxBytes: { type: 'integer', minimum: 1 },
      oneOf: { type: 'string', minLength: 1 },
      description: { type: 'string' },
    },
  },
};

/**
 * Annotation keywords a form schema may carry. Registered so that ajv's strict mode still rejects
 * misspelt keywords, and given meta-schemas so a malformed annotation fails at compile time.
 */
export const FORM_ANNOTATION_KEYWORDS: Record<string, object> = {
  'x-clause': stringOrStrings,
  'x-ambiguities': { type: 'array', items: { type: 'string', pattern: '^AMB-\\d{2,}$' } },
  'x-assumptions': { type: 'array', items: { type: 'string', pattern: '^A-\\d+$' } },
  'x-provenance': { enum: [...PROVENANCE_VALUES] },
  enumNames: { type: 'array', items: { type: 'string' } },
  'x-attachments': attachmentSpecMeta,
  // The field's options are the schedule's windows of a kind, narrowed by another field (engine/packages/applyScheduleChoices.ts).
  // The registration windows `for` this field's value are the ones a submission must fall in (ScheduleService).
  'x-registrationFor': { anyOf: [{ const: true }, { type: 'object', additionalProperties: false, required: ['by'], properties: { by: { type: 'string', minLength: 1 } } }] },
  'x-scheduleChoice': { type: 'object', additionalProperties: false, required: ['kind'], properties: { kind: { type: 'string', minLength: 1 }, by: { type: 'string', minLength: 1 } } },
};

export const CN_MOBILE = /^1[3-9]\d{9}$/;

/** A real calendar date written YYYY-MM-DD with zero padding (2023-02-30 and 2023-2-3 are rejected). */
export function isYyyyMmDd(s: string): boolean {
  if (!/^\d{4}-\d{2}-\d{2}$/.test(s)) return false;
  const [y, m, d] = s.split('-').map(Number);
  const date = new Date(Date.UTC(y, m - 1, d));
  return date.getUTCFullYear() === y && date.getUTCMonth() === m - 1 && date.getUTCDate() === d;
}

/**
 * A draft-07 ajv (the dialect react-jsonschema-form uses, so server and browser agree) with
 * ajv-formats, the Chinese formats and the annotation keywords. One instance per compiled form:
 * schemas with the same $id never collide and a reloaded package leaves nothing behind.
 */
export function createFormAjv(): Ajv {
  // strictRequired is off because if/then branches list properties defined in the parent schema.
  const ajv = new Ajv({ allErrors: true, strict: true, strictRequired: false, allowUnionTypes: true, addUsedSchema: false });
  (addFormats as unknown as (a: Ajv) => Ajv)(ajv);
  for (const [keyword, metaSchema] of Object.entries(FORM_ANNOTATION_KEYWORDS)) ajv.addKeyword({ keyword, metaSchema });
  ajv.addFormat('cn-id-card', { type: 'string', validate: (s: string) => checkIdCard(s).ok });
  ajv.addFormat('cn-mobile', { type: 'string', validate: CN_MOBILE });
  ajv.addFormat('yyyy-mm-dd', { type: 'string', validate: isYyyyMmDd });
  return ajv;
}
