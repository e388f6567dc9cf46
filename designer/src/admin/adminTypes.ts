import type { paths } from '../api/schema';

// Named shapes of the admin endpoints' bodies, taken from the generated OpenAPI types.
type Ok<P extends keyof paths, M extends 'get' | 'put'> = paths[P][M] extends { responses: { 200: { content: { 'application/json': infer T } } } } ? T : never;

export type IncidentRow = Ok<'/api/incidents', 'get'>[number];
export type IncidentDetail = Ok<'/api/incidents/{key}', 'get'>;
export type CalendarDay = Ok<'/api/calendar/days', 'get'>[number];
export type CalendarOverrides = Ok<'/api/admin/calendar', 'get'>;
export type CalendarOverride = CalendarOverrides['overrides'][number];
export type ScheduledJob = Ok<'/api/scheduled-jobs', 'get'>[number];
export type Plan = Ok<'/api/packages/{hash}/plans', 'get'>[number];
export type AuditPage = Ok<'/api/audit', 'get'>;
export type AuditEntry = AuditPage['items'][number];
export type AuditVerification = Ok<'/api/audit/verification', 'get'>;
export type PackageVersion = Ok<'/api/packages', 'get'>[number];
export type StaffAccount = Ok<'/api/admin/accounts', 'get'>[number];
export type Organisation = Ok<'/api/organisations', 'get'>[number];
