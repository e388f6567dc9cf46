import { Type } from '@sinclair/typebox';
import type { CalendarService } from '../../services/calendar/CalendarService.ts';
import type { ScheduleService } from '../../services/schedules/ScheduleService.ts';
import { route, type RouteDef } from '../route.ts';
import { CalendarOverrideSchema, CalendarOverridesSchema, PackageScheduleViewSchema } from '../responseSchemas.ts';

const DateString = Type.String({ pattern: '^\\d{4}-\\d{2}-\\d{2}$', description: 'YYYY-MM-DD' });
const Region = Type.String({ pattern: '^\\d{6}$', description: '行政区划代码:省级调整适用于其下各市(州),市(州)调整只适用于本地;不填为全国日历' });

const DaySchema = Type.Object({
  date: Type.String(),
  working: Type.Boolean(),
  source: Type.String({ description: 'weekday | weekend | holiday | makeUpWorkday | override' }),
  name: Type.Optional(Type.String()),
  provisional: Type.Boolean({ description: '该年度节假日安排尚未公布,结果为暂定' }),
});
const DeadlineSchema = Type.Object({ date: Type.String(), provisional: Type.Boolean(), convention: Type.String(), calendarVersion: Type.String() });

export function calendarRoutes(calendar: CalendarService, schedules: ScheduleService): RouteDef[] {
  return [
    route({
      method: 'get',
      path: '/api/calendar/days',
      summary: '工作日历:每日是否为工作日及依据(法定节假日、调休上班、管理员调整),未公布年度标注暂定',
      tags: ['日历'],
      auth: 'public',
      query: Type.Object({ from: DateString, to: DateString, region: Type.Optional(Region) }),
      responses: { 200: { description: '逐日信息(一次最多366天)', schema: Type.Array(DaySchema) } },
      handler: async ({ query }) => ({ body: calendar.days(query.from, query.to, query.region) }),
    }),
    route({
      method: 'get',
      path: '/api/calendar/deadline',
      summary: '按计算规则(C1–C4)计算期限',
      tags: ['日历'],
      auth: 'public',
      query: Type.Object({
        anchor: DateString,
        amount: Type.Integer({ minimum: -1200, maximum: 1200 }),
        unit: Type.Union([Type.Literal('WD'), Type.Literal('DAY'), Type.Literal('MONTH'), Type.Literal('YEAR')]),
        counting: Type.Union([Type.Literal('C1'), Type.Literal('C2'), Type.Literal('C3'), Type.Literal('C4')]),
        region: Type.Optional(Region),
        extendIfLastDayIsRestDay: Type.Optional(Type.Union([Type.Literal('true'), Type.Literal('false')], { description: '期限最后一日为休息日的,顺延至休息日结束的次日(《民法典》第203条)' })),
      }),
      responses: { 200: { description: '期限', schema: DeadlineSchema } },
      handler: async ({ query }) => {
        const { region, extendIfLastDayIsRestDay, ...req } = query;
        return { body: calendar.deadline({ ...req, ...(extendIfLastDayIsRestDay === 'true' ? { extendIfLastDayIsRestDay: true } : {}) } as never, region) };
      },
    }),
    route({
      method: 'get',
      path: '/api/admin/calendar',
      summary: '日历调整与已录入完整安排的年度',
      tags: ['日历'],
      roles: ['admin', 'policy_editor'],
      query: Type.Object({ year: Type.Optional(Type.Integer({ minimum: 2000, maximum: 2100 })) }),
      responses: { 200: { description: '调整列表', schema: CalendarOverridesSchema } },
      handler: async ({ actor, query }) => ({ body: await calendar.listOverrides(actor, query.year) }),
    }),
    route({
      method: 'put',
      path: '/api/admin/calendar/overrides/:date',
      summary: '设置本地区某日为工作日或休息日(如尚未收录的年度安排、民族自治地方节日);默认为管理员所在地区',
      tags: ['日历'],
      roles: ['admin'],
      params: Type.Object({ date: DateString }),
      body: Type.Object({ working: Type.Boolean(), note: Type.Optional(Type.String({ maxLength: 255 })), region: Type.Optional(Region) }, { additionalProperties: false }),
      responses: { 200: { description: '已设置', schema: CalendarOverrideSchema } },
      handler: async ({ actor, params, body }) => ({ body: await calendar.setOverride(actor, { date: params.date, working: body.working, note: body.note, regionCode: body.region }) }),
    }),
    route({
      method: 'delete',
      path: '/api/admin/calendar/overrides/:date',
      summary: '删除某日的调整',
      tags: ['日历'],
      roles: ['admin'],
      params: Type.Object({ date: DateString }),
      query: Type.Object({ region: Type.Optional(Region) }),
      responses: { 204: { description: '已删除' } },
      handler: async ({ actor, params, query }) => {
        await calendar.removeOverride(actor, params.date, query.region);
        return { status: 204 };
      },
    }),
    route({
      method: 'put',
      path: '/api/admin/calendar/published-years/:year',
      summary: '声明某年度节假日安排已完整录入(该年结果不再为暂定),或撤销声明',
      tags: ['日历'],
      roles: ['admin'],
      params: Type.Object({ year: Type.Integer({ minimum: 2000, maximum: 2100 }) }),
      body: Type.Object({ published: Type.Boolean(), note: Type.Optional(Type.String({ maxLength: 255 })), region: Type.Optional(Region) }, { additionalProperties: false }),
      responses: { 204: { description: '已保存' } },
      handler: async ({ actor, params, body }) => {
        await calendar.setPublishedYear(actor, params.year, body.published, body.note, body.region);
        return { status: 204 };
      },
    }),
    route({
      method: 'get',
      path: '/api/packages/:hash/schedule',
      summary: '政策包日程:各时间窗口的起止日期(按工作日历计算)及在某日的状态',
      tags: ['政策包'],
      auth: 'public',
      params: Type.Object({ hash: Type.String({ pattern: '^[0-9a-f]{64}$' }) }),
      query: Type.Object({ on: Type.Optional(DateString) }),
      responses: { 200: { description: '时间窗口', schema: PackageScheduleViewSchema } },
      handler: async ({ params, query }) => ({ body: await schedules.windows(params.hash, query.on) }),
    }),
  ];
}
