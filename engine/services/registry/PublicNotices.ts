import type { Knex } from 'knex';
import { ValidationError } from '../../errors.ts';
import { insertOnce } from './insertOnce.ts';
import type { PersonalData } from '../privacy/index.ts';
import { maskIdNumber } from '../privacy/mask.ts';

/** Why a person is considered for 通报 (SC26-54): absent without leave, or the training not completed. */
export const NOTICE_REASONS = { ABSENT: '无故缺勤(缺考)', TRAINING_INCOMPLETE: '未完成培训考核' } as const;
/** 「在一定范围内」: how far the 通报 goes is the province's choice (AMB-30). */
export const NOTICE_SCOPES = { UNIT: '推荐单位范围内', CITY: '市(州)范围内', PROVINCE: '全省范围内' } as const;
export type NoticeReason = keyof typeof NOTICE_REASONS;
export type NoticeScope = keyof typeof NOTICE_SCOPES;

export interface PublicNoticeInput {
  idNumber: string;
  name: string;
  orgId: string | null;
  cityCode: string | null;
  provinceCode: string;
  year: number;
  reason: string;
  scope: string;
  clause: string;
  opinion?: string | null;
  decidedBy?: string | null;
  packageHash?: string | null;
  idempotencyKey: string;
}

export interface PublicNotice {
  id: number;
  idNumberMasked: string;
  name: string;
  orgId: string | null;
  cityCode: string | null;
  provinceCode: string;
  year: number;
  reason: NoticeReason;
  scope: NoticeScope;
  clause: string;
  opinion: string | null;
  decidedBy: string | null;
  packageHash: string | null;
  createdAt: string;
}

const has = <T extends object>(o: T, k: unknown): k is keyof T => typeof k === 'string' && Object.hasOwn(o, k);

/** The registry's 通报 of persons: recorded once per decision (a job may run twice), never holding the ID number in clear. */
export class PublicNotices {
  constructor(
    private readonly knex: Knex,
    private readonly personal: PersonalData,
    private readonly now: () => number,
  ) {}

  async record(input: PublicNoticeInput): Promise<PublicNotice> {
    if (!has(NOTICE_REASONS, input.reason)) throw new ValidationError(`通报事由应为 ${Object.keys(NOTICE_REASONS).join('、')} 之一`, String(input.reason));
    if (!has(NOTICE_SCOPES, input.scope)) throw new ValidationError(`通报范围应为 ${Object.entries(NOTICE_SCOPES).map(([k, v]) => `${k}(${v})`).join('、')} 之一`, String(input.scope));
    if (!input.name?.trim()) throw new ValidationError('通报人员姓名不能为空');
    await insertOnce(
      this.knex,
      'person_public_notices',
      {
        person_id_number: this.personal.lookupKey(input.idNumber),
        id_number_masked: maskIdNumber(input.idNumber),
        person_name: input.name.trim().slice(0, 64),
        org_id: input.orgId,
        city_code: input.cityCode,
        province_code: input.provinceCode,
        year: input.year,
        reason: input.reason,
        scope: input.scope,
        clause: input.clause,
        opinion: input.opinion ?? null,
        decided_by: input.decidedBy ?? null,
        package_hash: input.packageHash ?? null,
        created_at: new Date(this.now()).toISOString(),
      },
      input.idempotencyKey,
    );
    return toNotice(await this.knex('person_public_notices').where({ idempotency_key: input.idempotencyKey }).first());
  }

  async list(q: { provinceCode?: string; year?: number; idNumber?: string }): Promise<PublicNotice[]> {
    const query = this.knex('person_public_notices').orderBy('id');
    if (q.provinceCode) query.where('province_code', q.provinceCode);
    if (q.year !== undefined) query.where('year', q.year);
    if (q.idNumber) query.where('person_id_number', this.personal.lookupKey(q.idNumber));
    return (await query).map(toNotice);
  }
}

function toNotice(r: Record<string, any>): PublicNotice {
  return {
    id: Number(r.id),
    idNumberMasked: r.id_number_masked,
    name: r.person_name,
    orgId: r.org_id ?? null,
    cityCode: r.city_code ?? null,
    provinceCode: r.province_code,
    year: Number(r.year),
    reason: r.reason,
    scope: r.scope,
    clause: r.clause,
    opinion: r.opinion ?? null,
    decidedBy: r.decided_by ?? null,
    packageHash: r.package_hash ?? null,
    createdAt: r.created_at,
  };
}
