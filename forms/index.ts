export { checkIdCard, idCardBirthDate, idCardGender, checkDigit, ID_CARD_MESSAGES, type IdCardProblem } from './cnIdCard.ts';
export { createFormValidator, validateForm, type FormError } from './createFormValidator.ts';
export { attachmentSpecs, requiredAttachments, checkAttachments, type AttachmentSpec, type AttachmentProblem } from './attachments.ts';
