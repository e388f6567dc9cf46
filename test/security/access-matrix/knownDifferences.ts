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

const STAFF: MatrixRole[] = ['unit_reviewer', 'city_reviewer', 'province_reviewer', 'policy_editor', 'admin'];
const NOT_REVIEWERS: MatrixRole[] = ['applicant', 'org_applicant', 'policy_editor', 'admin'];
const OUT_OF_REGION_READERS: MatrixRole[] = ['unit_reviewer', 'city_reviewer', 'province_reviewer', 'policy_editor', 'admin'];

const applicantWrites = [
  'PUT /api/applications/{id}/data',
  'POST /api/applications/{id}/check',
  'POST /api/applications/{id}/attachments',
  'DELETE /api/applications/{id}/attachments/{attachmentId}',
  'POST /api/applications/{id}/submit',
  'POST /api/applications/{id}/withdraw',
  'POST /api/applications/{id}/resubmit',
];

export const KNOWN_DIFFERENCES: KnownDifference[] = [
  // issue 8 §5 (helper `session`): out of scope is 404 for everyone, a role the endpoint is not for is 403
  ...['GET /api/applications/{id}', 'GET /api/applications/{id}/status', 'GET /api/applications/{id}/attachments/{attachmentId}'].map(
    (endpoint): KnownDifference => ({ fixedBy: 'session (issue 8 §5)', why: "staff outside the application's scope get 403, which confirms it exists", endpoint, expected: 404, got: 403, roles: OUT_OF_REGION_READERS }),
  ),
  ...applicantWrites.map((endpoint): KnownDifference => ({ fixedBy: 'session (issue 8 §5)', why: "an applicant's endpoint answers staff 404 instead of 403 (the service looks the application up before the role)", endpoint, expected: 403, got: 404, roles: STAFF })),
  { fixedBy: 'session (issue 8 §5)', why: 'applicants, policy editors and admins get 200 (an empty inbox) from the reviewers-only inbox', endpoint: 'GET /api/tasks', expected: 403, got: 200, roles: NOT_REVIEWERS },
  ...['GET /api/tasks/{id}', 'POST /api/tasks/{id}/claim', 'POST /api/tasks/{id}/unclaim', 'POST /api/tasks/{id}/complete'].map(
    (endpoint): KnownDifference => ({ fixedBy: 'session (issue 8 §5)', why: 'a task by id answers roles the inbox is not for 404 instead of 403', endpoint, expected: 403, got: 404, roles: NOT_REVIEWERS }),
  ),
  { fixedBy: 'session (issue 8 §5)', why: "package details ignore the list's region rule: another province's version is shown", endpoint: 'GET /api/packages/{hash}', expected: 404, got: 200, roles: ['city_reviewer', 'province_reviewer', 'policy_editor', 'admin'] },
  { fixedBy: 'session (issue 8 §5)', why: "activating another province's version is 403, confirming it exists", endpoint: 'POST /api/packages/{hash}/activate', expected: 404, got: 403, roles: ['admin'] },
  { fixedBy: 'session (issue 8 §5)', why: "a diff of another province's versions is 403, confirming they exist", endpoint: 'GET /api/package-diffs', expected: 404, got: 403, roles: ['policy_editor', 'admin'] },
  { fixedBy: 'session (issue 8 §5)', why: "a replay of another province's versions is 403, confirming they exist", endpoint: 'POST /api/package-replays', expected: 404, got: 403, roles: ['policy_editor', 'admin'] },
  // issue 8 §4 (helper `session`): incidents scoped to the admin's region
  { fixedBy: 'session (issue 8 §4)', why: "an admin lists every province's incidents", endpoint: 'GET /api/incidents', expected: 'unlisted', got: 'listed', roles: ['admin'] },
  { fixedBy: 'session (issue 8 §4)', why: "an admin resolves another province's incident", endpoint: 'POST /api/incidents/{key}/resolve', expected: 404, got: 204, roles: ['admin'] },
  {
    fixedBy: 'session (issue 8 §4) and §10',
    why: "the province's own admin then finds the incident already resolved by the other province's admin: 500 for a resolved incident (404 once §10 is fixed)",
    endpoint: 'POST /api/incidents/{key}/resolve',
    expected: 204,
    got: [500, 404],
    roles: ['admin'],
  },
  // issue 8 §4 (helper `audit`): the audit log scoped to the admin's region
  { fixedBy: 'audit (issue 8 §4)', why: "an admin reads every province's audit entries", endpoint: 'GET /api/audit', expected: 'unlisted', got: 'listed', roles: ['admin'] },
];

export function matchesKnown(k: KnownDifference, d: { endpoint: string; about: string; role: MatrixRole; expected: Expect; got: Expect }): boolean {
  return k.endpoint === d.endpoint && k.expected === d.expected && (Array.isArray(k.got) ? k.got.includes(d.got) : k.got === d.got) && (!k.roles || k.roles.includes(d.role)) && (!k.about || d.about.includes(k.about));
}
