import { attachmentSpecs, checkAttachments, validateForm } from '../../forms/index.ts';
import type { FormRuntime } from '../services/applications/ports.ts';

/** The shared form runtime (forms/) as the application service uses it. */
export const formRuntime: FormRuntime = {
  validate: (schema, data) => validateForm(schema, data),
  checkAttachments: (schema, data, uploaded) => checkAttachments(schema, data, uploaded),
  attachmentSpec: (schema, kind) => attachmentSpecs(schema).find((s) => s.kind === kind),
};
