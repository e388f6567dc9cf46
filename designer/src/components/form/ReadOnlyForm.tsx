import { useMemo } from 'react';
import Form from '@rjsf/antd';
import { enumNamesToUi } from './enumNamesToUi.ts';
import { DEFAULT_FORM_STATE, prepareSchema } from './prepareSchema.ts';
import { formValidator } from './formValidator.ts';
import { formWidgets } from './OrganisationWidget.tsx';
import { formTemplates, translateString } from './formTemplates.tsx';

/**
 * A package form shown read-only with the data given: the same labels, Chinese option names and
 * layout the applicant filled in, so the reviewer reads the application as it was written.
 */
export function ReadOnlyForm({ schema, ui, formData }: { schema: Record<string, unknown>; ui: Record<string, unknown> | null | undefined; formData: Record<string, unknown> }) {
  const shown = useMemo(() => prepareSchema(schema), [schema]);
  const uiSchema = useMemo(() => ({ ...enumNamesToUi(schema, ui ?? undefined), 'ui:submitButtonOptions': { norender: true } }), [schema, ui]);
  return (
    <Form
      schema={shown}
      uiSchema={uiSchema}
      formData={formData}
      experimental_defaultFormStateBehavior={DEFAULT_FORM_STATE}
      validator={formValidator}
      widgets={formWidgets}
      templates={formTemplates}
      translateString={translateString}
      readonly
      disabled
      showErrorList={false}
      noHtml5Validate
    />
  );
}
