import type { MatrixRole } from './callers.ts';
import type { Expect } from './matrix.ts';

/**
 * Where today's server still answers differently from the matrix, each with the change that removes
 * it. A row that differs and is not listed here fails the matrix; so does an entry here that no row
 * matches any more (the fix has landed: delete the entry). `MATRIX_STRICT=true` ignores this list.
 */
export interface KnownDifference {
  /** the branch or issue item whose change removes the difference */
  fixedBy: string;
  why: string;
  endpoint: string;
  expected: Expect;
  /** what the server answers instead (several when it depends on which other fixes have landed) */
  got: Expect | Expect[];
  roles?: MatrixRole[];
  /** a piece of the block's `about`, when only some blocks of the endpoint differ */
  about?: string;
}

export const KNOWN_DIFFERENCES: KnownDifference[] = [
];

export function matchesKnown(k: KnownDifference, d: { endpoint: string; about: string; role: MatrixRole; expected: Expect; got: Expect }): boolean {
  return k.endpoint === d.endpoint && k.expected === d.expected && (Array.isArray(k.got) ? k.got.includes(d.got) : k.got === d.got) && (!k.roles || k.roles.includes(d.role)) && (!k.about || d.about.includes(k.about));
}
