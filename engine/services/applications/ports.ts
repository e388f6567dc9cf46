import type { Readable } from 'node:stream';

/** Structural views of the collaborators the application service uses (wired in the composition root). */

export interface FormError {
  pointer: string;
  field?: string;
  message: string;
  keyword?: string;
  clause?: string;
}

export interface FormRuntime {
  validate(schema: Record<string, unknown>, data: unknown): { valid: boolean; errors: FormError[] };
  checkAttachments(
    schema: Record<string, unknown>,
    data: unknown,
    uploaded: Array<{ kind: string; mimeType: string; size: number }>,
  ): Array<{ kind?: string; message: string; clause?: string }>;
  attachmentSpec(schema: Record<string, unknown>, kind: string): { kind: string; label: string; accept?: string[]; maxBytes?: number } | undefined;
}

export interface RecommenderFacts {
  id: string;
  name: string;
  regionCode: string;
  cityCode: string;
  filingStatus: string;
  filingAcceptedDate?: string | null;
  isUndelegatedProvincialInChengdu: boolean;
  recommendationSuspendedUntil?: string | null;
}

export interface RegistryPort {
  getRecommenderFacts(orgId: string, asOf: string): Promise<RecommenderFacts>;
  getPersonFacts(idNumber: string, asOf: string): Promise<unknown>;
  getOrganisationFacts(orgId: string, asOf: string): Promise<RecommenderFacts & { level: string | null; occupations: string[] }>;
}

export interface AttachmentStoragePort {
  save(stream: Readable, opts: { maxBytes: number }): Promise<{ storageKey: string; size: number; sha256: string }>;
  open(storageKey: string): Readable;
  remove(storageKey: string): Promise<void>;
}

/** Reads a stored upload whole and names its real type; null (with a reason) when it is none of the accepted ones. */
export type UploadInspector = (path: string) => Promise<{ mimeType: string | null; reason?: string }>;
