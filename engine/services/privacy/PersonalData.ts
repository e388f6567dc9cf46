import { Keyring, SEALED_PREFIX } from './Keyring.ts';
import { maskIdNumber, maskMobile } from './mask.ts';

export type PersonalKind = 'idNumber' | 'mobile';

/** Fields the platform itself writes personal data under, whatever the package (actor and registry fields). */
export const PLATFORM_PERSONAL_FIELDS: Record<string, PersonalKind> = {
  idNumber: 'idNumber',
  applicantIdNumber: 'idNumber',
  personIdNumber: 'idNumber',
  mobile: 'mobile',
  contactMobile: 'mobile',
};

const FORMAT_KINDS: Record<string, PersonalKind> = { 'cn-id-card': 'idNumber', 'cn-mobile': 'mobile' };
// An 18-character number with a birth date where GB 11643 has it; no check digit needed, a mistyped number is still personal.
const ID_IN_TEXT = /(?<![0-9A-Za-z])\d{6}(?:19|20)\d{2}(?:0[1-9]|1[0-2])(?:0[1-9]|[12]\d|3[01])\d{3}[\dXx](?![0-9A-Za-z])/g;
// Cheap pre-check: both kinds of number contain a run of at least 11 digits.
const ELEVEN_DIGITS = /\d{11}/;
const MOBILE_IN_TEXT = /(?<![0-9A-Za-z])1[3-9]\d{9}(?![0-9A-Za-z])/g;

/** The ID or mobile numbers inside a text (a copy under another name, an error message). */
function personalIn(text: string): Array<{ value: string; kind: PersonalKind }> {
  const found: Array<{ value: string; kind: PersonalKind }> = [];
  for (const m of text.matchAll(ID_IN_TEXT)) found.push({ value: m[0], kind: 'idNumber' });
  for (const m of text.matchAll(MOBILE_IN_TEXT)) found.push({ value: m[0], kind: 'mobile' });
  return found;
}

/**
 * Personal data (ID and mobile numbers) at the store boundary: JSON written to the store has them
 * sealed (AES-256-GCM), JSON read back has them clear again, so rules and workers only ever see clear
 * values in memory. Which fields are personal comes from the packages' form schemas (format
 * cn-id-card / cn-mobile) and the platform's own fields; a value that is an ID or mobile number under
 * any other name (a mapped copy, a message) is sealed too.
 */
export class PersonalData {
  private readonly fields = new Map<string, PersonalKind>(Object.entries(PLATFORM_PERSONAL_FIELDS));

  constructor(readonly keyring: Keyring) {}

  /** Adds the personal fields of a form schema: every property whose schema has a personal format. */
  addSchema(schema: unknown): void {
    const walk = (node: unknown, name: string | null): void => {
      if (!node || typeof node !== 'object') return;
      if (Array.isArray(node)) return node.forEach((n) => walk(n, name));
      const n = node as Record<string, unknown>;
      const kind = typeof n.format === 'string' ? FORMAT_KINDS[n.format] : undefined;
      if (kind && name) this.fields.set(name, kind);
      for (const [k, v] of Object.entries(n)) {
        if (k === 'properties' && v && typeof v === 'object') for (const [prop, s] of Object.entries(v)) walk(s, prop);
        else if (k === 'items' || k === 'additionalProperties') walk(v, name);
        else if (v && typeof v === 'object') walk(v, null);
      }
    };
    walk(schema, null);
  }

  kindOf(field: string): PersonalKind | undefined {
    return this.fields.get(field);
  }

  /** The keyed hash an ID number is looked up by (registry keys, the application's applicant). */
  lookupKey(idNumber: string): string {
    return this.keyring.hash(idNumber.trim().toUpperCase());
  }

  encrypt(value: string): string;
  encrypt(value: string | null | undefined): string | null;
  encrypt(value: string | null | undefined): string | null {
    return value == null ? null : this.keyring.encrypt(value);
  }

  /** Clear text of a sealed column value; a value written before sealing (not sealed) is returned as it is. */
  decrypt(value: string): string;
  decrypt(value: string | null | undefined): string | null;
  decrypt(value: string | null | undefined): string | null {
    if (value == null) return null;
    return value.startsWith(SEALED_PREFIX) ? this.keyring.decrypt(value) : value;
  }

  private mustSeal(key: string, s: string): boolean {
    // A text that merely looks sealed is sealed as well, so everything read back with the prefix is ours.
    return this.fields.has(key) || s.startsWith(SEALED_PREFIX) || (ELEVEN_DIGITS.test(s) && personalIn(s).length > 0);
  }

  /** JSON text for the store with personal values sealed. */
  toJson(value: unknown): string {
    // One ciphertext per distinct value within a document: engine state repeats the variables many times.
    const sealed = new Map<string, string>();
    const seal = (v: string) => sealed.get(v) ?? (sealed.set(v, this.keyring.encrypt(v)), sealed.get(v)!);
    return JSON.stringify(value ?? null, (key, v) => (typeof v === 'string' && this.mustSeal(key, v) ? seal(v) : v));
  }

  /** JSON text from the store with personal values clear again. */
  fromJson<T>(text: unknown): T {
    if (text === null || text === undefined) return null as T;
    if (typeof text !== 'string') return this.unseal(text) as T;
    if (!text.includes(SEALED_PREFIX)) return JSON.parse(text) as T;
    const clear = new Map<string, string>();
    const open = (v: string) => clear.get(v) ?? (clear.set(v, this.keyring.decrypt(v)), clear.get(v)!);
    return JSON.parse(text, (_key, v) => (typeof v === 'string' && v.startsWith(SEALED_PREFIX) ? open(v) : v)) as T;
  }

  /** A copy with personal values sealed (for values kept as objects). */
  seal<T>(value: T): T {
    return JSON.parse(this.toJson(value)) as T;
  }

  unseal<T>(value: T): T {
    return this.fromJson<T>(JSON.stringify(value ?? null));
  }

  /** A copy fit for lists, exports and logs: personal values masked (first 4 + last 4 of an ID number, 138****5678). */
  mask<T>(value: T): T {
    const maskText = (key: string, s: string): string => {
      const kind = this.fields.get(key);
      if (kind) return kind === 'mobile' ? maskMobile(s) : maskIdNumber(s);
      return maskInText(s);
    };
    const walk = (v: unknown, key: string): unknown => {
      if (typeof v === 'string') return maskText(key, v);
      if (Array.isArray(v)) return v.map((x) => walk(x, key));
      if (v && typeof v === 'object') return Object.fromEntries(Object.entries(v).map(([k, x]) => [k, walk(x, k)]));
      return v;
    };
    return walk(value, '') as T;
  }
}

/** Masks every ID or mobile number inside a text (log lines, messages). */
export function maskInText(text: string): string {
  let out = text;
  for (const { value, kind } of personalIn(text)) out = out.split(value).join(kind === 'mobile' ? maskMobile(value) : maskIdNumber(value));
  return out;
}
