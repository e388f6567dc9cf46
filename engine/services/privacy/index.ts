export { Keyring, keyId, parseKey, SEALED_PREFIX } from './Keyring.ts';
export { PersonalData, PLATFORM_PERSONAL_FIELDS, maskInText, type PersonalKind } from './PersonalData.ts';
export { maskIdNumber, maskMobile } from './mask.ts';
export { loadKeyring } from './loadKeyring.ts';
