import type { Family, MatrixRole, Scope } from './callers.ts';
import type { Resources } from './given.ts';
import { SAMPLE_ORGANISATIONS_XLSX, XLSX_TYPE } from './sampleFiles.ts';

/**
 * The access matrix: for every endpoint, who may call it on which resource, and what they get.
 *
 * Conventions (issue 8): anonymous → 401; a role the endpoint is not for → 403, whatever the
 * resource; a resource outside the caller's scope → 404 for everyone, never 403 (so no answer
 * confirms that it exists); allowed → the success status. A write that names a region by its
 * content (a package's manifest, a calendar region, the issuer of an imported card) and not by an
 * existing resource discloses nothing, so a region the caller does not govern there is 403.
 *
 * `listed` / `unlisted`: a list endpoint answers 200 and does / does not contain the row's resource.
 * Callers per (role, scope) are in callers.ts; the resources in given.ts. Rows expecting a failure
 * are walked before the allowed ones, so a refused write that changed anything breaks the allowed row.
 */
export type Expect = number | 'listed' | 'unlisted';
export type Row = [MatrixRole, Scope, Expect];

export interface MatrixRequest {
  path: string;
  query?: Record<string, string | number | boolean>;
  body?: unknown;
  /** multipart upload of a small valid PDF as this attachment kind */
  upload?: { kind: string };
  /** multipart upload of another file, with these text fields */
  file?: { content: Buffer; filename: string; contentType: string; fields: Record<string, string> };
}

export interface Block {
  /** METHOD and the OpenAPI path, e.g. `GET /api/applications/{id}` */
  endpoint: string;
  /** what the rows are about */
  about: string;
  family: Family;
  /** `fresh`: each row signs in anew (the request ends its session); `none`: no session at all. */
  session?: 'fresh' | 'none';
  /** The endpoint is served but not part of the OpenAPI document. */
  undocumented?: boolean;
  /** Blocks with the same key change one resource: they run one after another, in table order. */
  serial?: string;
  request(r: Partial<Resources>, caller: string | null): MatrixRequest;
  listed?(body: unknown, r: Partial<Resources>): boolean;
  rows: Row[];
}

type ByScope = Partial<Record<Scope, Expect>>;
/** One role's expectations per scope. */
const by = (role: MatrixRole, scopes: ByScope): Row[] => Object.entries(scopes).map(([scope, expect]) => [role, scope as Scope, expect!]);
const anonymous = (expect: Expect): Row[] => [['anonymous', 'anonymous', expect]];
const need = <K extends keyof Resources>(r: Partial<Resources>, k: K): Resources[K] => {
  if (r[k] === undefined) throw new Error(`the given setup has no ${String(k)} for this family`);
  return r[k] as Resources[K];
};
const items = (body: unknown): Array<Record<string, unknown>> => (Array.isArray(body) ? body : ((body as { items?: unknown[] })?.items ?? [])) as Array<Record<string, unknown>>;
const hasId = (body: unknown, key: string, id: unknown) => items(body).some((x) => x[key] === id);

// ---------------------------------------------------------------- recurring rows, named by who may

const everyone = (expect: number, anon: number): Row[] => [
  ...by('applicant', { unscoped: expect }),
  ...by('org_applicant', { unscoped: expect }),
  ...by('unit_reviewer', { unscoped: expect }),
  ...by('city_reviewer', { unscoped: expect }),
  ...by('province_reviewer', { unscoped: expect }),
  ...by('policy_editor', { unscoped: expect }),
  ...by('admin', { unscoped: expect }),
  ...anonymous(anon),
];

/** Staff of every kind are refused an applicant's endpoint, whichever resource they name. */
const staffRefused = (family: Family): Row[] =>
  family === 'sichuan'
    ? [
        ...by('unit_reviewer', { same_org: 403, same_city: 403, same_province: 403, other_province: 403 }),
        ...by('city_reviewer', { same_city: 403, same_province: 403, other_province: 403 }),
        ...by('province_reviewer', { same_province: 403, other_province: 403 }),
        ...by('policy_editor', { same_province: 403, other_province: 403 }),
        ...by('admin', { same_province: 403, other_province: 403 }),
      ]
    : [
        ...by('unit_reviewer', { same_city: 403, other_province: 403 }),
        ...by('city_reviewer', { same_city: 403, other_province: 403 }),
        ...by('province_reviewer', { same_province: 403, other_province: 403 }),
        ...by('policy_editor', { same_province: 403, other_province: 403 }),
        ...by('admin', { same_province: 403, other_province: 403 }),
      ];

/** Only the owner may; every other applicant is told it does not exist; staff are refused. */
const ownerOnly = (family: Family, ok: Expect, others: Expect = 404): Row[] =>
  family === 'sichuan'
    ? [
        ...by('applicant', { own: ok, same_city: others, same_province: others, other_province: others }),
        ...by('org_applicant', { other_province: others }),
        ...staffRefused(family),
        ...anonymous(401),
      ]
    : [
        ...by('applicant', { same_city: others, other_province: others }),
        ...by('org_applicant', { own: ok, same_city: others, other_province: others }),
        ...staffRefused(family),
        ...anonymous(401),
      ];

/**
 * Reading a submitted application: its applicant, the recommending unit, the centre of its city, the
 * province's reviewers and admins. The endpoint serves every signed-in role and a policy editor's
 * scope holds no applications, so for a policy editor every application is out of scope (404).
 */
const applicationReaders = (family: Family): Row[] =>
  family === 'sichuan'
    ? [
        ...by('applicant', { own: 200, same_city: 404, same_province: 404, other_province: 404 }),
        ...by('org_applicant', { other_province: 404 }),
        ...by('unit_reviewer', { same_org: 200, same_city: 404, same_province: 404, other_province: 404 }),
        ...by('city_reviewer', { same_city: 200, same_province: 404, other_province: 404 }),
        ...by('province_reviewer', { same_province: 200, other_province: 404 }),
        ...by('policy_editor', { same_province: 404, other_province: 404 }),
        ...by('admin', { same_province: 200, other_province: 404 }),
        ...anonymous(401),
      ]
    : [
        ...by('applicant', { same_city: 404, other_province: 404 }),
        ...by('org_applicant', { own: 200, same_city: 404, other_province: 404 }),
        // the organisation applies itself: there is no recommending unit
        ...by('unit_reviewer', { same_city: 404, other_province: 404 }),
        ...by('city_reviewer', { same_city: 200, other_province: 404 }),
        ...by('province_reviewer', { same_province: 200, other_province: 404 }),
        ...by('policy_editor', { same_province: 404, other_province: 404 }),
        ...by('admin', { same_province: 200, other_province: 404 }),
        ...anonymous(401),
      ];

type Step = 'unit' | 'city' | 'province';
/**
 * A task by id: only reviewers of its step's candidate group (the unit, the city centre, the
 * province centre) — everyone else in the review chain is told it does not exist; applicants,
 * policy editors and admins are not who the inbox is for.
 */
const taskHolders = (family: Family, step: Step, ok: Expect, out: Expect = 404): Row[] => {
  const nonReviewers: Row[] = [
    ...(family === 'sichuan'
      ? [...by('applicant', { own: 403, same_city: 403, same_province: 403, other_province: 403 }), ...by('org_applicant', { other_province: 403 })]
      : [...by('applicant', { same_city: 403, other_province: 403 }), ...by('org_applicant', { own: 403, same_city: 403, other_province: 403 })]),
    ...by('policy_editor', { same_province: 403, other_province: 403 }),
    ...by('admin', { same_province: 403, other_province: 403 }),
    ...anonymous(401),
  ];
  const is = (s: Step) => (s === step ? ok : out);
  if (family === 'sichuan') {
    return [
      ...nonReviewers,
      ...by('unit_reviewer', { same_org: is('unit'), same_city: out, same_province: out, other_province: out }),
      ...by('city_reviewer', { same_city: is('city'), same_province: out, other_province: out }),
      ...by('province_reviewer', { same_province: is('province'), other_province: out }),
    ];
  }
  return [
    ...nonReviewers,
    ...by('unit_reviewer', { same_city: out, other_province: out }),
    ...by('city_reviewer', { same_city: is('city'), other_province: out }),
    ...by('province_reviewer', { same_province: is('province'), other_province: out }),
  ];
};

/** Everyone but the given roles is refused; those roles get `same` in the family's province and `other` outside it. */
const onlyRoles = (family: Family, roles: Partial<Record<'city_reviewer' | 'province_reviewer' | 'policy_editor' | 'admin', [Expect, Expect]>>): Row[] => {
  const s = family === 'sichuan';
  const rows: Row[] = [
    ...(s
      ? [...by('applicant', { own: 403, same_city: 403, same_province: 403, other_province: 403 }), ...by('org_applicant', { other_province: 403 })]
      : [...by('applicant', { same_city: 403, other_province: 403 }), ...by('org_applicant', { own: 403, same_city: 403, other_province: 403 })]),
    ...(s ? by('unit_reviewer', { same_org: 403, same_city: 403, same_province: 403, other_province: 403 }) : by('unit_reviewer', { same_city: 403, other_province: 403 })),
    ...anonymous(401),
  ];
  const city = roles.city_reviewer;
  rows.push(...(s ? by('city_reviewer', city ? { same_city: city[0], same_province: city[0], other_province: city[1] } : { same_city: 403, same_province: 403, other_province: 403 }) : by('city_reviewer', city ? { same_city: city[0], other_province: city[1] } : { same_city: 403, other_province: 403 })));
  for (const role of ['province_reviewer', 'policy_editor', 'admin'] as const) {
    const e = roles[role];
    rows.push(...by(role, e ? { same_province: e[0], other_province: e[1] } : { same_province: 403, other_province: 403 }));
  }
  return rows;
};

// ---------------------------------------------------------------- the table

export const MATRIX: Block[] = [
  // ------------------------------------------------------------ accounts and sessions
  {
    endpoint: 'POST /api/session',
    about: 'signing in: each account with its own password; anonymous with a wrong password',
    family: 'unscoped',
    session: 'none',
    request: (_r, caller) => ({ path: '/api/session', body: caller ? { username: caller, password: 'Demo@2026' } : { username: 'zhangwei', password: 'not-the-password' } }),
    rows: everyone(201, 401),
  },
  {
    endpoint: 'DELETE /api/session',
    about: 'signing out (a fresh session per row)',
    family: 'unscoped',
    session: 'fresh',
    request: () => ({ path: '/api/session' }),
    rows: everyone(204, 401),
  },
  { endpoint: 'GET /api/session', about: 'the current session and its CSRF token', family: 'unscoped', request: () => ({ path: '/api/session' }), rows: everyone(200, 401) },
  {
    endpoint: 'DELETE /api/sessions',
    about: 'signing out everywhere (throw-away accounts: every session of the caller ends)',
    family: 'signOutEverywhere',
    session: 'fresh',
    request: () => ({ path: '/api/sessions' }),
    rows: everyone(204, 401),
  },
  { endpoint: 'GET /api/me', about: 'the caller itself', family: 'unscoped', request: () => ({ path: '/api/me' }), rows: everyone(200, 401) },
  { endpoint: 'GET /api/me/notifications', about: 'the caller’s own reminders', family: 'unscoped', request: () => ({ path: '/api/me/notifications' }), rows: everyone(200, 401) },

  {
    endpoint: 'PUT /api/me/password',
    about: 'changing one\'s own password (throw-away accounts)',
    family: 'changePassword',
    session: 'fresh',
    request: () => ({ path: '/api/me/password', body: { currentPassword: 'Demo@2026', newPassword: 'Mx7#changed-2026' } }),
    rows: everyone(204, 401),
  },
  ...(['sichuan', 'gansu'] as const).map(
    (family): Block => ({
      endpoint: 'PUT /api/admin/accounts/{username}/password',
      about: `an admin resets the password of an applicant registered in the ${family} province`,
      family,
      request: (r) => ({ path: `/api/admin/accounts/${need(r, 'resetTarget')}/password`, body: {} }),
      rows: onlyRoles(family, { admin: [200, 404] }),
    }),
  ),
  {
    endpoint: 'PUT /api/admin/accounts/{username}/assignment',
    about: 'setting the 绵阳 city reviewer to what it is (city reviewer of 510700): admins of Sichuan; to another province the account does not exist',
    family: 'sichuan',
    request: () => ({ path: '/api/admin/accounts/city-mianyang/assignment', body: { role: 'city_reviewer', regionCode: '510700' } }),
    rows: onlyRoles('sichuan', { admin: [200, 404] }),
  },
  // Disabling, enabling and ending the sessions of the same applicant, in this order, so it ends enabled.
  ...(['sichuan', 'gansu'] as const).flatMap((family): Block[] =>
    (
      [
        ['POST', 'disable', 'disables'],
        ['POST', 'enable', 'enables again'],
        ['DELETE', 'sessions', 'ends every session of'],
      ] as const
    ).map(([method, tail, verb]) => ({
      endpoint: `${method} /api/admin/accounts/{username}/${tail}`,
      about: `an admin ${verb} the account of an applicant registered in the ${family} province (already so: 200 again)`,
      family,
      serial: `${family} account state`,
      request: (r: Partial<Resources>) => ({ path: `/api/admin/accounts/${need(r, 'resetTarget')}/${tail}` }),
      rows: onlyRoles(family, { admin: [200, 404] }),
    })),
  ),
  { endpoint: 'GET /api/health', about: 'health (public)', family: 'unscoped', request: () => ({ path: '/api/health' }), rows: everyone(200, 200) },
  { endpoint: 'GET /api/openapi.json', about: 'the API description (public)', family: 'unscoped', undocumented: true, request: () => ({ path: '/api/openapi.json' }), rows: everyone(200, 200) },

  // ------------------------------------------------------------ open calls, packages, schedules
  { endpoint: 'GET /api/calls', about: 'open calls (public)', family: 'unscoped', request: () => ({ path: '/api/calls' }), rows: everyone(200, 200) },
  {
    endpoint: 'GET /api/calls/{hash}/forms/{formId}',
    about: "an open call's application form and upload rules (any signed-in user)",
    family: 'unscoped',
    request: (r) => ({ path: `/api/calls/${need(r, 'packageHash')}/forms/application` }),
    rows: everyone(200, 401),
  },
  {
    endpoint: 'GET /api/packages/{hash}/schedule',
    about: "an active package's schedule (public)",
    family: 'unscoped',
    request: (r) => ({ path: `/api/packages/${need(r, 'packageHash')}/schedule` }),
    rows: everyone(200, 200),
  },
  ...(['sichuan', 'gansu'] as const).flatMap((family): Block[] => [
    {
      endpoint: 'GET /api/packages',
      about: `the list holds the ${family} package to its province's staff (a city's staff see their province's packages)`,
      family,
      request: () => ({ path: '/api/packages' }),
      listed: (body, r) => hasId(body, 'hash', r.packageHash),
      rows: onlyRoles(family, { city_reviewer: ['listed', 'unlisted'], province_reviewer: ['listed', 'unlisted'], policy_editor: ['listed', 'unlisted'], admin: ['listed', 'unlisted'] }),
    },
    {
      endpoint: 'GET /api/packages/{hash}',
      about: `details of the ${family} package follow the list's region rule`,
      family,
      request: (r) => ({ path: `/api/packages/${need(r, 'packageHash')}` }),
      rows: onlyRoles(family, { city_reviewer: [200, 404], province_reviewer: [200, 404], policy_editor: [200, 404], admin: [200, 404] }),
    },
    {
      endpoint: 'GET /api/packages/{hash}/files/{path}',
      about: `a file of the ${family} package (its main BPMN) follows the details' region rule`,
      family,
      request: (r) => ({ path: `/api/packages/${need(r, 'packageHash')}/files/process.bpmn` }),
      rows: onlyRoles(family, { city_reviewer: [200, 404], province_reviewer: [200, 404], policy_editor: [200, 404], admin: [200, 404] }),
    },
    {
      endpoint: 'POST /api/packages/{hash}/activate',
      about: `activating the ${family} package (already active: activating again is allowed)`,
      family,
      request: (r) => ({ path: `/api/packages/${need(r, 'packageHash')}/activate` }),
      rows: onlyRoles(family, { admin: [200, 404] }),
    },
  ]),
  {
    endpoint: 'POST /api/packages',
    about: 'deploying the Sichuan 2026 package from deployments/ (already deployed: 200); the region is named by its manifest',
    family: 'sichuan',
    request: (r) => ({ path: '/api/packages', body: { source: need(r, 'packageSource') } }),
    rows: onlyRoles('sichuan', { policy_editor: [200, 403], admin: [200, 403] }),
  },
  {
    endpoint: 'GET /api/admin/accounts',
    about: 'the staff accounts, each admin seeing those of his province (the scope itself: adminAccounts browser test)',
    family: 'sichuan',
    request: () => ({ path: '/api/admin/accounts' }),
    rows: onlyRoles('sichuan', { admin: [200, 200] }),
  },
  {
    endpoint: 'POST /api/admin/accounts',
    about: 'creating a city reviewer account for 绵阳 (510700): only by an admin of Sichuan; a region named in the body the caller does not govern is 403',
    family: 'sichuan',
    request: (_r, caller) => ({ path: '/api/admin/accounts', body: { username: `matrix-${(caller ?? 'anonymous').replace(/[^A-Za-z0-9_.-]/g, '')}-${Math.random().toString(36).slice(2, 8)}`, displayName: '访问矩阵审核人', role: 'city_reviewer', regionCode: '510700' } }),
    rows: onlyRoles('sichuan', { admin: [201, 403] }),
  },
  {
    endpoint: 'GET /api/audit/verification',
    about: 'verifying the audit hash chain (it spans every region and names rows only by position)',
    family: 'sichuan',
    request: () => ({ path: '/api/audit/verification' }),
    rows: onlyRoles('sichuan', { admin: [200, 200] }),
  },
  {
    endpoint: 'GET /api/scheduled-jobs',
    about: 'the scheduled jobs, each admin seeing those of his province (the scope itself: scheduledJobs.e2e)',
    family: 'sichuan',
    request: () => ({ path: '/api/scheduled-jobs' }),
    rows: onlyRoles('sichuan', { admin: [200, 200] }),
  },
  {
    endpoint: 'POST /api/packages/{hash}/tryouts',
    about: 'a try-out of a Sichuan 2026 scenario on a scratch platform',
    family: 'sichuan',
    request: (r) => ({ path: `/api/packages/${need(r, 'packageHash')}/tryouts`, body: { scenarioFile: 'ineligible-stale-unit.json' } }),
    rows: onlyRoles('sichuan', { policy_editor: [200, 404], admin: [200, 404] }),
  },
  {
    endpoint: 'GET /api/packages/{hash}/plans',
    about: 'the plans the Sichuan 2024 renewal must publish by a date, with their publication records',
    family: 'sichuan',
    request: (r) => ({ path: `/api/packages/${need(r, 'renewalPackageHash')}/plans` }),
    rows: onlyRoles('sichuan', { policy_editor: [200, 404], admin: [200, 404] }),
  },
  {
    endpoint: 'PUT /api/packages/{hash}/plans/{windowId}/publication',
    about: 'recording the November renewal plan of Sichuan as published',
    family: 'sichuan',
    serial: 'plan-publication',
    request: (r) => ({ path: `/api/packages/${need(r, 'renewalPackageHash')}/plans/plan-2024-11/publication`, body: { publishedOn: '2024-11-08', reference: '川职鉴〔2024〕30号' } }),
    rows: onlyRoles('sichuan', { admin: [200, 404] }),
  },
  {
    endpoint: 'GET /api/registry/unit-penalties',
    about: 'the province’s penalty decisions on recommending units (通报 list), each centre seeing its region (the scope itself: planPublication.e2e)',
    family: 'sichuan',
    request: () => ({ path: '/api/registry/unit-penalties' }),
    rows: onlyRoles('sichuan', { city_reviewer: [200, 200], province_reviewer: [200, 200], admin: [200, 200] }),
  },
  {
    endpoint: 'GET /api/registry/public-notices',
    about: 'the province’s 通报 of persons (SC26-54), each centre seeing its region (the scope itself: personNotice.e2e)',
    family: 'sichuan',
    request: () => ({ path: '/api/registry/public-notices' }),
    rows: onlyRoles('sichuan', { city_reviewer: [200, 200], province_reviewer: [200, 200], admin: [200, 200] }),
  },
  {
    endpoint: 'GET /api/package-diffs',
    about: 'the diff of two Sichuan versions (2021 → 2026)',
    family: 'sichuan',
    request: (r) => ({ path: '/api/package-diffs', query: { from: need(r, 'olderPackageHash'), to: need(r, 'packageHash') } }),
    rows: onlyRoles('sichuan', { policy_editor: [200, 404], admin: [200, 404] }),
  },
  {
    endpoint: 'POST /api/package-replays',
    about: 'replaying Sichuan 2026 applications under the 2021 rules',
    family: 'sichuan',
    request: (r) => ({ path: '/api/package-replays', body: { fromHash: need(r, 'packageHash'), toHash: need(r, 'olderPackageHash'), ruleSet: 'eligibility' } }),
    rows: onlyRoles('sichuan', { policy_editor: [200, 404], admin: [200, 404] }),
  },

  // ------------------------------------------------------------ package drafts (issue 11): policy editors write, the region's admins read and publish
  {
    endpoint: 'GET /api/draft-templates',
    about: 'the templates a new package draft starts from',
    family: 'unscoped',
    request: () => ({ path: '/api/draft-templates' }),
    rows: [
      ...by('applicant', { unscoped: 403 }),
      ...by('org_applicant', { unscoped: 403 }),
      ...by('unit_reviewer', { unscoped: 403 }),
      ...by('city_reviewer', { unscoped: 403 }),
      ...by('province_reviewer', { unscoped: 403 }),
      ...by('policy_editor', { unscoped: 200 }),
      ...by('admin', { unscoped: 200 }),
      ...anonymous(401),
    ],
  },
  ...(['sichuan', 'gansu'] as const).flatMap((family): Block[] => [
    {
      endpoint: 'GET /api/drafts',
      about: `the ${family} package draft is listed to that province's policy editors and admins only`,
      family,
      request: () => ({ path: '/api/drafts' }),
      listed: (body, r) => hasId(body, 'id', r.packageDraft),
      rows: onlyRoles(family, { policy_editor: ['listed', 'unlisted'], admin: ['listed', 'unlisted'] }),
    },
    {
      endpoint: 'GET /api/drafts/{id}',
      about: `the ${family} package draft with its files and problems, to that province's policy editors and admins`,
      family,
      request: (r) => ({ path: `/api/drafts/${need(r, 'packageDraft')}` }),
      rows: onlyRoles(family, { policy_editor: [200, 404], admin: [200, 404] }),
    },
  ]),
  {
    endpoint: 'GET /api/drafts/{id}/files/{path}',
    about: "a file of the Sichuan package draft (path percent-encoded as one segment)",
    family: 'sichuan',
    request: (r) => ({ path: `/api/drafts/${need(r, 'packageDraft')}/files/${encodeURIComponent('forms/application.schema.json')}` }),
    rows: onlyRoles('sichuan', { policy_editor: [200, 404], admin: [200, 404] }),
  },
  {
    endpoint: 'POST /api/drafts/{id}/rules/{ruleSet}/evaluate',
    about: "试算 of the Sichuan package draft's rule set on a sample (a read: nothing stored)",
    family: 'sichuan',
    request: (r) => ({ path: `/api/drafts/${need(r, 'packageDraft')}/rules/eligibility/evaluate`, body: { facts: { application: { name: '张伟', workYears: 6 } }, asOf: '2026-03-02' } }),
    rows: onlyRoles('sichuan', { policy_editor: [200, 404], admin: [200, 404] }),
  },
  {
    endpoint: 'GET /api/drafts/{id}/rules/applicants',
    about: 'past applications a Sichuan draft may be tried on (ID numbers masked)',
    family: 'sichuan',
    request: (r) => ({ path: `/api/drafts/${need(r, 'packageDraft')}/rules/applicants` }),
    rows: onlyRoles('sichuan', { policy_editor: [200, 404], admin: [200, 404] }),
  },
  {
    endpoint: 'GET /api/drafts/{id}/task-templates',
    about: "the modeler's task templates of a Sichuan draft (its rule sets, the region's organisations as candidate groups)",
    family: 'sichuan',
    request: (r) => ({ path: `/api/drafts/${need(r, 'packageDraft')}/task-templates` }),
    rows: onlyRoles('sichuan', { policy_editor: [200, 404], admin: [200, 404] }),
  },
  {
    endpoint: 'POST /api/drafts',
    about: 'cloning the 2021 Sichuan version into a 2026 draft: a version the caller cannot see does not exist',
    family: 'sichuan',
    request: (r) => ({ path: '/api/drafts', body: { fromHash: need(r, 'olderPackageHash'), year: 2026, packageId: 'matrix-sc-clone-2026' } }),
    rows: onlyRoles('sichuan', { policy_editor: [201, 404] }),
  },
  {
    endpoint: 'POST /api/drafts',
    about: 'a draft from a template for Sichuan: the region is named by the request, so another province is refused (403)',
    family: 'sichuan',
    request: () => ({ path: '/api/drafts', body: { template: 'empty', packageId: 'matrix-sc-template', procedure: 'matrix-check', region: { code: '510000', name: '四川省' }, year: 2027, title: '访问矩阵模板草稿' } }),
    rows: onlyRoles('sichuan', { policy_editor: [201, 403] }),
  },
  {
    endpoint: 'PUT /api/drafts/{id}/files/{path}',
    about: 'saving a file of a Sichuan draft at the revision it was read at',
    family: 'sichuan',
    request: (r) => ({ path: `/api/drafts/${need(r, 'saveDraft')}/files/${encodeURIComponent('rules/notes.md')}`, body: { content: '# 修订说明\n', revision: 1 } }),
    rows: onlyRoles('sichuan', { policy_editor: [200, 404] }),
  },
  {
    endpoint: 'DELETE /api/drafts/{id}/files/{path}',
    about: 'deleting a file of a Sichuan draft at the revision it was read at',
    family: 'sichuan',
    request: (r) => ({ path: `/api/drafts/${need(r, 'fileDeleteDraft')}/files/${encodeURIComponent('forms/application.ui.json')}`, query: { revision: 1 } }),
    rows: onlyRoles('sichuan', { policy_editor: [200, 404] }),
  },
  {
    endpoint: 'POST /api/drafts/{id}/publish',
    about: 'a Sichuan policy editor publishes a valid draft as a version',
    family: 'sichuan',
    request: (r) => ({ path: `/api/drafts/${need(r, 'publishDraft')}/publish`, body: { revision: 1 } }),
    rows: onlyRoles('sichuan', { policy_editor: [201, 404], admin: [403, 404] }).filter(([role, scope]) => !(role === 'admin' && scope === 'same_province')),
  },
  {
    endpoint: 'POST /api/drafts/{id}/publish',
    about: "a Sichuan admin publishes another valid draft of the province",
    family: 'sichuan',
    request: (r) => ({ path: `/api/drafts/${need(r, 'adminPublishDraft')}/publish`, body: { revision: 1 } }),
    rows: by('admin', { same_province: 201 }),
  },
  {
    endpoint: 'DELETE /api/drafts/{id}',
    about: 'deleting a Sichuan draft: its policy editors only',
    family: 'sichuan',
    request: (r) => ({ path: `/api/drafts/${need(r, 'deleteDraft')}` }),
    rows: onlyRoles('sichuan', { policy_editor: [204, 404] }),
  },

  {
    endpoint: 'GET /api/tryout-applicants',
    about: 'the demo applicants a try-out scenario can start from',
    family: 'unscoped',
    request: () => ({ path: '/api/tryout-applicants' }),
    rows: [
      ...by('applicant', { unscoped: 403 }),
      ...by('org_applicant', { unscoped: 403 }),
      ...by('unit_reviewer', { unscoped: 403 }),
      ...by('city_reviewer', { unscoped: 403 }),
      ...by('province_reviewer', { unscoped: 403 }),
      ...by('policy_editor', { unscoped: 200 }),
      ...by('admin', { unscoped: 200 }),
      ...anonymous(401),
    ],
  },
  {
    endpoint: 'POST /api/drafts/{id}/tryouts',
    about: 'a try-out of a scenario of a Sichuan draft (cloned from 2021) on a scratch platform, without publishing it',
    family: 'sichuan',
    request: (r) => ({ path: `/api/drafts/${need(r, 'tryoutDraft')}/tryouts`, body: { scenarioFile: 'ineligible-category-3.json' } }),
    rows: onlyRoles('sichuan', { policy_editor: [200, 404], admin: [200, 404] }),
  },
  {
    endpoint: 'POST /api/drafts/{id}/tryout-coverage',
    about: 'the coverage map of a Sichuan draft: the role and region are checked before any scenario runs (a missing draft: 404)',
    family: 'unscoped',
    request: (r) => ({ path: `/api/drafts/${need(r, 'missingId')}/tryout-coverage`, body: { scenarioFiles: ['ineligible-category-3.json'] } }),
    rows: [
      ...by('applicant', { unscoped: 403 }),
      ...by('org_applicant', { unscoped: 403 }),
      ...by('unit_reviewer', { unscoped: 403 }),
      ...by('city_reviewer', { unscoped: 403 }),
      ...by('province_reviewer', { unscoped: 403 }),
      ...by('policy_editor', { unscoped: 404 }),
      ...by('admin', { unscoped: 404 }),
      ...anonymous(401),
    ],
  },
  {
    endpoint: 'POST /api/packages/{hash}/tryout-coverage',
    about: 'the scenario results of a version before activation: role and region checked before any scenario runs (a missing version: 404)',
    family: 'unscoped',
    request: (r) => ({ path: `/api/packages/${need(r, 'missingHash')}/tryout-coverage`, body: { scenarioFiles: ['ineligible-category-3.json'] } }),
    rows: [
      ...by('applicant', { unscoped: 403 }),
      ...by('org_applicant', { unscoped: 403 }),
      ...by('unit_reviewer', { unscoped: 403 }),
      ...by('city_reviewer', { unscoped: 403 }),
      ...by('province_reviewer', { unscoped: 403 }),
      ...by('policy_editor', { unscoped: 404 }),
      ...by('admin', { unscoped: 404 }),
      ...anonymous(401),
    ],
  },
  ...(['sichuan', 'gansu'] as const).map(
    (family): Block => ({
      endpoint: 'GET /api/packages/{hash}/activation',
      about: `what activating the ${family} package changes (admins of the province only)`,
      family,
      request: (r) => ({ path: `/api/packages/${need(r, 'packageHash')}/activation` }),
      rows: onlyRoles(family, { admin: [200, 404] }),
    }),
  ),

  // ------------------------------------------------------------ applications
  ...(['sichuan', 'gansu'] as const).flatMap((family): Block[] => [
    {
      endpoint: 'GET /api/applications',
      about: `the applicant's own list holds the ${family} application for its owner only`,
      family,
      request: () => ({ path: '/api/applications', query: { limit: 100 } }),
      listed: (body, r) => hasId(body, 'id', r.app),
      rows: ownerOnly(family, 'listed', 'unlisted'),
    },
    { endpoint: 'GET /api/applications/{id}', about: `the submitted ${family} application`, family, request: (r) => ({ path: `/api/applications/${need(r, 'app')}` }), rows: applicationReaders(family) },
    { endpoint: 'GET /api/applications/{id}/status', about: `status of the submitted ${family} application`, family, request: (r) => ({ path: `/api/applications/${need(r, 'app')}/status` }), rows: applicationReaders(family) },
    {
      endpoint: 'GET /api/applications/{id}/attachments/{attachmentId}',
      about: `an attachment of the submitted ${family} application`,
      family,
      request: (r) => ({ path: `/api/applications/${need(r, 'app')}/attachments/${need(r, 'appAttachment')}` }),
      rows: applicationReaders(family),
    },
    {
      endpoint: 'GET /api/applications/{id}',
      about: `a ${family} draft: nobody but its owner sees a draft`,
      family,
      request: (r) => ({ path: `/api/applications/${need(r, 'draft')}` }),
      rows: family === 'sichuan'
        ? [
            ...by('applicant', { own: 200, same_city: 404, same_province: 404, other_province: 404 }),
            ...by('org_applicant', { other_province: 404 }),
            ...by('unit_reviewer', { same_org: 404, same_city: 404, same_province: 404, other_province: 404 }),
            ...by('city_reviewer', { same_city: 404, same_province: 404, other_province: 404 }),
            ...by('province_reviewer', { same_province: 404, other_province: 404 }),
            ...by('policy_editor', { same_province: 404, other_province: 404 }),
            ...by('admin', { same_province: 404, other_province: 404 }),
            ...anonymous(401),
          ]
        : [
            ...by('applicant', { same_city: 404, other_province: 404 }),
            ...by('org_applicant', { own: 200, same_city: 404, other_province: 404 }),
            ...by('unit_reviewer', { same_city: 404, other_province: 404 }),
            ...by('city_reviewer', { same_city: 404, other_province: 404 }),
            ...by('province_reviewer', { same_province: 404, other_province: 404 }),
            ...by('policy_editor', { same_province: 404, other_province: 404 }),
            ...by('admin', { same_province: 404, other_province: 404 }),
            ...anonymous(401),
          ],
    },
    { endpoint: 'PUT /api/applications/{id}/data', about: `saving the ${family} draft (its own data again)`, family, request: (r) => ({ path: `/api/applications/${need(r, 'draft')}/data`, body: need(r, 'draftData') }), rows: ownerOnly(family, 200) },
    { endpoint: 'POST /api/applications/{id}/check', about: `checking the ${family} draft`, family, request: (r) => ({ path: `/api/applications/${need(r, 'draft')}/check` }), rows: ownerOnly(family, 200) },
    {
      endpoint: 'POST /api/applications/{id}/attachments',
      about: `uploading to the ${family} draft`,
      family,
      request: (r) => ({ path: `/api/applications/${need(r, 'draft')}/attachments`, upload: { kind: need(r, 'attachmentKind') } }),
      rows: ownerOnly(family, 201),
    },
    {
      endpoint: 'DELETE /api/applications/{id}/attachments/{attachmentId}',
      about: `removing an attachment of the ${family} draft`,
      family,
      request: (r) => ({ path: `/api/applications/${need(r, 'draft')}/attachments/${need(r, 'draftAttachment')}` }),
      rows: ownerOnly(family, 204),
    },
  ]),
  {
    endpoint: 'POST /api/applications',
    about: 'a draft for the open Sichuan 2026 call (an applicant may answer any open call)',
    family: 'unscoped',
    request: (r) => ({ path: '/api/applications', body: { packageHash: need(r, 'packageHash'), data: {} } }),
    rows: [
      ...by('applicant', { unscoped: 201 }),
      ...by('org_applicant', { unscoped: 201 }),
      ...by('unit_reviewer', { unscoped: 403 }),
      ...by('city_reviewer', { unscoped: 403 }),
      ...by('province_reviewer', { unscoped: 403 }),
      ...by('policy_editor', { unscoped: 403 }),
      ...by('admin', { unscoped: 403 }),
      ...anonymous(401),
    ],
  },
  { endpoint: 'POST /api/applications/{id}/submit', about: 'submitting a complete Sichuan draft', family: 'sichuan', request: (r) => ({ path: `/api/applications/${need(r, 'submitDraft')}/submit` }), rows: ownerOnly('sichuan', 202) },
  { endpoint: 'POST /api/applications/{id}/withdraw', about: 'withdrawing a Sichuan application before any decision', family: 'sichuan', request: (r) => ({ path: `/api/applications/${need(r, 'withdrawApp')}/withdraw` }), rows: ownerOnly('sichuan', 200) },
  {
    endpoint: 'POST /api/applications/{id}/resubmit',
    about: 'resubmitting a Sichuan application sent back for correction',
    family: 'sichuan',
    request: (r) => ({ path: `/api/applications/${need(r, 'returnedApp')}/resubmit`, body: { data: need(r, 'returnedData') } }),
    rows: ownerOnly('sichuan', 200),
  },
  {
    endpoint: 'POST /api/applications/{id}/actions/{actionId}',
    about: 'a leave request on an admitted Sichuan application',
    family: 'sichuan',
    request: (r) => ({ path: `/api/applications/${need(r, 'admittedApp')}/actions/${need(r, 'actionId')}`, body: { data: need(r, 'actionData') } }),
    rows: ownerOnly('sichuan', 202),
  },

  // ------------------------------------------------------------ the inbox
  ...(
    [
      ['sichuan', 'unit', 'unitTask'],
      ['sichuan', 'city', 'cityTask'],
      ['sichuan', 'province', 'provinceTask'],
      ['gansu', 'province', 'provinceTask'],
    ] as const
  ).flatMap(([family, step, task]): Block[] => [
    {
      endpoint: 'GET /api/tasks',
      about: `the inbox holds a ${family} ${step}-step task for that step's reviewers only`,
      family,
      request: () => ({ path: '/api/tasks', query: { pageSize: 100 } }),
      listed: (body, r) => hasId(body, 'id', r[task]),
      rows: taskHolders(family, step, 'listed', 'unlisted'),
    },
    { endpoint: 'GET /api/tasks/{id}', about: `a ${family} ${step}-step task`, family, request: (r) => ({ path: `/api/tasks/${need(r, task)}` }), rows: taskHolders(family, step, 200) },
    { endpoint: 'POST /api/tasks/{id}/claim', about: `claiming a ${family} ${step}-step task`, family, request: (r) => ({ path: `/api/tasks/${need(r, task)}/claim` }), rows: taskHolders(family, step, 200) },
  ]),
  {
    endpoint: 'POST /api/tasks/{id}/unclaim',
    about: 'releasing a Sichuan unit-step task claimed by its unit reviewer',
    family: 'sichuan',
    request: (r) => ({ path: `/api/tasks/${need(r, 'unclaimTask')}/unclaim` }),
    rows: taskHolders('sichuan', 'unit', 200),
  },
  {
    endpoint: 'POST /api/tasks/{id}/complete',
    about: 'approving a Sichuan unit-step task',
    family: 'sichuan',
    request: (r) => ({ path: `/api/tasks/${need(r, 'completeTask')}/complete`, body: { decision: 'approve', opinion: '材料齐全,同意推荐。' } }),
    rows: taskHolders('sichuan', 'unit', 200),
  },

  // ------------------------------------------------------------ resources that do not exist
  // The role is checked before the lookup: a role an endpoint is not for gets 403 whether or not the
  // resource exists (so 403 / 404 never tells it apart), and the roles it is for get 404.
  {
    endpoint: 'GET /api/applications/{id}',
    about: 'an application that does not exist',
    family: 'unscoped',
    request: (r) => ({ path: `/api/applications/${need(r, 'missingId')}` }),
    rows: [
      ...by('applicant', { unscoped: 404 }),
      ...by('org_applicant', { unscoped: 404 }),
      ...by('unit_reviewer', { unscoped: 404 }),
      ...by('city_reviewer', { unscoped: 404 }),
      ...by('province_reviewer', { unscoped: 404 }),
      ...by('policy_editor', { unscoped: 404 }),
      ...by('admin', { unscoped: 404 }),
      ...anonymous(401),
    ],
  },
  {
    endpoint: 'PUT /api/applications/{id}/data',
    about: 'saving a draft that does not exist',
    family: 'unscoped',
    request: (r) => ({ path: `/api/applications/${need(r, 'missingId')}/data`, body: {} }),
    rows: [
      ...by('applicant', { unscoped: 404 }),
      ...by('org_applicant', { unscoped: 404 }),
      ...by('unit_reviewer', { unscoped: 403 }),
      ...by('city_reviewer', { unscoped: 403 }),
      ...by('province_reviewer', { unscoped: 403 }),
      ...by('policy_editor', { unscoped: 403 }),
      ...by('admin', { unscoped: 403 }),
      ...anonymous(401),
    ],
  },
  {
    endpoint: 'GET /api/tasks/{id}',
    about: 'a task that does not exist',
    family: 'unscoped',
    request: (r) => ({ path: `/api/tasks/${need(r, 'missingKey')}` }),
    rows: [
      ...by('applicant', { unscoped: 403 }),
      ...by('org_applicant', { unscoped: 403 }),
      ...by('unit_reviewer', { unscoped: 404 }),
      ...by('city_reviewer', { unscoped: 404 }),
      ...by('province_reviewer', { unscoped: 404 }),
      ...by('policy_editor', { unscoped: 403 }),
      ...by('admin', { unscoped: 403 }),
      ...anonymous(401),
    ],
  },
  {
    endpoint: 'GET /api/packages/{hash}',
    about: 'a package version that does not exist',
    family: 'unscoped',
    request: (r) => ({ path: `/api/packages/${need(r, 'missingHash')}` }),
    rows: [
      ...by('applicant', { unscoped: 403 }),
      ...by('org_applicant', { unscoped: 403 }),
      ...by('unit_reviewer', { unscoped: 403 }),
      ...by('city_reviewer', { unscoped: 404 }),
      ...by('province_reviewer', { unscoped: 404 }),
      ...by('policy_editor', { unscoped: 404 }),
      ...by('admin', { unscoped: 404 }),
      ...anonymous(401),
    ],
  },
  {
    endpoint: 'POST /api/incidents/{key}/resolve',
    about: 'an incident that does not exist',
    family: 'unscoped',
    request: (r) => ({ path: `/api/incidents/${need(r, 'missingKey')}/resolve`, body: { retries: 1 } }),
    rows: [
      ...by('applicant', { unscoped: 403 }),
      ...by('org_applicant', { unscoped: 403 }),
      ...by('unit_reviewer', { unscoped: 403 }),
      ...by('city_reviewer', { unscoped: 403 }),
      ...by('province_reviewer', { unscoped: 403 }),
      ...by('policy_editor', { unscoped: 403 }),
      ...by('admin', { unscoped: 404 }),
      ...anonymous(401),
    ],
  },

  // ------------------------------------------------------------ directories and the person registry
  {
    endpoint: 'GET /api/cases/startable',
    about: "the requests a reviewer may start (SC26-08 of the Sichuan package): Sichuan's city centres see it, other provinces' do not; roles that start nothing are refused",
    family: 'sichuan',
    request: () => ({ path: '/api/cases/startable' }),
    listed: (body, r) => hasId(body, 'packageHash', r.packageHash),
    rows: [
      ...by('applicant', { own: 403, same_city: 403, same_province: 403, other_province: 403 }),
      ...by('org_applicant', { other_province: 403 }),
      ...by('unit_reviewer', { same_org: 'unlisted', same_city: 'unlisted', same_province: 'unlisted', other_province: 'unlisted' }),
      ...by('city_reviewer', { same_city: 'listed', same_province: 'listed', other_province: 'unlisted' }),
      ...by('province_reviewer', { same_province: 'unlisted', other_province: 'unlisted' }),
      ...by('policy_editor', { same_province: 403, other_province: 403 }),
      ...by('admin', { same_province: 403, other_province: 403 }),
      ...anonymous(401),
    ],
  },
  {
    endpoint: 'POST /api/cases',
    about: "a Sichuan city centre's request to join the province's classes (SC26-08): Sichuan's city centres start it (once per request id); reviewers of other roles are refused; another province's reviewers are told the package does not exist",
    family: 'sichuan',
    request: (r) => ({
      path: '/api/cases',
      body: { packageHash: need(r, 'packageHash'), bpmnProcessId: 'sc26-provincial-class-request', requestId: 'matrix-case-request-1', data: { reason: '本市师资与场地不足以组织考评员培训', traineeCount: 12 } },
    }),
    rows: [
      ...by('applicant', { own: 403, same_city: 403, same_province: 403, other_province: 403 }),
      ...by('org_applicant', { other_province: 403 }),
      ...by('unit_reviewer', { same_org: 403, same_city: 403, same_province: 403, other_province: 404 }),
      ...by('city_reviewer', { same_city: 201, same_province: 201, other_province: 404 }),
      ...by('province_reviewer', { same_province: 403, other_province: 404 }),
      ...by('policy_editor', { same_province: 403, other_province: 403 }),
      ...by('admin', { same_province: 403, other_province: 403 }),
      ...anonymous(401),
    ],
  },
  { endpoint: 'GET /api/organisations', about: 'the directory of organisations (any signed-in account)', family: 'unscoped', request: () => ({ path: '/api/organisations' }), rows: everyone(200, 401) },
  {
    endpoint: 'POST /api/registry/sanctions',
    about: 'entering a 通报 against a Sichuan organisation (the same reference each time: imported once)',
    family: 'sichuan',
    request: () => ({ path: '/api/registry/sanctions', body: { sanctions: [{ subjectType: 'org', subjectId: 'org-dy-stale', kind: 'RECOMMENDATION_REVOKED', clause: 'SC26-50', startsOn: '2026-01-05', permanent: true, reason: '多次推荐被退回,予以通报', reference: '川职鉴〔2026〕通报1号' }] } }),
    rows: onlyRoles('sichuan', { admin: [201, 404] }),
  },
  {
    endpoint: 'PUT /api/organisations/{id}',
    about: 'rewriting a Sichuan organisation as it stands (绵阳市技师学院): the admins of Sichuan only; to another province it does not exist',
    family: 'sichuan',
    request: () => ({
      path: '/api/organisations/org-my-filed',
      body: { name: '绵阳市技师学院(已备案评价机构)', regionCode: '510703', cityCode: '510700', provinceCode: '510000', level: 'city', filingStatus: 'FILED', filingAcceptedDate: '2023-03-01', filedDate: '2023-05-10', isUndelegatedProvincialInChengdu: false, recommendationSuspendedUntil: null, occupations: ['4-01-02-01'] },
    }),
    rows: onlyRoles('sichuan', { admin: [200, 404] }),
  },
  {
    endpoint: 'GET /api/admin/organisations',
    about: "the admin console's organisations: each admin sees his region's (绵阳市技师学院 to Sichuan's, not to another province's)",
    family: 'sichuan',
    request: () => ({ path: '/api/admin/organisations' }),
    listed: (body) => hasId(body, 'id', 'org-my-filed'),
    rows: onlyRoles('sichuan', { admin: ['listed', 'unlisted'] }),
  },
  {
    endpoint: 'GET /api/admin/organisation-imports/template.xlsx',
    about: 'the import template (the same file for every admin)',
    family: 'sichuan',
    request: () => ({ path: '/api/admin/organisation-imports/template.xlsx' }),
    rows: onlyRoles('sichuan', { admin: [200, 200] }),
  },
  {
    endpoint: 'POST /api/admin/organisation-imports',
    about: 'importing a sheet holding 绵阳市技师学院 as it stands: applied for Sichuan; for another province the row is out of its region, so the file has a problem and nothing is written (422)',
    family: 'sichuan',
    request: () => ({ path: '/api/admin/organisation-imports', file: { content: SAMPLE_ORGANISATIONS_XLSX, filename: '机构名录.xlsx', contentType: XLSX_TYPE, fields: { mode: 'apply' } } }),
    rows: onlyRoles('sichuan', { admin: [200, 422] }),
  },
  {
    endpoint: 'POST /api/registry/person-lookups',
    about: "张伟's registry facts (an application in 绵阳 under a Sichuan package): staff of his city and province",
    family: 'sichuan',
    request: (r) => ({ path: '/api/registry/person-lookups', body: { idNumber: need(r, 'personId') } }),
    rows: [
      ...by('applicant', { own: 403, same_city: 403, same_province: 403, other_province: 403 }),
      ...by('org_applicant', { other_province: 403 }),
      ...by('unit_reviewer', { same_org: 403, same_city: 403, same_province: 403, other_province: 403 }),
      ...by('city_reviewer', { same_city: 200, same_province: 404, other_province: 404 }),
      ...by('province_reviewer', { same_province: 200, other_province: 404 }),
      ...by('policy_editor', { same_province: 200, other_province: 404 }),
      ...by('admin', { same_province: 200, other_province: 404 }),
      ...anonymous(401),
    ],
  },
  {
    endpoint: 'POST /api/registry/person-records',
    about: "entering records for 张伟 (known in Sichuan): Sichuan's admins only",
    family: 'sichuan',
    request: (r) => ({ path: '/api/registry/person-records', body: { idNumber: need(r, 'personId'), name: '张伟' } }),
    rows: onlyRoles('sichuan', { admin: [200, 404] }),
  },

  // ------------------------------------------------------------ working-day calendar
  {
    endpoint: 'GET /api/calendar/days',
    about: 'the public working-day calendar of a region',
    family: 'unscoped',
    request: () => ({ path: '/api/calendar/days', query: { from: '2030-05-01', to: '2030-05-10', region: '510700' } }),
    rows: everyone(200, 200),
  },
  {
    endpoint: 'GET /api/calendar/deadline',
    about: 'a public deadline computation',
    family: 'unscoped',
    request: () => ({ path: '/api/calendar/deadline', query: { anchor: '2030-05-01', amount: 5, unit: 'WD', counting: 'C1', region: '510700' } }),
    rows: everyone(200, 200),
  },
  ...(['sichuan', 'gansu'] as const).flatMap((family): Block[] => [
    {
      endpoint: 'GET /api/admin/calendar',
      about: `the ${family} calendar entry is listed to that province's admins and policy editors`,
      family,
      request: () => ({ path: '/api/admin/calendar' }),
      listed: (body, r) => ((body as { overrides?: Array<{ regionCode: string; date: string }> }).overrides ?? []).some((o) => o.regionCode === r.region && o.date === r.calendarDate),
      rows: onlyRoles(family, { policy_editor: ['listed', 'unlisted'], admin: ['listed', 'unlisted'] }),
    },
    {
      endpoint: 'PUT /api/admin/calendar/overrides/{date}',
      about: `an entry in the ${family} calendar (the region is named in the body)`,
      family,
      request: (r) => ({ path: '/api/admin/calendar/overrides/2030-05-13', body: { working: false, note: '访问矩阵', region: need(r, 'region') } }),
      rows: onlyRoles(family, { admin: [200, 403] }),
    },
    {
      endpoint: 'DELETE /api/admin/calendar/overrides/{date}',
      about: `removing an entry of the ${family} calendar`,
      family,
      request: (r) => ({ path: '/api/admin/calendar/overrides/2030-05-13', query: { region: need(r, 'region') } }),
      rows: onlyRoles(family, { admin: [204, 403] }),
    },
    {
      endpoint: 'PUT /api/admin/calendar/published-years/{year}',
      about: `declaring a year of the ${family} calendar (not) complete`,
      family,
      request: (r) => ({ path: '/api/admin/calendar/published-years/2030', body: { published: false, region: need(r, 'region') } }),
      rows: onlyRoles(family, { admin: [204, 403] }),
    },
  ]),

  // ------------------------------------------------------------ operations
  ...(['sichuan', 'gansu'] as const).flatMap((family): Block[] => [
    {
      endpoint: 'GET /api/incidents',
      about: `an incident of a ${family} instance is listed to that province's admins only`,
      family,
      request: () => ({ path: '/api/incidents' }),
      listed: (body, r) => hasId(body, 'key', r.incident),
      rows: onlyRoles(family, { admin: ['listed', 'unlisted'] }),
    },
    {
      endpoint: 'GET /api/audit',
      about: `the audit entries of the ${family} application, to that province's admins only`,
      family,
      request: (r) => ({ path: '/api/audit', query: { entityType: 'application', entityId: need(r, 'app'), limit: 500 } }),
      listed: (body, r) => hasId(body, 'entityId', r.app),
      rows: onlyRoles(family, { admin: ['listed', 'unlisted'] }),
    },
    {
      endpoint: 'GET /api/incidents/{key}',
      about: `one incident of a ${family} instance with its variables, to that province's admins only`,
      family,
      request: (r) => ({ path: `/api/incidents/${need(r, 'incident')}` }),
      rows: onlyRoles(family, { admin: [200, 404] }),
    },
    {
      endpoint: 'GET /api/audit',
      about: `the ${family} application's incident actions (action prefix), to that province's admins only`,
      family,
      request: (r) => ({ path: '/api/audit', query: { applicationId: need(r, 'app'), action: 'application.', limit: 500 } }),
      listed: (body, r) => hasId(body, 'applicationId', r.app),
      rows: onlyRoles(family, { admin: ['listed', 'unlisted'] }),
    },
    {
      endpoint: 'PUT /api/incidents/{key}/variables',
      about: `correcting a variable of the ${family} instance with an incident, before it is resolved`,
      family,
      serial: `${family} incident`,
      request: (r) => ({ path: `/api/incidents/${need(r, 'incident')}/variables`, body: { variables: { matrixNote: '访问矩阵测试' } } }),
      rows: onlyRoles(family, { admin: [200, 404] }),
    },
    {
      endpoint: 'POST /api/incidents/{key}/resolve',
      about: `resolving the incident of a ${family} instance`,
      family,
      serial: `${family} incident`,
      request: (r) => ({ path: `/api/incidents/${need(r, 'incident')}/resolve`, body: { retries: 1 } }),
      rows: onlyRoles(family, { admin: [204, 404] }),
    },
  ]),
  // ------------------------------------------------------------ 流程实例, 热力图, instance migration (issue 12)
  ...(['sichuan', 'gansu'] as const).flatMap((family): Block[] => [
    {
      endpoint: 'GET /api/admin/instances',
      about: `the instances of the ${family} version, to that province's admins only`,
      family,
      request: (r) => ({ path: '/api/admin/instances', query: { package: need(r, 'packageHash') } }),
      rows: onlyRoles(family, { admin: [200, 404] }),
    },
    {
      endpoint: 'GET /api/admin/instances/{id}',
      about: `the ${family} application's instance (diagram, masked variables, timeline), to that province's admins only`,
      family,
      request: (r) => ({ path: `/api/admin/instances/${need(r, 'app')}` }),
      rows: onlyRoles(family, { admin: [200, 404] }),
    },
    {
      endpoint: 'GET /api/admin/heatmap',
      about: `the heatmap of the ${family} version, to that province's admins only`,
      family,
      request: (r) => ({ path: '/api/admin/heatmap', query: { package: need(r, 'packageHash') } }),
      rows: onlyRoles(family, { admin: [200, 404] }),
    },
    {
      endpoint: 'POST /api/admin/instance-migrations/check',
      about: `checking a migration of the ${family} version (onto itself: refused as invalid once in scope)`,
      family,
      request: (r) => ({ path: '/api/admin/instance-migrations/check', body: { fromHash: need(r, 'packageHash'), toHash: need(r, 'packageHash'), mappings: {} } }),
      rows: onlyRoles(family, { admin: [400, 404] }),
    },
    {
      endpoint: 'POST /api/admin/instance-migrations',
      about: `migrating instances of the ${family} version (onto itself: refused as invalid once in scope, nothing moves)`,
      family,
      request: (r) => ({ path: '/api/admin/instance-migrations', body: { fromHash: need(r, 'packageHash'), toHash: need(r, 'packageHash'), mappings: {} } }),
      rows: onlyRoles(family, { admin: [400, 404] }),
    },
  ]),
  // ------------------------------------------------------------ reviewer application list and 汇总表 export
  {
    endpoint: 'GET /api/review/applications',
    about: "a Sichuan application at its unit step, listed for the reviewers of its unit, city and province only",
    family: 'sichuan',
    request: () => ({ path: '/api/review/applications', query: { pageSize: 100 } }),
    listed: (body, r) => hasId(body, 'id', r.app),
    rows: [
      ...by('applicant', { own: 403, same_city: 403, same_province: 403, other_province: 403 }),
      ...by('org_applicant', { other_province: 403 }),
      ...by('unit_reviewer', { same_org: 'listed', same_city: 'unlisted', same_province: 'unlisted', other_province: 'unlisted' }),
      ...by('city_reviewer', { same_city: 'listed', same_province: 'unlisted', other_province: 'unlisted' }),
      ...by('province_reviewer', { same_province: 'listed', other_province: 'unlisted' }),
      ...by('policy_editor', { same_province: 403, other_province: 403 }),
      ...by('admin', { same_province: 'listed', other_province: 'unlisted' }),
      ...anonymous(401),
    ],
  },
  {
    endpoint: 'GET /api/review/packages',
    about: "the 2021 Sichuan package with its 汇总表, listed for Sichuan's reviewers only",
    family: 'sichuan',
    request: () => ({ path: '/api/review/packages' }),
    listed: (body, r) => hasId(body, 'packageHash', r.olderPackageHash),
    rows: [
      ...by('applicant', { own: 403, same_city: 403, same_province: 403, other_province: 403 }),
      ...by('org_applicant', { other_province: 403 }),
      ...by('unit_reviewer', { same_org: 'listed', same_city: 'listed', same_province: 'listed', other_province: 'unlisted' }),
      ...by('city_reviewer', { same_city: 'listed', same_province: 'listed', other_province: 'unlisted' }),
      ...by('province_reviewer', { same_province: 'listed', other_province: 'unlisted' }),
      ...by('policy_editor', { same_province: 403, other_province: 403 }),
      ...by('admin', { same_province: 'listed', other_province: 'unlisted' }),
      ...anonymous(401),
    ],
  },
  {
    endpoint: 'GET /api/review/exports/{exportId}.xlsx',
    about: "the 2021 Sichuan 汇总表 (seed 000 附件2): Sichuan's reviewers get the table of their scope, another province's the 404 of a package they cannot see",
    family: 'sichuan',
    request: (r) => ({ path: '/api/review/exports/examinerTraining.xlsx', query: { package: need(r, 'olderPackageHash') } }),
    rows: [
      ...by('applicant', { own: 403, same_city: 403, same_province: 403, other_province: 403 }),
      ...by('org_applicant', { other_province: 403 }),
      ...by('unit_reviewer', { same_org: 200, same_city: 200, same_province: 200, other_province: 404 }),
      ...by('city_reviewer', { same_city: 200, same_province: 200, other_province: 404 }),
      ...by('province_reviewer', { same_province: 200, other_province: 404 }),
      ...by('policy_editor', { same_province: 403, other_province: 403 }),
      ...by('admin', { same_province: 200, other_province: 404 }),
      ...anonymous(401),
    ],
  },
  // ------------------------------------------------------------ reviewer task detail, diagram, transfer, batch
  {
    endpoint: 'GET /api/tasks/{id}/diagram',
    about: 'the diagram data (BPMN, path taken, who decided) of a Sichuan unit-step task, for its holders only',
    family: 'sichuan',
    request: (r) => ({ path: `/api/tasks/${need(r, 'unitTask')}/diagram` }),
    rows: taskHolders('sichuan', 'unit', 200),
  },
  {
    endpoint: 'GET /api/tasks/{id}/colleagues',
    about: 'whom a Sichuan unit-step task may be transferred to, told to its holders only',
    family: 'sichuan',
    request: (r) => ({ path: `/api/tasks/${need(r, 'unitTask')}/colleagues` }),
    rows: taskHolders('sichuan', 'unit', 200),
  },
  {
    endpoint: 'POST /api/tasks/{id}/transfer',
    about: "transferring a Sichuan unit-step task to someone outside its group: the holder is told why (422), nobody else learns it exists",
    family: 'sichuan',
    request: (r) => ({ path: `/api/tasks/${need(r, 'unitTask')}/transfer`, body: { toUsername: 'city-mianyang', opinion: '请协助办理' } }),
    rows: taskHolders('sichuan', 'unit', 422),
  },
  {
    endpoint: 'POST /api/tasks/batch-complete',
    about: 'a batch naming a task nobody holds: every reviewer gets a per-item result (failed, not found), other roles are refused',
    family: 'sichuan',
    request: () => ({ path: '/api/tasks/batch-complete', body: { taskIds: ['00000000-0000-4000-8000-000000000000'], decision: 'approve', opinion: '同意' } }),
    rows: [
      ...by('applicant', { own: 403, same_city: 403, same_province: 403, other_province: 403 }),
      ...by('org_applicant', { other_province: 403 }),
      ...by('unit_reviewer', { same_org: 200, same_city: 200, same_province: 200, other_province: 200 }),
      ...by('city_reviewer', { same_city: 200, same_province: 200, other_province: 200 }),
      ...by('province_reviewer', { same_province: 200, other_province: 200 }),
      ...by('policy_editor', { same_province: 403, other_province: 403 }),
      ...by('admin', { same_province: 403, other_province: 403 }),
      ...anonymous(401),
    ],
  },
];
