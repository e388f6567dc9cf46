// The form runtime shared by server and browser: no Node built-ins anywhere below.
export { checkIdCard, idCardBirthDate, idCardGender, idCardCheckDigit, ID_CARD_MESSAGES, type IdCardProblem, type IdCardCheck } from './checkIdCard.ts';
export { createFormAjv, isYyyyMmDd, CN_MOBILE, FORM_ANNOTATION_KEYWORDS, PROVENANCE_VALUES } from './createFormAjv.ts';
export { createFormValidator, validateForm, schemaAtPointer, formErrorMessage, type FormError, type FormSchema, type FormValidator, type FormValidationResult } from './createFormValidator.ts';
export {
  attachmentSpecs,
  requiredAttachments,
  checkAttachments,
  type AttachmentSpec,
  type AttachmentCondition,
  type AttachmentProblem,
  type AttachmentProblemCode,
  type UploadedAttachment,
} from './checkAttachments.ts';
