import type { Knex } from 'knex';
import { ForbiddenError, NotFoundError, UnprocessableError, ValidationError } from '../../errors.ts';
import type { CaseStartedBy } from '../../packages/packageTypes.ts';
import type { ProcessEngine } from '../../port/ProcessEngine.ts';
import type { Db } from '../../store/createDb.ts';
import { shanghaiDate } from '../time/clock.ts';
import { assertRole, ROLE_LABELS, type Actor } from '../actor.ts';
import { regionCovers } from '../actorScope.ts';
import type { PackageService } from '../packages/PackageService.ts';
import type { RegistryService } from '../registry/RegistryService.ts';

/** A request a reviewer may start: one `case` process of an active package version, with its form. */
export interface StartableCase {
  packageHash: string;
  packageId: string;
  packageTitle: string;
  bpmnProcessId: string;
  title: string;
  form: { id: string; title: string; schema: Record<string, unknown>; ui: Record<string, unknown> };
}

export interface StartedCase {
  processInstanceKey: string;
  packageHash: string;
  bpmnProcessId: string;
  requestId: string;
  title: string;
}

/** Who started a case, as its task shows it. */
export interface CaseRequester {
  username: string;
  displayName: string;
  role: string;
  regionCode: string | null;
}

const REVIEWERS = ['unit_reviewer', 'city_reviewer', 'province_reviewer'] as const;
const REQUEST_ID = /^[A-Za-z0-9_-]{8,64}$/;
const MAX_REQUEST_BYTES = 64 * 1024;

/**
 * Cases a reviewer starts by filling a form (LC20-37: a city reports an evaluation organisation to the province):
 * processes with role `case` and `startedBy` in their manifest, of active versions whose region covers the reviewer.
 * The start is idempotent per reviewer and request id (engine start key), so a retried submission is one case.
 */
export class CaseRequestService {
  private readonly knex: Knex;

  constructor(
    db: Db,
    private readonly d: {
      packages: Pick<PackageService, 'version'>;
      registry: Pick<RegistryService, 'getOrganisation' | 'getOrganisationFacts'>;
      forms: { validate(schema: Record<string, unknown>, data: unknown): { valid: boolean; errors: Array<{ pointer: string; field?: string; message: string; clause?: string }> } };
      engine: Pick<ProcessEngine, 'createInstance'>;
      audit: { append(entry: { actorId?: string | null; actorRole?: string | null; action: string; entityType: string; entityId: string; detail?: unknown; idempotencyKey?: string }): Promise<unknown> };
      now: () => number;
    },
  ) {
    this.knex = db.knex;
  }

  async startable(actor: Actor): Promise<StartableCase[]> {
    assertRole(actor, ...REVIEWERS);
    const out: StartableCase[] = [];
    for (const v of await this.activeVersions(actor)) {
      const pkg = await this.d.packages.version(v.hash);
      for (const p of pkg.manifest.processes) {
        if (p.role !== 'case' || !p.startedBy || !(p.startedBy.roles as string[]).includes(actor.role)) continue;
        const f = pkg.forms[p.startedBy.form];
        if (!f || !pkg.processKeys[p.bpmnProcessId]) continue;
        out.push({
          packageHash: v.hash,
          packageId: pkg.manifest.id,
          packageTitle: pkg.manifest.title,
          bpmnProcessId: p.bpmnProcessId,
          title: p.startedBy.title,
          form: { id: p.startedBy.form, title: f.title ?? p.startedBy.form, schema: f.schema, ui: (f.ui ?? {}) as Record<string, unknown> },
        });
      }
    }
    return out;
  }

  async start(actor: Actor, req: { packageHash: string; bpmnProcessId: string; data: Record<string, unknown>; requestId: string }): Promise<StartedCase> {
    assertRole(actor, ...REVIEWERS);
    if (!REQUEST_ID.test(req.requestId)) throw new ValidationError('请求编号不正确', '应为 8 至 64 位字母、数字、- 或 _', [{ pointer: '/requestId', field: 'requestId', message: '应为 8 至 64 位字母、数字、- 或 _' }]);
    // A version not active or outside the reviewer's region does not exist for them.
    const version = (await this.activeVersions(actor)).find((v) => v.hash === req.packageHash);
    if (!version) throw new NotFoundError('政策包版本', req.packageHash);
    const pkg = await this.d.packages.version(version.hash);
    const declared = pkg.manifest.processes.find((p) => p.bpmnProcessId === req.bpmnProcessId && p.role === 'case' && p.startedBy);
    const definitionKey = declared ? pkg.processKeys[declared.bpmnProcessId] : undefined;
    if (!declared?.startedBy || !definitionKey) throw new NotFoundError('可发起的申请', req.bpmnProcessId);
    const startedBy: CaseStartedBy = declared.startedBy;
    if (!(startedBy.roles as string[]).includes(actor.role)) throw new ForbiddenError(`「${startedBy.title}」只能由${startedBy.roles.map((r) => ROLE_LABELS[r]).join('、')}发起`);
    if (Buffer.byteLength(JSON.stringify(req.data ?? {})) > MAX_REQUEST_BYTES) throw new UnprocessableError('申请内容过大', `不超过 ${MAX_REQUEST_BYTES / 1024} KB`);
    const form = pkg.forms[startedBy.form]!;
    const result = this.d.forms.validate(form.schema, req.data);
    if (!result.valid) {
      throw new UnprocessableError(`「${startedBy.title}」填写不完整或不符合要求`, `共 ${result.errors.length} 处问题`, result.errors.map((e) => ({ pointer: e.pointer, field: e.field, message: e.message, clause: e.clause })));
    }
    const asOf = shanghaiDate(this.d.now());
    const organisation = startedBy.organisationField ? await this.organisationInRegion(actor, startedBy.organisationField, req.data[startedBy.organisationField], asOf) : null;
    const requester: CaseRequester = { username: actor.username, displayName: actor.displayName, role: actor.role, regionCode: actor.regionCode };
    const region = pkg.manifest.region.code;
    const { processInstanceKey } = await this.d.engine.createInstance({
      bpmnProcessId: declared.bpmnProcessId,
      definitionKey,
      // One case per reviewer and request id: a retried submission finds the case already started.
      startKey: `request:${actor.id}:${req.requestId}`,
      variables: {
        request: req.data,
        requestForm: startedBy.form,
        requester,
        ...(organisation ? { organisation } : {}),
        provinceCode: `${region.slice(0, 2)}0000`,
        packageHash: version.hash,
        parameters: Object.fromEntries(Object.entries(pkg.manifest.parameters ?? {}).map(([k, v]) => [k, v.value])),
      },
    });
    await this.d.audit.append({
      actorId: actor.id,
      actorRole: actor.role,
      action: 'case.requested',
      entityType: 'case',
      entityId: processInstanceKey,
      detail: { title: startedBy.title, packageHash: version.hash, bpmnProcessId: declared.bpmnProcessId, requestId: req.requestId, data: req.data, organisationId: organisation?.id ?? null },
      idempotencyKey: `case.requested:${actor.id}:${req.requestId}`,
    });
    return { processInstanceKey, packageHash: version.hash, bpmnProcessId: declared.bpmnProcessId, requestId: req.requestId, title: startedBy.title };
  }

  /** The organisation the request is about, if within the reviewer's region; any other id reads as unknown (no other region's names). */
  private async organisationInRegion(actor: Actor, field: string, id: unknown, asOf: string) {
    const refuse = () => new UnprocessableError('所选机构不在本地区的机构名录中', `字段 ${field}`, [{ pointer: `/${field}`, field, message: '请选择本地区机构名录中的机构' }]);
    if (typeof id !== 'string' || !id) throw refuse();
    const org = await this.d.registry.getOrganisation(id).catch((err) => {
      if (err instanceof NotFoundError) return null;
      throw err;
    });
    if (!org || !regionCovers(actor.regionCode, org.regionCode)) throw refuse();
    return this.d.registry.getOrganisationFacts(id, asOf);
  }

  /** Active versions whose region covers the reviewer (a province's package covers its cities). */
  private async activeVersions(actor: Actor): Promise<Array<{ hash: string; regionCode: string }>> {
    const rows = (await this.knex('package_versions as v').join('package_activations as a', 'a.package_hash', 'v.hash').select('v.hash', 'v.region_code')) as Array<{ hash: string; region_code: string }>;
    return rows.filter((r) => regionCovers(r.region_code, actor.regionCode)).map((r) => ({ hash: r.hash, regionCode: r.region_code }));
  }
}
