import { forwardRef, useMemo, useRef } from 'react';
import Form from '@rjsf/antd';
import type { ErrorSchema, RJSFValidationError } from '@rjsf/utils';
import { enumNamesToUi } from './enumNamesToUi.ts';
import { chineseErrors, formValidator } from './formValidator.ts';
import { formWidgets } from './OrganisationWidget.tsx';
import { formTemplates, translateString } from './formTemplates.tsx';
import { DEFAULT_FORM_STATE, prepareSchema } from './prepareSchema.ts';

type Json = Record<string, unknown>;

export interface PackageFormProps {
  schema: Json;
  ui?: Json | null;
  formData: Json;
  onChange?: (data: Json) => void;
  onBlur?: (fieldId: string) => void;
  /** Shows rjsf's submit button with this text; without it the page has its own buttons. */
  submitText?: string;
  onSubmit?: (data: Json) => void;
  /** The application as filled in, for the reviewer: shown, never changed. */
  readOnly?: boolean;
  disabled?: boolean;
  /** Errors from the server, under their fields. */
  extraErrors?: ErrorSchema;
}

/** The handle a page uses to check the form before its own submit button sends it. */
export interface PackageFormHandle {
  validateForm(): boolean;
}

/**
 * A package's JSON-schema form as every page shows it: Chinese option labels, the platform's
 * formats and widgets, the server's Chinese sentences for errors, shown under their fields.
 */
export const PackageForm = forwardRef<PackageFormHandle, PackageFormProps>(function PackageForm(p, ref) {
  const latest = useRef(p.formData);
  latest.current = p.formData;
  const schema = useMemo(() => prepareSchema(p.schema), [p.schema]);
  const uiSchema = useMemo(
    () => ({ ...enumNamesToUi(p.schema, p.ui), 'ui:submitButtonOptions': p.submitText ? { submitText: p.submitText } : { norender: true } }),
    [p.schema, p.ui, p.submitText],
  );
  const transformErrors = useMemo(() => chineseErrors(p.schema, () => latest.current) as (e: RJSFValidationError[]) => RJSFValidationError[], [p.schema]);
  return (
    <Form
      ref={ref as never}
      schema={schema}
      uiSchema={uiSchema}
      formData={p.formData}
      experimental_defaultFormStateBehavior={DEFAULT_FORM_STATE}
      validator={formValidator}
      widgets={formWidgets}
      templates={formTemplates}
      translateString={translateString}
      transformErrors={transformErrors}
      extraErrors={p.extraErrors}
      showErrorList={false}
      noHtml5Validate
      readonly={p.readOnly}
      disabled={p.readOnly || p.disabled}
      onChange={(e) => p.onChange?.(e.formData as Json)}
      onBlur={(id) => p.onBlur?.(id)}
      onSubmit={(e) => p.onSubmit?.(e.formData as Json)}
      // The errors are shown under their fields; rjsf would also log them as a console error.
      onError={() => undefined}
    />
  );
});
