import { Type } from '@sinclair/typebox';
import type { NotificationService } from '../../services/notifications/NotificationService.ts';
import { route, type RouteDef } from '../route.ts';

const NotificationSchema = Type.Object({
  id: Type.Integer(),
  title: Type.String(),
  body: Type.String({ description: '中文提醒内容' }),
  clause: Type.Union([Type.String(), Type.Null()]),
  createdAt: Type.String(),
  readAt: Type.Union([Type.String(), Type.Null()]),
});

export function notificationRoutes(notifications: NotificationService): RouteDef[] {
  return [
    route({
      method: 'get',
      path: '/api/me/notifications',
      summary: '本人的提醒(如证卡复核换证提醒),最新在前',
      tags: ['账号'],
      responses: { 200: { description: '提醒', schema: Type.Array(NotificationSchema) } },
      handler: async ({ actor }) => ({ body: await notifications.listOwn(actor) }),
    }),
  ];
}
