import type { Knex } from 'knex';
import type { AuditLog } from '../audit/AuditLog.ts';
import type { RegistryService } from '../registry/RegistryService.ts';

/** What a job handler gets: the job, the dates it reads, and the services it acts through. */
export interface CardJobContext {
  knex: Knex;
  registry: Pick<RegistryService, 'cancelCard'>;
  audit: Pick<AuditLog, 'append'>;
  nowIso: () => string;
  job: { key: string; packageId: string; regionCode: string; clause: string; title: string };
  cardKinds: string[];
  /** The cards' expiry range (the round's renewal-round window), both ends inclusive. */
  expiry: { opens: string; closes: string; title: string };
  /** The window the job is dated by (the round's registration), for the reminder's text. */
  window: { opens: string | null; closes: string | null; title: string };
  today: string;
}

const KIND_LABELS: Record<string, string> = { EXAMINER: '考评员', SENIOR_EXAMINER: '高级考评员', SPECIAL_EXAMINER: '专项职业能力考核考评员', SUPERVISOR: '质量督导员' };

/** Cards of the kinds that expire in the range and still count (issued or collected), in the package's province. */
function cardsInRound(ctx: CardJobContext) {
  const province = ctx.job.regionCode.slice(0, 2);
  return ctx.knex('cards as c')
    .whereIn('c.kind', ctx.cardKinds)
    .whereIn('c.status', ['ISSUED', 'COLLECTED'])
    .whereBetween('c.valid_to', [ctx.expiry.opens, ctx.expiry.closes])
    .andWhere('c.valid_region_code', 'like', `${province}%`);
}

/**
 * SC24-16 「未按规定参加复核换证的…证卡自动作废」: after the round's registration has closed, each card
 * of the round that has expired and whose holder submitted no renewal under this package is void.
 * A card that expires later (a May card may also renew in July, AMB-67) waits for the later round's
 * job, so a card is voided at the later of its expiry and the last round covering it (AMB-73).
 * Idempotent: a voided card is left as it is, the audit entry is written once per card.
 */
export async function voidUnrenewedCards(ctx: CardJobContext): Promise<Record<string, unknown>> {
  const applied = ctx
    .knex('applications as a')
    .join('package_versions as v', 'v.hash', 'a.package_hash')
    .where('v.package_id', ctx.job.packageId)
    .whereNotIn('a.status', ['DRAFT', 'WITHDRAWN'])
    .whereRaw('a.applicant_id_number = c.person_id_number')
    .select(ctx.knex.raw('1'));
  const due = (await cardsInRound(ctx).andWhere('c.valid_to', '<', ctx.today).whereNotExists(applied).orderBy('c.valid_to').select('c.number', 'c.kind', 'c.valid_to')) as Array<{ number: string; kind: string; valid_to: string }>;
  const reason = `${ctx.expiry.title}届满,未按规定参加复核换证,证卡自动作废(${ctx.job.clause})`;
  for (const card of due) {
    await ctx.registry.cancelCard(card.number, reason, 'VOID');
    await ctx.audit.append({
      actorRole: 'system',
      action: 'card.voided',
      entityType: 'card',
      entityId: card.number,
      regionCode: ctx.job.regionCode,
      detail: { job: ctx.job.key, clause: ctx.job.clause, reason, validTo: card.valid_to },
      idempotencyKey: `${ctx.job.key}:${card.number}`,
    });
  }
  const waiting = Number(((await cardsInRound(ctx).andWhere('c.valid_to', '>=', ctx.today).count({ n: '*' })) as Array<{ n: number | string }>)[0]?.n ?? 0);
  return { voided: due.map((c) => c.number), count: due.length, notYetExpired: waiting };
}

/**
 * SC24-08 「于证卡到期前1个月登录考生报名系统」 read as a reminder (not a gate): a month before the
 * round, each holder of a card that expires in it is told when to apply. Once per card.
 */
export async function remindRenewal(ctx: CardJobContext): Promise<Record<string, unknown>> {
  const cards = (await cardsInRound(ctx).orderBy('c.valid_to').select('c.number', 'c.kind', 'c.valid_to', 'c.person_id_number')) as Array<{ number: string; kind: string; valid_to: string; person_id_number: string }>;
  for (const card of cards) {
    const span = ctx.window.opens && ctx.window.closes ? `${ctx.window.opens}至${ctx.window.closes}` : ctx.window.opens ? `${ctx.window.opens}起` : '按换证计划';
    await ctx
      .knex('notifications')
      .insert({
        person_key: card.person_id_number,
        title: '证卡复核换证提醒',
        body: `您的${KIND_LABELS[card.kind] ?? ''}证卡 ${card.number} 有效期至 ${card.valid_to},属于${ctx.expiry.title}。请于${span}(${ctx.window.title})登录报名系统申请复核换证;未按规定参加复核换证的,证卡自动作废(${ctx.job.clause}、SC24-16)。`,
        clause: ctx.job.clause,
        source: ctx.job.key,
        idempotency_key: `${ctx.job.key}:${card.number}`,
        created_at: ctx.nowIso(),
      })
      .onConflict('idempotency_key')
      .ignore();
  }
  return { reminded: cards.length, cards: cards.map((c) => c.number) };
}
