import { customizeValidator } from '@rjsf/validator-ajv8';
import type { RJSFValidationError } from '@rjsf/utils';
import { checkIdCard } from '../../../../forms/checkIdCard.ts';
import { CN_MOBILE, isYyyyMmDd } from '../../../../forms/createFormAjv.ts';
import { formErrorMessage, schemaAtPointer } from '../../../../forms/createFormValidator.ts';

/** rjsf's ajv with the platform's own formats: the browser accepts exactly what the server accepts. */
export const formValidator = customizeValidator({
  customFormats: { 'cn-id-card': (s: string) => checkIdCard(s).ok, 'cn-mobile': CN_MOBILE, 'yyyy-mm-dd': isYyyyMmDd },
});

type Json = Record<string, unknown>;

function valueAt(data: unknown, parts: string[]): unknown {
  let cur = data;
  for (const p of parts) cur = cur !== null && typeof cur === 'object' ? (cur as Json)[p] : undefined;
  return cur;
}

/**
 * rjsf errors in the server's Chinese sentences (forms/createFormValidator.ts): same keyword, same
 * params, same field label. `if` summaries are dropped: the failing `then` reports the field itself.
 */
export function chineseErrors(schema: Json, formData: () => unknown) {
  return (errors: RJSFValidationError[]): RJSFValidationError[] =>
    errors
      .filter((e) => e.name !== 'if')
      .map((e) => {
        const parts = (e.property ?? '').replace(/^\./, '').split('.').filter(Boolean);
        const pointer = parts.length ? '/' + parts.join('/') : '';
        const sub = schemaAtPointer(schema, pointer);
        const name = parts[parts.length - 1];
        const label = typeof sub?.title === 'string' ? `「${sub.title}」` : name !== undefined ? `「${name}」` : '表单数据';
        const message = formErrorMessage({ keyword: e.name ?? '', params: e.params ?? {}, message: e.message }, sub, label, valueAt(formData(), parts));
        return { ...e, message, stack: message, title: typeof sub?.title === 'string' ? sub.title : e.title };
      });
}
